"""Many series at once: a long table (date, id, units) on one daily calendar, its closed days, per-series scaling.

Closed days against zeros. A product with no sale on a day the shop opened sold 0; on a day the shop closed it sold
nothing because it could not. A long table says which is which in one of three ways (`--closed`):

- `rows`:  a missing (date, id) row is a closed day for that series; the file writes its zeros as rows with 0;
- `days`:  a date with no row for any series is closed for all; a series without a row on an open day sold 0;
- `none`:  nothing closes; every missing row from a series' first row on is a 0.

`auto` (the default) picks `rows` when the file writes any 0 (it writes its zeros, so a missing row is a closure),
else `days` (the file lists sales only). Before its first row a series does not exist yet (never scored or trained).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aprende.core import budgets
from aprende.core.console import warn
from aprende.core.errors import AprendeError
from aprende.forecast.data import (
    DATE_NAMES,
    DAYFIRST_FORMATS,
    ISO_FORMATS,
    VALUE_NAMES,
    SalesSeries,
    _pick_column,
    _try_date,
    check_span,
    parse_rows,
    read_table,
    series_from,
)
from aprende.forecast.features import is_holiday
from aprende.forecast.frequency import infer_freq, next_periods, period_index
from aprende.forecast.settings import CLOSED_RULES  # noqa: E402,F401  (declared with the settings)

MAX_CELLS = 40_000_000  # series × days: 40 million cells is 320 MB of float64 (100,000 series would be 10 times that)


@dataclass
class SalesPanel:
    """Every series on one daily calendar; `open[i, t]` is False where series i was closed or did not exist yet."""

    ids: list[str]
    dates: pd.DatetimeIndex  # (S,) every day from the table's first date to its last
    values: np.ndarray  # (n, S) units, 0 where closed
    open: np.ndarray  # (n, S) bool
    source: str
    id_col: str = "id"
    statics: dict[str, list[str]] = field(default_factory=dict)  # column -> one value per series
    closed: str = "rows"  # the rule that decided the closed days (`auto` resolved)
    calendar: str = "daily"
    freq: str = "D"  # what one step is: a day, a week (dated on the file's weekday) or a month (its first day)

    def __len__(self) -> int:
        return self.values.shape[1]

    @property
    def n_series(self) -> int:
        return len(self.ids)

    @property
    def start(self) -> np.ndarray:
        """(n,) the step of each series' first open day."""
        return np.argmax(self.open, axis=1)

    def to_frame(self) -> pd.DataFrame:
        """Long format, open cells only (zeros written): read back with `--closed rows` it is the same panel."""
        i, t = np.nonzero(self.open)
        frame = pd.DataFrame({"date": self.dates[t].strftime("%Y-%m-%d"), self.id_col: np.asarray(self.ids)[i],
                              "units": self.values[i, t]})
        for col, vals in self.statics.items():
            frame[col] = np.asarray(vals)[i]
        return frame

    def volume(self) -> np.ndarray:
        """(n,) units sold over the whole history: the largest series are drawn first."""
        return self.values.sum(axis=1)


def _pick_long(names: list[str], wanted: str | None, known: tuple, taken: set[int], table, role: str) -> int:
    """A column by its name (or 1-based number), else a known name, else the only one left (date: one that parses)."""
    if wanted is not None:
        return _pick_column(names, wanted, known, table.path, role, None)
    lowered = [h.strip().lower() for h in names]
    for name in known:
        if name in lowered and lowered.index(name) not in taken:
            return lowered.index(name)
    rest = [i for i in range(len(names)) if i not in taken]
    if role == "date":
        first = table.body[0][1]
        formats = ISO_FORMATS + DAYFIRST_FORMATS
        rest = [i for i in rest if i < len(first) and any(_try_date(first[i].strip(), f) for f in formats)]
    if len(rest) == 1:
        return rest[0]
    raise AprendeError(f"csv.ambiguous_{role}", path=str(table.path), columns=", ".join(names))


