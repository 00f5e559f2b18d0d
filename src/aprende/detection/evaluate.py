"""mAP of a trained detector on its validation images or any annotated folder; the PR curve and a predictions grid."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.core.runs import fresh_run, new_run_dir, read_json, read_yaml, write_json
from aprende.datasets.lego import CLASS_BY, classes, write_lego
from aprende.detection.data import DetectionData, load_detection
from aprende.detection.draw import draw
from aprende.detection.metrics import DetectionMetrics, evaluate_detections, plot_pr
from aprende.detection.model import detect
from aprende.detection.run import load_model, run_folder
from aprende.detection.tensors import image_tensors, unpack_targets

HELDOUT_IMAGES, HELDOUT_SEED = 200, 20_260  # lego scenes for a run without a validation split
EVAL_CONF = 0.01  # mAP needs the low-score detections too: they extend the precision–recall curve


def predict_batches(model, x: torch.Tensor, conf: float = EVAL_CONF, batch: int = 32) -> list:
    """Detections (boxes, scores, labels as NumPy) for uint8 images x (N, 3, S, S), in batches."""
    device = next(model.parameters()).device
    out = []
    for i in range(0, len(x), batch):
        xb = x[i : i + batch].to(device).float() / 255
        out += [tuple(v.float().cpu().numpy() for v in r) for r in detect(model, xb, conf)]
    return out


def evaluate_model(model, x: torch.Tensor, y: torch.Tensor, classes: list[str]) -> DetectionMetrics:
    """mAP of model on images x (N, 3, S, S) uint8 with targets y (K, 6) [image, class, box]."""
    was_training = model.training
    model.eval()
    preds = predict_batches(model, x)
    model.train(was_training)
    return evaluate_detections(preds, unpack_targets(y, len(x)), len(classes))


def predictions_grid(x: torch.Tensor, preds: list, classes: list[str], path: Path, n: int = 16,
                     conf: float = 0.3) -> None:
    """val_predictions.jpg: up to n validation images in a square grid with their boxes above conf."""
    n = min(n, len(x))
    cols = int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    size = x.shape[-1]
    grid = Image.new("RGB", (cols * size, rows * size), (255, 255, 255))
    for i in range(n):
        boxes, scores, labels = preds[i]
        keep = scores >= conf
        img = Image.fromarray(x[i].permute(1, 2, 0).numpy())
        grid.paste(draw(img, boxes[keep], scores[keep], labels[keep], classes), ((i % cols) * size, (i // cols) * size))
    path.parent.mkdir(parents=True, exist_ok=True)
    grid.save(path, quality=90)


def report_run(run_dir: Path, x: torch.Tensor, y: torch.Tensor, classes: list[str],
               out_dir: Path | None = None) -> tuple[dict, dict[str, Path]]:
    """Evaluate the run's best weights on (x, y); write metrics.json, pr_curve.png, val_predictions.jpg."""
    model, _ = load_model(run_dir)
    out_dir = Path(out_dir or run_dir)
    preds = predict_batches(model, x)
    m = evaluate_detections(preds, unpack_targets(y, len(x)), len(classes))
    plots = {"pr_curve": out_dir / "pr_curve.png", "val_predictions": out_dir / "val_predictions.jpg"}
    plot_pr(m, classes, plots["pr_curve"])
    predictions_grid(x, preds, classes, plots["val_predictions"])
    metrics = m.as_dict(classes)
    write_json(out_dir / "metrics.json", metrics)
    return metrics, plots


def run_data(run_dir: Path, data: str | Path | None = None, fmt: str | None = None,
             scratch: Path | None = None) -> DetectionData:
    """Another annotated folder, or the run's own validation images (its splits/val.txt).

    A folder without a split (the shipped weights) is scored on freshly generated lego scenes from a seed that
    no training set uses, written into `scratch`, when its classes are the lego ones.
    """
    if data is not None:
        return load_detection(data, fmt)
    path = run_dir / "splits" / "val.txt"
    if not path.is_file():
        cfg = read_json(run_dir / "model.json")
        by = next((b for b in CLASS_BY if classes(b) == cfg["classes"]), None)
        if by is None or scratch is None:
            raise AprendeError("detect.no_split", path=str(path))
        say("detect.eval_heldout", n=HELDOUT_IMAGES, seed=HELDOUT_SEED)
        return load_detection(write_lego(scratch, HELDOUT_IMAGES, cfg["img_size"], by, HELDOUT_SEED), "voc")
    saved = read_yaml(run_dir / "config.yaml")
    full = load_detection(saved["data"], saved.get("format"))
    wanted = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    by_rel = {str(s.image.relative_to(full.root)): s for s in full.samples}
    missing = [w for w in wanted if w not in by_rel]
    if missing:
        raise AprendeError("detect.split_missing", path=str(full.root / missing[0]))
    return DetectionData(full.root, full.format, full.classes, [by_rel[w] for w in wanted])


def evaluate_run(run_dir=None, data=None, fmt=None, project=None, name=None) -> tuple[Path, dict, dict[str, Path]]:
    """`aprende detect evaluate`: mAP of a run (default: the shipped one) on its validation split or another folder.
    A run of the user's keeps its plots; the shipped detector's (or any, with `name`) go to a new folder under
    <project>/detect/ (evaluate, evaluate2, … or NAME)."""
    shipped = run_dir is None
    run_dir = run_folder(run_dir)
    cfg = read_json(run_dir / "model.json")
    with tempfile.TemporaryDirectory(prefix="aprende-lego-") as scratch:
        d = run_data(run_dir, data, fmt, Path(scratch))
        if d.classes != cfg["classes"]:
            unknown = sorted(set(d.classes) - set(cfg["classes"]))
            if unknown:
                raise AprendeError("detect.classes_differ", path=str(d.root), names=", ".join(unknown),
                                   known=", ".join(cfg["classes"]))
            index = np.array([cfg["classes"].index(c) for c in d.classes])
            for s in d.samples:
                s.labels = index[s.labels]
        x, y = image_tensors(d.samples, cfg["img_size"], cfg.get("tile", False))
    if not shipped and name is None:
        own = data is None and (run_dir / "splits" / "val.txt").is_file()
        metrics, plots = report_run(run_dir, x, y, cfg["classes"], run_dir if own else run_dir / "evaluate")
        return run_dir, metrics, plots
    out_dir = new_run_dir("detect", name, project, base="evaluate")
    with fresh_run(out_dir):  # never write into the installed package
        metrics, plots = report_run(run_dir, x, y, cfg["classes"], out_dir)
    return out_dir, metrics, plots
