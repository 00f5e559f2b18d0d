"""`aprende detect anchors|train|evaluate|predict|export`."""

from __future__ import annotations

import click

from aprende.core.cliopts import common_train_options, json_option, quiet_option
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


def _report(metrics: dict, title: str) -> None:
    """Per-class AP table, then the two mAPs."""
    from rich.table import Table

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

    @detect.command("train", help=t("detect.train.help"))
    @data_options
    @click.option("--model", "size", type=click.Choice(["tiny", "small"]), default="tiny", help=t("detect.opt.model"))
    @click.option("--width", type=click.FloatRange(0.25, 4.0), default=1.0, help=t("detect.opt.width"))
    @click.option("--img-size", "img_size", type=int, default=320, callback=_input_size, help=t("detect.opt.img_size"))
    @click.option("--anchors", "n_anchors", type=click.IntRange(1, 20), default=5, help=t("detect.opt.k"))
    @common_train_options
    def train_cmd(data, dataset, fmt, size, width, img_size, n_anchors, project, name, resume, as_json, quiet,
                  train_cfg):
        from aprende.core import distributed
        from aprende.detection.train import DetectSettings, default_train_config, train

        settings = DetectSettings(size=size, width=width, img_size=img_size, anchors=n_anchors)
        result = train(data, dataset, fmt, settings, default_train_config(**train_cfg), project, name, resume)
        if not distributed.is_main():
            return
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
        if not quiet:
            _report(result.metrics, t("detect.table.title"))
            say("detect.train.done", run=str(result.run_dir))

    @detect.command("evaluate", help=t("detect.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--data", type=click.Path(), default=None, help=t("detect.opt.eval_data"))
    @click.option("--format", "fmt", type=click.Choice(["voc", "yolo"]), default=None, help=t("detect.opt.format"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, data, fmt, project, as_json, quiet):
        from aprende.detection.evaluate import evaluate_run

        run, metrics, plots = evaluate_run(run_dir, data, fmt, project)
        if as_json:
            print_json({"run": str(run), "metrics": metrics})
        if not quiet:
            _report(metrics, t("detect.table.title"))
            say("detect.evaluate.done", path=str(plots["pr_curve"].parent))

    @detect.command("predict", help=t("detect.predict.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("detect.opt.run"))
    @click.option("--weights", type=click.Path(), default=None, help=t("detect.opt.weights"))
    @click.option("--source", required=True, help=t("detect.opt.source"))
    @click.option("--conf", type=float, default=0.25, help=t("detect.opt.conf"))
    @click.option("--iou", type=float, default=0.45, help=t("detect.opt.iou"))
    @click.option("--max-frames", type=click.IntRange(min=1), default=None, help=t("detect.opt.max_frames"))
    @click.option("--out", type=click.Path(file_okay=False), default=None, help=t("detect.opt.out"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @quiet_option
    def predict_cmd(run_dir, weights, source, conf, iou, max_frames, out, project, quiet):
        from aprende.detection.predict import predict

        if run_dir is not None and weights is not None:
            raise click.UsageError(t("detect.run_or_weights"))
        r = predict(run_dir, source, conf, iou, out, project, weights, max_frames, quiet)
        n = sum(len(rec["detections"]) for rec in r.detections)
        if r.kind == "images":
            say("detect.predict.done", quiet, images=len(r.detections), boxes=n, fps=r.fps, path=str(r.out_dir),
                runtime=r.runtime)
        else:
            say("detect.video.done", quiet, frames=len(r.detections), boxes=n, fps=r.fps, net_fps=r.net_fps,
                path=str(r.out_dir), runtime=r.runtime)

    @detect.command("export", help=t("detect.export.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--format", "fmt", type=click.Choice(["onnx"]), default="onnx", help=t("detect.opt.export_format"))
    @click.option("--out", type=click.Path(dir_okay=False), default=None, help=t("detect.opt.export_out"))
    @quiet_option
    def export_cmd(run_dir, fmt, out, quiet):
        from aprende.detection.export import export_onnx

        path = export_onnx(run_dir, out)
        say("detect.export.done", quiet, path=str(path))

    return detect
