"""The article's own sales (time_series.csv from jbagnato/machine-learning), shipped inside the package."""

from __future__ import annotations

from pathlib import Path

from aprende.datasets.registry import get

# 604 daily rows, 2017-01-02 to 2018-11-30; the same bytes `aprende data get ventas-articulo` checks (sha256)
ARTICLE_CSV = Path(__file__).resolve().parent / "data" / "time_series.csv"


def article_csv() -> Path:
    """The cached download when there is one, else the copy that ships in the package (no network either way)."""
    folder = get("ventas-articulo").cached()
    return folder / "time_series.csv" if folder is not None else ARTICLE_CSV
