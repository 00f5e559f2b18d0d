"""Which calibration makes the 80 % band hold 75-85 % of the truth on every real series (issue 32): each idea's
coverage and mean width, on the same cached forecasts, each judged window's band learnt without it.

usage: python benchmarks/forecast_intervals.py [--cache /tmp/aprende_intervals] [--seed 0]
Trains, once per series, the two networks of the variant that wins in forecast_real.py, and caches their forecasts
from every origin of the validation and backtest spans (one a step); then prints the table (markdown).
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aprende.forecast import ForecastSettings, default_train_config, train_forecaster  # noqa: E402
from aprende.forecast.forecasters import recursive  # noqa: E402
from aprende.forecast.intervals import MIN_WINDOWS, conformal_quantile  # noqa: E402
from aprende.forecast.run import load_forecaster  # noqa: E402
from forecast_real import NETS, real_sets  # noqa: E402

# the winning variant and network of each real series in forecast_real.py (2026-12-07)
BEST = {"article": ({}, "embeddings"), "bike": ({"window_scale": True}, "calendar"), "Walmart": ({}, "embeddings"),
        "electrical": ({}, "calendar"), "M4": ({"window_scale": True}, "calendar")}


def cache(folder: Path, seed: int) -> None:
    """One .npz per series: origins (M,), actual, open and each network's forecasts (M, H), the backtest's shape."""
    folder.mkdir(parents=True, exist_ok=True)
    for title, (series, extra) in real_sets().items():
        key = next(k for k in BEST if k in title)
        for j, one in enumerate(series):
            if (folder / f"{key}_{j}.npz").exists():
                continue
            with tempfile.TemporaryDirectory() as tmp:
                res = train_forecaster(one, settings=ForecastSettings(models=NETS, **extra, **BEST[key][0]),
                                       cfg=default_train_config(seed=seed, quiet=True), project=tmp)
                fc = load_forecaster(res.run_dir)
                steps = fc.steps()
                h, k = int(fc.settings["horizon"]), int(fc.settings["windows"])
                origins = np.arange(len(steps) - h * k - int(fc.settings["val_steps"]), len(steps) - h + 1)
                hist = origins[:, None] + np.arange(-fc.width, 0)[None, :]  # (M, W)
                fut = origins[:, None] + np.arange(h)[None, :]  # (M, H)
                d = {kind: recursive(fc.stepper(kind), steps.values[hist], steps.open[hist],
                                     [steps.dates[f] for f in fut], steps.open[fut]) for kind in NETS}
                np.savez(folder / f"{key}_{j}.npz", origins=origins, actual=steps.values[fut], open=steps.open[fut],
                         values=steps.values, is_open=steps.open, H=h, K=k, first=len(steps) - h * k, **d)


def spreads(r: np.ndarray, o: np.ndarray, few: bool) -> np.ndarray:
    """(H,) each step's mean |residual| (one pooled when few), never narrower further ahead."""
    pooled = np.abs(r[o]).mean() if o.any() else 1.0
    s = np.array([np.abs(r[:, h][o[:, h]]).mean() if o[:, h].any() and not few else pooled for h in range(r.shape[1])])
    return np.maximum.accumulate(np.where(s > 0, s, max(pooled, 1e-12)))


def two_quantiles(r, o, windows, level=0.8):
    """Before this round: the (1 ± level)/2 quantiles (times (n + 1)/n) of the unit-free residuals, per step spread."""
    s = spreads(r, o, windows < MIN_WINDOWS)
    u = (r / s)[o]
    hi = min(1.0, (1 + level) / 2 * (u.size + 1) / max(u.size, 1))
    return np.quantile(u, 1 - hi) * s, np.quantile(u, hi) * s


def absolute(r, o, windows, level=0.8, one=False):
    """Split conformal: ±(the ⌈(n + 1)·level⌉-th smallest |unit-free residual|) × each step's spread."""
    s = spreads(r, o, one or windows < MIN_WINDOWS)
    q = conformal_quantile((r / s)[o], level)
    return -q * s, q * s


IDEAS = {  # name -> (band rule, calibration origins: windows | stride | stride+val, scale: none | level, pool)
    "before: two quantiles, windows only": (two_quantiles, "windows", None, False),
    "conformal abs., windows only": (absolute, "windows", None, False),
    "two quantiles, stride 1": (two_quantiles, "stride", None, False),
    "**conformal abs., stride 1 (kept)**": (absolute, "stride", None, False),
    "conformal abs., stride 1, one spread": (lambda r, o, w: absolute(r, o, w, one=True), "stride", None, False),
    "conformal abs., stride 1 + validation span": (absolute, "stride+val", None, False),
    "conformal abs., stride 1, / recent level": (absolute, "stride", "level", False),
    "conformal abs., stride 1, / recent level, departments pooled": (absolute, "stride", "level", True),
}


def judge(data: list[dict], kind: str, rule, origins: str, scale, pool: bool) -> tuple[float, float]:
    """Coverage and mean width over every judged window of every series of a set."""
    prep = []
    for d in data:
        o, h, k, first = d["origins"], int(d["H"]), int(d["K"]), int(d["first"])
        unit = np.ones(len(o))
        if scale == "level":  # the mean of the open values of the 2 H steps (at least 8) before each origin
            span = max(2 * h, 8)
            unit = np.array([max(d["values"][x - span:x][d["is_open"][x - span:x]].mean(), 1e-9) for x in o])
        prep.append((o, h, k, first, (d["actual"] - d[kind]) / unit[:, None], d["open"], unit, d))
    inside = width = count = 0.0
    for o, h, k, first, r, ok, unit, d in prep:
        for judged in first + h * np.arange(k):
            def rows(o2, first2, judged=judged, h=h):
                far = np.abs(o2 - judged) >= h  # no overlap with the judged window
                if origins == "windows":
                    return far & (o2 >= first2) & ((o2 - first2) % h == 0)
                return far & (o2 >= first2) if origins == "stride" else far
            chosen = prep if pool else [(o, h, k, first, r, ok, unit, d)]
            lo, hi = rule(np.concatenate([p[4][rows(p[0], p[3])] for p in chosen]),
                          np.concatenate([p[5][rows(p[0], p[3])] for p in chosen]), k - 1)
            i = int(np.flatnonzero(o == judged)[0])
            low, high = d[kind][i] + lo * unit[i], d[kind][i] + hi * unit[i]
            y, m = d["actual"][i], ok[i]
            inside += ((y >= low) & (y <= high))[m].sum()
            width += (high - low)[m].sum()
            count += m.sum()
    return inside / count, width / count


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "aprende_intervals"))
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    warnings.filterwarnings("ignore")
    folder = Path(a.cache)
    cache(folder, a.seed)
    number = lambda f: int(f.stem.rsplit("_", 1)[1])  # noqa: E731
    sets = {key: [dict(np.load(f)) for f in sorted(folder.glob(f"{key}_*.npz"), key=number)] for key in BEST}
    print("| idea | " + " | ".join(sets) + " |\n|---|" + "---:|" * len(sets))
    for name, (rule, origins, scale, pool) in IDEAS.items():
        cells = []
        for key, data in sets.items():
            if pool and len(data) == 1:
                cells.append("—")
                continue
            cov, wid = judge(data, BEST[key][1], rule, origins, scale, pool)
            cells.append(f"{100 * cov:.1f} % ({wid:,.1f})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
