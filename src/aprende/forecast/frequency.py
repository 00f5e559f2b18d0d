"""How often a series is recorded (day, week, month): read from its dates, and what each frequency implies — the
season of the seasonal naive, the default backtest, the step calendar. No PyTorch here."""

from __future__ import annotations

import numpy as np
import pandas as pd

from aprende.core.errors import AprendeError

FREQS = ("auto", "D", "W", "M")
SEASON = {"D": 7, "W": 52, "M": 12}  # the seasonal naive: the same weekday last week, week last year, month last year
BACKTEST = {"D": (7, 12), "W": (4, 13), "M": (3, 4)}  # (horizon, windows) by default
LAGS = {"D": 14, "W": 13, "M": 12}  # lags of one series, in periods
VAL_STEPS = {"D": 56, "W": 13, "M": 6}  # the validation stretch before the backtest, in periods
MIN_TRAIN = {"D": 30, "W": 26, "M": 12}  # at least this many training targets
WIDTH = {"D": 28, "W": 53, "M": 13}  # history a step function may look at (the baselines' reach)
PERIOD_DAYS = {"D": 1, "W": 7, "M": 30}
# many series at once (benchmarks/results/forecast.md): daily, four weeks of lags over their window's mean; weekly,
# a year of lags on the series' own scale in batches of 64 (best on both real weekly panels: a small panel's epoch
# is then several optimiser steps, not one); monthly, a year of lags over their window's mean
PANEL_LAGS = {"D": 28, "W": 52, "M": 12}
PANEL_WINDOW_SCALE = {"D": True, "W": False, "M": True}
PANEL_BATCH = {"D": 512, "W": 64, "M": 512}
MIN_BACKTEST = 4  # the year of weekly lags is kept while the history still leaves this many backtest windows


def infer_freq(dates: pd.DatetimeIndex, path: str) -> str:
    """D, W or M from the gaps between sorted dates; a mix, or weeks that start on different weekdays, refused."""
    if len(dates) < 3:
        return "D"
    gaps = np.diff(dates.values).astype("timedelta64[D]").astype(np.int64)  # (N-1,) days
    median = float(np.median(gaps))
    if median <= 2:  # daily, with closed days (a shop shut a fortnight in August is still daily)
        long = np.flatnonzero(gaps >= 7)
        if len(long) >= 5 and len(long) >= 0.1 * len(gaps):  # a stretch of weekly or sparser rows inside
            j = int(long[0])
            raise AprendeError("csv.mixed_freq", path=path, date1=_day(dates[j]), date2=_day(dates[j + 1]),
                               days=int(gaps[j]), median=int(round(median)))
        return "D"
    if 6 <= median <= 8 and np.mean(gaps % 7 == 0) >= 0.8:
        bad = np.flatnonzero(gaps % 7 != 0)
        if len(bad):
            j = int(bad[0])
            raise AprendeError("csv.week_days", path=path, date1=_day(dates[j]), date2=_day(dates[j + 1]))
        return "W"
    months = dates.year * 12 + dates.month
    if 28 <= median <= 31 and np.all(np.diff(months) >= 1) and gaps.min() >= 27:
        return "M"
    j = int(np.argmax(np.abs(gaps - median)))
    raise AprendeError("csv.mixed_freq", path=path, date1=_day(dates[j]), date2=_day(dates[j + 1]),
                       days=int(gaps[j]), median=int(round(median)))


def settle_freq(wanted: str, dates: pd.DatetimeIndex, path: str) -> str:
    """The frequency to use: the dates' own, or the one asked for if the dates agree (else a clear refusal)."""
    found = infer_freq(dates, path)
    if wanted not in ("auto", None) and wanted != found:
        raise AprendeError("csv.freq_mismatch", path=path, asked=wanted, found=found)
    return found


def _day(d) -> str:
    return pd.Timestamp(d).strftime("%Y-%m-%d")


def period_index(dates: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    """Every period from the first date to the last: days, weeks (ending on the file's weekday) or month starts."""
    if freq == "W":
        return pd.date_range(dates[0], dates[-1], freq="7D")
    if freq == "M":
        return pd.date_range(dates[0].to_period("M").to_timestamp(), dates[-1], freq="MS")
    return pd.date_range(dates[0], dates[-1], freq="D")


def period_keys(dates: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    """The date each row stands for on the period index (months: their first day)."""
    return dates.to_period("M").to_timestamp() if freq == "M" else dates


def next_periods(last: pd.Timestamp, freq: str, n: int) -> pd.DatetimeIndex:
    """The n periods after `last`."""
    if freq == "W":
        return pd.date_range(last + pd.Timedelta(days=7), periods=n, freq="7D")
    if freq == "M":
        return pd.date_range(last.to_period("M").to_timestamp() + pd.offsets.MonthBegin(1), periods=n, freq="MS")
    return pd.date_range(last + pd.Timedelta(days=1), periods=n, freq="D")


def period_days(dates: pd.DatetimeIndex, freq: str) -> list[pd.DatetimeIndex]:
    """The calendar days inside each period: a week is the 7 days ending on its date, a month its own days."""
    if freq == "W":
        return [pd.date_range(d - pd.Timedelta(days=6), d, freq="D") for d in dates]
    if freq == "M":
        return [pd.date_range(d.to_period("M").to_timestamp(), d.to_period("M").to_timestamp(how="end").normalize(),
                              freq="D") for d in dates]
    return [pd.DatetimeIndex([d]) for d in dates]


def backtest_shape(n_steps: int, freq: str, horizon: int | None, windows: int | None, needed: int) -> tuple:
    """(horizon, windows, shortened): the defaults of the frequency; weekly and monthly defaults take fewer windows
    when the history is short (`needed` steps must come before the first origin)."""
    h0, w0 = BACKTEST[freq]
    h = h0 if horizon is None else horizon
    w = w0 if windows is None else windows
    if windows is None and freq != "D":
        fit = (n_steps - needed) // h
        if 1 <= fit < w:
            return h, fit, True
    return h, w, False
