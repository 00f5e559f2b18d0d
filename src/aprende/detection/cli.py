"""`aprende detect anchors|train|evaluate|predict|export`: options default to None, so each default is written once,
in the settings dataclasses (settings.py)."""

from __future__ import annotations

import click
from rich.table import Table

from aprende.core import distributed
from aprende.core.cliopts import common_train_options, json_option, quiet_option
from aprende.core.console import err, print_result, say
from aprende.core.i18n import t
from aprende.core.lifecycle import default_of, settings_from
from aprende.core.runs import fresh_run, new_run_dir, write_json, write_yaml
from aprende.detection.anchors import box_sizes, kmeans_anchors, plot_anchors
from aprende.detection.data import FORMATS, open_data
from aprende.detection.evaluate import evaluate_run
from aprende.detection.export import export_onnx
from aprende.detection.model import SIZES, STRIDE
from aprende.detection.predict import predict_objects
from aprende.detection.settings import AnchorSettings, DetectSettings, PredictSettings, default_train_config
from aprende.detection.train import train_detector


def data_options(fn):
    """--data DIR | --dataset NAME, --format voc|yolo: where the annotated images come from."""
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=t("detect.opt.format"))(fn)
    fn = click.option("--dataset", default=None, help=t("detect.opt.dataset"))(fn)
    return click.option("--data", type=click.Path(), default=None, help=t("detect.opt.data"))(fn)


def output_options(base: str | None = None):
    """--project DIR --name NAME: where a command writes its folder (default BASE, BASE2, … when base is given)."""
    def add(fn):
        help_name = t("detect.opt.name", base=base) if base else t("opt.name")
        fn = click.option("--name", default=None, help=help_name)(fn)
        return click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))(fn)
    return add


def _img_size_option(cls):
    return click.option("--img-size", "img_size", type=int, default=None,
                        help=t("detect.opt.img_size", default=default_of(cls, "img_size")))


def _report(metrics: dict, title: str) -> None:
    """Per-class AP table, then the two mAPs."""
    table = Table(title=title)
    for col in ("detect.col.class", "detect.col.ap50", "detect.col.ap50_95", "detect.col.boxes"):
        table.add_column(t(col), justify="left" if col == "detect.col.class" else "right")
    for name, m in metrics["per_class"].items():
        table.add_row(name, f"{m['ap50']:.3f}", f"{m['ap50_95']:.3f}", str(m["boxes"]))
    err.print(table)
    say("detect.map", map50=metrics["map50"], map50_95=metrics["map50_95"])


