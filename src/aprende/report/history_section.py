"""The tour's history section: the timeline of neural networks and a few of its exhibits, run."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.history import EXHIBITS, TIMELINE, run
from aprende.report.section import Section


def history_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 6: the timeline as a table, and a few exhibits run (every one in full mode) with their figures."""
    plan = {"tiny": {"perceptron": {}, "mlp": {"epochs": 1000}, "lstm": {"lengths": "5,10", "steps": 30}},
            "quick": {"perceptron": {}, "mlp": {}, "lstm": {}, "gan": {}},
            "full": {e.name: {} for e in TIMELINE}}[mode]
    results = [run(name, project=project, quiet=quiet, **options) for name, options in plan.items()]
    figures = [(t("history.tour.fig", title=EXHIBITS[r.name].title, year=EXHIBITS[r.name].year, name=r.name), path)
               for r in results for path in r.figures.values()][:4 if mode != "full" else None]
    table = [{t("history.col.year"): e.year, t("history.col.name"): f"{e.title} ({e.name})",
              t("history.col.authors"): e.authors, t("history.col.solved"): e.solved, t("history.col.limit"): e.limit}
             for e in TIMELINE]
    flat = {f"{r.name}_{k}" + (f"_{k2}" if k2 else ""): v2 for r in results for k, v in r.metrics.items()
            for k2, v2 in (v.items() if isinstance(v, dict) else [("", v)])}
    return Section(
        lab="history", title=t("history.tour.title"), question=t("history.tour.question"),
        text=t("history.tour.text", n=len(results), sentences=" ".join(r.sentence for r in results)),
        figures=figures, table=table, metrics=flat, run_dir=results[0].run_dir.parent)
