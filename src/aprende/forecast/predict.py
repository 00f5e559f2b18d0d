"""`aprende forecast predict` and `evaluate`: use a trained run on its own history or on a newer CSV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core.checkpoint import load_into
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text, existing_run_dir, read_json, read_yaml
from aprende.forecast.data import read_sales_csv, require_length
from aprende.forecast.evaluate import HORIZON, N_ORIGINS, Backtest, backtest
from aprende.forecast.features import Scaler, future_dates, to_steps
from aprende.forecast.forecasters import BASELINES, WIDTH, StepFn, model_step, recursive
from aprende.forecast.model import SalesNet


@dataclass
class ForecastTable:
    """forecast.csv's content and where it and its plot were written."""

    frame: pd.DataFrame  # date, forecast, lower, upper, open
    model: str
    csv: Path
    plot: Path


def load_stepper(run_dir: Path, kind: str) -> tuple[StepFn, dict]:
    """Rebuild one trained network of a run from model.json and its best weights."""
    folder = run_dir / kind
    if not (folder / "model.json").is_file():
        raise AprendeError("forecast.no_model", run=str(run_dir), name=kind)
    cfg = read_json(folder / "model.json")
    model = SalesNet(kind, cfg["n_lags"], cfg["hidden"], cfg["layers"], cfg["dropout"], cfg["activation"])
    load_into(model, folder / "weights" / "best.safetensors")
    return model_step(model, Scaler(**cfg["scaler"]), cfg["n_lags"]), cfg


def _history(run_dir: Path, csv):
    return read_sales_csv(csv) if csv is not None else read_sales_csv(run_dir / "data.csv")


def predict(run: str | Path, horizon: int = 14, csv: str | Path | None = None, model: str | None = None,
            out: str | Path | None = None) -> ForecastTable:
    """Forecast `horizon` steps after the history, recursively, with a band from the backtest residuals."""
    run_dir = existing_run_dir(run, "forecast")
    summary = read_json(run_dir / "summary.json")
    kind = model or summary["best"]
    if kind not in summary["residual_quantiles"]:
        raise AprendeError("forecast.no_model", run=str(run_dir), name=kind)
    if not 1 <= horizon <= 366:
        raise AprendeError("forecast.bad_horizon", n=horizon)
    settings = read_yaml(run_dir / "config.yaml")["settings"]
    step, cfg = load_stepper(run_dir, kind) if kind not in BASELINES else (BASELINES[kind], settings)
    steps = to_steps(_history(run_dir, csv), settings["calendar"])
    width = max(WIDTH, settings["n_lags"])
    require_length(steps, width, "predict")
    dates, opens = future_dates(steps, horizon)
    pred = recursive(step, steps.values[None, -width:], steps.open[None, -width:], [dates], opens[None])[0]
    lo, hi = summary["residual_quantiles"][kind]
    widen = np.sqrt(np.maximum(1.0, (np.arange(horizon) + 1) / summary["horizon"]))  # beyond the backtest horizon
    lower = np.where(opens, np.maximum(pred + lo * widen, 0.0), 0.0)
    upper = np.where(opens, pred + hi * widen, 0.0)
    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "forecast": pred.round(2), "lower": lower.round(2),
                          "upper": upper.round(2), "open": opens})
    folder = Path(out) if out is not None else run_dir
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / "forecast.csv", frame.to_csv(index=False))
    from aprende.forecast.plots import plot_forecast

    hist_dates = steps.dates[steps.open]
    plot_forecast(hist_dates, steps.values[steps.open], dates, pred, lower, upper, opens, folder / "forecast.png",
                  summary["level"])
    return ForecastTable(frame, kind, folder / "forecast.csv", folder / "forecast.png")


def evaluate(run: str | Path, csv: str | Path | None = None) -> Backtest:
    """The rolling-origin backtest of a run's networks and the baselines, on the run's data or a given CSV."""
    run_dir = existing_run_dir(run, "forecast")
    settings = read_yaml(run_dir / "config.yaml")["settings"]
    steps = to_steps(_history(run_dir, csv), settings["calendar"])
    width = max(WIDTH, settings["n_lags"])
    require_length(steps, width + HORIZON * N_ORIGINS, "evaluate")
    steppers = {kind: load_stepper(run_dir, kind)[0] for kind in settings["models"]}
    steppers.update(BASELINES)
    return backtest(steps, steppers, width=width)
