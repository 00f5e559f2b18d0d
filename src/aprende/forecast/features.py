"""From dated rows to model inputs: the step calendar, the scaler fitted on training data only, lags and calendar."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

from aprende.core.errors import AprendeError
from aprende.forecast.data import SalesSeries
from aprende.forecast.frequency import next_periods, period_days, period_index, period_keys
from aprende.forecast.settings import CALENDARS  # noqa: F401  (declared with the settings)


@dataclass
class Steps:
    """The series as model steps. `daily`: one step per calendar day, closed days inserted with open=False and
    value 0. `observed`: one step per row, as the article did (a Monday follows a Saturday)."""

    dates: pd.DatetimeIndex  # (S,)
    values: np.ndarray  # (S,) units, 0 where closed
    open: np.ndarray  # (S,) bool
    calendar: str
    source: str = ""
    freq: str = "D"  # D, W or M: what one step is (forecast.frequency)
    country: str = "ES"  # whose public holidays (a `holidays` code, with a subdivision: ES-MD)
    known: object = None  # forecast.covariates.Known: values known ahead (`--covariates`), else None

    def __len__(self) -> int:
        return len(self.values)


def to_steps(series: SalesSeries, calendar: str = "daily", freq: str = "D", country: str = "ES") -> Steps:
    """One step per period (a missing day, week or month is a closed step), or per row (`observed`)."""
    if calendar == "observed":
        return Steps(series.dates, series.values.copy(), np.ones(len(series), bool), calendar, series.source,
                     freq, country)
    full = period_index(series.dates, freq)
    s = pd.Series(series.values, index=period_keys(series.dates, freq)).reindex(full)
    return Steps(full, s.fillna(0.0).to_numpy(), s.notna().to_numpy(), calendar, series.source, freq, country)


def check_country(code: str) -> str:
    """A `holidays` country code, optionally with a subdivision (MX, ES-MD); an unknown one is refused."""
    country, _, sub = code.strip().upper().partition("-")
    known = holidays.list_supported_countries()
    if country not in known:
        raise AprendeError("forecast.bad_country", code=code)
    if sub and not known[country]:
        raise AprendeError("forecast.no_subdivisions", code=code, country=country)
    if sub and sub not in [str(x).upper() for x in known[country]]:
        raise AprendeError("forecast.bad_subdivision", code=code, country=country,
                           choices=", ".join(str(x) for x in known[country][:40]))
    return f"{country}-{sub}" if sub else country


@lru_cache(maxsize=256)
def _holidays(year: int, country: str = "ES") -> frozenset:
    code, _, sub = country.partition("-")
    return frozenset(holidays.country_holidays(code, subdiv=sub or None, years=year).keys())


def is_holiday(dates: pd.DatetimeIndex, country: str = "ES") -> np.ndarray:
    """The country's public holidays (the `holidays` package), as 0/1: one look-up per year, not per day."""
    days = np.asarray(dates.values, dtype="datetime64[D]")  # (N,)
    known = np.array(sorted(d for y in np.unique(dates.year) for d in _holidays(int(y), country)),
                     dtype="datetime64[D]")
    return np.isin(days, known).astype(np.float32)


def calendar_features(dates: pd.DatetimeIndex, freq: str = "D", country: str = "ES") -> dict[str, np.ndarray]:
    """Of the step being forecast (never of the one after): daily, weekday 0..6, month 0..11, holiday 0/1; weekly,
    the week of the year 0..52 in the weekday slot, the month, the holidays inside the week; monthly, weekday 0,
    the month, the holidays inside the month."""
    month = (dates.month.to_numpy() - 1).astype(np.int64)
    if freq == "D":
        return {"weekday": dates.day_of_week.to_numpy().astype(np.int64), "month": month,
                "holiday": is_holiday(dates, country)}
    inside = np.array([is_holiday(days, country).sum() for days in period_days(dates, freq)], dtype=np.float32)
    first = (dates.isocalendar().week.to_numpy().astype(np.int64) - 1) if freq == "W" else np.zeros(len(dates),
                                                                                                    np.int64)
    return {"weekday": np.clip(first, 0, 52), "month": month, "holiday": inside}


@dataclass
class Scaler:
    """Min-max to [-1, 1] as in the article, but fitted on the training part only (no leakage)."""

    lo: float
    hi: float

    @classmethod
    def fit(cls, values: np.ndarray) -> Scaler:
        lo, hi = float(np.min(values)), float(np.max(values))
        return cls(lo, hi if hi > lo else lo + 1.0)

    def transform(self, x):
        return 2 * (x - self.lo) / (self.hi - self.lo) - 1

    def inverse(self, x):
        return (x + 1) * (self.hi - self.lo) / 2 + self.lo


