"""The tour's detection section: the shipped YOLO on scenes it never saw, then a YOLO trained live with its curve."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.datasets.lego import write_lego
from aprende.detection import DetectSettings, default_train_config, evaluate_run, train_detector
from aprende.report.section import Figure, Heading, Note, Plan, Section, Table
from aprende.weights import is_shipped

FRESH_SEED = 2024  # scenes drawn with another seed than the embedded set's (0): new to the shipped detector


def _shipped(project: Path, plan: Plan) -> tuple[list, dict]:
    """mAP of the shipped detector on freshly generated scenes, and its boxes on them."""
    if not is_shipped("detect"):
        return [Note(t("tour.transformer.no_shipped", name="detect"), warning=True)], {}
    scenes = write_lego(project / "detect" / "escenas-nuevas", n_images=plan.pick(4, 24, 100), size=320,
                        seed=FRESH_SEED)
    _, m, plots = evaluate_run(None, data=scenes, project=project, name="nuevas")
    table = [{t("tour.detect.col_class"): c, "AP50": round(v["ap50"], 3), "AP50-95": round(v["ap50_95"], 3),
              t("tour.detect.col_boxes"): v["boxes"]} for c, v in m["per_class"].items()]
    parts = [Note(t("tour.detect.shipped_intro", n=m.get("images", plan.pick(4, 24, 100)))),
             Table(t("tour.detect.shipped_table", map50=m["map50"], map50_95=m["map50_95"]), table),
             Figure(t("tour.detect.fig_fresh"), plots["val_predictions"])]
    if m["map50"] < 0.5:
        parts.append(Note(t("tour.detect.weak", map50=m["map50"]), warning=True))
    return parts, {"shipped_map50": m["map50"], "shipped_map50_95": m["map50_95"]}


def _live(project: Path, plan: Plan) -> tuple[list, dict]:
    """A YOLO trained from scratch for 20 epochs on small scenes (about half a minute; stopped at 45 s on a busy
    computer): its learning curve and mAP."""
    size = plan.pick(160, 160, 320)  # small scenes (the bricks shrink with them): many steps in little time
    scenes = write_lego(project / "detect" / "escenas-entrenamiento", n_images=plan.pick(24, 160, 500), size=size)
    result = train_detector(data=scenes, settings=DetectSettings(img_size=size), project=project,
                            cfg=default_train_config(epochs=plan.pick(1, 20, None), max_time=plan.pick(None, 45, 600)))
    m = result.metrics
    parts = [Note(t("tour.detect.live_intro", images=plan.pick(24, 160, 500), size=size, seconds=m["seconds"],
                    epochs=m["epochs"], map50=m["map50"], map50_95=m["map50_95"]))]
    if m["map50"] < 0.3:
        parts.append(Note(t("tour.detect.live_weak", seconds=m["seconds"]), warning=True))
    if (result.run_dir / "results.png").is_file():
        parts.append(Figure(t("tour.detect.fig_curves"), result.run_dir / "results.png"))
    return parts, {"live_map50": m["map50"], "live_map50_95": m["map50_95"], "live_epochs": m["epochs"],
                   "live_seconds": m["seconds"]}


def detect_section(project: Path, plan: Plan) -> Section:
    """Article 2: the shipped YOLO finds bricks in new scenes; another learns for half a minute in front of you."""
    shipped, m1 = _shipped(project, plan)
    live, m2 = _live(project, plan)
    metrics = {**m1, **m2}
    headline = t("tour.detect.headline", map50=m1["shipped_map50"], live=m2["live_map50"],
                 seconds=m2["live_seconds"]) if m1 else t("tour.detect.headline_live", live=m2["live_map50"],
                                                          seconds=m2["live_seconds"])
    return Section(lab="detect", title=t("tour.detect.title"), question=t("tour.detect.question"), text=headline,
                   parts=[Heading(t("tour.detect.shipped_title")), *shipped, Heading(t("tour.detect.live_title")),
                          *live], metrics=metrics, run_dir=project / "detect")
