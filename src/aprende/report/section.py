"""What each lab's part of the tour report holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Section:
    """A lab's part of the report: question, what was trained, figures, a table, and the headline metrics."""

    lab: str
    title: str
    question: str
    text: str
    figures: list[tuple[str, Path]] = field(default_factory=list)  # (caption, png)
    table: list[dict] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    run_dir: Path | None = None
