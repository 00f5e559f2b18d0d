"""`aprende detect anchors` (and, as the lab grows, train|evaluate|predict|export)."""

from __future__ import annotations

import click

from aprende.core.cliopts import json_option, quiet_option
from aprende.core.console import err, print_json, say
from aprende.core.i18n import t


def _input_size(ctx, param, value: int) -> int:
    if value < 32 or value % 32:
        raise click.BadParameter(t("detect.bad_size", value=value))
    return value


def data_options(fn):
    """--data DIR | --dataset NAME, --format voc|yolo: where the annotated images come from."""
    fn = click.option("--format", "fmt", type=click.Choice(["voc", "yolo"]), default=None,
                      help=t("detect.opt.format"))(fn)
    fn = click.option("--dataset", default=None, help=t("detect.opt.dataset"))(fn)
    return click.option("--data", type=click.Path(), default=None, help=t("detect.opt.data"))(fn)


def group() -> click.Group:
    @click.group(name="detect", help=t("detect.help"))
    def detect():
        pass

    @detect.command("anchors", help=t("detect.anchors.help"))
    @data_options
    @click.option("-k", "k", type=click.IntRange(1, 20), default=5, help=t("detect.opt.k"))
    @click.option("--img-size", "size", type=int, default=416, callback=_input_size, help=t("detect.opt.img_size"))
    @click.option("--seed", type=int, default=0, help=t("opt.seed"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", default=None, help=t("opt.name"))
    @json_option
    @quiet_option
    def anchors_cmd(data, dataset, fmt, k, size, seed, project, name, as_json, quiet):
        from rich.table import Table

        from aprende.core.runs import fresh_run, next_run_dir, write_json, write_yaml
        from aprende.detection.anchors import STRIDE, box_sizes, kmeans_anchors, plot_anchors
        from aprende.detection.data import open_data

        ds = open_data(data, dataset, fmt, quiet)
        wh = box_sizes(ds, size)
        result = kmeans_anchors(wh, k, seed, size=size)
        run_dir = next_run_dir("detect", name, project)
        with fresh_run(run_dir):
            write_yaml(run_dir / "config.yaml", {"lab": "detect", "task": "anchors", "data": data or str(ds.root),
                                                 "format": ds.format, "k": k, "img_size": size, "seed": seed})
            write_json(run_dir / "anchors.json", {
                "img_size": size, "stride": STRIDE, "classes": ds.classes,
                "anchors_px": [[round(float(v), 2) for v in a] for a in result.anchors],
                "anchors_grid": [[round(float(v), 4) for v in a] for a in result.grid],
                "mean_iou": result.mean_iou, "random_mean_iou": result.random_iou, "boxes": len(wh)})
            plot_anchors(wh, result, run_dir / "anchors.png")
        if as_json:
            print_json({"run": str(run_dir), "metrics": {"mean_iou": result.mean_iou,
                                                         "random_mean_iou": result.random_iou}})
        if not quiet:
            table = Table(title=t("detect.anchors.title", k=k, n=len(wh), size=size))
            for col in ("detect.col.anchor", "detect.col.px", "detect.col.grid", "detect.col.boxes"):
                table.add_column(t(col), justify="right")
            counts = [int((result.assign == j).sum()) for j in range(k)]
            for j, (px, grid) in enumerate(zip(result.anchors, result.grid)):
                table.add_row(str(j + 1), f"{px[0]:.1f} x {px[1]:.1f}", f"{grid[0]:.2f}, {grid[1]:.2f}", str(counts[j]))
            err.print(table)
            say("detect.anchors.mean_iou", iou=result.mean_iou, random=result.random_iou, k=k)
            say("detect.anchors.done", path=str(run_dir))

    return detect
