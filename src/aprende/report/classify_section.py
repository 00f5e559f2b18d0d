"""The tour's classification section: a quick CNN on Fashion-MNIST and what it sees in one garment."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image

from aprende.core.i18n import t
from aprende.report.section import Section
from aprende.vision import ClassifySettings, dataset_for_run, default_train_config, explain_image, train_classifier


def classify_section(project: Path, mode: str, quiet: bool) -> Section:
    """Articles 4 and 5: a quick `fast` CNN on Fashion-MNIST, its confusion matrix, and what it sees in one image."""
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
