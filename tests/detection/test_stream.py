"""A video or camera stream: detections written a line per frame as they come, a frame of another size skipped and
said, frames too large refused, and an interruption that keeps what was written and says where it stopped."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aprende.core.console import quietly
from aprende.core.deadline import deadline
from aprende.core.errors import AprendeError
from aprende.detection import video
from aprende.detection.run import load_detector
from tests.detection.builders import fake_run
from tests.helpers import refuses


class FakeCapture:
    """cv2.VideoCapture's surface: frames from a list; `interrupt_at` raises Ctrl-C when that frame is read."""

    def __init__(self, frames, interrupt_at=None, declared=None):
        self.frames, self.i, self.interrupt_at = list(frames), 0, interrupt_at
        self.declared = declared or (self.frames[0].shape[1], self.frames[0].shape[0])
        self.released = False

    def isOpened(self):  # noqa: N802 (OpenCV's name)
        return True

    def get(self, prop):
        cv2 = video._cv2()
        return {cv2.CAP_PROP_FPS: 10.0, cv2.CAP_PROP_FRAME_COUNT: len(self.frames),
                cv2.CAP_PROP_FRAME_WIDTH: self.declared[0], cv2.CAP_PROP_FRAME_HEIGHT: self.declared[1]}.get(prop, 0)

    def read(self):
        if self.interrupt_at is not None and self.i == self.interrupt_at:
            raise KeyboardInterrupt
        if self.i >= len(self.frames):
            return False, None
        self.i += 1
        return True, self.frames[self.i - 1]

    def release(self):
        self.released = True


def _frames(sizes):
    rng = np.random.default_rng(0)
    return [rng.integers(0, 255, size=(h, w, 3), dtype=np.uint8) for w, h in sizes]


def _run(tmp_path, cap, **kw):
    detector = load_detector(fake_run(tmp_path / "run"))
    ok, first = cap.read()
    jsonl = tmp_path / "detections.jsonl"
    with quietly():
        result = video.stream(detector, cap, first, tmp_path / "v.mp4", jsonl, 0.1, 0.45, False, **kw)
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    return result, lines


def test_frame_of_another_size_is_skipped_and_said(tmp_path, capsys):
    cap = FakeCapture(_frames([(96, 96), (96, 96), (64, 80), (96, 96)]))
    result, lines = _run(tmp_path, cap)
    assert [r["frame"] for r in lines] == [0, 1, 3] and result.frames == 3 and result.skipped == 1
    err = capsys.readouterr().err
    assert "Fotograma 2 omitido" in err and "64×80" in err and "96×96" in err
    assert cap.released


def test_interrupted_stream_keeps_its_lines_and_says_where(tmp_path, capsys):
    cap = FakeCapture(_frames([(96, 96)] * 6), interrupt_at=3)
    result, lines = _run(tmp_path, cap)
    assert result.stopped == "interrupted" and [r["frame"] for r in lines] == [0, 1, 2]
    err = capsys.readouterr().err
    assert "Detenido en el fotograma 3" in err and "detections.jsonl" in err


def test_deadline_stops_the_stream(tmp_path, capsys):
    cap = FakeCapture(_frames([(96, 96)] * 6))
    with deadline(0):
        result, lines = _run(tmp_path, cap)
    assert result.stopped == "deadline" and len(lines) == 1


def test_lines_are_on_disk_while_the_stream_runs(tmp_path, monkeypatch):
    """Each frame's line is written and flushed before the next frame is read: a camera never holds them all."""
    seen = []
    cap = FakeCapture(_frames([(96, 96)] * 4))
    read = cap.read

    def read_and_look():
        path = tmp_path / "detections.jsonl"
        seen.append(len(path.read_text().splitlines()) if path.exists() else None)
        return read()

    cap.read = read_and_look
    _run(tmp_path, cap)
    assert seen == [None, 1, 2, 3, 4]  # the first frame is read before the stream starts; then one line per frame


def test_frames_too_large_are_refused_before_anything_is_written(tmp_path, monkeypatch, capsys):
    big = FakeCapture(_frames([(96, 96)]), declared=(8000, 6000))
    cv2 = video._cv2()
    monkeypatch.setattr(cv2, "VideoCapture", lambda source: big)
    with pytest.raises(AprendeError) as exc:
        video.open_capture("0")
    assert exc.value.key == "detect.frame_too_large" and big.released
    run = fake_run(tmp_path / "run")
    (tmp_path / "grande.mp4").write_bytes(b"not read: the capture is faked")
    refuses(capsys, ["detect", "predict", "--run", run, "--source", tmp_path / "grande.mp4", "--project",
                     tmp_path / "runs"], "8000×6000", empty=tmp_path / "runs", quiet_out=True)
