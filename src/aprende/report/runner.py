"""Run the labs one by one and write the report into a new run folder, runs/tour/<name>/report.html."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from aprende.core.console import quietly, say
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text, fresh_run, new_run_dir
from aprende.report.html import render
from aprende.report.section import Plan, Section
from aprende.report.sections import SECTIONS


@dataclass
class TourResult:
    report: Path
    sections: list[Section]
    seconds: dict[str, float]
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU time per section, all threads

    @property
    def metrics(self) -> dict:
        return {s.lab: {**s.metrics, "seconds": round(self.seconds[s.lab], 1),
                        "cpu_seconds": round(self.cpu_seconds.get(s.lab, 0.0), 1)} for s in self.sections}


def tour(labs: list[str] | None = None, mode: str = "quick", project: str | Path | None = None,
         quiet: bool = False, name: str | None = None, translate: tuple[str, ...] | list[str] = ()) -> TourResult:
    """Every lab (or `labs`) in `mode` (tiny|quick|full) on its embedded data, each lab's runs and the report in a new
    folder <project>/tour/<name> (exp, exp2, … when no name is given), removed if the tour fails. `translate`: the
    user's own sentences for the shipped translator; quiet: no progress and no messages, as --quiet."""
    labs = labs or list(SECTIONS)
    for lab in labs:
        if lab not in SECTIONS:
            raise AprendeError("tour.unknown_lab", name=lab, choices=", ".join(SECTIONS))
    if mode not in ("tiny", "quick", "full"):
        raise ValueError(f"mode must be tiny, quick or full, not {mode!r}")
    plan = Plan(mode, tuple(x.strip() for x in translate if x.strip()))
    with quietly(quiet), fresh_run(new_run_dir("tour", name, project)) as folder:
        sections, seconds, cpu = [], {}, {}
        for i, lab in enumerate(labs, 1):
            say("tour.lab", i=i, n=len(labs), lab=lab)
            t0, c0 = time.perf_counter(), time.process_time()
            sections.append(SECTIONS[lab](folder, plan))
            seconds[lab], cpu[lab] = time.perf_counter() - t0, time.process_time() - c0
        report = folder / "report.html"
        atomic_write_text(report, render(sections, seconds))
    return TourResult(report, sections, seconds, cpu)