def read_long_csv(path, id_col: str, date_col: str | None = None, value_col: str | None = None,
                  date_format: str | None = None, closed: str = "auto",
                  static_cols: list[str] | tuple = ()) -> SalesPanel | SalesSeries:
    """A long table of date, id and units (any dialect `read_sales_csv` reads). One id only: a warning and the
    single series."""
    if closed not in CLOSED_RULES:
        raise AprendeError("forecast.bad_closed", name=closed, choices=", ".join(CLOSED_RULES))
    table = read_table(path)
    path, names = table.path, table.names
    ii = _pick_column(names, id_col, (), path, "id", None)
    si = [_pick_column(names, c, (), path, "id", None) for c in static_cols]
    di = _pick_long(names, date_col, DATE_NAMES, {ii, *si}, table, "date")
    vi = _pick_long(names, value_col, VALUE_NAMES, {ii, di, *si}, table, "value")
    budgets.check("series", len({f[ii] for _, f in table.body if len(f) > ii}), str(path))  # before parsing a row
    dates, values, lines, extras = parse_rows(table, di, vi, date_format, extra=(ii, *si))
    labels = np.array([e[0] for e in extras], dtype=object)
    empty = np.flatnonzero(labels == "")
    if len(empty):
        raise AprendeError("csv.empty_id", path=str(path), line=lines[empty[0]], column=names[ii])
    ids, codes = np.unique(labels.astype(str), return_inverse=True)
    if len(ids) == 1:
        warn("forecast.one_id", path=str(path), column=names[ii], id=str(ids[0]))
        return series_from(dates, values, lines, path)
    day = pd.DatetimeIndex(pd.to_datetime(dates)).values.astype("datetime64[D]")  # (R,)
    lines_arr = np.asarray(lines)
    frame = pd.DataFrame({"code": codes, "day": day})
    dup = frame.duplicated(["code", "day"], keep=False).to_numpy()
    if dup.any():
        first = np.flatnonzero(dup)[0]
        same = np.flatnonzero(dup & (codes == codes[first]) & (day == day[first]))
        raise AprendeError("csv.duplicate_pair", path=str(path), id=str(ids[codes[first]]),
                           date=str(day[first]), line1=int(lines_arr[same[0]]), line2=int(lines_arr[same[1]]))
    order = np.argsort(day, kind="stable")
    check_span(pd.DatetimeIndex(day[order]).unique(), lines_arr[order][np.r_[True, np.diff(day[order]) > 0]], path)
    freq, full, t = panel_calendar(day, codes, ids, str(path))
    if len(ids) * len(full) > MAX_CELLS:
        raise AprendeError("csv.too_many_cells", path=str(path), series=len(ids), days=len(full), limit=MAX_CELLS)
    # what training builds grows with every cell (features, lags, windows): the budget, before the table is made
    budgets.check("series_days", len(ids) * len(full), str(path), series=len(ids), days=len(full))
    first_row = np.unique(codes, return_index=True)[1]  # (n,) a series' static values: those of its first row
    statics = {names[j].strip(): [extras[r][k] for r in first_row] for k, j in enumerate(si, start=1)}
    panel = panel_from(ids.tolist(), full, codes, t, np.asarray(values, dtype=np.float64), closed, str(path))
    panel.id_col, panel.statics, panel.freq = names[ii].strip(), statics, freq
    return panel


