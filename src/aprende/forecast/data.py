"""Reading a sales CSV as people really write them: header or not, `,` `;` or tab, decimal comma, day-first dates."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from aprende.core import budgets
from aprende.core import text as core_text
from aprende.core.console import warn
from aprende.core.errors import AprendeError

DATE_NAMES = ("fecha", "date", "ds", "dia", "día", "day", "fecha_venta", "timestamp", "time")
VALUE_NAMES = ("unidades", "units", "ventas", "sales", "valor", "value", "y", "cantidad", "quantity", "qty")
ISO_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d")
DAYFIRST_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%m-%y")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# What a daily sales series can be: anything outside is a typo in the file, refused before any work is done.
FIRST_YEAR, LAST_YEAR = 1900, 2199  # dates outside these years are typos (and beyond what pandas and holidays hold)
# the longest span by how often the rows come: 30 years of days, 200 of weeks (about 11,000 steps each), 300 of
# months (every year the reader accepts, 1900-2199); else a file of 1900-2199 would build 110,000 days
MAX_SPAN_YEARS = {"D": 30, "W": 200, "M": 300}
MAX_GAP_DAYS = 366  # more than a year without a single row is two series, not one
MAX_VALUE = 1e15  # |units| above this is not a quantity sold (and breaks the scaler: hi - lo overflows)
MAX_FIELD = csv.field_size_limit()  # 131,072 characters: a longer field is refused by the csv module


@dataclass
class SalesSeries:
    """Observed rows of a series, sorted by date; `open` is False on the days the shop did not report (closed)."""

    dates: pd.DatetimeIndex
    values: np.ndarray  # (N,) float64
    source: str
    known: np.ndarray | None = None  # (N, C) values known ahead (`--covariates`), else None
    known_names: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.values)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame({"date": self.dates.strftime("%Y-%m-%d"), "units": self.values})
        for c, name in enumerate(self.known_names):
            frame[name] = self.known[:, c]
        return frame

    def upto(self, end: int) -> SalesSeries:
        """The first `end` observations (history known at an origin)."""
        known = None if self.known is None else self.known[:end]
        return SalesSeries(self.dates[:end], self.values[:end], self.source, known, self.known_names)


def _decode(path: Path) -> str:
    """UTF-8, else Windows-1252, through core.text (in chunks, within the text budget); binary is csv.binary."""
    try:
        return core_text.read_utf8(path, missing="csv.missing", not_utf8="csv.binary",
                                   encodings=("utf-8-sig", "cp1252"))
    except AprendeError as exc:
        if exc.key == "text.binary":
            raise AprendeError("csv.binary", path=str(path)) from None
        raise


def _sniff_sep(lines: list[str]) -> str:
    sample = lines[:20]
    for sep in (";", "\t"):
        if sample and all(sep in ln for ln in sample):
            return sep
    return ","


def _parse_number(text: str, decimal_comma: bool) -> float | None:
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d+,\d+", s):
        s = s.replace(",", ".")  # a quoted "236,5" in a comma file
    if not NUMBER.match(s):
        return None
    return float(s)


def _date_format(samples: list[str], given: str | None) -> str:
    if given:
        return given
    for fmt in ISO_FORMATS + DAYFIRST_FORMATS:
        try:
            for s in samples:
                datetime.strptime(s.strip(), fmt)
            return fmt
        except ValueError:
            continue
    return ISO_FORMATS[0]


def _is_header(fields: list[str]) -> bool:
    first = fields[0].strip()
    if not first:
        return True
    return not any(_try_date(first, f) for f in ISO_FORMATS + DAYFIRST_FORMATS)


def _try_date(s: str, fmt: str) -> bool:
    try:
        datetime.strptime(s, fmt)
        return True
    except ValueError:
        return False


def _pick_column(header: list[str], wanted: str | None, names: tuple, path: Path, role: str, other: int | None) -> int:
    lowered = [h.strip().lower() for h in header]
    if wanted is not None:
        if wanted.strip().lower() in lowered:
            return lowered.index(wanted.strip().lower())
        if wanted.isdigit() and 1 <= int(wanted) <= len(header):
            return int(wanted) - 1
        raise AprendeError("csv.no_column", path=str(path), column=wanted, columns=", ".join(header))
    for name in names:
        if name in lowered:
            return lowered.index(name)
    rest = [i for i in range(len(header)) if i != other]
    if len(header) == 2 and other is not None:
        return rest[0]
    if other is None and len(header) == 2:
        return 0
    raise AprendeError(f"csv.ambiguous_{role}", path=str(path), columns=", ".join(header))


@dataclass
class Table:
    """A CSV split into fields: column names (the header, else "1", "2", …), numbered body rows, dialect."""

    path: Path
    names: list[str]
    body: list[tuple[int, list[str]]]  # (line number, fields)
    sep: str
    header: bool


def read_table(path: str | Path) -> Table:
    """Decode, sniff the separator and split every line; refuses missing, binary, empty or one-column files."""
    path = Path(path)
    if not path.exists():
        raise AprendeError("csv.missing", path=str(path))
    if not path.is_file():
        raise AprendeError("csv.not_file", path=str(path))
    text = _decode(path)
    budgets.check("csv_rows", text.count("\n"), path)  # before the lines are split into fields
    numbered = [(i + 1, ln) for i, ln in enumerate(text.splitlines()) if ln.strip()]
    if not numbered:
        raise AprendeError("csv.empty", path=str(path))
    sep = _sniff_sep([ln for _, ln in numbered])
    rows = [(n, _fields(ln, sep, path, n)) for n, ln in numbered]
    header = rows[0][1] if _is_header(rows[0][1]) else None
    body = rows[1:] if header is not None else rows
    if not body:
        raise AprendeError("csv.no_rows", path=str(path))
    width = len(header) if header is not None else len(body[0][1])
    if width < 2:
        raise AprendeError("csv.one_column", path=str(path), sep={",": ",", ";": ";", "\t": "TAB"}[sep])
    names = header if header is not None else [str(i + 1) for i in range(width)]
    return Table(path, names, body, sep, header is not None)


def parse_rows(table: Table, di: int, vi: int, date_format: str | None = None,
               extra: tuple[int, ...] = ()) -> tuple[list, list[float], list[int], list[list[str]]]:
    """(dates, values, line numbers, the `extra` columns' raw fields) of every body row, each cell checked."""
    path, body = table.path, table.body
    decimal_comma = table.sep != "," and any("," in f[vi] for _, f in body[:50] if len(f) > vi)
    fmt = _date_format([f[di] for _, f in body[:50] if len(f) > di], date_format)
    need = max(di, vi, *extra)
    dates, values, lines, extras = [], [], [], []
    for n, fields in body:
        if len(fields) <= need:
            raise AprendeError("csv.short_row", path=str(path), line=n, expected=need + 1, got=len(fields))
        try:
            d = datetime.strptime(fields[di].strip(), fmt)
        except ValueError:
            raise AprendeError("csv.bad_date", path=str(path), line=n, value=fields[di].strip()[:40]) from None
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            raise AprendeError("csv.date_range", path=str(path), line=n, value=fields[di].strip()[:40],
                               first=FIRST_YEAR, last=LAST_YEAR)
        v = _parse_number(fields[vi], decimal_comma)
        if v is None:
            raise AprendeError("csv.bad_value", path=str(path), line=n, value=fields[vi].strip()[:40])
        if not abs(v) <= MAX_VALUE:  # inf, 1e400, and anything too large to be units sold
            raise AprendeError("csv.huge_value", path=str(path), line=n, value=fields[vi].strip()[:40])
        dates.append(d.date())
        values.append(v)
        lines.append(n)
        if extra:
            extras.append([fields[i].strip() for i in extra])
    return dates, values, lines, extras


def parse_known(path: Path, names: list[str], rows: list[list[str]], lines: list[int], sep: str) -> np.ndarray:
    """(N, C) the covariate cells as numbers (a `;` or tab file whose column holds commas: decimal commas); an empty
    or unreadable cell is a gap, refused with its line: the networks need the value on every step."""
    out = np.empty((len(rows), len(names)))
    for c, name in enumerate(names):
        comma = sep != "," and any("," in r[c] for r in rows[:50])
        for k, (row, line) in enumerate(zip(rows, lines)):
            v = _parse_number(row[c], comma) if row[c].strip() else None
            if v is None or not abs(v) <= MAX_VALUE:
                raise AprendeError("csv.covariate_gap", path=str(path), line=line, column=name,
                                   value=row[c].strip()[:40])
            out[k, c] = v
    return out


def known_columns(names: list[str], wanted: list[str], path: Path, taken: tuple[int, ...]) -> tuple[int, ...]:
    """The columns of `--covariates`: each must exist and be neither the date nor the quantity."""
    cols = tuple(_pick_column(names, w, (), path, "value", None) for w in wanted)
    for w, c in zip(wanted, cols):
        if c in taken:
            raise AprendeError("csv.covariate_taken", path=str(path), column=w)
    return cols


def read_sales_csv(path: str | Path, date_col: str | None = None, value_col: str | None = None,
                   date_format: str | None = None, covariates: list[str] | tuple = ()) -> SalesSeries:
    """Read and validate a `date, quantity` CSV (and the `covariates` columns, known ahead); every problem names the
    file, the line and what to do."""
    table = read_table(path)
    path = table.path
    di = _pick_column(table.names, date_col, DATE_NAMES, path, "date", None)
    vi = _pick_column(table.names, value_col, VALUE_NAMES, path, "value", di)
    cols = known_columns(table.names, list(covariates), path, (di, vi)) if covariates else ()
    dates, values, lines, cells = parse_rows(table, di, vi, date_format, extra=cols)
    known = parse_known(path, list(covariates), cells, lines, table.sep) if covariates else None
    return series_from(dates, values, lines, path, known=known, known_names=tuple(covariates))


def series_from(dates: list, values: list[float], lines: list[int], path: Path,
                label: str | None = None, known: np.ndarray | None = None,
                known_names: tuple[str, ...] = ()) -> SalesSeries:
    """Sort the rows of one series by date; a date twice is refused, a span too long too, unsorted is said."""
    idx = pd.DatetimeIndex(pd.to_datetime(dates))
    order = np.argsort(idx.values, kind="stable")
    unsorted = not np.all(order == np.arange(len(order)))
    idx, vals, lines = idx[order], np.asarray(values, dtype=np.float64)[order], np.asarray(lines)[order]
    dup = np.flatnonzero(idx[1:] == idx[:-1])
    if len(dup):
        j = dup[0]
        line1, line2 = int(min(lines[j], lines[j + 1])), int(max(lines[j], lines[j + 1]))
        if label is not None:
            raise AprendeError("csv.duplicate_pair", path=str(path), id=label, date=idx[j].strftime("%Y-%m-%d"),
                               line1=line1, line2=line2)
        raise AprendeError("csv.duplicate_date", path=str(path), date=idx[j].strftime("%Y-%m-%d"),
                           line1=line1, line2=line2)
    check_span(idx, lines, path)
    if unsorted and label is None:
        warn("csv.unsorted", path=str(path))
    return SalesSeries(idx, vals, str(path), None if known is None else known[order], known_names)


def _fields(line: str, sep: str, path: Path, n: int) -> list[str]:
    """One line's fields; a field beyond the csv module's limit (or a line it cannot split) names the line."""
    try:
        return next(csv.reader(io.StringIO(line), delimiter=sep))
    except csv.Error:
        raise AprendeError("csv.bad_line", path=str(path), line=n, limit=MAX_FIELD) from None


def check_span(idx: pd.DatetimeIndex, lines: np.ndarray, path: Path) -> None:
    """Refuse a span or a gap no sales series has: the calendar builds every day, week or month in between."""
    if len(idx) < 2:
        return
    gaps = np.diff(idx.values).astype("timedelta64[D]").astype(np.int64)  # (N-1,) days between rows
    median = float(np.median(gaps))  # the rows' own step, as `frequency.infer_freq` reads it (else days: strictest)
    freq = "M" if 28 <= median <= 31 else "W" if 6 <= median <= 8 else "D"
    if (idx[-1] - idx[0]).days > MAX_SPAN_YEARS[freq] * 365.25:
        raise AprendeError("csv.long_span", path=str(path), first=idx[0].strftime("%Y-%m-%d"),
                           last=idx[-1].strftime("%Y-%m-%d"), years=MAX_SPAN_YEARS[freq], **{
                               f"years_{k.lower()}": v for k, v in MAX_SPAN_YEARS.items()})
    j = int(np.argmax(gaps))
    if gaps[j] > MAX_GAP_DAYS:
        raise AprendeError("csv.long_gap", path=str(path), days=int(gaps[j]), limit=MAX_GAP_DAYS,
                           date1=idx[j].strftime("%Y-%m-%d"), line1=int(lines[j]),
                           date2=idx[j + 1].strftime("%Y-%m-%d"), line2=int(lines[j + 1]))


def require_length(series: SalesSeries, needed: int, what: str) -> None:
    """Too few rows for the lags plus the horizon is a user error, said before anything is written."""
    if len(series) < needed:
        raise AprendeError("csv.too_few", path=series.source, rows=len(series), needed=needed, what=what)
