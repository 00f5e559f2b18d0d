"""Video files and cameras: streamed frame by frame into an annotated mp4; a missing camera or a bad video is a
clear error that leaves nothing behind."""

from __future__ import annotations

import json

import numpy as np

from aprende.cli import main
from tests.detection.builders import fake_run
from tests.helpers import refuses


def write_video(path, frames: int = 5, size: int = 96):
    """A short mp4 of generated lego scenes, written with OpenCV as a user's camera would."""
    import cv2

    from aprende.datasets.lego import lego_scene

    rng = np.random.default_rng(0)
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 10.0, (size, size))
    for _ in range(frames):
        img, _ = lego_scene(rng, size)
        out.write(cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR))
    out.release()
    return path


def frame_count(path) -> int:
    import cv2

    cap = cv2.VideoCapture(str(path))
    n = 0
    while cap.read()[0]:
        n += 1
    cap.release()
    return n


def test_video_gives_an_annotated_video(tmp_path, capsys):
    run = fake_run(tmp_path / "run")
    video = write_video(tmp_path / "ladrillos.mp4")
    assert frame_count(video) == 5
    main(["detect", "predict", "--run", str(run), "--source", str(video), "--conf", "0.1",
          "--project", str(tmp_path / "runs")])
    err = capsys.readouterr().err
    out = tmp_path / "runs" / "detect" / "predict"
    assert frame_count(out / "ladrillos.mp4") == 5 and "fotogramas/s" in err
    found = [json.loads(line) for line in (out / "detections.jsonl").read_text().splitlines()]
    assert [r["frame"] for r in found] == list(range(5))
    assert all(0 <= v <= 96 for r in found for d in r["detections"] for v in d["box"])
    main(["detect", "predict", "--run", str(run), "--source", str(video), "--max-frames", "2", "--quiet",
          "--project", str(tmp_path), "--name", "dos"])
    assert frame_count(tmp_path / "detect" / "dos" / "ladrillos.mp4") == 2


def _fails(tmp_path, capsys, args, expected):
    refuses(capsys, ["detect", "predict", *args, "--project", tmp_path / "runs"], expected, empty=tmp_path / "runs")


def test_missing_camera_and_bad_video(tmp_path, capsys):
    run = fake_run(tmp_path / "run")
    _fails(tmp_path, capsys, ["--run", run, "--source", "9"], "No se puede abrir la cámara 9")
    (tmp_path / "roto.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    _fails(tmp_path, capsys, ["--run", run, "--source", tmp_path / "roto.mp4"], "No se puede leer el vídeo")
    (tmp_path / "nota.txt").write_text("hola")
    _fails(tmp_path, capsys, ["--run", run, "--source", tmp_path / "nota.txt"], "no es una imagen ni un vídeo")
