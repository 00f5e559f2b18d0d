"""`aprende detect predict`: boxes on an image, a folder, a video file or a camera; annotated copies and detections.json.

The network is a trained run's PyTorch model or an exported model.onnx (`--weights`); everything around it (resize,
decoding, NMS, drawing, the output folder) is the same code for both.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from aprende.core.errors import AprendeError
from aprende.core.runs import DEFAULT_PROJECT, fresh_run, write_json
from aprende.detection.data import IMAGE_SUFFIXES, image_size
from aprende.detection.evaluate import draw, resolve_run
from aprende.detection.runtime import Detector, load_detector
from aprende.detection.video import is_camera, is_video, open_capture, stream


@dataclass
class PredictResult:
    out_dir: Path
    detections: list[dict]  # one per image (file) or frame (frame), with its detections (class, score, box in pixels)
    fps: float  # images per second through the network and decoding (batch 1); for video, the whole loop
    kind: str = "images"  # images, video or camera
    net_fps: float = 0.0  # frames per second through the network and decoding alone
    runtime: str = "pytorch"


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


def free_dir(parent: Path, base: str = "predict") -> Path:
    """parent/predict, predict2, predict3, … (the first that does not exist yet)."""
    n = 1
    while (parent / (base if n == 1 else f"{base}{n}")).exists():
        n += 1
    return parent / (base if n == 1 else f"{base}{n}")


def load(run=None, weights=None) -> Detector:
    """--weights FILE (ONNX or safetensors) or --run DIR (else the shipped weights)."""
    return load_detector(None, weights) if weights is not None else load_detector(resolve_run(run))


def predict(run=None, source=None, conf: float = 0.25, iou: float = 0.45, out=None, project=None, weights=None,
            max_frames: int | None = None, quiet: bool = True) -> PredictResult:
    """Detect objects in SOURCE (image, folder, video file or camera index) with a run or exported weights."""
    if not 0 <= conf <= 1 or not 0 <= iou <= 1:
        raise AprendeError("detect.bad_threshold", conf=conf, iou=iou)
    if source is None:
        raise AprendeError("detect.no_source", path="--source")
    source = str(source)
    video = is_camera(source) or (Path(source).is_file() and is_video(Path(source)))
    paths = [] if video else _sources(Path(source))
    for p in paths:
        image_size(p)  # every image is checked before anything is written
    detector = load(run, weights)
    out_dir = Path(out) if out else free_dir(Path(project or DEFAULT_PROJECT) / "detect")
    if video:
        cap, frame = open_capture(source)  # a missing camera or unreadable video stops here: nothing written
        name = f"camera{source}.mp4" if is_camera(source) else Path(source).stem + ".mp4"
        with fresh_run(out_dir):
            out_dir.mkdir(parents=True, exist_ok=True)
            records, fps, net_fps = stream(detector, cap, frame, out_dir / name, conf, iou, draw, is_camera(source),
                                           max_frames, quiet)
            write_json(out_dir / "detections.json", records)
        kind = "camera" if is_camera(source) else "video"
        return PredictResult(out_dir, records, fps, kind, net_fps, detector.runtime)
    out_dir.mkdir(parents=True, exist_ok=True)
    records, seconds = [], 0.0
    for p in paths:
        with Image.open(p) as im:
            img = im.convert("RGB")
        t0 = time.perf_counter()
        boxes, scores, labels = detector(img, conf, iou)
        seconds += time.perf_counter() - t0
        draw(img, boxes, scores, labels, detector.classes).save(out_dir / (p.stem + ".jpg"), quality=90)
        records.append({"file": str(p), "detections": detector.records(boxes, scores, labels)})
    write_json(out_dir / "detections.json", records)
    fps = len(paths) / max(seconds, 1e-9)
    return PredictResult(out_dir, records, fps, "images", fps, detector.runtime)
