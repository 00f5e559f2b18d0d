"""Where text goes: messages and progress to stderr, the one JSON object of `--json` to stdout."""

from __future__ import annotations

import json
import os
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from aprende.core.i18n import t

# Piped output (logs, CI) gets 120 columns instead of rich's 80 so tables stay readable.
err = Console(stderr=True, highlight=False, soft_wrap=True,
              width=None if sys.stderr.isatty() else int(os.environ.get("COLUMNS", 120)))


def say(key: str, quiet: bool = False, **params) -> None:
    """Print a catalogue message to stderr unless quiet."""
    if not quiet:
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


def progress(quiet: bool = False) -> Progress:
    """A progress bar on stderr (a no-op display when quiet)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[info]}"),
        console=err,
        disable=quiet,
        transient=False,
    )
