"""A deadline that long lab code checks, so a call the server has given up on (504) stops instead of running on."""

from __future__ import annotations

import contextvars
import time
from contextlib import contextmanager

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("aprende_deadline", default=None)


@contextmanager
def deadline(seconds: float | None):
    """Within this block, `passed()` turns true `seconds` from now (None: never)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def passed() -> bool:
    """True once the current deadline (if any) is over: training loops and generators stop at their next step."""
    end = _deadline.get()
    return end is not None and time.monotonic() >= end


def remaining() -> float | None:
    """Seconds left before the deadline, or None when there is none."""
    end = _deadline.get()
    return None if end is None else max(0.0, end - time.monotonic())
