"""The tour's detection section: a quick YOLO on generated lego scenes, its boxes and its mAP."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.datasets.lego import write_lego
from aprende.detection import DetectSettings, default_train_config, train_detector
from aprende.report.section import Section


def detect_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 2: the `tiny` YOLO trained for a couple of minutes on the lego scenes; boxes on validation images."""
    seconds = {"tiny": 6, "quick": 120, "full": 600}[mode]
    data, dataset = None, "lego"
    if mode == "tiny":  # a few scenes of its own instead of the 500 of the embedded set
        data, dataset = write_lego(project / "lego-tiny", n_images=24, size=256), None
    settings = DetectSettings(img_size=256 if mode == "tiny" else 320)
    result = train_detector(data=data, dataset=dataset, settings=settings, project=project,
                            cfg=default_train_config(epochs=1 if mode == "tiny" else 40, max_time=seconds, quiet=quiet))
    m = result.metrics
    table = [{t("tour.detect.col_class"): c, "AP50": round(v["ap50"], 3), "AP50-95": round(v["ap50_95"], 3),
              t("tour.detect.col_boxes"): v["boxes"]} for c, v in m["per_class"].items()]
    figures = [(t("tour.detect.fig_val"), result.plots["val_predictions"]),
               (t("tour.detect.fig_pr"), result.plots["pr_curve"])]
    if (result.run_dir / "results.png").is_file():
        figures.append((t("tour.detect.fig_curves"), result.run_dir / "results.png"))
    return Section(
        lab="detect", title=t("tour.detect.title"), question=t("tour.detect.question"),
        text=t("tour.detect.text", seconds=m["seconds"], epochs=m["epochs"], map50=m["map50"],
               map50_95=m["map50_95"]),
        figures=figures, table=table, metrics={"map50": m["map50"], "map50_95": m["map50_95"]},
        run_dir=result.run_dir)
