"""`aprende data list|get`."""

from __future__ import annotations

import click
from rich.table import Table

from aprende.core.cliopts import lab_group, list_command, report_options
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import t
from aprende.datasets.registry import DATASETS, available_source, download

MAX_IMAGES = 100_000  # generated scenes: about 6 GB of JPEG at the most, hours of a laptop's time


def group() -> click.Group:
    data = lab_group("data", "data.help")

    list_command(data, "data.list.help", lambda: [_listing(ds) for ds in DATASETS.values()], _show_table)

    @data.command("get", help=t("data.get.help"))
    @click.argument("name")
    @click.option("--url", default=None, help=t("data.opt.url"))
    @click.option("--images", type=click.IntRange(1, MAX_IMAGES), default=None, help=t("data.opt.images"))
    @click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None, help=t("data.opt.seed"))
    @click.option("--dense", is_flag=True, default=None, help=t("data.opt.dense"))
    @click.option("--out", type=click.Path(file_okay=False), default=None, help=t("data.opt.out"))
    @report_options
    def get_cmd(name, url, images, seed, dense, out, as_json):
        folder = download(name, url=url, quiet=as_json, out=out, images=images, seed=seed, dense=dense)
        if as_json:
            print_result(None, results=[{"name": name, "path": str(folder)}])
        else:
            say("data.get.done", name=name, path=str(folder))

    return data


def _show_table() -> None:
    """Every data set, its sources (✓: found here) and the one that would be used now, on stderr."""
    table = Table(title=None if is_quiet() else t("data.list.title"))
    for col in ("data.col.name", "data.col.lab", "data.col.about", "data.col.sources", "data.col.here"):
        table.add_column(t(col), no_wrap=col in ("data.col.name", "data.col.lab"))
    for ds in DATASETS.values():
        src = ", ".join(f"{t('data.kind.' + k)}{' ✓' if ok else ''}" for k, _, ok in ds.sources())
        here = available_source(ds.name)
        table.add_row(ds.name, ds.lab, t(ds.about), src, t("data.kind." + here[0]) if here else t("data.no"))
    err.print(table)


def _listing(ds) -> dict:
    """One data set as --json gives it: where it comes from, and the source that would be used now."""
    here = available_source(ds.name)
    return {"name": ds.name, "lab": ds.lab, "about": t(ds.about),
            "sources": [{"kind": k, "where": w, "available": ok} for k, w, ok in ds.sources()],
            "here": None if here is None else {"kind": here[0], "where": here[1]}}
