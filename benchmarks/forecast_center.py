"""Our three networks with and without `--center` (lags and target less the last week's mean) on every set of the
forecasting benchmark, one series and many: the ratio of each network's MAE (pooled over the series) to the seasonal
naive's, and its mean MASE, averaged over the seeds. Imported by benchmarks/forecast.py (`--center`)."""

from __future__ import annotations

import tempfile

import numpy as np

from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.model import MODELS
from aprende.forecast.panel import SalesPanel


def scores(data, center: bool, seed: int) -> dict:
    """{network: (ratio to seasonal naive, MASE)} of one fit, one series or many."""
    many = isinstance(data, SalesPanel)
    with tempfile.TemporaryDirectory() as tmp:
        res = train_forecaster(data, settings=ForecastSettings(center=center),
                               cfg=default_train_config(panel=many, seed=seed, quiet=True), project=tmp)
    base = res.metrics["seasonal_naive"]["mae"]
    return {k: (res.metrics[k]["mae"] / base, res.metrics[k]["mase"]) for k in MODELS}


def center_tables(singles: dict, panels: dict, seeds: int) -> str:
    lines = [f"Mean of {seeds} seeds (0–{seeds - 1}); each network fitted once before the first origin.", "",
             "| data | network | ratio, default | ratio, `--center` | mean MASE, default | mean MASE, `--center` |",
             "|---|---|---:|---:|---:|---:|"]
    for title, data in {**singles, **panels}.items():
        runs = {c: [scores(data, c, seed) for seed in range(seeds)] for c in (False, True)}
        for k in MODELS:
            r = {c: np.mean([x[k][0] for x in runs[c]]) for c in runs}
            m = {c: np.mean([x[k][1] for x in runs[c]]) for c in runs}
            lines.append(f"| {title} | {k} | {r[False]:.3f} | {r[True]:.3f} | {m[False]:.3f} | {m[True]:.3f} |")
        print(lines[-1], flush=True)
    return "\n".join(lines)
