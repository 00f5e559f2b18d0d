"""Intervals that mean what they say: a band per horizon step from the backtest's residuals (split conformal), and
its coverage measured honestly, each window's band learnt only from forecasts whose horizon does not overlap it."""

from __future__ import annotations

import math

import numpy as np

MIN_WINDOWS = 6  # windows the steps need for a spread of their own (12 daily windows: yes; 3 weekly, 4 monthly: no)


def conformal_quantile(values: np.ndarray, level: float) -> float:
    """The ⌈(n + 1)·level⌉-th smallest of n absolute residuals (split conformal prediction): a new exchangeable
    residual is inside ±it with probability at least `level`. With too few (k > n) the largest, the best we have."""
    a = np.sort(np.abs(np.ravel(values)))
    if not a.size:
        return 0.0
    k = math.ceil((a.size + 1) * level - 1e-9)  # the tolerance: 0.8 × 10 is 8, not 8.000000000000002
    return float(a[min(k, a.size) - 1])


def step_band(res: np.ndarray, ok: np.ndarray, level: float = 0.8, windows: int | None = None) -> np.ndarray:
    """(H, 2) the band (low, high offsets from the forecast) of each horizon step. res, ok (..., M, H): residuals
    (actual − forecast) of M forecasts and which count. Each step's spread (mean |residual| there, never below an
    earlier step's) scales one pooled set of unit-free residuals, whose conformal quantile q gives ±q·spread. With
    fewer than `MIN_WINDOWS` backtest windows (`windows`, else M) one spread for all: per step it was noise."""
    horizon = res.shape[-1]
    r = np.moveaxis(res, -1, 0).reshape(horizon, -1)  # (H, N)
    o = np.moveaxis(ok, -1, 0).reshape(horizon, -1)
    seen = np.abs(r[o])
    pooled = float(seen.mean()) if seen.size else 0.0
    few = (res.shape[-2] if windows is None else windows) < MIN_WINDOWS
    spread = np.array([np.abs(r[h][o[h]]).mean() if o[h].any() and not few else pooled
                       for h in range(horizon)])  # (H,)
    spread = np.maximum.accumulate(np.where(spread > 0, spread, max(pooled, 1e-12)))  # further ahead: no narrower
    unit = (r / spread[:, None])[o]  # (N_open,) unit-free
    q = conformal_quantile(unit, level)
    return np.stack([-q * spread, q * spread], axis=1)


def coverage(actual: np.ndarray, pred: np.ndarray, ok: np.ndarray, level: float = 0.8,
             unit: np.ndarray | float = 1.0, origins: np.ndarray | None = None,
             calib: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """Share of the true values inside the band and its mean width over the K judged windows. actual, pred, ok
    (..., K, H) start at `origins` (K,); `calib` = (origins (M,), actual, pred, ok (..., M, H)): forecasts from more
    origins (one a step) that teach the band, by default the judged windows themselves. Window k's band uses only
    the calibration forecasts whose horizon does not overlap its own (|origin − origin_k| ≥ H), so it never sees
    the residuals it is judged on. unit broadcasts to them: many series divide each series' residuals by its scale,
    and multiply its band back."""
    k_axis, horizon = actual.ndim - 2, actual.shape[-1]
    n_windows = actual.shape[k_axis]
    origins = np.arange(n_windows) * horizon if origins is None else np.asarray(origins)
    c_origins, c_actual, c_pred, c_ok = (origins, actual, pred, ok) if calib is None else calib
    c_res = (c_actual - c_pred) / np.asarray(unit, dtype=float)  # unit (n, 1, 1) or a number broadcasts
    unit = np.broadcast_to(np.asarray(unit, dtype=float), actual.shape)
    inside = width = count = 0.0
    for k in range(n_windows):
        rest = np.flatnonzero(np.abs(np.asarray(c_origins) - origins[k]) >= horizon)
        band = step_band(np.take(c_res, rest, axis=k_axis), np.take(c_ok, rest, axis=k_axis), level,
                         windows=n_windows - 1)  # (H, 2)
        y, p, o, u = (np.take(a, [k], axis=k_axis) for a in (actual, pred, ok, unit))
        lo, hi = p + band[:, 0] * u, p + band[:, 1] * u
        inside += float(((y >= lo) & (y <= hi))[o].sum())
        width += float((hi - lo)[o].sum())
        count += float(o.sum())
    return {"coverage": inside / count if count else float("nan"), "width": width / count if count else float("nan")}


def band_coverage(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray, ok: np.ndarray) -> dict[str, float]:
    """Coverage and mean width of a model's own band (AutoETS's), on the open steps."""
    inside = ((actual >= lo) & (actual <= hi))[ok]
    return {"coverage": float(inside.mean()) if inside.size else float("nan"),
            "width": float((hi - lo)[ok].mean()) if inside.size else float("nan")}
