"""What each lab's part of the tour report holds, in reading order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import torch


@contextmanager
def one_thread() -> Iterator[None]:
    """Train a tiny network on one thread: a second one costs more in waiting than it gives (and far more when the
    machine is busy); the previous setting comes back afterwards."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


@dataclass
class Plan:
    """How the tour runs each section: its mode (tiny|quick|full) and the user's own sentences (quiet is context)."""

    mode: str = "quick"
    translate: tuple[str, ...] = ()

    def pick(self, tiny, quick, full):
        """The value for this mode."""
        return {"tiny": tiny, "quick": quick, "full": full}[self.mode]


@dataclass
class Table:
    caption: str
    rows: list[dict]


@dataclass
class Figure:
    caption: str
    path: Path


@dataclass
class Heading:
    """A sub-heading inside a section."""

    text: str


@dataclass
class Note:
    """A paragraph; `warning` marks a result that is not a success (a deliberate failure, a weak model)."""

    text: str
    warning: bool = False


@dataclass
class Section:
    """A lab's part of the report: the question, a one-line result, then paragraphs, tables and figures in order."""

    lab: str
    title: str
    question: str
    text: str  # the headline result, also in the summary at the top
    parts: list[Heading | Note | Table | Figure] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    run_dir: Path | None = None

    @property
    def figures(self) -> list[Figure]:
        return [p for p in self.parts if isinstance(p, Figure)]
