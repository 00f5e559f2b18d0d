"""Video files and cameras through OpenCV, one frame at a time: the article's video and webcam demos.

A frame is read, detected, drawn and written before the next is read, so a long video never sits in memory.
The annotated copy is an mp4 (mp4v) in the output folder; a camera also gets a window when a display exists.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

from aprende.core.console import progress, warn
from aprende.core.errors import AprendeError

VIDEO_SUFFIXES = {".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv"}
QUIT_KEYS = (ord("q"), 27)  # q or Esc closes the camera window


def _cv2():
    """OpenCV, told to keep its own warnings (camera probing, ffmpeg) off the user's terminal."""
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    import cv2

    return cv2


def is_camera(source: str | Path) -> bool:
    """`0`, `1`, …: a camera index, as cv2.VideoCapture takes it."""
    return isinstance(source, str) and source.isdigit()


def is_video(source: Path) -> bool:
    return source.suffix.lower() in VIDEO_SUFFIXES


def open_capture(source: str | Path):
    """(capture, first BGR frame) for a camera index or a video file; a clear error when neither gives a frame."""
    cv2 = _cv2()
    camera = is_camera(source)
    if not camera and not Path(source).is_file():
        raise AprendeError("detect.no_source", path=str(source))
    cap = cv2.VideoCapture(int(source) if camera else str(source))
    ok, frame = cap.read() if cap.isOpened() else (False, None)
    if not ok or frame is None:
        cap.release()
        raise AprendeError("detect.no_camera" if camera else "detect.video_unreadable", index=source, path=str(source))
    return cap, frame


def has_display() -> bool:
    """Linux needs an X or Wayland display for a window; Windows and macOS always have one."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def stream(detector, cap, frame, out_path: Path, conf: float, iou: float, draw, camera: bool,
           max_frames: int | None = None, quiet: bool = False) -> tuple[list[dict], float, float]:
    """Detect on every frame and write the annotated video; returns (per-frame records, frames/s, network frames/s)."""
    cv2 = _cv2()
    h, w = frame.shape[:2]
    fps_in = cap.get(cv2.CAP_PROP_FPS)
    fps_in = fps_in if 1 <= fps_in <= 240 else 25.0  # cameras often report 0
    total = None if camera else int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) or None
    if max_frames:
        total = min(total, max_frames) if total else max_frames
    writer = cv2.VideoWriter(str(out_path), cv2.VideoWriter_fourcc(*"mp4v"), fps_in, (w, h))
    if not writer.isOpened():
        cap.release()
        raise AprendeError("detect.video_write", path=str(out_path))
    show = camera and has_display()
    records, net, start = [], 0.0, time.perf_counter()
    try:
        with progress(quiet) as bar:
            task = bar.add_task(out_path.name, total=total, info="")
            while frame is not None:
                img = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))  # (H, W, 3) RGB
                t0 = time.perf_counter()
                boxes, scores, labels = detector(img, conf, iou)
                net += time.perf_counter() - t0
                annotated = cv2.cvtColor(np.asarray(draw(img, boxes, scores, labels, detector.classes)),
                                         cv2.COLOR_RGB2BGR)
                writer.write(annotated)
                records.append({"frame": len(records), "detections": detector.records(boxes, scores, labels)})
                bar.update(task, advance=1, info=f"{len(records) / (time.perf_counter() - start):.1f} fps")
                if show:
                    try:
                        cv2.imshow("aprende detect", annotated)
                        if cv2.waitKey(1) & 0xFF in QUIT_KEYS:
                            break
                    except cv2.error:  # a headless OpenCV build: keep writing the video only
                        show = False
                        warn("detect.no_window")
                if max_frames and len(records) >= max_frames:
                    break
                ok, frame = cap.read()
                frame = frame if ok else None
    except KeyboardInterrupt:  # Ctrl-C stops a camera; what was written so far is kept
        pass
    finally:
        cap.release()
        writer.release()
        if show:
            cv2.destroyAllWindows()
    seconds = time.perf_counter() - start
    return records, len(records) / max(seconds, 1e-9), len(records) / max(net, 1e-9)
