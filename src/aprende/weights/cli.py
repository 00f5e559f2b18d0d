"""`aprende weights list`: which pretrained models came with this installation, and how good they are."""

from __future__ import annotations

import click
from rich.table import Table

from aprende.core.cliopts import json_option, quiet_option
from aprende.core.console import err, print_result, say
from aprende.core.i18n import get_lang, t
from aprende.weights import available


def _metrics_text(m: dict) -> str:
    keys = [k for k in m if k not in ("bytes", "trained_with", "seed", "seconds", "dataset", "what", "dtype",
                                      "machine", "date")]
    return ", ".join(f"{k} {m[k]:.3f}" if isinstance(m[k], float) else f"{k} {m[k]}" for k in keys)


def group() -> click.Group:
    @click.group(name="weights", help=t("weights.help"))
    def weights():
        pass

    @weights.command("list", help=t("weights.list.help"))
    @json_option
    @quiet_option
    def list_cmd(as_json, quiet):
        found = available()
        if as_json:
            print_result(None, results=[{"name": name, **m} for name, m in found.items()])
            return
        if not found:
            say("weights.list.empty", quiet)
            return
        table = Table(title=None if quiet else t("weights.list.title"))
        for col in ("weights.col.name", "weights.col.what", "weights.col.metrics", "weights.col.size"):
            table.add_column(t(col), no_wrap=col == "weights.col.name")
        for name, m in found.items():
            what = m.get("what", "")
            what = what.get(get_lang(), what.get("es", "")) if isinstance(what, dict) else what
            table.add_row(name, what, _metrics_text(m), f"{m['bytes'] / 1e6:.1f} MB")
        err.print(table)

    return weights
