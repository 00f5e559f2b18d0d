"""`aprende weights list|get|import`: the models that came with this installation, and published ones brought in
(Hugging Face checkpoints of GPT-2, BERT and Marian) as run folders of ours."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from aprende.core.cliopts import json_option, quiet_option
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import get_lang, t
from aprende.core.numbers import fmt
from aprende.core.runs import DEFAULT_PROJECT, read_json, write_json
from aprende.weights import available

PUBLISHED = "published.json"  # what a brought-in run records: where it came from, its licence, each file's sha256
PRETRAINED = ("resnet18", "mobilenet_v3_small", "efficientnet_b0")  # vision.pretrained.ARCHS, named without torch


def _metrics_text(m: dict) -> str:
    keys = [k for k in m if k not in ("bytes", "trained_with", "seed", "seconds", "dataset", "what", "dtype",
                                      "machine", "date")]
    return ", ".join(f"{k} {fmt(m[k], 3)}" if isinstance(m[k], float) else f"{k} {m[k]}" for k in keys)


def imported_runs(project: str | Path | None = None) -> list[dict]:
    """The runs under `project` (./runs) that were brought in by `weights get` or `weights import`."""
    root = Path(project or DEFAULT_PROJECT)
    out = []
    for path in sorted(root.glob(f"*/*/{PUBLISHED}")):
        try:
            info = read_json(path)
        except Exception:  # a damaged record is left out of the list, not fatal to it
            continue
        if isinstance(info, dict):
            out.append({"run": str(path.parent), **{k: info.get(k) for k in ("family", "source", "licence")}})
    return out


def _record(run_dir: Path, info: dict) -> None:
    write_json(Path(run_dir) / PUBLISHED, info)


def _import_folder(folder: Path, project, name, extra: dict) -> dict:
    """A Hugging Face checkpoint folder -> a run of the Transformer lab, recorded."""
    from aprende.transformer.published import import_checkpoint  # deferred: torch

    result = import_checkpoint(folder, project=project, name=name)
    info = {"family": result.family, "sizes": result.sizes, "parameters": result.n_params,
            "sha256": result.files, **extra}
    _record(result.run_dir, info)
    return {"run": str(result.run_dir), **info}


def _import_pretrained(file, arch: str, project, name, get: bool = False) -> dict:
    """A torchvision ImageNet network (downloaded by `get`, or the user's file) -> a classify run, recorded."""
    from aprende.vision import pretrained  # deferred: torch and torchvision

    if get:
        from aprende.datasets.registry import cache_dir  # deferred: only when downloading

        enum = pretrained.weight_enum(arch)
        say("weights.get.licence", name=arch, repo=enum.url, licence=pretrained.LICENCE,
            size=f"{fmt(enum.meta['num_params'] / 1e6, 1)} M")
        result = pretrained.get_pretrained(arch, cache_dir() / "torchvision", name, project)
        source = enum.url
    else:
        result = pretrained.import_pretrained(file, arch, name, project)
        source = str(Path(file).resolve())
    info = {"family": "torchvision", "arch": arch, "parameters": result.parameters, "sha256": result.sha256,
            "source": source, "licence": pretrained.LICENCE}
    _record(result.run_dir, info)
    say("vision.pretrained.done", arch=arch, n=result.parameters, sha=result.sha256[:12],
        run=str(result.run_dir))
    return {"run": str(result.run_dir), **info}


def group() -> click.Group:
    @click.group(name="weights", help=t("weights.help"))
    def weights():
        pass

    @weights.command("list", help=t("weights.list.help"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @json_option
    @quiet_option
    def list_cmd(project, as_json):
        found, brought = available(), imported_runs(project)
        if as_json:
            print_result(None, results=[{"name": name, **m} for name, m in found.items()] +
                         [{"name": Path(r["run"]).name, **r} for r in brought])
            return
        if not found and not brought:
            say("weights.list.empty")
            return
        from rich.table import Table  # deferred: only when a table is printed

        table = Table(title=None if is_quiet() else t("weights.list.title"))
        for col in ("weights.col.name", "weights.col.what", "weights.col.metrics", "weights.col.size"):
            table.add_column(t(col), no_wrap=col == "weights.col.name")
        for name, m in found.items():
            what = m.get("what", "")
            what = what.get(get_lang(), what.get("es", "")) if isinstance(what, dict) else what
            table.add_row(name, what, _metrics_text(m), f"{fmt(m['bytes'] / 1e6, 1)} MB")
        for r in brought:
            table.add_row(r["run"], t("weights.list.imported", family=r["family"], source=r["source"]),
                          t("weights.list.licence", licence=r["licence"] or "?"), "")
        err.print(table)

    @weights.command("get", help=t("weights.get.help"))
    @click.argument("name")
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", "run_name", default=None, help=t("opt.name"))
    @json_option
    @quiet_option
    def get_cmd(name, project, run_name, as_json):
        from aprende.weights import hub  # deferred: the registry and the download, only for this command

        if name in PRETRAINED:
            out = _import_pretrained(None, name, project, run_name, get=True)
            if as_json:
                print_result(out["run"], results=[out])
            return
        if name in hub.REGISTRY:
            from aprende.datasets.registry import cache_dir  # deferred: only when downloading

            entry = hub.REGISTRY[name]
            say("weights.get.licence", name=name, repo=entry.repo, licence=entry.licence, size=entry.size)
            folder, revision, hashes = hub.fetch(name, cache_dir() / "hub")
            try:
                out = _import_folder(folder, project, run_name, {
                    "source": f"https://huggingface.co/{entry.repo}", "repo": entry.repo, "revision": revision,
                    "licence": entry.licence, "downloaded_sha256": hashes})
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        else:
            raise click.BadParameter(t("weights.get.unknown", name=name,
                                       names=", ".join([*hub.REGISTRY, *PRETRAINED])), param_hint="NAME")
        if as_json:
            print_result(out["run"], results=[out])
        say("weights.import.done", run=out["run"], family=out["family"])

    @weights.command("import", help=t("weights.import.help"))
    @click.argument("path", type=click.Path())
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", "run_name", default=None, help=t("opt.name"))
    @click.option("--arch", default=None, help=t("weights.opt.arch", names=", ".join(PRETRAINED)))
    @json_option
    @quiet_option
    def import_cmd(path, project, run_name, arch, as_json):
        source = Path(path)
        if arch is not None:
            out = _import_pretrained(source, arch, project, run_name)
            if as_json:
                print_result(out["run"], results=[out])
            return
        out = _import_folder(source, project, run_name, {"source": str(source.resolve())})
        if as_json:
            print_result(out["run"], results=[out])
        say("weights.import.done", run=out["run"], family=out["family"])

    return weights
