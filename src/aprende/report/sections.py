"""One function per lab: run it quickly through its public API and return what the report shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Section:
    """A lab's part of the report: question, what was trained, figures, a table, and the headline metrics."""

    lab: str
    title: str
    question: str
    text: str
    figures: list[tuple[str, Path]] = field(default_factory=list)  # (caption, png)
    table: list[dict] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    run_dir: Path | None = None


def forecast_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 3: the three networks and the baselines on the generated shop, backtested; a 4-week forecast."""
    from aprende.core.i18n import t
    from aprende.forecast import ForecastSettings, default_train_config, predict, train

    epochs = {"tiny": 3, "quick": 150, "full": 300}[mode]
    settings = ForecastSettings(hidden=16 if mode == "tiny" else 32)
    result = train(dataset="tienda", settings=settings, project=project,
                   cfg=default_train_config(epochs=epochs, quiet=quiet))
    fc = predict(result.run_dir, horizon=28, project=project)
    table = [{"model": name, **{k: round(v, 3) for k, v in m.items()}} for name, m in result.table().iterrows()]
    return Section(
        lab="forecast", title=t("tour.forecast.title"), question=t("tour.forecast.question"),
        text=t("tour.forecast.text", best=result.best, mase=result.metrics[result.best]["mase"],
               snaive=result.metrics["seasonal_naive"]["mase"]),
        figures=[(t("tour.forecast.fig_backtest"), result.plots["backtest"]),
                 (t("tour.forecast.fig_forecast"), fc.plot),
                 (t("tour.forecast.fig_curves"), result.plots["results"])],
        table=table, metrics={"best": result.best, **result.metrics[result.best]}, run_dir=result.run_dir)


def classify_section(project: Path, mode: str, quiet: bool) -> Section:
    """Articles 4 and 5: a quick `fast` CNN on Fashion-MNIST, its confusion matrix, and what it sees in one image."""
    import tempfile

    from PIL import Image

    from aprende.core.i18n import t
    from aprende.vision import ClassifySettings, dataset_for_run, default_train_config, explain_image, train_classifier

    seconds = {"tiny": 5, "quick": 45, "full": 300}[mode]
    result = train_classifier(dataset="fashion-mnist", settings=ClassifySettings(), project=project,
                              cfg=default_train_config("fast", max_time=seconds, epochs=40, quiet=quiet))
    data = dataset_for_run(result.run_dir)
    x, y = data.part("test")
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / f"{data.classes[int(y[0])]}.png"
        Image.fromarray(x[0, 0].numpy() if x.shape[1] == 1 else x[0].permute(1, 2, 0).numpy()).save(image)
        ex = explain_image(image, result.run_dir, project=project)
    m = result.metrics
    table = [{t("tour.detect.col_class"): c, "F1": round(v["f1"], 3)} for c, v in m["per_class"].items()]
    return Section(
        lab="classify", title=t("tour.classify.title"), question=t("tour.classify.question"),
        text=t("tour.classify.text", accuracy=m["accuracy"], seconds=m["seconds"], source=data.source),
        figures=[(t("tour.classify.fig_confusion"), result.plots["confusion"]),
                 (t("tour.classify.fig_errors"), result.plots["errors"]),
                 (t("tour.classify.fig_maps"), ex.figures["act1"]),
                 (t("tour.classify.fig_gradcam"), ex.figures["gradcam"])],
        table=table, metrics={"accuracy": m["accuracy"], "f1_weighted": m["f1_weighted"]}, run_dir=result.run_dir)


def history_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 6: the timeline as a table, and a few exhibits run (every one in full mode) with their figures."""
    from aprende.core.i18n import t
    from aprende.history import EXHIBITS, TIMELINE, run

    plan = {"tiny": {"perceptron": {}, "mlp": {"epochs": 1000}, "lstm": {"lengths": "5,10", "steps": 30}},
            "quick": {"perceptron": {}, "mlp": {}, "lstm": {}, "gan": {}},
            "full": {e.name: {} for e in TIMELINE}}[mode]
    results = [run(name, project=project, quiet=quiet, **options) for name, options in plan.items()]
    figures = [(t("history.tour.fig", title=EXHIBITS[r.name].title, year=EXHIBITS[r.name].year, name=r.name), path)
               for r in results for path in r.figures.values()][:4 if mode != "full" else None]
    table = [{t("history.col.year"): e.year, t("history.col.name"): f"{e.title} ({e.name})",
              t("history.col.authors"): e.authors, t("history.col.solved"): e.solved, t("history.col.limit"): e.limit}
             for e in TIMELINE]
    flat = {f"{r.name}_{k}" + (f"_{k2}" if k2 else ""): v2 for r in results for k, v in r.metrics.items()
            for k2, v2 in (v.items() if isinstance(v, dict) else [("", v)])}
    return Section(
        lab="history", title=t("history.tour.title"), question=t("history.tour.question"),
        text=t("history.tour.text", n=len(results), sentences=" ".join(r.sentence for r in results)),
        figures=figures, table=table, metrics=flat, run_dir=results[0].run_dir.parent)


def _transformer(project: Path, mode: str, quiet: bool) -> Section:
    from aprende.report.transformer_section import transformer_section

    return transformer_section(project, mode, quiet)


def _cnn(project: Path, mode: str, quiet: bool) -> Section:
    from aprende.report.cnn_section import cnn_section

    return cnn_section(project, mode, quiet)


def _detect(project: Path, mode: str, quiet: bool) -> Section:
    from aprende.report.detect_section import detect_section

    return detect_section(project, mode, quiet)


# The labs in the order of the tour (the blog's order is kept within what exists).
SECTIONS = {"transformer": _transformer, "detect": _detect, "forecast": forecast_section, "cnn": _cnn,
            "classify": classify_section, "history": history_section}
