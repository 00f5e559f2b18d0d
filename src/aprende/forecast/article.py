"""`aprende forecast article`: the article's own protocol on its own data, our fixed models beside its numbers.

Protocol (ORIGINALS.md §3): rows as consecutive steps, 7 lags, the first 567 samples train and the last 30
validate one step ahead, MAE loss, Adam, 40 epochs. Fixed here: the scaler sees the training part only, model 3 gets
the lags and the calendar of the day it forecasts, and no validation row is trained on.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import torch

from aprende.core.console import quietly
from aprende.core.errors import AprendeError
from aprende.datasets.article import article_csv
from aprende.forecast.data import read_sales_csv, require_length
from aprende.forecast.features import to_steps
from aprende.forecast.forecasters import BASELINES
from aprende.forecast.model import MODELS
from aprende.forecast.train import ForecastSettings, default_train_config, fit_model, supervised

N_LAGS, N_TRAIN, N_VAL = 7, 567, 30
# the article's MAE per model: a number where it printed one, its text where it read it off a plot or is not comparable
ARTICLE_MAE = {"mlp": "≈38", "calendar": "≈38", "embeddings": "— (*)", "mean7": 47.2, "seasonal_naive": 64.3,
               "naive": 76.0}


def _article_series(csv):
    if csv is not None:
        return read_sales_csv(csv)
    path = article_csv()  # the cached download, else the package's own copy
    if not path.is_file():  # an install that left out the package data
        raise AprendeError("forecast.article_data")
    return read_sales_csv(path)


def reproduce(csv: str | Path | None = None, seed: int = 0, quiet: bool = False) -> dict[str, dict[str, float]]:
    """MAE in units on the article's 30 validation days for its three models (article size and ours) and baselines;
    quiet: no progress bars, as --quiet."""
    steps = to_steps(_article_series(csv), "observed")
    require_length(steps, N_LAGS + N_TRAIN + N_VAL, "article")
    steps.values, steps.open, steps.dates = (steps.values[-(N_LAGS + N_TRAIN + N_VAL):],
                                             steps.open[-(N_LAGS + N_TRAIN + N_VAL):],
                                             steps.dates[-(N_LAGS + N_TRAIN + N_VAL):])
    end_train = N_LAGS + N_TRAIN
    targets = np.arange(end_train, end_train + N_VAL)
    y = steps.values[targets]
    results: dict[str, dict[str, float]] = {}
    # No early stopping on the 30 validation days (that would select on the test): fixed epochs, best train loss.
    sizes = {"": dict(hidden=7, epochs=40, lr=1e-3), "+": dict(hidden=32, epochs=150, lr=3e-3)}
    with quietly(quiet), tempfile.TemporaryDirectory() as tmp:
        for suffix, size in sizes.items():
            for kind in MODELS:
                s = ForecastSettings(models=[kind], n_lags=N_LAGS, hidden=size["hidden"], calendar="observed",
                                     val_steps=N_VAL, holdout=0)
                cfg = default_train_config(epochs=size["epochs"], lr=size["lr"], seed=seed,
                                           monitor="train_loss")
                cfg.patience = None
                model, scaler, secs = fit_model(kind, steps, s, cfg, Path(tmp) / (kind + suffix), resume=False)
                val = supervised(steps, scaler, N_LAGS, end_train, end_train + N_VAL)
                with torch.no_grad():
                    pred = scaler.inverse(model.float()(*val.tensors[:4]).numpy().astype(np.float64))
                results[kind + suffix] = {"mae": float(np.abs(pred - y).mean()), "seconds": round(secs, 2)}
    hist = targets[:, None] + np.arange(-28, 0)[None, :]
    for name, step in BASELINES.items():
        pred = step(steps.values[hist], steps.open[hist], steps.dates[targets])
        results[name] = {"mae": float(np.abs(pred - y).mean())}
    return results
