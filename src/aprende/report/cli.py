"""`aprende tour`."""

from __future__ import annotations

import os

import click

from aprende.core.console import err, print_json, say
from aprende.core.i18n import t
from aprende.core.cliopts import json_option, quiet_option


def tour_command() -> click.Command:
    @click.command(name="tour", help=t("tour.help"))
    @click.option("--labs", default=None, help=t("tour.opt.labs"))
    @click.option("--tiny", is_flag=True, help=t("tour.opt.tiny"))
    @click.option("--full", is_flag=True, help=t("tour.opt.full"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @json_option
    @quiet_option
    def tour_cmd(labs, tiny, full, project, as_json, quiet):
        from aprende.report.tour import tour

        mode = "tiny" if tiny or os.environ.get("APRENDE_TINY") == "1" else "full" if full else "quick"
        result = tour([x.strip() for x in labs.split(",")] if labs else None, mode, project, quiet)
        if as_json:
            print_json({"run": str(result.report.parent), "metrics": result.metrics})
        if not quiet:
            from rich.table import Table

            table = Table(title=t("tour.summary"))
            for col in ("tour.col.lab", "tour.col.result", "tour.col.seconds"):
                table.add_column(t(col))
            for s in result.sections:
                table.add_row(s.title, s.text, f"{result.seconds[s.lab]:.0f}")
            err.print(table)
        say("tour.done", quiet, path=str(result.report))

    return tour_cmd
