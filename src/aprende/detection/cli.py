"""`aprende detect anchors|train|evaluate|predict|export`: options default to None, so each default is written once,
in the settings dataclasses (settings.py)."""

from __future__ import annotations

import click

from aprende.core.cliopts import (
    common_train_options,
    lab_group,
    output_options,
    report_options,
    show_metrics,
    show_trained,
)
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import t
from aprende.core.numbers import fmt as num  # `fmt` is the --format option here
from aprende.core.settings import click_options, settings_from
from aprende.detection.settings import FORMATS, AnchorSettings, DetectSettings, PredictSettings, default_train_config

# The lab's jobs import PyTorch: each command imports what it runs, so `aprende detect --help` stays fast.


def data_options(fn):
    """--data DIR | --dataset NAME, --format voc|yolo: where the annotated images come from."""
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=t("detect.opt.format"))(fn)
    fn = click.option("--dataset", default=None, help=t("detect.opt.dataset"))(fn)
    return click.option("--data", type=click.Path(), default=None, help=t("detect.opt.data"))(fn)


def _report(metrics: dict, title: str) -> None:
    """Per-class AP table, then the two mAPs."""
    from rich.table import Table  # deferred: only when a table is printed

    table = Table(title=title)
    for col in ("detect.col.class", "detect.col.ap50", "detect.col.ap50_95", "detect.col.boxes"):
        table.add_column(t(col), justify="left" if col == "detect.col.class" else "right")
    for name, m in metrics["per_class"].items():
        table.add_row(name, num(m["ap50"], 3), num(m["ap50_95"], 3), num(m["boxes"]))
    err.print(table)
    say("detect.map", map50=metrics["map50"], map50_95=metrics["map50_95"])


def group() -> click.Group:
    detect = lab_group("detect", "detect.help")

    @detect.command("anchors", help=t("detect.anchors.help"))
    @data_options
    @click_options(AnchorSettings)
    @output_options()
    @report_options
    def anchors_cmd(data, dataset, fmt, project, name, as_json, **options):
        from aprende.detection.anchors import find_anchors  # deferred: NumPy, the data readers

        s = settings_from(AnchorSettings, options)
        found = find_anchors(data, dataset, fmt, s, project, name)
        run_dir, result = found.run_dir, found.result
        if as_json:
            print_result(run_dir, metrics={"mean_iou": result.mean_iou, "random_mean_iou": result.random_iou})
        if not is_quiet():
            from rich.table import Table  # deferred: only when a table is printed

            table = Table(title=t("detect.anchors.title", k=s.k, n=found.boxes, size=s.img_size))
            one_grid = len(set(result.strides)) == 1
            cols = ("detect.col.anchor", "detect.col.px", "detect.col.grid", "detect.col.boxes") if one_grid else \
                ("detect.col.anchor", "detect.col.stride", "detect.col.px", "detect.col.grid", "detect.col.boxes")
            for col in cols:
                table.add_column(t(col, stride=result.strides[0] if one_grid else "s"), justify="right")
            counts = [int((result.assign == j).sum()) for j in range(s.k)]
            for j, (px, grid) in enumerate(zip(result.anchors, result.grid)):
                row = [f"{num(px[0], 1)} x {num(px[1], 1)}", f"{num(grid[0], 2)}; {num(grid[1], 2)}", num(counts[j])]
                table.add_row(str(j + 1), *row if one_grid else [f"{result.strides[j]} px", *row])
            err.print(table)
            say("detect.anchors.mean_iou", iou=result.mean_iou, random=result.random_iou, k=s.k)
            say("detect.anchors.done", path=str(run_dir))

    @detect.command("train", help=t("detect.train.help"))
    @data_options
    @click_options(DetectSettings)
    @common_train_options
    def train_cmd(data, dataset, fmt, project, name, resume, as_json, train_cfg, **options):
        from aprende.detection.train import train_detector  # deferred: torch

        settings = settings_from(DetectSettings, options)
        result = train_detector(data, dataset, fmt, settings, default_train_config(**train_cfg), project, name,
                                resume)

        def done() -> None:
            _report(result.metrics, t("detect.table.title"))
            say("detect.train.done", run=str(result.run_dir))

        show_trained(result, as_json, done)

    @detect.command("evaluate", help=t("detect.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--data", type=click.Path(), default=None, help=t("detect.opt.eval_data"))
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=t("detect.opt.format"))
    @output_options(t("detect.opt.name", base="evaluate"))
    @report_options
    def evaluate_cmd(run_dir, data, fmt, project, name, as_json):
        from aprende.detection.evaluate import evaluate_run  # deferred: torch

        run, metrics, plots = evaluate_run(run_dir, data, fmt, project, name)

        def done() -> None:
            _report(metrics, t("detect.table.title"))
            say("detect.evaluate.done", path=str(plots["pr_curve"].parent))

        show_metrics(run, metrics, as_json, done)

    @detect.command("predict", help=t("detect.predict.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--weights", type=click.Path(), default=None, help=t("detect.opt.weights"))
    @click.option("--source", required=True, help=t("detect.opt.source"))
    @click_options(PredictSettings)
    @click.option("--max-frames", type=click.IntRange(min=1), default=None, help=t("detect.opt.max_frames"))
    @output_options(t("detect.opt.name", base="predict"))
    @report_options
    def predict_cmd(run_dir, weights, source, conf, iou, max_frames, project, name, as_json):
        from aprende.detection.predict import predict_objects  # deferred: torch

        r = predict_objects(run_dir, source, conf, iou, project, name, weights, max_frames, quiet=as_json)
        if as_json:
            print_result(r.out_dir, results=r.results())
        if r.kind == "images":
            say("detect.predict.done", images=r.frames, boxes=r.boxes, fps=r.fps, path=str(r.out_dir),
                runtime=r.runtime)
        else:
            say("detect.video.done", frames=r.frames, boxes=r.boxes, fps=r.fps, net_fps=r.net_fps,
                path=str(r.out_dir), runtime=r.runtime)

    @detect.command("export", help=t("detect.export.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--format", "fmt", type=click.Choice(["onnx"]), default="onnx", help=t("detect.opt.export_format"))
    @click.option("--out", type=click.Path(dir_okay=False), default=None, help=t("detect.opt.export_out"))
    @report_options
    def export_cmd(run_dir, fmt, out, as_json):
        from aprende.detection.export import export_onnx  # deferred: torch and onnx

        path = export_onnx(run_dir, out)
        if as_json:
            print_result(run_dir, results=[{"format": fmt, "path": str(path)}])
        say("detect.export.done", path=str(path))

    return detect
