"""Known future values (`--covariates price,promo`): columns of the CSV that the user also knows for the days ahead
(a planned price, a promotion, a flag for a special day). The networks see them for the step they forecast, never a
lag of them; `predict --future FILE` supplies them for the forecast steps. No PyTorch here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core.errors import AprendeError
from aprende.forecast.data import DATE_NAMES, _date_format, _pick_column, known_columns, parse_known, read_table
from aprende.forecast.frequency import next_periods, period_keys

FUTURE_BYTES = 16 * 2**20  # a --future file: hundreds of thousands of rows, far more than any horizon asks for


@dataclass
class Known:
    """Known values by date: a (T, C) table indexed by the step each row stands for (months: their first day)."""

    names: list[str]
    table: pd.DataFrame  # index: dates; columns: names
    source: str = ""

    @classmethod
    def of(cls, dates: pd.DatetimeIndex, values: np.ndarray, names: list[str], freq: str, source: str) -> Known:
        """values (T, C) on the rows' dates."""
        return cls(list(names), pd.DataFrame(values, index=period_keys(dates, freq), columns=list(names)), source)

    def at(self, dates: pd.DatetimeIndex) -> np.ndarray:
        """(n, C) the values on `dates`; a date with no row is refused (closed days take the last known row)."""
        table = self.table.sort_index()
        late = np.flatnonzero(dates > table.index[-1])
        if len(late):  # beyond the last row (a short --future): never carried forward
            raise AprendeError("forecast.future_missing", path=self.source,
                               date=pd.Timestamp(dates[late[0]]).strftime("%Y-%m-%d"))
        rows = table.reindex(dates)
        missing = rows.isna().any(axis=1).to_numpy()
        if missing.any():
            filled = table.reindex(table.index.union(dates)).ffill().reindex(dates)
            if filled.isna().any(axis=None):
                day = pd.Timestamp(dates[int(np.argmax(filled.isna().any(axis=1).to_numpy()))])
                raise AprendeError("forecast.future_missing", path=self.source, date=day.strftime("%Y-%m-%d"))
            rows = filled
        return rows.to_numpy(dtype=np.float64)


@dataclass
class KnownScaler:
    """Each covariate less its training mean, over its training spread (a 0/1 flag stays a step of about 2)."""

    mean: list[float]
    std: list[float]

    @classmethod
    def fit(cls, values: np.ndarray) -> KnownScaler:
        """values (N, C) of the training targets."""
        std = values.std(axis=0)
        return cls(values.mean(axis=0).tolist(), np.where(std > 0, std, 1.0).tolist())

    def transform(self, values: np.ndarray) -> np.ndarray:
        return (values - np.asarray(self.mean)) / np.asarray(self.std)


def read_future(path: str | Path, names: list[str], last: pd.Timestamp, freq: str) -> Known:
    """`predict --future FILE`: a date column and the run's covariates, one row per step right after the history's
    last date, no gaps (daily: every day, closed ones too); a file far longer than any horizon is refused by its size
    before it is split into rows (10^7 rows would take gigabytes)."""
    size = Path(path).stat().st_size if Path(path).is_file() else 0
    if size > FUTURE_BYTES:
        raise AprendeError("forecast.future_too_big", path=str(path), size=f"{size / 2**20:.0f}",
                           limit=f"{FUTURE_BYTES / 2**20:.0f}")
    table = read_table(path)
    path = table.path
    di = _pick_column(table.names, None, DATE_NAMES, path, "date", None)
    cols = known_columns(table.names, names, path, (di,))
    fmt = _date_format([f[di] for _, f in table.body[:50] if len(f) > di], None)
    need = max(di, *cols)
    expected = next_periods(pd.Timestamp(last), freq, len(table.body))
    cells, lines = [], []
    for k, (n, fields) in enumerate(table.body):
        if len(fields) <= need:
            raise AprendeError("csv.short_row", path=str(path), line=n, expected=need + 1, got=len(fields))
        try:
            day = pd.Timestamp(datetime.strptime(fields[di].strip(), fmt))
        except ValueError:
            raise AprendeError("csv.bad_date", path=str(path), line=n, value=fields[di].strip()[:40]) from None
        if period_keys(pd.DatetimeIndex([day]), freq)[0] != period_keys(expected[k:k + 1], freq)[0]:
            raise AprendeError("forecast.future_gap", path=str(path), line=n, date=day.strftime("%Y-%m-%d"),
                               expected=expected[k].strftime("%Y-%m-%d"),
                               last=pd.Timestamp(last).strftime("%Y-%m-%d"))
        cells.append([fields[i].strip() for i in cols])
        lines.append(n)
    return Known.of(expected, parse_known(path, names, cells, lines, table.sep), names, freq, str(path))
