"""The one reader of text inputs (corpora, TSV, CSV, labels, class lists, XML): read in chunks under the text budget,
UTF-8 (or a fallback encoding), and refused when it holds NUL bytes or other binary control characters."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from aprende.core import budgets
from aprende.core.errors import AprendeError

CHUNK = 1 << 20  # 1 MiB read at a time
BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # C0 controls but tab, newlines, form feed and escape


def check_size(path: Path, data_len: int | None = None) -> None:
    """Refuse a file above the text budget, from its size on disk (or bytes read so far) before more is read."""
    size = path.stat().st_size if data_len is None else data_len
    budgets.check("text_bytes", size, str(path))


def check_run_file(path: Path) -> None:
    """Refuse a run's own file (tokenizer.json, model.json, …) above the run-file budget, before it is parsed."""
    budgets.check("run_file_bytes", Path(path).stat().st_size, str(path))


def read_bytes(path: str | Path, missing: str = "text.missing") -> bytes:
    """A text file's raw bytes (XML parses its own encoding), read in chunks under the text budget."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError(missing, path=str(path))
    check_size(path)
    parts, seen = [], 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            seen += len(chunk)
            check_size(path, seen)  # a file still growing, or a device that lied about its size
            parts.append(chunk)
    data = b"".join(parts)
    if b"\x00" in data:
        raise AprendeError("text.binary", path=str(path), line=data[:data.index(b"\x00")].count(b"\n") + 1)
    return data


def read_utf8(path: str | Path, missing: str = "text.missing", not_utf8: str = "text.not_utf8",
              encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """A text file's text, BOM dropped, read in chunks under the text budget. Bytes no encoding of `encodings`
    takes are `not_utf8` (with path, line and byte); NUL and other binary controls are text.binary (path, line)."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError(missing, path=str(path))
    check_size(path)
    for i, enc in enumerate(encodings):
        try:
            text = _decode_chunks(path, enc)
            break
        except _BadByte as exc:
            if i == len(encodings) - 1:
                raise AprendeError(not_utf8, path=str(path), line=exc.line, byte=exc.byte) from None
    bad = BINARY.search(text)
    if bad:
        raise AprendeError("text.binary", path=str(path), line=text.count("\n", 0, bad.start()) + 1)
    return text


class _BadByte(Exception):
    def __init__(self, line: int, byte: int):
        super().__init__(line, byte)
        self.line, self.byte = line, byte


def _decode_chunks(path: Path, encoding: str) -> str:
    """Decode chunk by chunk; a bad byte raises _BadByte with its line and byte offset."""
    decoder = codecs.getincrementaldecoder(encoding)()
    parts, seen, lines = [], 0, 0
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            check_size(path, seen + len(chunk))
            try:
                parts.append(decoder.decode(chunk, final=not chunk))
            except UnicodeDecodeError as exc:
                start = max(0, exc.start)
                raise _BadByte(lines + chunk[:start].count(b"\n") + 1, seen + start) from None
            if not chunk:
                return "".join(parts)
            if b"\x00" in chunk:  # binary: stop reading now, the caller names the line
                parts.append(decoder.decode(b"", final=False))
                return "".join(parts) + "\x00"
            seen += len(chunk)
            lines += chunk.count(b"\n")
