"""`aprende history list|run NAME`: the timeline, and one exhibit run into runs/history/<name>/."""

from __future__ import annotations

import click

from aprende.core.cliopts import lab_group, list_command, report_options
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import t
from aprende.history.registry import ALL_PARAMS, TIMELINE, flag_text


def _number(v) -> str:
    if isinstance(v, bool) or isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.3e}" if v != 0 and abs(v) < 1e-3 else f"{v:.4g}"
    return str(v)


def _rows(metrics: dict, prefix: str = ""):
    """Flatten {"rnn": {"mse_50": …}} into ("rnn · mse_50", "0.1647") rows."""
    for key, value in metrics.items():
        if isinstance(value, dict):
            yield from _rows(value, f"{prefix}{key} · ")
        else:
            yield prefix + key, _number(value)


def show_timeline() -> None:
    """The timeline as a table on stderr, then (unless quiet) how to run each exhibit with its knobs."""
    from rich.table import Table  # deferred: only when a table is printed

    quiet = is_quiet()
    table = Table(title=None if quiet else t("history.list.title"), show_lines=True)
    for col in ("year", "name", "authors", "solved", "limit"):
        table.add_column(t(f"history.col.{col}"))
    for e in TIMELINE:
        table.add_row(e.year, f"{e.name}\n{e.title}", e.authors, e.solved, e.limit)
    err.print(table)
    if quiet:
        return
    say("history.list.options")
    for e in TIMELINE:
        err.print(f"  aprende history run {e.name} {flag_text(e.params)}", markup=False, highlight=False)


def group() -> click.Group:
    history = lab_group("history", "history.help")

    list_command(history, "history.list.help", lambda: [
        {"name": e.name, "year": e.year, "title": e.title, "authors": e.authors, "solved": e.solved, "limit": e.limit,
         "options": {k: p.default for k, p in e.params.items()}} for e in TIMELINE], show_timeline)

    def knob_options(fn):
        lists = {k for e in TIMELINE for k, p in e.params.items() if p.kind is tuple}
        for key in reversed(ALL_PARAMS):
            fn = click.option("--" + key.replace("_", "-"), key, default=None, metavar="N,N…" if key in lists else "N",
                              help=t(f"history.opt.{key}"))(fn)
        return fn

    @history.command("run", help=t("history.run.help"))
    @click.argument("name")
    @knob_options
    @click.option("--seed", default="0", metavar="N", help=t("opt.seed"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", "run_name", default=None, help=t("history.opt.name"))
    @report_options
    def run_cmd(name, seed, project, run_name, as_json, **options):
        from rich.table import Table  # deferred: only when a table is printed

        from aprende.history.museum import run  # deferred: torch

        result = run(name, seed=seed, project=project, run_name=run_name, **options)
        if as_json:
            print_result(result.run_dir, metrics=result.metrics)
        err.print(result.sentence, markup=False, highlight=False)
        if not is_quiet():
            table = Table(title=t("history.run.table", name=name))
            table.add_column(t("history.col.metric"))
            table.add_column(t("history.col.value"), justify="right")
            for key, value in _rows(result.metrics):
                table.add_row(key, value)
            err.print(table)
            for path in result.figures.values():
                err.print(f"  {path}", markup=False, highlight=False)
        say("history.run.done", run=str(result.run_dir))

    return history
