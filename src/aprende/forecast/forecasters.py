"""One-step forecasters (networks and baselines) and the recursive loop that turns them into multi-day forecasts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import torch

from aprende.forecast.features import Scaler, calendar_features, fill_closed, level_out, take_level
from aprende.forecast.frequency import SEASON

# step(values (n, W) units, open (n, W) bool, dates (n,)) -> (n,) units for the next step
StepFn = Callable[[np.ndarray, np.ndarray, pd.DatetimeIndex], np.ndarray]
WIDTH = 28  # history each step function may look at (>= every model's lags and 14 for the baselines)


def _last_open(values: np.ndarray, is_open: np.ndarray, k: int) -> np.ndarray:
    """(n, k) the last k open values of each window (right-aligned; fewer are padded with the earliest found)."""
    out = np.empty((len(values), k))
    for r in range(len(values)):
        v = values[r][is_open[r]]
        v = v[-k:] if len(v) else np.zeros(1)
        out[r] = np.concatenate([np.full(k - len(v), v[0]), v])
    return out


def naive(values, is_open, dates):
    """Tomorrow sells what the last open day sold."""
    return _last_open(values, is_open, 1)[:, 0]


def seasonal_naive(values, is_open, dates, season: int = 7):
    """Same weekday last week (7 steps back; weekly data: the same week last year, 52; monthly: 12); if that step
    was closed, two seasons back (when the history reaches), else the last open step."""
    fallback = naive(values, is_open, dates)
    if values.shape[1] >= 2 * season:
        fallback = np.where(is_open[:, -2 * season], values[:, -2 * season], fallback)
    return np.where(is_open[:, -season], values[:, -season], fallback)


def mean7(values, is_open, dates):
    """Mean of the last 7 open days (the article's best baseline)."""
    return _last_open(values, is_open, 7).mean(axis=1)


BASELINES: dict[str, StepFn] = {"naive": naive, "seasonal_naive": seasonal_naive, "mean7": mean7}


def baselines(freq: str = "D") -> dict[str, StepFn]:
    """The naive rules for a frequency: the seasonal naive reaches back one season (7 days, 52 weeks, 12 months)."""
    if freq == "D":
        return dict(BASELINES)
    season = SEASON[freq]
    return {"naive": naive, "seasonal_naive": lambda v, o, d: seasonal_naive(v, o, d, season), "mean7": mean7}


def model_step(model: torch.nn.Module, scaler: Scaler, n_lags: int, center: bool = False, freq: str = "D",
               country: str = "ES", window: bool = False, known: Callable | None = None) -> StepFn:
    """Wrap a trained SalesNet as a step function (eval mode, no gradients, float32 on the CPU); `center` and
    `window` take the recent level off the lags as in training; `known(dates)` gives the step's known values."""
    model = model.float().eval().cpu()

    def step(values, is_open, dates):
        cal = calendar_features(dates, freq, country)
        lags = scaler.transform(fill_closed(values, is_open)[:, -n_lags:])  # (n, L) as in training
        lags, level = take_level(torch.as_tensor(lags, dtype=torch.float32), center, window)
        with torch.no_grad():
            y = level_out(model(lags, torch.as_tensor(cal["weekday"]), torch.as_tensor(cal["month"]),
                                torch.as_tensor(cal["holiday"]),
                                known=None if known is None else torch.as_tensor(known(dates), dtype=torch.float32)),
                          level, window)
        return scaler.inverse(y.numpy().astype(np.float64))

    return step


def recursive(step: StepFn, values: np.ndarray, is_open: np.ndarray, dates: list[pd.DatetimeIndex],
              opens: np.ndarray) -> np.ndarray:
    """Forecast n paths at once: each predicted day becomes history for the next; closed days are 0.
    values/is_open (n, W) histories; dates: n indexes of H future dates, or an (n, H) datetime64 array; opens (n, H)
    bool -> (n, H) units."""
    values, is_open = values.astype(np.float64).copy(), is_open.copy()
    n, horizon = opens.shape
    out = np.zeros((n, horizon))
    for h in range(horizon):
        day = pd.DatetimeIndex(dates[:, h] if isinstance(dates, np.ndarray) else [d[h] for d in dates])
        pred = np.where(opens[:, h], step(values, is_open, day), 0.0)
        out[:, h] = pred
        values = np.concatenate([values[:, 1:], pred[:, None]], axis=1)
        is_open = np.concatenate([is_open[:, 1:], opens[:, h : h + 1]], axis=1)
    return out
