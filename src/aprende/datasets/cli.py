"""`aprende data list|get`."""

from __future__ import annotations

import click

from aprende.core.console import err, say
from aprende.core.i18n import t


def group() -> click.Group:
    @click.group(name="data", help=t("data.help"))
    def data():
        pass

    @data.command("list", help=t("data.list.help"))
    def list_cmd():
        from rich.table import Table

        from aprende.datasets.registry import DATASETS, available_source

        table = Table(title=t("data.list.title"))
        for col in ("data.col.name", "data.col.lab", "data.col.about", "data.col.sources", "data.col.here"):
            table.add_column(t(col), no_wrap=col in ("data.col.name", "data.col.lab"))
        for ds in DATASETS.values():
            src = ", ".join(f"{t('data.kind.' + k)}{' ✓' if ok else ''}" for k, _, ok in ds.sources())
            here = available_source(ds.name)
            table.add_row(ds.name, ds.lab, t(ds.about), src, t("data.kind." + here[0]) if here else t("data.no"))
        err.print(table)

    @data.command("get", help=t("data.get.help"))
    @click.argument("name")
    @click.option("--url", default=None, help=t("data.opt.url"))
    @click.option("--images", type=click.IntRange(min=1), default=None, help=t("data.opt.images"))
    @click.option("--seed", type=int, default=None, help=t("data.opt.seed"))
    @click.option("--out", type=click.Path(file_okay=False), default=None, help=t("data.opt.out"))
    @click.option("--quiet", is_flag=True, help=t("opt.quiet"))
    def get_cmd(name, url, images, seed, out, quiet):
        from aprende.datasets.registry import download

        folder = download(name, url=url, quiet=quiet, out=out, images=images, seed=seed)
        say("data.get.done", quiet, name=name, path=str(folder))

    return data
