"""The tour's classification section: a quick CNN on Fashion-MNIST and what it sees in one garment."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image

from aprende.core.i18n import t
from aprende.report.section import Figure, Note, Plan, Section, Table
from aprende.vision import ClassifySettings, dataset_for_run, default_train_config, explain_image, train_classifier


def classify_section(project: Path, plan: Plan) -> Section:
    """Article 5: the `fast` CNN trained for a few seconds on Fashion-MNIST, its confusion matrix, its Grad-CAM."""
    result = train_classifier(dataset="fashion-mnist", settings=ClassifySettings(), project=project,
                              cfg=default_train_config("fast", max_time=plan.pick(5, 20, 300), epochs=40))
    data = dataset_for_run(result.run_dir)
    x, y = data.part("test")
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / f"{data.classes[int(y[0])]}.png"
        Image.fromarray(x[0, 0].numpy() if x.shape[1] == 1 else x[0].permute(1, 2, 0).numpy()).save(image)
        ex = explain_image(image, result.run_dir, project=project)
    m = result.metrics
    table = [{t("tour.detect.col_class"): c, "F1": round(v["f1"], 3)} for c, v in m["per_class"].items()]
    parts = [Note(t("tour.classify.intro", source=data.source)),
             Figure(t("tour.classify.fig_confusion"), result.plots["confusion"]),
             Table(t("tour.classify.table"), table),
             Figure(t("tour.classify.fig_errors"), result.plots["errors"]),
             Figure(t("tour.classify.fig_gradcam"), ex.figures["gradcam"])]
    if m["accuracy"] < 0.75:
        parts.insert(1, Note(t("tour.classify.weak", accuracy=m["accuracy"]), warning=True))
    return Section(lab="classify", title=t("tour.classify.title"), question=t("tour.classify.question"),
                   text=t("tour.classify.text", accuracy=m["accuracy"], seconds=m["seconds"], article=0.8409),
                   parts=parts, metrics={"accuracy": m["accuracy"], "f1_weighted": m["f1_weighted"]},
                   run_dir=result.run_dir)
