"""Many series, one protocol: our global networks against per-series statsforecast models and a global LightGBM.

Imported by benchmarks/forecast.py (`--panel`). Every method is scored by the lab's own panel backtest (horizon 7, 12
weekly origins, open (series, day) pairs only): pooled MAE over every pair, its ratio to the lab's seasonal naive,
and the mean MASE over the series that have a scale. statsforecast and LightGBM refit at every origin; our networks
are shown fitted once before the first origin and, with `--refit`, at every origin.
"""

from __future__ import annotations

import tempfile
import time

import numpy as np
import pandas as pd

from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.backtest import HORIZON, N_ORIGINS, PanelBacktest, origins_for, panel_backtest, pooled
from aprende.forecast.features import calendar_features
from aprende.forecast.forecasters import BASELINES, WIDTH, recursive
from aprende.forecast.panel import SalesPanel, static_codes


def base_backtest(panel: SalesPanel) -> PanelBacktest:
    """The lab's baselines on the panel: the table every other method is added to."""
    return panel_backtest(panel, dict(BASELINES))


def add(bt: PanelBacktest, name: str, pred: np.ndarray, seconds: float | None) -> dict:
    """Score (n, K, H) forecasts like the lab does; ratio to the lab's seasonal naive."""
    bt.forecasts[name] = np.where(bt.open, pred, 0.0)
    m = pooled(bt, name)
    m["ratio"] = m["mae"] / pooled(bt, "seasonal_naive")["mae"]
    if seconds is not None:
        m["seconds"] = seconds
    return m


def filled_long(panel: SalesPanel) -> pd.DataFrame:
    """statsforecast's long table: each series from its first day, closed days filled by interpolation (their
    forecasts are not scored)."""
    frames = []
    for i, sid in enumerate(panel.ids):
        first = int(panel.start[i])
        y = pd.Series(np.where(panel.open[i, first:], panel.values[i, first:], np.nan))
        y = y.interpolate(limit_direction="both").fillna(0.0).to_numpy()
        frames.append(pd.DataFrame({"unique_id": sid, "ds": panel.dates[first:], "y": y}))
    return pd.concat(frames, ignore_index=True)


def statsforecast_rows(panel: SalesPanel, bt: PanelBacktest) -> dict:
    """Seasonal naive, AutoETS and AutoTheta per series (season 7), refitted at every origin."""
    from statsforecast import StatsForecast  # deferred: the bench extra
    from statsforecast.models import AutoETS, AutoTheta, SeasonalNaive

    df = filled_long(panel)
    rows = {}
    for model in (SeasonalNaive(season_length=7), AutoETS(season_length=7), AutoTheta(season_length=7)):
        t0 = time.perf_counter()
        cv = StatsForecast(models=[model], freq="D", n_jobs=1).cross_validation(
            h=HORIZON, df=df, n_windows=N_ORIGINS, step_size=HORIZON, refit=True)
        secs = time.perf_counter() - t0
        cv = cv.reset_index() if "unique_id" not in cv.columns else cv
        name = str(model)
        pred = np.zeros_like(bt.actual)
        index = {sid: i for i, sid in enumerate(panel.ids)}
        for sid, g in cv.groupby("unique_id", sort=False):
            pred[index[str(sid)]] = g.sort_values("ds")[name].to_numpy().reshape(N_ORIGINS, HORIZON)
        label = "statsforecast SeasonalNaive" if name == "SeasonalNaive" else name
        rows[label] = add(bt, label, pred, secs)
    return rows