def panel_calendar(day: np.ndarray, codes: np.ndarray, ids, path: str) -> tuple[str, pd.DatetimeIndex, np.ndarray]:
    """(frequency, every period from the first to the last, each row's step on it) from the dates of every series
    together; weekly series whose weeks end on different weekdays are refused, naming two of them."""
    seen = pd.DatetimeIndex(np.unique(day))
    try:
        freq = infer_freq(seen, path)
    except AprendeError:
        check_weekdays(day, codes, ids, path)
        raise
    if freq == "D":
        check_weekdays(day, codes, ids, path)  # seven weekly series on seven weekdays look daily together
        return freq, pd.date_range(seen[0], seen[-1], freq="D"), (day - day.min()).astype(np.int64)
    full = period_index(seen, freq)
    if freq == "W":
        return freq, full, ((day - day.min()).astype(np.int64) // 7)
    month = pd.DatetimeIndex(day).year.to_numpy() * 12 + pd.DatetimeIndex(day).month.to_numpy()  # (R,)
    return freq, full, (month - month.min()).astype(np.int64)


def check_weekdays(day: np.ndarray, codes: np.ndarray, ids, path: str) -> None:
    """When every series is weekly on its own (whole weeks between its rows), all must end their weeks on the same
    weekday: else one week of one series would fall between two weeks of another."""
    order = np.lexsort((day, codes))
    c, d = codes[order], day[order].astype(np.int64)
    same = c[1:] == c[:-1]
    gaps = np.diff(d)[same]  # days between a series' consecutive rows
    if len(ids) < 2 or len(np.unique(c[1:][same])) < len(ids) or (gaps % 7).any():
        return
    first = np.unique(c, return_index=True)[1]  # each series' first row in `order`
    weekday = (d[first] + 3) % 7  # 1970-01-01 was a Thursday: Monday 0
    if len(np.unique(weekday)) > 1:
        a, b = 0, int(np.flatnonzero(weekday != weekday[0])[0])
        raise AprendeError("csv.panel_week_days", path=path, id1=str(ids[c[first[a]]]),
                           date1=str(day[order][first[a]]), id2=str(ids[c[first[b]]]), date2=str(day[order][first[b]]))


def panel_from(ids: list[str], full: pd.DatetimeIndex, codes: np.ndarray, t: np.ndarray, values: np.ndarray,
               closed: str, source: str) -> SalesPanel:
    """Rows (series code, step, units) on the daily calendar `full`, with the closed-day rule applied."""
    n, steps = len(ids), len(full)
    grid = np.zeros((n, steps))
    has = np.zeros((n, steps), bool)
    grid[codes, t] = values
    has[codes, t] = True
    rule = closed if closed != "auto" else ("rows" if (values == 0).any() else "days")
    started = np.cumsum(has, axis=1) > 0  # (n, S) from each series' first row on
    if rule == "rows":
        is_open = has
    elif rule == "days":
        is_open = started & has.any(axis=0)[None, :]
    else:
        is_open = started
    grid[~is_open] = 0.0
    return SalesPanel(ids, full, grid, is_open, source, closed=rule)


def require_series_length(panel: SalesPanel, needed: int, what: str) -> None:
    """Every series needs the lags, a month of training, validation and the backtest from its first row on."""
    have = len(panel) - panel.start
    short = np.flatnonzero(have < needed)
    if len(short):
        i = int(short[np.argmin(have[short])])
        raise AprendeError("csv.too_few_id", path=panel.source, id=panel.ids[i], rows=int(have[i]), needed=needed,
                           what=what, count=len(short))


@dataclass
class PanelScaler:
    """Min-max to [-1, 1] per series (a product selling 5 a day and one selling 5,000 both count), on the training
    part only."""

    lo: np.ndarray  # (n,)
    hi: np.ndarray  # (n,)

    @classmethod
    def fit(cls, values: np.ndarray, is_open: np.ndarray) -> PanelScaler:
        lo = np.where(is_open, values, np.inf).min(axis=1)
        hi = np.where(is_open, values, -np.inf).max(axis=1)
        lo = np.where(np.isfinite(lo), lo, 0.0)  # a series with no training day yet
        hi = np.where(np.isfinite(hi) & (hi > lo), hi, lo + 1.0)
        return cls(lo, hi)

    def transform(self, x, rows):
        """x (m, …) of the series `rows` (m,)."""
        lo, span = self.lo[rows], (self.hi - self.lo)[rows]
        shape = (-1,) + (1,) * (np.ndim(x) - 1)
        return 2 * (x - lo.reshape(shape)) / span.reshape(shape) - 1

    def inverse(self, x, rows):
        lo, span = self.lo[rows], (self.hi - self.lo)[rows]
        shape = (-1,) + (1,) * (np.ndim(x) - 1)
        return (x + 1) * span.reshape(shape) / 2 + lo.reshape(shape)


def targets(panel: SalesPanel, n_lags: int, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
    """(series, step) of every open target in [start, end) whose lags lie after the series' first day."""
    t0 = max(start, n_lags)
    mask = panel.open[:, t0:end] & (np.arange(t0, end)[None, :] >= (panel.start + n_lags)[:, None])
    i, t = np.nonzero(mask)
    return i.astype(np.int32), (t + t0).astype(np.int32)


def static_codes(panel: SalesPanel) -> tuple[np.ndarray, list[list[str]]]:
    """(n, 1 + k) int64: the series' own code, then each static column's code; and each static column's values."""
    cols = [np.arange(panel.n_series)]
    vocab = []
    for vals in panel.statics.values():
        uniq, inv = np.unique(np.asarray(vals, dtype=str), return_inverse=True)
        cols.append(inv)
        vocab.append(uniq.tolist())
    return np.stack(cols, axis=1).astype(np.int64), vocab


def future_opens(panel: SalesPanel, horizon: int, country: str = "ES") -> tuple[pd.DatetimeIndex, np.ndarray]:
    """The next `horizon` days and (n, H) whether each series opens then: its weekdays closed on most of the last
    8 weeks, and the `country`'s public holidays if it closed on most of them. Weeks and months: all open."""
    if panel.freq != "D":
        return next_periods(panel.dates[-1], panel.freq, horizon), np.ones((panel.n_series, horizon), bool)
    recent = panel.open[:, -56:]  # (n, ≤56)
    wd = panel.dates[-56:].day_of_week.to_numpy()
    closed_wd = np.stack([(~recent[:, wd == w]).mean(axis=1) >= 0.5 if (wd == w).any()
                          else np.zeros(panel.n_series, bool) for w in range(7)], axis=1)  # (n, 7)
    hol = is_holiday(panel.dates, country).astype(bool)
    alive = np.arange(len(panel))[None, :] >= panel.start[:, None]
    seen = (hol[None, :] & alive).sum(axis=1)
    closed_hol = (seen > 0) & (((~panel.open) & hol[None, :] & alive).sum(axis=1) >= 0.5 * np.maximum(seen, 1))
    dates = pd.date_range(panel.dates[-1] + pd.Timedelta(days=1), periods=horizon, freq="D")
    fut_hol = is_holiday(dates, country).astype(bool)
    opens = ~closed_wd[:, dates.day_of_week.to_numpy()] & ~(closed_hol[:, None] & fut_hol[None, :])
    return dates, opens


def panel_from_frame(frame: pd.DataFrame, id_col: str, date_col: str, value_col: str,
                     static_cols: list[str] | tuple = (), closed: str = "auto", source: str = "") -> SalesPanel:
    """A long table already in memory (generated, or from a database) as a panel; no per-line checks."""
    ids, codes = np.unique(frame[id_col].astype(str).to_numpy(), return_inverse=True)
    day = pd.to_datetime(frame[date_col]).to_numpy().astype("datetime64[D]")
    full = pd.date_range(pd.Timestamp(day.min()), pd.Timestamp(day.max()), freq="D")
    panel = panel_from(ids.tolist(), full, codes, (day - day.min()).astype(np.int64),
                       frame[value_col].to_numpy(dtype=np.float64), closed, source)
    first = np.unique(codes, return_index=True)[1]
    panel.id_col = id_col
    panel.statics = {c: frame[c].astype(str).to_numpy()[first].tolist() for c in static_cols}
    return panel