def centre(lags, on: bool):
    """Lags (B, L) less their last week's mean, and that mean (B,) (NumPy or torch): the network then predicts the
    step from the recent level, which a trend may carry beyond the training range (a tanh layer cannot reach past
    it). Off, the lags come back as they are, with a level of 0."""
    if not on:
        return lags, lags[:, 0] * 0
    level = lags[:, -7:].mean(1)  # (B,)
    return lags - level[:, None], level


WINDOW_FLOOR = 0.05  # of the series' training range: the window mean's floor, so a run of zeros does not divide by 0


def window_scale(lags):
    """Lags (B, L) scaled to [-1, 1] as multiples of their window's mean (B,) (NumPy or torch): the network then
    predicts a day as a share of the recent level, whatever the level (DeepAR's scaling, on top of the series' own)."""
    mean = (lags + 1).mean(1) / 2 + WINDOW_FLOOR  # (B,) in [0, 1] of the range, plus the floor
    return (lags + 1) / 2 / mean[:, None], mean


def take_level(lags, center: bool, window: bool = False):
    """The recent level off the lags: (lags (B, L), level (B,)) by `window_scale`, `centre` or neither."""
    return window_scale(lags) if window else centre(lags, center)


def level_in(y, level, window: bool = False):
    """A target (B,) on the [-1, 1] scale as the network learns it: less the level, or (window) as the window mean's
    multiple less 1, so a network that outputs 0, as an untrained one does, forecasts the recent mean."""
    return (y + 1) / 2 / level - 1 if window else y - level


def level_out(y, level, window: bool = False):
    """The reverse of `level_in`: the network's output back to the [-1, 1] scale."""
    return 2 * (y + 1) * level - 1 if window else y + level


def fill_closed(values: np.ndarray, is_open: np.ndarray) -> np.ndarray:
    """Closed days carry the last open day's sales: a closed shop did not sell 0, so the lags show its level, not a
    dip (days before the window's first open day take its first value). values, is_open (..., S) -> (..., S)."""
    steps = np.arange(values.shape[-1])
    last = np.maximum.accumulate(np.where(is_open, steps, 0), axis=-1)  # index of the last open day
    return np.take_along_axis(values, last, axis=-1)


def windows(values: np.ndarray, targets: np.ndarray, n_lags: int) -> np.ndarray:
    """(T, n_lags) lag windows ending just before each target index."""
    idx = targets[:, None] + np.arange(-n_lags, 0)[None, :]
    return values[idx]


def future_dates(steps: Steps, horizon: int) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """The next `horizon` steps after the history and whether the shop opens then (its habits of the last 8 weeks).
    Daily: the next calendar days, closed ones marked. Observed: the next days on which it opens. Weekly and
    monthly: the next periods, open."""
    if steps.freq != "D":
        return next_periods(steps.dates[-1], steps.freq, horizon), np.ones(horizon, bool)
    closed_wd, closed_hol = closing_habits(steps)
    out, flags = [], []
    day = steps.dates[-1]
    while len(out) < horizon:
        day = day + pd.Timedelta(days=1)
        hol = day.date() in _holidays(day.year, steps.country)
        is_open = not (closed_wd[day.weekday()] or (hol and closed_hol))
        if steps.calendar == "observed" and not is_open:
            continue
        out.append(day)
        flags.append(is_open)
    return pd.DatetimeIndex(out), np.array(flags)


def closing_habits(steps: Steps) -> tuple[np.ndarray, bool]:
    """Weekdays closed on most of the last 8 weeks, and whether the shop usually closes on public holidays."""
    full = pd.date_range(steps.dates[0], steps.dates[-1], freq="D")
    is_open = pd.Series(steps.open, index=steps.dates).reindex(full, fill_value=False)
    recent = is_open.iloc[-56:]
    closed_wd = np.array([(~recent[recent.index.day_of_week == w]).mean() >= 0.5
                          if (recent.index.day_of_week == w).any() else False for w in range(7)])
    hol = is_holiday(full, steps.country).astype(bool)
    closed_hol = bool(hol.any() and (~is_open.to_numpy()[hol]).mean() >= 0.5)
    return closed_wd, closed_hol