def lightgbm_rows(panel: SalesPanel, bt: PanelBacktest, n_lags: int = 14, rounds: int = 400, freq: str = "D",
                  horizon: int = HORIZON, windows: int = N_ORIGINS, width: int = WIDTH, country: str = "ES") -> dict:
    """One LightGBM over every series: lags scaled by each series' mean, calendar of the step (weekly: the week of
    the year), the id and static columns as categories; refitted at every origin on everything before it, recursive
    like our networks."""
    import lightgbm as lgb  # deferred: the bench extra

    t0 = time.perf_counter()
    cal = calendar_features(panel.dates, freq, country)
    codes, _ = static_codes(panel)  # (n, 1 + k)
    n, e = codes.shape
    params = dict(learning_rate=0.05, num_leaves=31, min_data_in_leaf=20, objective="l1", verbose=-1,
                  num_threads=2, seed=0)
    cat_cols = list(range(n_lags, n_lags + 2)) + list(range(n_lags + 3, n_lags + 3 + e))

    def design(lags, weekday, month, holiday, code):
        return np.column_stack([lags, weekday, month, holiday, code])

    origins = origins_for(panel, horizon, windows)
    pred = np.zeros_like(bt.actual)
    for k, origin in enumerate(origins):
        o = panel.open[:, :origin]
        level = np.where(o, panel.values[:, :origin], 0).sum(1) / np.maximum(o.sum(1), 1)
        level = np.where(level > 0, level, 1.0)  # (n,)
        scaled = panel.values / level[:, None]  # (n, S)
        ok = panel.open[:, n_lags:origin] & (np.arange(n_lags, origin)[None, :] >= (panel.start + n_lags)[:, None])
        i, t = np.nonzero(ok)
        t = t + n_lags
        lags = scaled[i[:, None], t[:, None] + np.arange(-n_lags, 0)[None, :]]  # (N, L)
        x = design(lags, cal["weekday"][t], cal["month"][t], cal["holiday"][t], codes[i])
        model = lgb.train(params, lgb.Dataset(x, scaled[i, t], categorical_feature=cat_cols), num_boost_round=rounds)

        def step(values, is_open, dates, model=model, level=level):
            c = calendar_features(dates, freq, country)
            x = design(values[:, -n_lags:] / level[:, None], c["weekday"], c["month"], c["holiday"], codes)
            return model.predict(x) * level

        hist = slice(origin - width, origin)
        pred[:, k] = recursive(step, panel.values[:, hist], panel.open[:, hist], [bt.dates[k]] * n, bt.open[:, k])
    return {"LightGBM (global)": add(bt, "LightGBM (global)", pred, time.perf_counter() - t0)}


def ours_rows(panel: SalesPanel, bt: PanelBacktest, refit: bool, models: list[str], seed: int = 0) -> dict:
    """Our global networks with default settings through `train_forecaster`; their backtest forecasts are scored on
    the same table as the anchors."""
    s = ForecastSettings(models=list(models), refit=refit)
    with tempfile.TemporaryDirectory() as tmp:
        res = train_forecaster(panel, settings=s, cfg=default_train_config(panel=True, seed=seed, quiet=True),
                               project=tmp)
    rows = {}
    for kind in models:
        label = f"aprende {kind}" + (" --refit" if refit else "")
        rows[label] = add(bt, label, res.backtest.forecasts[kind], res.metrics[kind].get("seconds"))
    return rows


def markdown(rows: dict, title: str) -> str:
    lines = [f"#### {title}", "", "| model | pooled MAE | ratio to seasonal naive | mean MASE | seconds |",
             "|---|---:|---:|---:|---:|"]
    for name, m in sorted(rows.items(), key=lambda kv: kv[1]["mae"]):
        secs = f"{m['seconds']:.1f}" if "seconds" in m else "—"
        lines.append(f"| {name} | {m['mae']:.3f} | {m['ratio']:.3f} | {m['mase']:.3f} | {secs} |")
    return "\n".join(lines)


def compare(panel: SalesPanel, title: str, refit_models: list[str]) -> str:
    """Every method on one panel, one table."""
    bt = base_backtest(panel)
    rows = {name: add(bt, name, bt.forecasts[name], None) for name in list(BASELINES)}
    rows.update(statsforecast_rows(panel, bt))
    print(markdown(rows, title + " (anchors so far)"), flush=True)
    rows.update(lightgbm_rows(panel, bt))
    rows.update(ours_rows(panel, bt, refit=False, models=["mlp", "calendar", "embeddings"]))
    print(markdown(rows, title + " (so far)"), flush=True)
    if refit_models:
        rows.update(ours_rows(panel, bt, refit=True, models=refit_models))
    return markdown(rows, title)
