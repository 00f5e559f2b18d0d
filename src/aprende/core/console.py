"""Where text goes: messages and progress to stderr, the one JSON object of `--json` to stdout."""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from aprende.core.i18n import t

# Piped output (logs, CI) gets 120 columns instead of rich's 80 so tables stay readable.
err = Console(stderr=True, highlight=False, soft_wrap=True,
              width=None if sys.stderr.isatty() else int(os.environ.get("COLUMNS", 120)))


# whether messages and bars are hidden: set by `--quiet` (or a job's quiet=True) for a block, read where text is drawn
_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("aprende_quiet", default=False)


@contextlib.contextmanager
def quietly(on: bool = True):
    """Within this block say() and progress() show nothing; an inner quietly(False) cannot undo an outer quiet."""
    token = _quiet.set(_quiet.get() or bool(on))
    try:
        yield
    finally:
        _quiet.reset(token)


def _worker() -> bool:
    """A DDP process other than rank 0 (only rank 0 prints); torch is asked only when something already imported it."""
    tdist = sys.modules.get("torch.distributed")
    if tdist is not None and tdist.is_available() and tdist.is_initialized():
        return tdist.get_rank() != 0
    rank = os.environ.get("RANK") or os.environ.get("LOCAL_RANK") or "0"
    return rank.strip() not in ("", "0")


def is_quiet() -> bool:
    """True inside quietly(), and on every DDP worker but rank 0."""
    return _quiet.get() or _worker()


def say(key: str, **params) -> None:
    """Print a catalogue message to stderr unless quiet (see quietly)."""
    if not is_quiet():
        err.print(t(key, **params), markup=False)


def warn(key: str, **params) -> None:
    """Warnings are printed even when quiet: they are about the user's data."""
    err.print(t("warning.prefix") + t(key, **params), style="yellow", markup=False)


def print_json(obj: dict) -> None:
    """The single JSON object of --json on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=float) + "\n")
    sys.stdout.flush()


def print_result(run=None, *, metrics: dict | None = None, results: list | None = None, **extra) -> None:
    """--json's one shape. Measured commands: {"run": folder, "metrics": {...}} (a model name -> metrics where several
    are compared). Answers (generated text, fills, translations, predictions, lists): {"run": folder or null,
    "results": [one object per input or item]}. A command with both gives both keys."""
    obj = {"run": None if run is None else str(run)}
    if metrics is not None:
        obj["metrics"] = metrics
    if results is not None:
        obj["results"] = results
    print_json({**obj, **extra})


def progress() -> Progress:
    """A progress bar on stderr (a no-op display when quiet)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[info]}"),
        console=err,
        disable=is_quiet(),
        transient=False,
    )
