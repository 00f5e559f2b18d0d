"""The one loader of the forecasting lab: a run folder becomes a `Forecaster`. The CLI, the server, the tour and the
notebooks forecast (and backtest) through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core.errors import AprendeError
from aprende.core.lifecycle import load_model, model_folder
from aprende.core.runs import atomic_write_text, fresh_run, new_run_dir, read_json, read_yaml
from aprende.forecast.covariates import Known, KnownScaler, read_future
from aprende.forecast.data import read_sales_csv, require_length
from aprende.forecast.features import Scaler, Steps, future_dates, to_steps
from aprende.forecast.forecasters import StepFn, baselines, model_step, recursive
from aprende.forecast.frequency import WIDTH, settle_freq
from aprende.forecast.model import build_net
from aprende.forecast.panel import PanelScaler, SalesPanel, future_opens, read_long_csv
from aprende.forecast.panel_train import panel_step
from aprende.forecast.plots import plot_forecast, plot_multiples

DEFAULT_HORIZON, MAX_HORIZON = 14, 366
FREQ_HORIZON = {"D": DEFAULT_HORIZON, "W": 13, "M": 6}  # predict's default: two weeks, a quarter, half a year
MULTIPLES = 12  # series drawn in the small multiples of a forecast (the best sellers)


@dataclass
class ForecastTable:
    """A forecast: one row per future step, the model that made it, its history, and where it was written."""

    frame: pd.DataFrame  # date, [id column,] forecast, lower, upper, open
    model: str
    level: float
    history: Steps | SalesPanel
    csv: Path | None = None
    plot: Path | None = None
    id_col: str | None = None  # many series: the long frame's id column

    def results(self) -> list[dict]:
        """One object per day (and series): the `results` of `--json`."""
        ids = self.frame[self.id_col].astype(str).tolist() if self.id_col else None
        return [{"date": r.date, **({self.id_col: ids[k]} if ids else {}), "forecast": float(r.forecast),
                 "lo": float(r.lower), "hi": float(r.upper), "open": bool(r.open)}
                for k, r in enumerate(self.frame.itertuples())]


@dataclass
class Forecaster:
    """A trained run, ready: its settings, the backtest summary, and a step function per network (loaded on use)."""

    run_dir: Path
    settings: dict  # config.yaml's settings
    summary: dict  # summary.json: best model, metrics, residual quantiles, level, horizon
    _steppers: dict[str, StepFn] = field(default_factory=dict, repr=False)
    _known: Known | None = field(default=None, repr=False)  # known values the networks read (history or future)

    @property
    def models(self) -> list[str]:
        return list(self.settings["models"])

    @property
    def freq(self) -> str:
        """D, W or M (runs made before the setting existed are daily)."""
        return str(self.settings.get("freq") or "D")

    @property
    def country(self) -> str:
        """Whose holidays the networks learnt (runs made before the setting existed: Spain's)."""
        return str(self.settings.get("country") or "ES")

    @property
    def width(self) -> int:
        return max(WIDTH[self.freq], int(self.settings["n_lags"]))

    @property
    def id_col(self) -> str | None:
        """The id column of a run on many series (a long table), else None."""
        return self.settings.get("id_col")

    def stepper(self, kind: str) -> StepFn:
        """A network of the run (model.json and its best weights) or a baseline, as a step function."""
        if kind in baselines(self.freq):
            return baselines(self.freq)[kind]
        if kind not in self._steppers:
            folder = self.run_dir / kind
            if kind not in self.models or not (folder / "model.json").is_file():
                raise AprendeError("forecast.no_model", run=str(self.run_dir), name=kind)
            model, config = load_model(folder, build_net)
            try:
                if self.id_col:
                    scaler = PanelScaler(np.asarray(config["scaler"]["lo"], float),
                                         np.asarray(config["scaler"]["hi"], float))
                    codes = np.asarray(self.summary["codes"], dtype=np.int64)
                    step = panel_step(model, scaler, int(config["n_lags"]), codes, bool(config.get("center", False)),
                                      bool(config.get("window_scale", False)), self.country, self.freq)
                else:
                    scaler = Scaler(float(config["scaler"]["lo"]), float(config["scaler"]["hi"]))
                    ks = config.get("known_scaler")
                    ks = None if ks is None else KnownScaler(list(ks["mean"]), list(ks["std"]))
                    known = None if ks is None else (lambda dates, ks=ks: ks.transform(self._known.at(dates)))
                    step = model_step(model, scaler, int(config["n_lags"]), bool(config.get("center", False)),
                                      self.freq, self.country, bool(config.get("window_scale", False)), known)
            except (KeyError, TypeError, ValueError):
                raise AprendeError("run.bad_file", path=str(folder / "model.json")) from None
            self._steppers[kind] = step
        return self._steppers[kind]

    def band(self, kind: str, horizon: int) -> tuple[np.ndarray, np.ndarray]:
        """(low, high) offsets (H,) of each step's band: calibrated per backtest step (runs made before: one pooled
        band); beyond the backtest's horizon the last step's band widens as the square root of the steps."""
        steps = np.arange(horizon) + 1
        bands = self.summary.get("step_bands", {}).get(kind)
        if bands:
            band = np.asarray(bands, dtype=float)  # (H0, 2)
            h0 = len(band)
            picked = band[np.minimum(steps, h0) - 1] * np.sqrt(np.maximum(1.0, steps / h0))[:, None]
            return picked[:, 0], picked[:, 1]
        lo, hi = self.summary["residual_quantiles"][kind]
        widen = np.sqrt(np.maximum(1.0, steps / self.summary["horizon"]))  # beyond the backtest
        return lo * widen, hi * widen

    def steps(self, csv: str | Path | None = None) -> Steps | SalesPanel:
        """The history to work from: the run's own data.csv or a newer CSV, on the run's calendar (many series: in
        the order the run learnt them)."""
        path = csv if csv is not None else self.run_dir / "data.csv"
        if not self.id_col:
            series = read_sales_csv(path, covariates=self.covariates)
            settle_freq(self.freq, series.dates, str(path))  # a newer CSV must keep the run's frequency
            steps = to_steps(series, self.settings["calendar"], self.freq, self.country)
            if self.covariates:  # the history's known values (the backtest's windows read theirs)
                self._known = steps.known = Known.of(series.dates, series.known, self.covariates, self.freq,
                                                     str(path))
            return steps
        closed = self.settings.get("closed", "auto") if csv is not None else "rows"
        panel = read_long_csv(path, self.id_col, closed=closed, static_cols=self.settings.get("static_cols", []))
        if isinstance(panel, SalesPanel) and panel.freq != self.freq:  # a newer CSV must keep the run's frequency
            raise AprendeError("csv.freq_mismatch", path=str(path), asked=self.freq, found=panel.freq)
        return self._aligned(panel if isinstance(panel, SalesPanel) else None, Path(path))

    def _aligned(self, panel: SalesPanel | None, path: Path) -> SalesPanel:
        """The panel's rows reordered as the run's series; a series the run never saw is refused, one missing stays
        closed."""
        ids = [str(i) for i in self.summary["ids"]]
        if panel is None:
            raise AprendeError("forecast.unknown_id", path=str(path), id="?", run=str(self.run_dir))
        where = {sid: k for k, sid in enumerate(ids)}
        unknown = [sid for sid in panel.ids if sid not in where]
        if unknown:
            raise AprendeError("forecast.unknown_id", path=str(path), id=unknown[0], run=str(self.run_dir))
        values = np.zeros((len(ids), len(panel)))
        is_open = np.zeros((len(ids), len(panel)), bool)
        rows = [where[sid] for sid in panel.ids]
        values[rows], is_open[rows] = panel.values, panel.open
        return SalesPanel(ids, panel.dates, values, is_open, panel.source, self.id_col, {}, panel.closed,
                          freq=panel.freq)

    @property
    def covariates(self) -> list[str]:
        """The columns the run learnt as known ahead (`--covariates`); runs made before: none."""
        return [str(c) for c in self.settings.get("covariates") or []]

    def forecast(self, horizon: int | None = None, csv: str | Path | None = None,
                 model: str | None = None, future: str | Path | None = None) -> ForecastTable:
        """`horizon` steps after the history, recursively, with a band from the backtest residuals; writes nothing.
        A run with known values needs them for the forecast steps: `future`, a CSV of date and those columns."""
        if self.covariates and future is None:
            raise AprendeError("forecast.need_future", run=str(self.run_dir), columns=", ".join(self.covariates))
        if future is not None and not self.covariates:
            raise AprendeError("forecast.future_unused", path=str(future), run=str(self.run_dir))
        kind = model or self.summary["best"]
        if kind not in self.summary["residual_quantiles"]:
            raise AprendeError("forecast.no_model", run=str(self.run_dir), name=kind)
        step = self.stepper(kind)
        steps = self.steps(csv)
        if future is not None:  # its rows are the forecast steps (and the horizon, unless one is asked)
            self._known = read_future(future, self.covariates, steps.dates[-1], self.freq)
            rows = len(self._known.table)
            horizon = rows if horizon is None else horizon
            if horizon > rows:
                raise AprendeError("forecast.future_short", path=str(future), rows=rows, horizon=horizon)
        horizon = FREQ_HORIZON[self.freq] if horizon is None else horizon
        if not 1 <= horizon <= MAX_HORIZON:
            raise AprendeError("forecast.bad_horizon", n=horizon)
        if self.id_col:
            return self._forecast_panel(step, steps, horizon, kind)
        require_length(steps, self.width, "predict")
        dates, opens = future_dates(steps, horizon)
        pred = recursive(step, steps.values[None, -self.width:], steps.open[None, -self.width:], [dates],
                         opens[None])[0]  # (H,)
        lo, hi = self.band(kind, horizon)  # (H,) each
        lower = np.where(opens, np.maximum(pred + lo, 0.0), 0.0)
        upper = np.where(opens, pred + hi, 0.0)
        frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "forecast": pred.round(2),
                              "lower": lower.round(2), "upper": upper.round(2), "open": opens})
        return ForecastTable(frame, kind, float(self.summary["level"]), steps)

    def _forecast_panel(self, step: StepFn, panel: SalesPanel, horizon: int, kind: str) -> ForecastTable:
        """Every series at once; each band is the pooled unit-free band times the series' own scale."""
        dates, opens = future_opens(panel, horizon, self.country)  # (H,), (n, H)
        n = panel.n_series
        pred = recursive(step, panel.values[:, -self.width:], panel.open[:, -self.width:], [dates] * n, opens)
        lo, hi = self.band(kind, horizon)  # (H,) each, unit-free
        scale = np.asarray(self.summary.get("interval_scale", np.ones(n)), dtype=float)
        unit = np.where(scale > 0, scale, 1.0)[:, None]  # (n, 1)
        lower = np.where(opens, np.maximum(pred + lo[None] * unit, 0.0), 0.0)
        upper = np.where(opens, pred + hi[None] * unit, 0.0)
        frame = pd.DataFrame({"date": np.tile(dates.strftime("%Y-%m-%d"), n),
                              self.id_col: np.repeat(np.asarray(panel.ids), horizon),
                              "forecast": pred.ravel().round(2), "lower": lower.ravel().round(2),
                              "upper": upper.ravel().round(2), "open": opens.ravel()})
        return ForecastTable(frame, kind, float(self.summary["level"]), panel, id_col=self.id_col)


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