def group() -> click.Group:
    @click.group(name="detect", help=t("detect.help"))
    def detect():
        pass

    @detect.command("anchors", help=t("detect.anchors.help"))
    @data_options
    @click.option("-k", "k", type=click.IntRange(1, 20), default=None,
                  help=t("detect.opt.k", default=default_of(AnchorSettings, "k")))
    @_img_size_option(AnchorSettings)
    @click.option("--scales", type=int, default=None,
                  help=t("detect.opt.anchor_scales", default=default_of(AnchorSettings, "scales")))
    @click.option("--seed", type=int, default=None, help=t("opt.seed"))
    @output_options()
    @json_option
    @quiet_option
    def anchors_cmd(data, dataset, fmt, k, img_size, scales, seed, project, name, as_json, quiet):
        s = settings_from(AnchorSettings, {"k": k, "img_size": img_size, "scales": scales, "seed": seed})
        s.check()
        ds = open_data(data, dataset, fmt, quiet)
        wh = box_sizes(ds, s.img_size)
        result = kmeans_anchors(wh, s.k, s.seed, size=s.img_size, scales=s.scales)
        run_dir = new_run_dir("detect", name, project)
        with fresh_run(run_dir):
            write_yaml(run_dir / "config.yaml", {"lab": "detect", "task": "anchors", "data": data or str(ds.root),
                                                 "format": ds.format, "k": s.k, "img_size": s.img_size,
                                                 "scales": s.scales, "seed": s.seed})
            write_json(run_dir / "anchors.json", {
                "img_size": s.img_size, "stride": STRIDE, "strides": result.strides, "classes": ds.classes,
                "anchors_px": [[round(float(v), 2) for v in a] for a in result.anchors],
                "anchors_grid": [[round(float(v), 4) for v in a] for a in result.grid],
                "mean_iou": result.mean_iou, "random_mean_iou": result.random_iou, "boxes": len(wh)})
            plot_anchors(wh, result, run_dir / "anchors.png")
        if as_json:
            print_result(run_dir, metrics={"mean_iou": result.mean_iou, "random_mean_iou": result.random_iou})
        if not quiet:
            table = Table(title=t("detect.anchors.title", k=s.k, n=len(wh), size=s.img_size))
            one_grid = len(set(result.strides)) == 1
            cols = ("detect.col.anchor", "detect.col.px", "detect.col.grid", "detect.col.boxes") if one_grid else \
                ("detect.col.anchor", "detect.col.stride", "detect.col.px", "detect.col.grid", "detect.col.boxes")
            for col in cols:
                table.add_column(t(col, stride=result.strides[0] if one_grid else "s"), justify="right")
            counts = [int((result.assign == j).sum()) for j in range(s.k)]
            for j, (px, grid) in enumerate(zip(result.anchors, result.grid)):
                row = [f"{px[0]:.1f} x {px[1]:.1f}", f"{grid[0]:.2f}, {grid[1]:.2f}", str(counts[j])]
                table.add_row(str(j + 1), *row if one_grid else [f"{result.strides[j]} px", *row])
            err.print(table)
            say("detect.anchors.mean_iou", iou=result.mean_iou, random=result.random_iou, k=s.k)
            say("detect.anchors.done", path=str(run_dir))

    @detect.command("train", help=t("detect.train.help"))
    @data_options
    @click.option("--model", "size", type=click.Choice(list(SIZES)), default=None,
                  help=t("detect.opt.model", default=default_of(DetectSettings, "size")))
    @click.option("--width", type=click.FloatRange(0.25, 4.0), default=None,
                  help=t("detect.opt.width", default=default_of(DetectSettings, "width")))
    @_img_size_option(DetectSettings)
    @click.option("--anchors", "anchors", type=click.IntRange(1, 20), default=None,
                  help=t("detect.opt.k", default=default_of(DetectSettings, "anchors")))
    @click.option("--scales", type=int, default=None,
                  help=t("detect.opt.scales", default=default_of(DetectSettings, "scales")))
    @click.option("--mosaic", type=float, default=None,
                  help=t("detect.opt.mosaic", default=default_of(DetectSettings, "mosaic")))
    @click.option("--close-mosaic", "close_mosaic", type=float, default=None,
                  help=t("detect.opt.close_mosaic", default=default_of(DetectSettings, "close_mosaic")))
    @click.option("--multi-anchor/--no-multi-anchor", "multi_anchor", default=None, help=t("detect.opt.multi_anchor"))
    @click.option("--iou-obj/--no-iou-obj", "iou_obj", default=None, help=t("detect.opt.iou_obj"))
    @click.option("--tile/--no-tile", "tile", default=None, help=t("detect.opt.tile"))
    @common_train_options
    def train_cmd(data, dataset, fmt, size, width, img_size, anchors, scales, mosaic, close_mosaic, multi_anchor,
                  iou_obj, tile, project, name, resume, as_json, quiet, train_cfg):
        settings = settings_from(DetectSettings, {
            "size": size, "width": width, "img_size": img_size, "anchors": anchors, "scales": scales,
            "mosaic": mosaic, "close_mosaic": close_mosaic, "multi_anchor": multi_anchor, "iou_obj": iou_obj,
            "tile": tile})
        result = train_detector(data, dataset, fmt, settings, default_train_config(**train_cfg), project, name,
                                resume)
        if not distributed.is_main():
            return
        if as_json:
            print_result(result.run_dir, metrics=result.metrics)
        if not quiet:
            _report(result.metrics, t("detect.table.title"))
            say("detect.train.done", run=str(result.run_dir))

    @detect.command("evaluate", help=t("detect.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--data", type=click.Path(), default=None, help=t("detect.opt.eval_data"))
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=t("detect.opt.format"))
    @output_options("evaluate")
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, data, fmt, project, name, as_json, quiet):
        run, metrics, plots = evaluate_run(run_dir, data, fmt, project, name)
        if as_json:
            print_result(run, metrics=metrics)
        if not quiet:
            _report(metrics, t("detect.table.title"))
            say("detect.evaluate.done", path=str(plots["pr_curve"].parent))

    @detect.command("predict", help=t("detect.predict.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--weights", type=click.Path(), default=None, help=t("detect.opt.weights"))
    @click.option("--source", required=True, help=t("detect.opt.source"))
    @click.option("--conf", type=float, default=None,
                  help=t("detect.opt.conf", default=default_of(PredictSettings, "conf")))
    @click.option("--iou", type=float, default=None,
                  help=t("detect.opt.iou", default=default_of(PredictSettings, "iou")))
    @click.option("--max-frames", type=click.IntRange(min=1), default=None, help=t("detect.opt.max_frames"))
    @output_options("predict")
    @json_option
    @quiet_option
    def predict_cmd(run_dir, weights, source, conf, iou, max_frames, project, name, as_json, quiet):
        r = predict_objects(run_dir, source, conf, iou, project, name, weights, max_frames, quiet or as_json)
        if as_json:
            print_result(r.out_dir, results=r.results())
        if r.kind == "images":
            say("detect.predict.done", quiet, images=r.frames, boxes=r.boxes, fps=r.fps, path=str(r.out_dir),
                runtime=r.runtime)
        else:
            say("detect.video.done", quiet, frames=r.frames, boxes=r.boxes, fps=r.fps, net_fps=r.net_fps,
                path=str(r.out_dir), runtime=r.runtime)

    @detect.command("export", help=t("detect.export.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--format", "fmt", type=click.Choice(["onnx"]), default="onnx", help=t("detect.opt.export_format"))
    @click.option("--out", type=click.Path(dir_okay=False), default=None, help=t("detect.opt.export_out"))
    @json_option
    @quiet_option
    def export_cmd(run_dir, fmt, out, as_json, quiet):
        path = export_onnx(run_dir, out)
        if as_json:
            print_result(run_dir, results=[{"format": fmt, "path": str(path)}])
        say("detect.export.done", quiet, path=str(path))

    return detect
