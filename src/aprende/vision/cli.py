"""`aprende classify train|evaluate|predict` and `aprende cnn explain|demo`."""

from __future__ import annotations

import click

from aprende.core.cliopts import common_train_options, lab_group, output_options, report_options, show_metrics
from aprende.core.console import err, print_result, say
from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.core.settings import click_options, settings_from
from aprende.vision.settings import CSV_NAME, SIZE, TOP_K, ClassifySettings

# The lab's jobs import PyTorch: each command imports what it runs, so `aprende classify --help` stays fast.


def _report(metrics: dict, title: str) -> None:
    from rich.table import Table  # deferred: only when a table is printed

    table = Table(title=title)
    for col in ("vision.col.class", "vision.col.precision", "vision.col.recall", "vision.col.f1", "vision.col.support"):
        table.add_column(t(col), justify="left" if col == "vision.col.class" else "right")
    for name, m in metrics["per_class"].items():
        table.add_row(name, fmt(m["precision"], 3), fmt(m["recall"], 3), fmt(m["f1"], 3), fmt(m["support"]))
    err.print(table)
    say("vision.accuracy", accuracy=metrics["accuracy"], f1=metrics["f1_weighted"])


def _top(top: list[tuple[str, float]]) -> list[dict]:
    return [{"class": c, "probability": round(p, 5)} for c, p in top]


def _cnn_command(group: click.Group, name: str, option):
    """`aprende cnn NAME IMAGE [option] --project --name --json --quiet`: what both cnn commands take (their folder
    goes to <project>/cnn/<name>, as for every run)."""
    def add(fn):
        for opt in (report_options, output_options(), option, click.argument("image", type=click.Path())):
            fn = opt(fn)
        return group.command(name, help=t(f"cnn.{name}.help"))(fn)
    return add


def classify_group() -> click.Group:
    classify = lab_group("classify", "vision.help")

    @classify.command("train", help=t("vision.train.help"))
    @click.option("--data", type=click.Path(), default=None, help=t("vision.opt.data"))
    @click.option("--dataset", default=None, help=t("vision.opt.dataset"))
    @click_options(ClassifySettings)
    @click.option("--test-data", type=click.Path(), default=None, help=t("vision.opt.test_data"))
    @click.option("--skip-bad", is_flag=True, help=t("vision.opt.skip_bad"))
    @click.option("--init", "init_run", type=click.Path(), default=None, help=t("vision.opt.init"))
    @common_train_options
    def train_cmd(data, dataset, test_data, skip_bad, init_run, project, name, resume, as_json, train_cfg,
                  **options):
        from aprende.vision.train import default_train_config, train_classifier  # deferred: torch

        settings = settings_from(ClassifySettings, options)
        if init_run is not None:
            from aprende.vision.finetune import finetune_train_config  # deferred: torch

            cfg = finetune_train_config(**train_cfg)
        else:
            cfg = default_train_config(settings.model, **train_cfg)
        result = train_classifier(data, dataset, settings, cfg, project, name, resume, skip_bad, test_data,
                                  init_run)

        def done() -> None:
            _report(result.metrics, t("vision.table.title"))
            say("vision.train.done", run=str(result.run_dir))

        if result.metrics:  # empty on a DDP worker, which says nothing
            show_metrics(result.run_dir, result.metrics, as_json, done)

    @classify.command("evaluate", help=t("vision.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--data", type=click.Path(), default=None, help=t("vision.opt.eval_data"))
    @click.option("--skip-bad", is_flag=True, help=t("vision.opt.skip_bad"))
    @report_options
    def evaluate_cmd(run_dir, data, skip_bad, as_json):
        from aprende.vision.evaluate import evaluate_run  # deferred: torch

        ev = evaluate_run(run_dir, folder=data, skip_bad=skip_bad)

        def done() -> None:
            _report(ev.metrics, t("vision.table.title"))
            say("vision.evaluate.done", path=str(ev.plots["confusion"].parent))

        show_metrics(ev.run_dir, ev.metrics, as_json, done)

    @classify.command("predict", help=t("vision.predict.help"))
    @click.argument("target", type=click.Path())
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("opt.run_shipped"))
    @click.option("--top-k", type=int, default=None, help=t("vision.opt.top_k"))
    @click.option("--out", type=click.Path(dir_okay=False), default=None, help=t("vision.opt.out"))
    @report_options
    def predict_cmd(target, run_dir, top_k, out, as_json):
        from aprende.vision.predict import predict_images  # deferred: torch
        from aprende.vision.run import load_classifier  # deferred: torch

        classifier = load_classifier(run_dir)
        if top_k is None:  # ImageNet's 1000 classes: the usual top-5; our runs: TOP_K
            top_k = 5 if classifier.config.get("model") == "pretrained" else TOP_K
        preds = predict_images(target, classifier, top_k, out)
        if as_json:
            print_result(classifier.run_dir, results=[p.as_dict() for p in preds])
            return
        for p in preds[:20]:
            click.echo(p.file + "  " + "  ".join(f"{c} {fmt(v, percent=True)}" for c, v in p.top))
        if len(preds) > 1:
            say("vision.predict.done", n=len(preds), path=out or CSV_NAME)

    return classify


def cnn_group() -> click.Group:
    cnn = lab_group("cnn", "cnn.help")

    @_cnn_command(cnn, "explain", click.option("--run", "run_dir", type=click.Path(), default=None,
                                               help=t("opt.run_shipped")))
    def explain_cmd(image, run_dir, project, name, as_json):
        from aprende.vision.explain import explain_image  # deferred: torch

        result = explain_image(image, run_dir, project, name)
        if as_json:
            print_result(result.run_dir, results=[{"image": image, "page": str(result.page),
                                                   "top": _top(result.top)}])
            return
        click.echo("  ".join(f"{c} {fmt(p, percent=True)}" for c, p in result.top))
        say("cnn.explain.done", path=str(result.page))

    @_cnn_command(cnn, "demo", click.option("--size", type=click.IntRange(8, 1024), default=SIZE,
                                            help=t("cnn.opt.size")))
    def demo_cmd(image, size, project, name, as_json):
        from aprende.vision.demo import kernel_demo  # deferred: NumPy and matplotlib

        result = kernel_demo(image, size, project, name)
        if as_json:
            shapes = {k: list(v) for k, v in result.shapes.items()}
            print_result(result.run_dir, results=[{"image": image, "shapes": shapes,
                                                   "figures": {k: str(v) for k, v in result.figures.items()}}])
            return
        say("cnn.demo.done", path=str(result.run_dir), h=result.shapes["conv"][0], w=result.shapes["conv"][1],
            ph=result.shapes["pool"][0], pw=result.shapes["pool"][1])

    return cnn
