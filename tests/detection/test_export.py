"""ONNX export: the exported file carries its metadata and ONNX Runtime finds the same boxes as PyTorch."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from aprende.cli import main
from tests.detection.builders import fake_run, voc_folder
from tests.helpers import refuses


def test_onnx_matches_pytorch(tmp_path, capsys):
    from aprende.detection.export import export_onnx
    from aprende.detection.run import load_model
    from aprende.detection.runtime import onnx_detector, torch_detector

    run = fake_run(tmp_path / "run")
    path = export_onnx(run)
    assert path == run / "weights" / "model.onnx" and path.is_file()
    pt, ox = torch_detector(*load_model(run)), onnx_detector(path)
    assert ox.classes == pt.classes and ox.anchors == pt.anchors and ox.img_size == 96 and ox.runtime == "onnxruntime"
    data = voc_folder(tmp_path / "lego", 4)
    found = 0
    for p in sorted((data / "images").glob("*.jpg")):
        img = Image.open(p).convert("RGB").resize((150, 110))  # not the input size: boxes are scaled back
        x = pt.preprocess(img)
        np.testing.assert_allclose(ox.forward(x), pt.forward(x), atol=1e-4)
        (b1, s1, l1), (b2, s2, l2) = pt(img, 0.1, 0.45), ox(img, 0.1, 0.45)
        assert len(b1) == len(b2) and (l1 == l2).all()
        np.testing.assert_allclose(b2, b1, atol=1e-3)
        np.testing.assert_allclose(s2, s1, atol=1e-5)
        found += len(b1)
    assert found > 0


def test_export_and_predict_cli(tmp_path, capsys):
    run = fake_run(tmp_path / "run")
    data = voc_folder(tmp_path / "lego", 3)
    main(["detect", "export", "--run", str(run), "--quiet"])
    onnx = run / "weights" / "model.onnx"
    assert onnx.is_file()
    main(["detect", "predict", "--run", str(run), "--source", str(data / "images"), "--conf", "0.1",
          "--project", str(tmp_path), "--name", "pt", "--quiet"])
    main(["detect", "predict", "--weights", str(onnx), "--source", str(data / "images"), "--conf", "0.1",
          "--project", str(tmp_path), "--name", "ox"])
    assert "onnxruntime" in capsys.readouterr().err
    main(["detect", "predict", "--weights", str(run / "weights" / "best.safetensors"), "--source",
          str(data / "images"), "--conf", "0.1", "--project", str(tmp_path), "--name", "st", "--quiet"])
    pt = json.loads((tmp_path / "detect" / "pt" / "detections.json").read_text())
    ox = json.loads((tmp_path / "detect" / "ox" / "detections.json").read_text())
    assert json.loads((tmp_path / "detect" / "st" / "detections.json").read_text()) == pt
    assert len(pt) == len(ox) == 3
    for a, b in zip(pt, ox):
        assert [d["class"] for d in a["detections"]] == [d["class"] for d in b["detections"]]
        for da, db in zip(a["detections"], b["detections"]):
            assert da["box"] == pytest.approx(db["box"], abs=0.11)
            assert da["score"] == pytest.approx(db["score"], abs=2e-4)


def test_bad_onnx_files(tmp_path, capsys):
    img = voc_folder(tmp_path / "lego", 1) / "images" / "00000.jpg"
    (tmp_path / "roto.onnx").write_bytes(b"not a model")
    for weights, expected in [(tmp_path / "roto.onnx", "roto.onnx no es un modelo ONNX"),
                              (tmp_path / "pesos.pt", "pesos.pt: --weights espera")]:
        refuses(capsys, ["detect", "predict", "--weights", weights, "--source", img], expected,
                empty=tmp_path / "runs", quiet_out=True)
