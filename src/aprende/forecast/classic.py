"""The classic models a practitioner would otherwise pick, AutoETS and AutoTheta (statsforecast), scored by the same
backtest as the networks: refitted at every origin on the history before it, with their own 80 % interval.
Optional (`pip install aprende[classic]`): without statsforecast the table says so."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from aprende.forecast.frequency import SEASON

# direct(values (W,) units, open (W,) bool, horizon, level) -> (mean, lo, hi), each (horizon,) units
DirectFn = Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]
CLASSIC = ("autoets", "autotheta")


def available() -> bool:
    """Whether statsforecast can be imported (it is an optional dependency)."""
    try:
        import statsforecast  # noqa: F401  # deferred: an optional dependency, looked for only here
    except ImportError:
        return False
    return True


def regular(values: np.ndarray, is_open: np.ndarray) -> np.ndarray:
    """A gap-free series for ETS: closed steps interpolated from their open neighbours (they are not scored)."""
    y = pd.Series(np.where(is_open, values, np.nan), dtype=float)
    return y.interpolate(limit_direction="both").fillna(0.0).to_numpy()


def _direct(model_cls, freq: str) -> DirectFn:
    """A statsforecast model with the frequency's season (7 days, 52 weeks, 12 months; none under two seasons)."""
    season = SEASON[freq]

    def direct(values, is_open, horizon, level: float = 0.8):
        y = regular(values, is_open)
        m = season if len(y) >= 2 * season else 1
        pct = int(round(100 * level))
        out = model_cls(season_length=m).fit(y).predict(h=horizon, level=[pct])
        return tuple(np.asarray(out[k], dtype=np.float64) for k in ("mean", f"lo-{pct}", f"hi-{pct}"))

    return direct


def autoets(freq: str = "D") -> DirectFn:
    """AutoETS: the exponential-smoothing family, its form chosen by AIC at every origin."""
    from statsforecast.models import AutoETS  # deferred: statsforecast is optional and slow to import

    return _direct(AutoETS, freq)


def autotheta(freq: str = "D") -> DirectFn:
    """AutoTheta: the Theta method (the M3 competition's winner), its variant chosen at every origin."""
    from statsforecast.models import AutoTheta  # deferred: statsforecast is optional and slow to import

    return _direct(AutoTheta, freq)


def classic_models(freq: str = "D") -> dict[str, DirectFn]:
    """{"autoets": …, "autotheta": …} when statsforecast is installed, else {}."""
    return {"autoets": autoets(freq), "autotheta": autotheta(freq)} if available() else {}
