"""The one loader of the forecasting lab: a run folder becomes a `Forecaster`. The CLI, the server, the tour and the
notebooks forecast (and backtest) through it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core.errors import AprendeError
from aprende.core.lifecycle import load_model, model_folder
from aprende.core.runs import atomic_write_text, fresh_run, new_run_dir, read_json, read_yaml
from aprende.forecast.data import read_sales_csv, require_length
from aprende.forecast.features import Scaler, Steps, future_dates, to_steps
from aprende.forecast.forecasters import BASELINES, WIDTH, StepFn, model_step, recursive
from aprende.forecast.model import SalesNet
from aprende.forecast.plots import plot_forecast

DEFAULT_HORIZON, MAX_HORIZON = 14, 366


@dataclass
class ForecastTable:
    """A forecast: one row per future step, the model that made it, its history, and where it was written."""

    frame: pd.DataFrame  # date, forecast, lower, upper, open
    model: str
    level: float
    history: Steps
    csv: Path | None = None
    plot: Path | None = None

    def results(self) -> list[dict]:
        """One object per day: the `results` of `--json`."""
        return [{"date": r.date, "forecast": float(r.forecast), "lo": float(r.lower), "hi": float(r.upper),
                 "open": bool(r.open)} for r in self.frame.itertuples()]


def _build(config: dict) -> SalesNet:
    return SalesNet(config["kind"], config["n_lags"], config["hidden"], config["layers"], config["dropout"],
                    config["activation"])


@dataclass
class Forecaster:
    """A trained run, ready: its settings, the backtest summary, and a step function per network (loaded on use)."""

    run_dir: Path
    settings: dict  # config.yaml's settings
    summary: dict  # summary.json: best model, metrics, residual quantiles, level, horizon
    _steppers: dict[str, StepFn] = field(default_factory=dict, repr=False)

    @property
    def models(self) -> list[str]:
        return list(self.settings["models"])

    @property
    def width(self) -> int:
        return max(WIDTH, int(self.settings["n_lags"]))

    def stepper(self, kind: str) -> StepFn:
        """A network of the run (model.json and its best weights) or a baseline, as a step function."""
        if kind in BASELINES:
            return BASELINES[kind]
        if kind not in self._steppers:
            folder = self.run_dir / kind
            if kind not in self.models or not (folder / "model.json").is_file():
                raise AprendeError("forecast.no_model", run=str(self.run_dir), name=kind)
            model, config = load_model(folder, _build)
            try:
                scaler = Scaler(float(config["scaler"]["lo"]), float(config["scaler"]["hi"]))
            except (KeyError, TypeError, ValueError):
                raise AprendeError("run.bad_file", path=str(folder / "model.json")) from None
            self._steppers[kind] = model_step(model, scaler, int(config["n_lags"]))
        return self._steppers[kind]

    def steps(self, csv: str | Path | None = None) -> Steps:
        """The history to work from: the run's own data.csv or a newer CSV, on the run's calendar."""
        return to_steps(read_sales_csv(csv if csv is not None else self.run_dir / "data.csv"),
                        self.settings["calendar"])

    def forecast(self, horizon: int | None = None, csv: str | Path | None = None,
                 model: str | None = None) -> ForecastTable:
        """`horizon` steps after the history, recursively, with a band from the backtest residuals; writes nothing."""
        horizon = DEFAULT_HORIZON if horizon is None else horizon
        kind = model or self.summary["best"]
        if kind not in self.summary["residual_quantiles"]:
            raise AprendeError("forecast.no_model", run=str(self.run_dir), name=kind)
        if not 1 <= horizon <= MAX_HORIZON:
            raise AprendeError("forecast.bad_horizon", n=horizon)
        step = self.stepper(kind)
        steps = self.steps(csv)
        require_length(steps, self.width, "predict")
        dates, opens = future_dates(steps, horizon)
        pred = recursive(step, steps.values[None, -self.width:], steps.open[None, -self.width:], [dates],
                         opens[None])[0]  # (H,)
        lo, hi = self.summary["residual_quantiles"][kind]
        widen = np.sqrt(np.maximum(1.0, (np.arange(horizon) + 1) / self.summary["horizon"]))  # beyond the backtest
        lower = np.where(opens, np.maximum(pred + lo * widen, 0.0), 0.0)
        upper = np.where(opens, pred + hi * widen, 0.0)
        frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "forecast": pred.round(2),
                              "lower": lower.round(2), "upper": upper.round(2), "open": opens})
        return ForecastTable(frame, kind, float(self.summary["level"]), steps)


def load_forecaster(run: str | Path) -> Forecaster:
    """`--run DIR` (a forecast run) as a Forecaster; its networks load when first used."""
    run_dir = model_folder("forecast", run)
    settings = read_yaml(run_dir / "config.yaml").get("settings")
    summary = read_json(run_dir / "summary.json")
    if not isinstance(settings, dict) or not {"models", "n_lags", "calendar"} <= set(settings):
        raise AprendeError("run.bad_file", path=str(run_dir / "config.yaml"))
    if not {"best", "residual_quantiles", "level", "horizon"} <= set(summary):
        raise AprendeError("run.bad_file", path=str(run_dir / "summary.json"))
    return Forecaster(run_dir, settings, summary)


def output_dir(project: str | Path | None = None, name: str | None = None) -> Path:
    """A new folder for a forecast: `<project>/forecast/NAME`, else the first free of predict, predict2, …"""
    if name is not None:
        return new_run_dir("forecast", name, project)
    for n in itertools.count(1):
        try:
            return new_run_dir("forecast", "predict" if n == 1 else f"predict{n}", project)
        except AprendeError as exc:
            if exc.key != "run.exists":
                raise
    raise AssertionError("unreachable")


def predict(run: str | Path, horizon: int | None = None, csv: str | Path | None = None, model: str | None = None,
            project: str | Path | None = None, name: str | None = None) -> ForecastTable:
    """`aprende forecast predict`: forecast.csv and forecast.png in a new folder (nothing written if it fails)."""
    table = load_forecaster(run).forecast(horizon, csv, model)
    folder = output_dir(project, name)
    with fresh_run(folder):
        atomic_write_text(folder / "forecast.csv", table.frame.to_csv(index=False))
        hist, f = table.history, table.frame
        plot_forecast(hist.dates[hist.open], hist.values[hist.open], pd.DatetimeIndex(f["date"]),
                      f["forecast"].to_numpy(), f["lower"].to_numpy(), f["upper"].to_numpy(), f["open"].to_numpy(),
                      folder / "forecast.png", table.level)
    table.csv, table.plot = folder / "forecast.csv", folder / "forecast.png"
    return table
