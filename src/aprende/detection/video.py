"""Video files and cameras through OpenCV, one frame at a time: the article's video and webcam demos.

A frame is read, detected, drawn and written before the next is read, so a long video never sits in memory, and
its detections go to `detections.jsonl` (one JSON object a line) as they come: a camera can run for hours, and
what was written before a Ctrl-C stays. The annotated copy is an mp4 (mp4v) in the output folder; a camera also
gets a window when a display exists. A frame too large, or of another size than the first, is skipped and said.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from aprende.core import deadline
from aprende.core.console import progress, warn
from aprende.core.errors import AprendeError
from aprende.core.numbers import fmt
from aprende.detection.draw import draw

VIDEO_SUFFIXES = {".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv"}
QUIT_KEYS = (ord("q"), 27)  # q or Esc closes the camera window
MAX_FRAME_PIXELS = 4096 * 2160  # DCI 4K: a bigger frame costs seconds and hundreds of MB each
SKIPS_SHOWN = 5  # warnings for the first skipped frames; a count at the end for the rest


@dataclass
class StreamResult:
    frames: int  # frames detected (and written to the video and detections.jsonl)
    boxes: int
    fps: float  # the whole loop
    net_fps: float  # the network and decoding alone
    skipped: int = 0
    stopped: str = "end"  # end, max_frames, window (q or Esc), interrupted (Ctrl-C), deadline


def _cv2():
    """OpenCV, told to keep its own warnings (camera probing, ffmpeg) off the user's terminal."""
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    import cv2  # deferred: OpenCV is slow to import and only video and cameras need it

    return cv2


def is_camera(source: str | Path) -> bool:
    """`0`, `1`, …: a camera index, as cv2.VideoCapture takes it."""
    return isinstance(source, str) and source.isdigit()


def is_video(source: Path) -> bool:
    return source.suffix.lower() in VIDEO_SUFFIXES


def _check_size(width: int, height: int, source) -> None:
    if width * height > MAX_FRAME_PIXELS:
        raise AprendeError("detect.frame_too_large", path=str(source), width=width, height=height,
                           limit=MAX_FRAME_PIXELS)


def open_capture(source: str | Path):
    """(capture, first BGR frame) for a camera index or a video file; a clear error when neither gives a frame, or
    when its frames are too large."""
    cv2 = _cv2()
    camera = is_camera(source)
    if not camera and not Path(source).is_file():
        raise AprendeError("detect.no_source", path=str(source))
    cap = cv2.VideoCapture(int(source) if camera else str(source))
    try:
        if cap.isOpened():  # the declared size, checked before the first frame is decoded
            _check_size(int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)), source)
        ok, frame = cap.read() if cap.isOpened() else (False, None)
        if not ok or frame is None:
            raise AprendeError("detect.no_camera" if camera else "detect.video_unreadable", index=source,
                               path=str(source))
        _check_size(frame.shape[1], frame.shape[0], source)
    except BaseException:
        cap.release()
        raise
    return cap, frame


def has_display() -> bool:
    """Linux needs an X or Wayland display for a window; Windows and macOS always have one."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _skip(n_skipped: int, index: int, frame, w: int, h: int) -> None:
    """Say why a frame is left out (the first few; the rest are counted at the end)."""
    if n_skipped <= SKIPS_SHOWN:
        fh, fw = frame.shape[:2]
        key = "detect.frame_too_large_skipped" if fw * fh > MAX_FRAME_PIXELS else "detect.frame_skipped"
        warn(key, frame=index, width=fw, height=fh, w=w, h=h, limit=MAX_FRAME_PIXELS)


def stream(detector, cap, frame, out_path: Path, jsonl: Path, conf: float, iou: float, camera: bool,
           max_frames: int | None = None) -> StreamResult:
    """Detect on every frame: the annotated video to out_path, one line per frame to jsonl, as they come."""
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
    done, index, skipped, boxes, net, stopped = 0, 0, 0, 0, 0.0, "end"
    start = time.perf_counter()
    try:
        with progress() as bar, jsonl.open("w", encoding="utf-8") as out:
            task = bar.add_task(out_path.name, total=total, info="")
            while frame is not None:
                if frame.ndim != 3 or frame.shape[:2] != (h, w):  # another size: the writer would drop it
                    skipped += 1
                    _skip(skipped, index, frame, w, h)
                else:
                    img = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))  # (H, W, 3) RGB
                    t0 = time.perf_counter()
                    found = detector(img, conf, iou)
                    net += time.perf_counter() - t0
                    annotated = cv2.cvtColor(np.asarray(draw(img, *found, detector.classes)), cv2.COLOR_RGB2BGR)
                    writer.write(annotated)
                    records = detector.records(*found)
                    out.write(json.dumps({"frame": index, "detections": records}, ensure_ascii=False) + "\n")
                    out.flush()  # a line is complete on disk before the next frame is read
                    done, boxes = done + 1, boxes + len(records)
                    bar.update(task, advance=1, info=f"{fmt(done / (time.perf_counter() - start), 1)} fps")
                    if show:
                        try:
                            cv2.imshow("aprende detect", annotated)
                            if cv2.waitKey(1) & 0xFF in QUIT_KEYS:
                                stopped = "window"
                                break
                        except cv2.error:  # a headless OpenCV build: keep writing the video only
                            show = False
                            warn("detect.no_window")
                if max_frames and done >= max_frames:
                    stopped = "max_frames"
                    break
                if deadline.passed():
                    stopped = "deadline"
                    break
                index += 1
                ok, frame = cap.read()
                frame = frame if ok else None
    except KeyboardInterrupt:  # Ctrl-C stops a camera; what was written so far is kept, and said
        stopped = "interrupted"
    finally:
        cap.release()
        writer.release()
        if show:
            cv2.destroyAllWindows()
    if skipped > SKIPS_SHOWN:
        warn("detect.frames_skipped", n=skipped)
    if stopped in ("interrupted", "deadline"):
        warn("detect.video_stopped", frame=index, n=done, path=str(jsonl))
    seconds = time.perf_counter() - start
    return StreamResult(done, boxes, done / max(seconds, 1e-9), done / max(net, 1e-9), skipped, stopped)
