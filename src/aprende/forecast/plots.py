"""The forecasting lab's pictures: backtest against reality, and the forecast with its band."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.core.plots import save_figure

COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]


def _save_dated(fig, ax, title: str, path: Path) -> None:
    """A sales chart's finish: its title, units on y, legend, light grid, slanted dates, then the file."""
    ax.set_title(title)
    ax.set_ylabel(t("plot.units"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    save_figure(fig, path)


def plot_backtest(bt, names: list[str], path: Path) -> None:
    """The last 12 weeks: actual sales (black) and each model's 7-day forecasts from every origin (bt: a Backtest)."""
    fig, ax = plt.subplots(figsize=(11, 4))
    for k, dates in enumerate(bt.dates):
        m = bt.open[k]
        ax.plot(dates[m], bt.actual[k][m], "k.-", lw=1, label=t("plot.actual") if k == 0 else None)
        for c, name in zip(COLORS, names):
            ax.plot(dates[m], bt.forecasts[name][k][m], color=c, lw=1.3, alpha=0.85,
                    label=f"{name} (MASE {fmt(bt.metrics[name]['mase'], 2)})" if k == 0 else None)
    _save_dated(fig, ax, t("forecast.plot.backtest"), path)


def plot_forecast(hist_dates, hist_values, dates, forecast, lower, upper, is_open, path: Path, level: float) -> None:
    """History (last 16 weeks), the forecast and its prediction band."""
    fig, ax = plt.subplots(figsize=(11, 4))
    ax.plot(hist_dates[-112:], hist_values[-112:], "k-", lw=1, label=t("plot.history"))
    m = np.asarray(is_open)
    ax.plot(dates[m], forecast[m], "o-", color="tab:blue", ms=3, label=t("plot.forecast"))
    ax.fill_between(dates[m], lower[m], upper[m], color="tab:blue", alpha=0.2,
                    label=t("plot.band", level=int(round(level * 100))))
    _save_dated(fig, ax, t("forecast.plot.forecast"), path)


def plot_multiples(history: dict, frame, id_col: str, order: list[str], left_out: int, path: Path,
                   level: float) -> None:
    """Small multiples: one panel per series (the best sellers first), its recent history, forecast and band.
    history: id -> (dates, values) of its open days; frame: the long forecast."""
    n = len(order)
    cols = min(4, n)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.3 * rows), squeeze=False)
    for ax, sid in zip(axes.flat, order):
        d, v = history[sid]
        ax.plot(d[-56:], v[-56:], "k-", lw=0.8)
        f = frame[(frame[id_col] == sid) & frame["open"]]
        dates = np.asarray(f["date"], dtype="datetime64[D]")
        ax.plot(dates, f["forecast"], "-", color="tab:blue", lw=1.2)
        ax.fill_between(dates, f["lower"], f["upper"], color="tab:blue", alpha=0.2)
        ax.set_title(str(sid), fontsize=8)
        ax.tick_params(labelsize=6)
        ax.tick_params(axis="x", labelrotation=45)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    title = t("forecast.plot.multiples", shown=n)
    if left_out:
        title += " · " + t("forecast.plot.left_out", n=left_out)
    fig.suptitle(title + " · " + t("plot.band", level=int(round(level * 100))), fontsize=10)
    fig.tight_layout()
    save_figure(fig, path)


def plot_embeddings(vectors: np.ndarray, ids: list[str], volume: np.ndarray, groups: list[str] | None,
                    path: Path) -> None:
    """The learned id embeddings projected to 2-D (PCA), coloured by a static column (e.g. category): series that
    sell alike sit together. The best sellers are labelled."""
    xy = project_2d(vectors)
    fig, ax = plt.subplots(figsize=(7, 5.5))
    labels = np.asarray(groups if groups is not None else [""] * len(ids))
    for c, g in enumerate(sorted(set(labels.tolist()))):
        m = labels == g
        ax.scatter(xy[m, 0], xy[m, 1], s=14, alpha=0.75, color=plt.cm.tab10(c % 10), label=g or None)
    for i in np.argsort(-volume)[:8]:
        ax.annotate(str(ids[i]), xy[i], fontsize=6, alpha=0.8)
    ax.set_title(t("forecast.plot.embeddings"), fontsize=10)
    ax.set_xlabel("PC1")
    ax.set_ylabel("PC2")
    if groups is not None:
        ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    save_figure(fig, path)


def project_2d(vectors: np.ndarray) -> np.ndarray:
    """PCA to two dimensions (by SVD): the plane along which the embeddings vary most. Each axis points to its
    farthest point, so two runs that learnt the same map draw it the same way round."""
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    out = centred @ vt[:2].T  # (n, ≤2)
    out *= np.where(out[np.abs(out).argmax(axis=0), np.arange(out.shape[1])] < 0, -1.0, 1.0)
    return out if out.shape[1] == 2 else np.column_stack([out, np.zeros(len(out))])
