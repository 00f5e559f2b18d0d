"""The classic model a practitioner would otherwise pick, AutoETS (statsforecast), scored by the same backtest as the
networks: refitted at every origin on the history before it. Optional: without statsforecast the table says so."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from aprende.forecast.frequency import SEASON

# direct(values (W,) units, open (W,) bool, horizon) -> (horizon,) units: a whole window at once
DirectFn = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


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


def autoets(freq: str = "D") -> DirectFn:
    """AutoETS with the frequency's season (7 days, 52 weeks, 12 months; no season when the history is under two)."""
    from statsforecast.models import AutoETS  # deferred: statsforecast is optional and slow to import

    season = SEASON[freq]

    def direct(values, is_open, horizon):
        y = regular(values, is_open)
        m = season if len(y) >= 2 * season else 1
        return np.asarray(AutoETS(season_length=m).fit(y).predict(h=horizon)["mean"], dtype=np.float64)

    return direct


def classic_models(freq: str = "D") -> dict[str, DirectFn]:
    """{"autoets": …} when statsforecast is installed, else {}."""
    return {"autoets": autoets(freq)} if available() else {}