def predict(run: str | Path, horizon: int | None = None, csv: str | Path | None = None, model: str | None = None,
            project: str | Path | None = None, name: str | None = None,
            future: str | Path | None = None) -> ForecastTable:
    """`aprende forecast predict`: forecast.csv and forecast.png in a new folder (nothing written if it fails);
    `future`: the known values of the forecast steps, for a run trained with `--covariates`."""
    table = load_forecaster(run).forecast(horizon, csv, model, future)
    folder = new_run_dir("forecast", name, project, base="predict")  # predict, predict2, … unless named
    with fresh_run(folder):
        atomic_write_text(folder / "forecast.csv", table.frame.to_csv(index=False))
        hist, f = table.history, table.frame
        if table.id_col:
            _plot_panel(table, folder / "forecast.png")
        else:
            plot_forecast(hist.dates[hist.open], hist.values[hist.open], pd.DatetimeIndex(f["date"]),
                          f["forecast"].to_numpy(), f["lower"].to_numpy(), f["upper"].to_numpy(),
                          f["open"].to_numpy(), folder / "forecast.png", table.level)
    table.csv, table.plot = folder / "forecast.csv", folder / "forecast.png"
    return table


def _plot_panel(table: ForecastTable, path: Path) -> None:
    """Small multiples of the best-selling series; the title says how many are left out."""
    panel = table.history
    order = [panel.ids[i] for i in np.argsort(-panel.volume(), kind="stable")[:MULTIPLES]]
    rows = {sid: k for k, sid in enumerate(panel.ids)}
    history = {sid: (panel.dates[panel.open[rows[sid]]], panel.values[rows[sid]][panel.open[rows[sid]]])
               for sid in order}
    plot_multiples(history, table.frame, table.id_col, order, panel.n_series - len(order), path, table.level)
