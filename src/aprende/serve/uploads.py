"""An uploaded file becomes a temporary file for the labs' own readers; messages name the client's file, never ours."""

from __future__ import annotations

import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from aprende.core.errors import AprendeError

SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def display_name(filename: str | None, default: str) -> str:
    """The client's file name without any folder part, tamed (a name is all a client may give, never a path)."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = SAFE.sub("_", base).strip("._")[:80]
    return base or default


@contextmanager
def as_file(data: bytes, filename: str | None, default: str):
    """Yield a temporary path holding `data`; an AprendeError about it speaks of the client's file name instead."""
    name = display_name(filename, default)
    with tempfile.TemporaryDirectory(prefix="aprende-serve-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            yield path
        except AprendeError as exc:
            exc.params = {k: (v.replace(str(path), name).replace(tmp, "") if isinstance(v, str) else v)
                          for k, v in exc.params.items()}
            raise
