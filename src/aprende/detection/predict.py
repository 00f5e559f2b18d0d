"""`aprende detect predict`: boxes on an image, a folder, a video file or a camera; annotated copies and detections.

The network is a trained run's PyTorch model or an exported model.onnx (`--weights`); everything around it (resize,
decoding, NMS, drawing, the output folder) is the same code for both. Images give `detections.json` once all are
done; a video or a camera gives `detections.jsonl`, a line per frame as it comes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from aprende.core.console import quietly
from aprende.core.errors import AprendeError
from aprende.core.images import IMAGE_SUFFIXES
from aprende.core.lifecycle import settings_from
from aprende.core.runs import fresh_run, new_run_dir, write_json
from aprende.core.walk import folder_images
from aprende.detection.data import image_size, open_picture
from aprende.detection.draw import draw
from aprende.detection.run import load_detector
from aprende.detection.settings import PredictSettings
from aprende.detection.video import is_camera, is_video, open_capture, stream


@dataclass
class PredictResult:
    out_dir: Path
    detections: list[dict]  # images: one per file, with its detections (class, score, box in pixels); video: []
    fps: float  # images per second through the network and decoding (batch 1); for video, the whole loop
    kind: str = "images"  # images, video or camera
    net_fps: float = 0.0  # frames per second through the network and decoding alone
    runtime: str = "pytorch"
    frames: int = 0  # images or frames detected
    boxes: int = 0
    stopped: str = "end"  # video and camera: end, max_frames, window, interrupted, deadline
    files: dict[str, Path] = field(default_factory=dict)  # detections.json(l), the annotated video

    def results(self) -> list[dict]:
        """--json's results: one object per image (its boxes), or one for the video or camera stream."""
        if self.kind == "images":
            return self.detections
        return [{"source": self.kind, "frames": self.frames, "boxes": self.boxes, "stopped": self.stopped,
                 **{k: str(v) for k, v in self.files.items()}}]


def _sources(source: Path) -> list[Path]:
    if source.is_dir():
        return folder_images(source, "detect.no_images")
    if not source.is_file():
        raise AprendeError("detect.no_source", path=str(source))
    if source.suffix.lower() not in IMAGE_SUFFIXES:
        raise AprendeError("detect.not_image_source", path=str(source))
    return [source]


def _annotated_name(path: Path, source: Path) -> Path:
    """The annotated copy keeps the image's path inside the folder (a/x.png -> a/x.jpg, b/x.png -> b/x.jpg: no
    collision); a single image is <stem>.jpg as before. x.png and x.jpg side by side keep their suffix in the name."""
    rel = path.relative_to(source) if source.is_dir() else Path(path.name)
    twins = [q for q in path.parent.iterdir() if q.stem == path.stem and q != path] if source.is_dir() else []
    stem = f"{path.stem}_{path.suffix.lstrip('.').lower()}" if twins else path.stem
    return rel.with_name(stem + ".jpg")


def predict_objects(run=None, source=None, conf: float | None = None, iou: float | None = None, project=None,
                    name=None, weights=None, max_frames: int | None = None, quiet: bool = True) -> PredictResult:
    """Detect objects in SOURCE (image, folder, video file or camera index) with a run or exported weights; the
    output goes to a new folder <project>/detect/<name> (default predict, predict2, …); quiet (the default): no
    progress bar over a video's frames."""
    settings = settings_from(PredictSettings, {"conf": conf, "iou": iou})
    settings.check()
    if run is not None and weights is not None:
        raise AprendeError("detect.run_or_weights")
    if source is None:
        raise AprendeError("detect.no_source", path="--source")
    source = str(source)
    video = is_camera(source) or (Path(source).is_file() and is_video(Path(source)))
    paths = [] if video else _sources(Path(source))
    for p in paths:
        image_size(p)  # every image is checked before anything is written
    detector = load_detector(run, weights)
    if video:
        camera = is_camera(source)
        cap, frame = open_capture(source)  # a missing camera or unreadable video stops here: nothing written
        out_dir = new_run_dir("detect", name, project, base="predict")
        files = {"video": out_dir / (f"camera{source}.mp4" if camera else Path(source).stem + ".mp4"),
                 "detections": out_dir / "detections.jsonl"}
        with fresh_run(out_dir), quietly(quiet):
            r = stream(detector, cap, frame, files["video"], files["detections"], settings.conf, settings.iou,
                       camera, max_frames)
        return PredictResult(out_dir, [], r.fps, "camera" if camera else "video", r.net_fps, detector.runtime,
                             r.frames, r.boxes, r.stopped, files)
    out_dir = new_run_dir("detect", name, project, base="predict")
    records, seconds = [], 0.0
    with fresh_run(out_dir):
        for p in paths:
            img = open_picture(p)
            t0 = time.perf_counter()
            found = detector(img, settings.conf, settings.iou)
            seconds += time.perf_counter() - t0
            drawn = out_dir / _annotated_name(p, Path(source))
            drawn.parent.mkdir(parents=True, exist_ok=True)
            draw(img, *found, detector.classes).save(drawn, quality=90)
            records.append({"file": str(p), "detections": detector.records(*found)})
        write_json(out_dir / "detections.json", records)
    fps = len(paths) / max(seconds, 1e-9)
    return PredictResult(out_dir, records, fps, "images", fps, detector.runtime, len(records),
                         sum(len(r["detections"]) for r in records), files={"detections": out_dir / "detections.json"})
