"""Plots every lab shares: training curves; matplotlib without a screen."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import scale as mscale  # noqa: E402
from matplotlib.ticker import MaxNLocator, ScalarFormatter  # noqa: E402

from aprende.core.i18n import t  # noqa: E402
from aprende.core.lang import get_lang  # noqa: E402
from aprende.core.runs import atomic_write_bytes  # noqa: E402


class DecimalComma(ScalarFormatter):
    """Tick labels as the reader's language writes them: `0,25` in Spanish, `0.25` in English (read at draw time)."""

    def __call__(self, x, pos=None):
        text = super().__call__(x, pos)
        return text.replace(".", ",") if get_lang() == "es" else text

    def get_offset(self):
        text = super().get_offset()
        return text.replace(".", ",") if get_lang() == "es" else text


class _LinearScale(mscale.LinearScale):
    """matplotlib's linear axis with DecimalComma ticks, so every figure (saved or inline) writes numbers one way."""

    def set_default_locators_and_formatters(self, axis):
        super().set_default_locators_and_formatters(axis)
        axis.set_major_formatter(DecimalComma())


with warnings.catch_warnings():  # matplotlib 3.11 warns of LinearScale's own `axis` argument, which this inherits
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    mscale.register_scale(_LinearScale)  # replaces "linear": each new axis of this process gets the formatter


def series_label(key: str) -> str:
    """A results.csv column as a legend says it (`val_loss` -> «pérdida de validación»); unknown ones as they are."""
    label = t(f"plot.series.{key}")
    return key if label == f"plot.series.{key}" else label


def drawable(text: str) -> str:
    """A name read with surrogateescape (a Latin-1 folder name) as matplotlib can draw it: bad bytes as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def save_figure(fig, path: Path, dpi: int = 110) -> None:
    """Save a figure atomically and close it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    atomic_write_bytes(Path(path), buf.getvalue())


def plot_results(rows: list[dict], path: Path, monitor: str | None = None) -> None:
    """results.png: losses on the left, the other validation metrics on the right, per epoch."""
    if not rows:
        return
    epochs = [r["epoch"] for r in rows]
    losses = [k for k in rows[-1] if k.endswith("loss")]
    others = [k for k in rows[-1] if k not in losses and k not in ("epoch", "lr", "seconds")]
    fig, axes = plt.subplots(1, 2 if others else 1, figsize=(10 if others else 5.5, 3.6), squeeze=False)
    ax = axes[0][0]
    for k in losses:
        ax.plot(epochs, [r.get(k) for r in rows], marker="." if len(rows) < 30 else None, label=series_label(k))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole: no 1,5
    ax.set_xlabel(t("plot.epoch"))
    ax.set_title(t("plot.loss"))
    ax.legend()
    ax.grid(alpha=0.3)
    if others:
        ax = axes[0][1]
        for k in others:
            ax.plot(epochs, [r.get(k) for r in rows], label=series_label(k) + (" *" if k == monitor else ""))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(t("plot.epoch"))
        ax.set_title(t("plot.metrics"))
        ax.legend()
        ax.grid(alpha=0.3)
    save_figure(fig, path)
