"""`aprende detect predict`: boxes on an image or every image of a folder: annotated copies and detections.json."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from aprende.core.errors import AprendeError
from aprende.core.runs import DEFAULT_PROJECT, existing_run_dir, write_json
from aprende.detection.data import IMAGE_SUFFIXES, image_size
from aprende.detection.evaluate import draw, load_run_model
from aprende.detection.model import detect


@dataclass
class PredictResult:
    out_dir: Path
    detections: list[dict]  # one per image: file, and its detections (class, score, box in pixels)
    fps: float  # images per second through the network and decoding (batch 1)


def _sources(source: Path) -> list[Path]:
    if source.is_dir():
        paths = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        if not paths:
            raise AprendeError("detect.no_images", path=str(source))
        return paths
    if not source.is_file():
        raise AprendeError("detect.no_source", path=str(source))
    if source.suffix.lower() not in IMAGE_SUFFIXES:
        raise AprendeError("detect.not_image_source", path=str(source))
    return [source]


def _free_dir(parent: Path, base: str = "predict") -> Path:
    """parent/predict, predict2, predict3, … (the first that does not exist yet)."""
    n = 1
    while (parent / (base if n == 1 else f"{base}{n}")).exists():
        n += 1
    return parent / (base if n == 1 else f"{base}{n}")


def predict_image(model, cfg: dict, img: Image.Image, conf: float, iou: float):
    """Boxes (K, 4) in the image's own pixels, scores (K,), labels (K,) for one PIL image."""
    size = cfg["img_size"]
    arr = np.asarray(img.convert("RGB").resize((size, size), Image.BILINEAR))
    x = torch.from_numpy(arr.copy()).permute(2, 0, 1)[None].float() / 255  # (1, 3, S, S)
    boxes, scores, labels = detect(model, x, conf, iou)[0]
    scale = torch.tensor([img.width / size, img.height / size] * 2)
    return (boxes * scale).numpy(), scores.numpy(), labels.numpy()


def predict(run, source, conf: float = 0.25, iou: float = 0.45, out=None, project=None) -> PredictResult:
    """Detect objects in SOURCE (an image or a folder of images) with a trained run's best weights."""
    run_dir = existing_run_dir(run, "detect")
    if not 0 <= conf <= 1 or not 0 <= iou <= 1:
        raise AprendeError("detect.bad_threshold", conf=conf, iou=iou)
    paths = _sources(Path(source))
    for p in paths:
        image_size(p)  # every image is checked before anything is written
    model, cfg = load_run_model(run_dir)
    out_dir = Path(out) if out else _free_dir(Path(project or DEFAULT_PROJECT) / "detect")
    out_dir.mkdir(parents=True, exist_ok=True)
    records, seconds = [], 0.0
    for p in paths:
        with Image.open(p) as im:
            img = im.convert("RGB")
        t0 = time.perf_counter()
        boxes, scores, labels = predict_image(model, cfg, img, conf, iou)
        seconds += time.perf_counter() - t0
        draw(img, boxes, scores, labels, cfg["classes"]).save(out_dir / (p.stem + ".jpg"), quality=90)
        records.append({"file": str(p), "detections": [
            {"class": cfg["classes"][int(c)], "score": round(float(s), 4), "box": [round(float(v), 1) for v in b]}
            for b, s, c in zip(boxes, scores, labels)]})
    write_json(out_dir / "detections.json", records)
    return PredictResult(out_dir, records, len(paths) / max(seconds, 1e-9))
