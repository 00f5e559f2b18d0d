"""The tour's history section: the timeline of neural networks and a few of its exhibits, run."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.history import EXHIBITS, TIMELINE, run
from aprende.report.section import Figure, Heading, Note, Plan, Section, Table


def lesson(name: str, figure: str, metrics: dict) -> str | None:
    """The label of a figure that shows a failure on purpose: the limit of its year that the next idea overcame."""
    if (name, figure) == ("perceptron", "xor"):
        return t("tour.history.lesson_xor", accuracy=metrics["xor"]["accuracy"])
    if (name, figure) == ("lstm", "lengths"):
        longest = max(int(k.split("_")[-1]) for k in metrics["rnn"] if k.startswith("mse_"))
        rnn, lstm = metrics["rnn"][f"mse_{longest}"], metrics["lstm"][f"mse_{longest}"]
        if not lstm < rnn / 2:  # too short a run to show the difference
            return None
        return t("tour.history.lesson_rnn", length=longest, rnn=rnn, lstm=lstm)
    if (name, figure) == ("gan", "ring"):
        return t("tour.history.lesson_gan", modes=metrics["ring"]["modes_covered"])
    return None


def history_section(project: Path, plan: Plan) -> Section:
    """Article 6: the timeline as a table, and a few exhibits run (every one in full mode), failures labelled."""
    options = plan.pick({"perceptron": {}, "mlp": {"epochs": 1000}, "lstm": {"lengths": "5,10", "steps": 30}},
                        {"perceptron": {}, "mlp": {}, "lstm": {"lengths": "5,20,40", "steps": 500}, "gan": {}},
                        {e.name: {} for e in TIMELINE})
    results = [run(name, project=project, **o) for name, o in options.items()]
    table = [{t("history.col.year"): e.year, t("history.col.name"): f"{e.title} ({e.name})",
              t("history.col.authors"): e.authors, t("history.col.solved"): e.solved, t("history.col.limit"): e.limit}
             for e in TIMELINE]
    parts = [Table(t("tour.history.timeline"), table)]
    for r in results:
        e = EXHIBITS[r.name]
        parts += [Heading(f"{e.year} · {e.title}"), Note(r.sentence)]
        for key, path in r.figures.items():
            label = lesson(r.name, key, r.metrics)
            if label:
                parts.append(Note(label, warning=True))
            parts.append(Figure(t("history.tour.fig", title=e.title, year=e.year, name=r.name), path))
    flat = {f"{r.name}_{k}" + (f"_{k2}" if k2 else ""): v2 for r in results for k, v in r.metrics.items()
            for k2, v2 in (v.items() if isinstance(v, dict) else [("", v)])}
    return Section(lab="history", title=t("history.tour.title"), question=t("history.tour.question"),
                   text=t("tour.history.text", n=len(results), first=EXHIBITS[results[0].name].year,
                          last=EXHIBITS[results[-1].name].year),
                   parts=parts, metrics=flat, run_dir=results[0].run_dir.parent)
