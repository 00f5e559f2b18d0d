"""`tienda`: two years of a small shop's daily sales, generated with the features the article's data has."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pandas as pd

WEEKLY = np.array([0.92, 0.95, 1.0, 1.04, 1.22, 1.34, 0.8])  # Monday..Sunday (Sundays open only in December)


def generate_tienda(seed: int = 0, start: str = "2023-01-02", days: int = 730, level: float = 200.0):
    """(dates, units) of the open days: trend, weekly and yearly seasonality, Spanish holidays closed, noise."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    es = holidays.Spain(years=sorted(set(dates.year)))
    t = np.arange(days) / 365.25
    doy = dates.day_of_year.to_numpy()
    trend = level * (1 + 0.15 * t)
    yearly = 1 + 0.12 * np.cos(2 * np.pi * (doy - 350) / 365.25) - 0.10 * np.exp(-((doy - 220) / 18.0) ** 2)
    weekly = WEEKLY[dates.day_of_week.to_numpy()]
    eve = np.array([(d + dt.timedelta(days=1)) in es for d in dates.date])  # busier the day before a holiday
    mean = trend * yearly * weekly * np.where(eve, 1.25, 1.0)
    units = rng.poisson(mean * rng.lognormal(0, 0.07, days)).astype(float)
    closed = np.array([d in es for d in dates.date]) | ((dates.day_of_week == 6) & (dates.month != 12))
    keep = ~closed
    return dates[keep], units[keep]
