"""Honest evaluation: the rolling-origin backtest (horizon 7, an origin every 7 days over the last 12 weeks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.forecast.data import require_length
from aprende.forecast.features import Steps
from aprende.forecast.forecasters import BASELINES, WIDTH, StepFn, recursive
from aprende.forecast.run import load_forecaster

HORIZON, N_ORIGINS = 7, 12


def mase_scale(steps: Steps, end: int) -> float:
    """In-sample MAE of the seasonal-naive-7 forecast on steps[:end] (pairs where both days are open)."""
    v, o = steps.values[:end], steps.open[:end]
    both = o[7:] & o[:-7]
    err = np.abs(v[7:] - v[:-7])[both]
    return float(err.mean()) if len(err) and err.mean() > 0 else 1.0


def metrics(y: np.ndarray, yhat: np.ndarray, scale: float) -> dict[str, float]:
    """MAE, RMSE, sMAPE (%) and MASE, over the open days only."""
    err = y - yhat
    denom = np.abs(y) + np.abs(yhat)
    smape = np.where(denom > 0, 2 * np.abs(err) / np.where(denom > 0, denom, 1), 0.0)
    mae = float(np.mean(np.abs(err)))
    return {"mae": mae, "rmse": float(np.sqrt(np.mean(err**2))), "smape": float(100 * smape.mean()),
            "mase": mae / scale}


@dataclass
class Backtest:
    """Forecasts of every model at every origin, the actual values, and the metrics."""

    origins: np.ndarray  # (K,) step index of each origin's first forecast day
    actual: np.ndarray  # (K, H) units
    open: np.ndarray  # (K, H) bool
    dates: list  # K DatetimeIndexes
    forecasts: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (K, H)
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)

    def residuals(self, name: str) -> np.ndarray:
        return (self.actual - self.forecasts[name])[self.open]


def origins_for(steps: Steps, horizon: int = HORIZON, n_origins: int = N_ORIGINS) -> np.ndarray:
    return len(steps) - horizon * np.arange(n_origins, 0, -1)


def backtest(steps: Steps, forecasters: dict[str, StepFn], horizon: int = HORIZON,
             n_origins: int = N_ORIGINS, width: int = WIDTH) -> Backtest:
    """Each forecast uses data up to its origin only; the opening days of the window are known (a shop's plan)."""
    origins = origins_for(steps, horizon, n_origins)
    hist = origins[:, None] + np.arange(-width, 0)[None, :]  # (K, W)
    fut = origins[:, None] + np.arange(horizon)[None, :]  # (K, H)
    bt = Backtest(origins, steps.values[fut], steps.open[fut], [steps.dates[f] for f in fut])
    scale = mase_scale(steps, int(origins[0]))
    for name, step in forecasters.items():
        pred = recursive(step, steps.values[hist], steps.open[hist], bt.dates, bt.open)
        bt.forecasts[name] = pred
        bt.metrics[name] = metrics(bt.actual[bt.open], pred[bt.open], scale)
    return bt


def comparison_frame(results: dict[str, dict[str, float]]) -> pd.DataFrame:
    """One row per model, sorted by MASE."""
    df = pd.DataFrame(results).T
    cols = [c for c in ("mae", "rmse", "smape", "mase", "seconds") if c in df.columns]
    return df[cols].sort_values("mase")


def evaluate(run: str | Path, csv: str | Path | None = None) -> Backtest:
    """`aprende forecast evaluate`: the backtest of a run's networks and the baselines, on its data or a given CSV."""
    forecaster = load_forecaster(run)
    steps = forecaster.steps(csv)
    require_length(steps, forecaster.width + HORIZON * N_ORIGINS, "evaluate")
    steppers = {kind: forecaster.stepper(kind) for kind in forecaster.models}
    return backtest(steps, {**steppers, **BASELINES}, width=forecaster.width)
