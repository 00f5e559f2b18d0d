"""What every figure script here shares: the output folder, the resolution, and saving one figure per language."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DPI = 110


def label(table: dict, key: str, lang: str):
    """table: label -> (es, en)."""
    return table[key][0 if lang == "es" else 1]


def save(fig, folder: str, name: str, lang: str) -> Path:
    """NAME.png with Spanish labels, NAME.en.png with English ones."""
    out = HERE / folder / (f"{name}.png" if lang == "es" else f"{name}.en.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    print(f"{out.relative_to(ROOT)}  {out.stat().st_size / 1024:.0f} KB")
    return out
