"""`aprende tour`."""

from __future__ import annotations

import os

import click
from rich.table import Table

from aprende.core.cliopts import json_option, quiet_option
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import t


def tour_command() -> click.Command:
    @click.command(name="tour", help=t("tour.help"))
    @click.option("--labs", default=None, help=t("tour.opt.labs"))
    @click.option("--tiny", is_flag=True, help=t("tour.opt.tiny"))
    @click.option("--full", is_flag=True, help=t("tour.opt.full"))
    @click.option("--translate", "sentences", multiple=True, metavar=t("tour.opt.translate_metavar"),
                  help=t("tour.opt.translate"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", default=None, help=t("opt.name"))
    @json_option
    @quiet_option
    def tour_cmd(labs, tiny, full, sentences, project, name, as_json):
        from aprende.report.runner import tour  # deferred: every lab (and torch) loads only when a tour runs

        mode = "tiny" if tiny or os.environ.get("APRENDE_TINY") == "1" else "full" if full else "quick"
        labs = [x.strip() for x in labs.split(",")] if labs else None
        result = tour(labs, mode, project, name=name, translate=sentences)
        if as_json:
            print_result(result.report.parent, metrics=result.metrics)
        if not is_quiet():
            table = Table(title=t("tour.summary"))
            for col in ("tour.col.lab", "tour.col.result", "tour.col.seconds"):
                table.add_column(t(col))
            for s in result.sections:
                table.add_row(s.title, s.text, f"{result.seconds[s.lab]:.0f}")
            err.print(table)
        say("tour.done", path=str(result.report))

    return tour_cmd
