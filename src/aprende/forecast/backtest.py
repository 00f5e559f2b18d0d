"""Honest evaluation: the rolling-origin backtest (horizon 7, an origin every 7 days over the last 12 weeks)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core import deadline
from aprende.core.errors import AprendeError
from aprende.forecast.classic import DirectFn
from aprende.forecast.data import require_length
from aprende.forecast.features import Steps
from aprende.forecast.forecasters import WIDTH, StepFn, baselines, recursive
from aprende.forecast.frequency import SEASON
from aprende.forecast.intervals import band_coverage, coverage
from aprende.forecast.run import load_forecaster
from aprende.forecast.settings import HORIZON, N_ORIGINS  # noqa: E402,F401  (declared with the settings)


def mase_scale(steps: Steps, end: int) -> float:
    """In-sample MAE of the seasonal naive (7 days, 52 weeks, 12 months back) on steps[:end], where both are open."""
    m = SEASON[getattr(steps, "freq", "D")]
    v, o = steps.values[:end], steps.open[:end]
    both = o[m:] & o[:-m]
    err = np.abs(v[m:] - v[:-m])[both]
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
    freq: str = "D"  # what one step is: D, W or M
    level: float = 0.8  # of the intervals whose coverage the metrics give
    # more out-of-sample forecasts that teach the calibrated band: an origin every step of the backtest span
    calib_origins: np.ndarray | None = None  # (M,)
    calib_actual: np.ndarray | None = None  # (M, H)
    calib_open: np.ndarray | None = None  # (M, H)
    calib: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (M, H), networks and naive rules

    def residuals(self, name: str) -> np.ndarray:
        return (self.actual - self.forecasts[name])[self.open]


CALIB_ORIGINS = 1000  # at most this many calibration origins (a long backtest strides more than one step)


def calibration_origins(origins: np.ndarray) -> np.ndarray:
    """(M,) an origin every step from the backtest's first to its last (strided past `CALIB_ORIGINS`)."""
    span = int(origins[-1] - origins[0])
    return origins[0] + np.arange(0, span + 1, max(1, -(-span // CALIB_ORIGINS)))


def band_residuals(bt, name: str, unit: np.ndarray | float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(res, ok) (..., M, H) the residuals a model's stored band is learnt from: the forecasts from every step's
    origin where the backtest made them, else its windows' (many series, classic models); divided by `unit`."""
    if name in getattr(bt, "calib", {}):
        return (bt.calib_actual - bt.calib[name]) / unit, bt.calib_open
    return (bt.actual - bt.forecasts[name]) / unit, bt.open


def calibration_forecasts(steps: Steps, step: StepFn | list[StepFn], origins: np.ndarray, c_origins: np.ndarray,
                          horizon: int, width: int) -> np.ndarray:
    """(M, H) forecasts from each calibration origin, out of sample: a network fitted once forecasts from all;
    refitted, each origin uses the model fitted at the last window origin before it (its data end there)."""
    hist = c_origins[:, None] + np.arange(-width, 0)[None, :]  # (M, W)
    fut = c_origins[:, None] + np.arange(horizon)[None, :]  # (M, H)
    fns = step if isinstance(step, list) else [step]
    owner = np.searchsorted(origins, c_origins, side="right") - 1 if len(fns) > 1 else np.zeros(len(c_origins), int)
    out = np.zeros(fut.shape)
    for k, fn in enumerate(fns):
        rows = np.flatnonzero(owner == k)
        if rows.size:
            out[rows] = recursive(fn, steps.values[hist[rows]], steps.open[hist[rows]],
                                  [steps.dates[f] for f in fut[rows]], steps.open[fut[rows]])
    return out


def origins_for(steps: Steps, horizon: int = HORIZON, n_origins: int = N_ORIGINS) -> np.ndarray:
    return len(steps) - horizon * np.arange(n_origins, 0, -1)


def backtest(steps: Steps, forecasters: dict[str, StepFn | list[StepFn]], horizon: int = HORIZON,
             n_origins: int = N_ORIGINS, width: int = WIDTH, direct: dict[str, DirectFn] | None = None,
             level: float = 0.8) -> Backtest:
    """Each forecast uses data up to its origin only; the opening days of the window are known (a shop's plan).
    `direct` models (AutoETS, AutoTheta) are refitted at every origin on all the history before it, with their own
    `level` band; the other models' coverage is that of the band calibrated from the backtest's residuals."""
    origins = origins_for(steps, horizon, n_origins)
    hist = origins[:, None] + np.arange(-width, 0)[None, :]  # (K, W)
    fut = origins[:, None] + np.arange(horizon)[None, :]  # (K, H)
    bt = Backtest(origins, steps.values[fut], steps.open[fut], [steps.dates[f] for f in fut],
                  freq=getattr(steps, "freq", "D"), level=level)
    scale = mase_scale(steps, int(origins[0]))
    bt.calib_origins = calibration_origins(origins)
    c_fut = bt.calib_origins[:, None] + np.arange(horizon)[None, :]
    bt.calib_actual, bt.calib_open = steps.values[c_fut], steps.open[c_fut]
    for name, step in forecasters.items():
        bt.calib[name] = calibration_forecasts(steps, step, origins, bt.calib_origins, horizon, width)
        if isinstance(step, list):  # refitted: origin k's own model forecasts window k
            pred = np.concatenate([recursive(fn, steps.values[hist[k:k + 1]], steps.open[hist[k:k + 1]],
                                             bt.dates[k:k + 1], bt.open[k:k + 1]) for k, fn in enumerate(step)])
        else:
            pred = recursive(step, steps.values[hist], steps.open[hist], bt.dates, bt.open)
        bt.forecasts[name] = pred
        bt.metrics[name] = metrics(bt.actual[bt.open], pred[bt.open], scale)
    for name, m in bt.metrics.items():  # the calibrated band's honest coverage (each window from the others)
        m.update(coverage(bt.actual, bt.forecasts[name], bt.open, level, origins=origins,
                          calib=(bt.calib_origins, bt.calib_actual, bt.calib[name], bt.calib_open)))
    for name, fn in (direct or {}).items():
        t0 = time.perf_counter()
        mean, lo, hi = (np.stack(a) for a in zip(*[fn(steps.values[:o], steps.open[:o], horizon, level)
                                                   for o in origins]))  # (K, H) each
        pred = np.where(bt.open, mean, 0.0)
        bt.forecasts[name] = pred
        bt.metrics[name] = {**metrics(bt.actual[bt.open], pred[bt.open], scale),
                            **band_coverage(bt.actual, lo, hi, bt.open), "seconds": time.perf_counter() - t0}
    base = bt.metrics.get("seasonal_naive", {}).get("mae")  # the ratio on the same scored days, as with many series
    for m in bt.metrics.values():
        m["ratio"] = m["mae"] / base if base else float("nan")
    return bt


@dataclass
class PanelBacktest:
    """The rolling backtest of many series: every series, every origin, pooled and per-series scores."""

    origins: np.ndarray  # (K,)
    actual: np.ndarray  # (n, K, H) units
    open: np.ndarray  # (n, K, H) bool
    dates: list  # K DatetimeIndexes
    scale: np.ndarray  # (n,) in-sample seasonal-naive MAE of each series (0: no MASE)
    ids: list[str]
    forecasts: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (n, K, H)
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # pooled
    level: float = 0.8  # of the intervals whose coverage the metrics give
    # as for one series: forecasts from an origin every step of the backtest span teach the calibrated band
    calib_origins: np.ndarray | None = None  # (M,)
    calib_actual: np.ndarray | None = None  # (n, M, H)
    calib_open: np.ndarray | None = None  # (n, M, H)
    calib: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (n, M, H)

    def residuals(self, name: str) -> np.ndarray:
        """Errors divided by each series' scale (a unit-free band that each series multiplies back)."""
        return ((self.actual - self.forecasts[name]) / _unit(self.scale))[self.open]

    def per_series(self, id_col: str, no_mase: str) -> pd.DataFrame:
        """One row per (series, model): MAE and MASE; a series whose scale is 0 gets no MASE and says why."""
        frames = []
        n_open = self.open.sum(axis=(1, 2))
        for name, pred in self.forecasts.items():
            err = np.where(self.open, np.abs(self.actual - pred), 0.0).sum(axis=(1, 2))
            mae = np.where(n_open > 0, err / np.maximum(n_open, 1), np.nan)
            mase = np.where(self.scale > 0, mae / np.where(self.scale > 0, self.scale, 1.0), np.nan)
            frames.append(pd.DataFrame({id_col: self.ids, "model": name, "mae": mae.round(4), "mase": mase.round(4),
                                        "scale": self.scale.round(4),
                                        "note": np.where(self.scale > 0, "", no_mase)}))
        return pd.concat(frames, ignore_index=True)


def _unit(scale: np.ndarray) -> np.ndarray:
    """(n, 1, 1) each series' scale as the unit of its residuals (1 where it has none)."""
    return np.where(scale > 0, scale, 1.0)[:, None, None]


def series_scales(values: np.ndarray, is_open: np.ndarray, end: int, season: int = 7) -> np.ndarray:
    """(n,) each series' in-sample seasonal-naive MAE (7 days, 52 weeks, 12 months back) on steps[:end] (pairs where
    both steps are open); 0 if none."""
    v, o = values[:, :end], is_open[:, :end]
    both = o[:, season:] & o[:, :-season]
    err = np.where(both, np.abs(v[:, season:] - v[:, :-season]), 0.0).sum(axis=1)
    return np.where(both.sum(axis=1) > 0, err / np.maximum(both.sum(axis=1), 1), 0.0)


def panel_backtest(panel, forecasters: dict[str, StepFn | list[StepFn]], horizon: int = HORIZON,
                   n_origins: int = N_ORIGINS, width: int = WIDTH, level: float = 0.8) -> PanelBacktest:
    """The same protocol over every series at once; pooled scores weigh each (series, day) pair alike, so large
    sellers weigh more; `ratio` is the pooled MAE over the seasonal naive's."""
    origins = origins_for(panel, horizon, n_origins)
    fut = origins[:, None] + np.arange(horizon)[None, :]  # (K, H)
    bt = PanelBacktest(origins, panel.values[:, fut], panel.open[:, fut], [panel.dates[f] for f in fut],
                       series_scales(panel.values, panel.open, int(origins[0]), SEASON[getattr(panel, "freq", "D")]),
                       list(panel.ids), level=level)
    bt.calib_origins = calibration_origins(origins)
    c_fut = bt.calib_origins[:, None] + np.arange(horizon)[None, :]  # (M, H)
    bt.calib_actual, bt.calib_open = panel.values[:, c_fut], panel.open[:, c_fut]
    at = np.searchsorted(bt.calib_origins, origins)  # the windows among the calibration origins (unless strided)
    inside = bool((bt.calib_origins[np.minimum(at, len(bt.calib_origins) - 1)] == origins).all())
    for name, step in forecasters.items():
        bt.calib[name] = panel_forecasts(panel, step, origins, bt.calib_origins, horizon, width)
        bt.forecasts[name] = (bt.calib[name][:, at] if inside
                              else panel_forecasts(panel, step, origins, origins, horizon, width))
    base = None
    for name in ["seasonal_naive", *[m for m in bt.forecasts if m != "seasonal_naive"]]:
        if name not in bt.forecasts:
            continue
        m = pooled(bt, name)
        base = m["mae"] if name == "seasonal_naive" else base
        m["ratio"] = m["mae"] / base if base else float("nan")
        m.update(coverage(bt.actual, bt.forecasts[name], bt.open, level, _unit(bt.scale), origins=origins,
                          calib=(bt.calib_origins, bt.calib_actual, bt.calib[name], bt.calib_open)))
        bt.metrics[name] = m
    bt.metrics = {name: bt.metrics[name] for name in bt.forecasts}
    return bt


PANEL_ROWS = 65_536  # (series, origin) paths forecast in one call: many origins at once, in bounded memory


def panel_forecasts(panel, step: StepFn | list[StepFn], origins: np.ndarray, at: np.ndarray, horizon: int,
                    width: int) -> np.ndarray:
    """(n, len(at), H) every series' forecast from each origin in `at`, out of sample; refitted models (a list, one
    per backtest origin) forecast from `at` with the one fitted at the last origin before it. Origins are stacked
    into one call (rows origin after origin, each the panel's series in order), as many as `PANEL_ROWS` allows."""
    fns = step if isinstance(step, list) else [step]
    owner = np.searchsorted(origins, at, side="right") - 1 if len(fns) > 1 else np.zeros(len(at), int)
    n = panel.n_series
    out = np.zeros((n, len(at), horizon))
    per_call = max(1, PANEL_ROWS // max(n, 1))
    for k, fn in enumerate(fns):
        mine = np.flatnonzero(owner == k)
        for a in range(0, len(mine), per_call):
            if deadline.passed():
                raise AprendeError("forecast.deadline")
            js = mine[a:a + per_call]  # (m,) which origins of `at`
            hist = at[js, None] + np.arange(-width, 0)[None, :]  # (m, W)
            fut = at[js, None] + np.arange(horizon)[None, :]  # (m, H)
            values = panel.values[:, hist].transpose(1, 0, 2).reshape(-1, width)  # (m·n, W)
            is_open = panel.open[:, hist].transpose(1, 0, 2).reshape(-1, width)
            opens = panel.open[:, fut].transpose(1, 0, 2).reshape(-1, horizon)  # (m·n, H)
            dates = np.repeat(panel.dates.values[fut], n, axis=0)  # (m·n, H)
            got = recursive(fn, values, is_open, dates, opens).reshape(len(js), n, horizon)
            out[:, js] = got.transpose(1, 0, 2)
    return out


def pooled(bt: PanelBacktest, name: str) -> dict[str, float]:
    """MAE, RMSE, sMAPE over every open (series, day) pair; MASE: the mean over series that have a scale."""
    m = metrics(bt.actual[bt.open], bt.forecasts[name][bt.open], 1.0)
    n_open = bt.open.sum(axis=(1, 2))
    err = np.where(bt.open, np.abs(bt.actual - bt.forecasts[name]), 0.0).sum(axis=(1, 2))
    ok = (bt.scale > 0) & (n_open > 0)
    m["mase"] = float(np.mean(err[ok] / n_open[ok] / bt.scale[ok])) if ok.any() else float("nan")
    return m


def comparison_frame(results: dict[str, dict[str, float]]) -> pd.DataFrame:
    """One row per model, sorted by MASE."""
    df = pd.DataFrame(results).T
    cols = [c for c in ("mae", "rmse", "smape", "mase", "ratio", "seconds") if c in df.columns]
    return df[cols].sort_values("mase")


def evaluate(run: str | Path, csv: str | Path | None = None, horizon: int | None = None,
             windows: int | None = None, classic: bool = False) -> Backtest | PanelBacktest:
    """`aprende forecast evaluate`: the backtest of a run's networks and the baselines, on its data or a given CSV
    (many series: pooled scores per model); `horizon`/`windows` default to the run's; `classic` adds AutoETS and
    AutoTheta."""
    from aprende.forecast.classic import classic_models  # deferred: statsforecast is optional

    forecaster = load_forecaster(run)
    steps = forecaster.steps(csv)
    h = int(forecaster.settings.get("horizon") or HORIZON) if horizon is None else horizon
    w = int(forecaster.settings.get("windows") or N_ORIGINS) if windows is None else windows
    freq = forecaster.freq
    steppers = {kind: forecaster.stepper(kind) for kind in forecaster.models}
    level = float(forecaster.summary.get("level") or 0.8)
    if forecaster.id_col:
        return panel_backtest(steps, {**steppers, **baselines(freq)}, h, w, width=forecaster.width, level=level)
    require_length(steps, forecaster.width + h * w, "evaluate")
    return backtest(steps, {**steppers, **baselines(freq)}, h, w, width=forecaster.width,
                    direct=classic_models(freq) if classic else None, level=level)
