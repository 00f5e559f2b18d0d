"""Anchors: k-means with 1 − IoU finds known clusters, beats random picks, and `detect anchors` writes its run."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aprende.cli import main
from aprende.detection.anchors import iou_wh, kmeans_anchors, mean_best_iou
from tests.detection.builders import voc_folder
from tests.helpers import refuses


def test_iou_of_aligned_boxes():
    iou = iou_wh(np.array([[10.0, 10.0], [20.0, 5.0]]), np.array([[10.0, 10.0], [5.0, 20.0]]))
    assert np.allclose(iou, [[1.0, 50 / 150], [50 / 150, 25 / 175]])


def test_recovers_known_clusters():
    rng = np.random.default_rng(0)
    centres = np.array([[12.0, 40.0], [60.0, 18.0], [110.0, 100.0], [30.0, 30.0]])
    wh = np.concatenate([c * np.exp(rng.normal(0, 0.05, size=(300, 2))) for c in centres])
    found = kmeans_anchors(wh, k=4, seed=1).anchors
    for c in centres:
        assert np.abs(found - c).max(axis=1).min() / c.min() < 0.05, (c, found)


@pytest.mark.parametrize("seed", range(4))
def test_never_worse_than_random_picks(seed):
    rng = np.random.default_rng(seed)
    wh = np.exp(rng.normal(3.5, 0.6, size=(400, 2)))  # one broad cloud: no obvious clusters
    for k in (1, 3, 5, 9):
        found = kmeans_anchors(wh, k=k, seed=seed)
        assert found.mean_iou >= found.random_iou
        for _ in range(25):
            pick = wh[rng.choice(len(wh), size=k, replace=False)]
            assert found.mean_iou >= mean_best_iou(wh, pick) - 1e-9


def test_seeded():
    wh = np.exp(np.random.default_rng(0).normal(3, 0.5, size=(200, 2)))
    assert np.array_equal(kmeans_anchors(wh, 5, seed=3).anchors, kmeans_anchors(wh, 5, seed=3).anchors)


def test_anchors_command_writes_its_run(tmp_path, capsys):
    data = voc_folder(tmp_path / "lego", 12)
    main(["detect", "anchors", "--data", str(data), "-k", "3", "--img-size", "320", "--json"])
    out = json.loads(capsys.readouterr().out)
    run = tmp_path / "runs" / "detect" / "exp"
    assert out["run"] == str(run.relative_to(tmp_path)) and out["metrics"]["mean_iou"] > 0.5
    saved = json.loads((run / "anchors.json").read_text())
    strides = np.array(saved["strides"])[:, None]  # one anchor per grid: 8, 16, 32 (the default three scales)
    assert len(saved["anchors_px"]) == 3 and saved["strides"] == [8, 16, 32]
    assert np.allclose(np.array(saved["anchors_grid"]) * strides, saved["anchors_px"], atol=0.01)
    assert (run / "anchors.png").stat().st_size > 1000 and (run / "config.yaml").is_file()


def _bad(tmp_path, capsys, args, expected):
    refuses(capsys, ["detect", "anchors", *args, "--quiet"], expected, empty=tmp_path / "runs")


def test_bad_inputs_exit_2_and_write_nothing(tmp_path, capsys):
    data = voc_folder(tmp_path / "lego", 4)
    _bad(tmp_path, capsys, ["--data", tmp_path / "nada"], "No existe la carpeta")
    _bad(tmp_path, capsys, ["--data", data, "-k", "500"], "-k")
    _bad(tmp_path, capsys, ["--data", data, "--img-size", "300"], "múltiplo de 32")
    _bad(tmp_path, capsys, ["--dataset", "tienda"], "no es un conjunto de detección")
    _bad(tmp_path, capsys, ["--data", data, "-k", "20"], "hacen falta al menos 20")
    xml = data / "annotations" / "00001.xml"
    good = xml.read_text()
    xml.write_text('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + good)
    _bad(tmp_path, capsys, ["--data", data], "00001.xml: el XML declara un DTD")
    xml.write_text(good.replace("<xmax>", "<xmax>-", 1))
    _bad(tmp_path, capsys, ["--data", data], "00001.xml, objeto 1")
    xml.write_text(good)
    (data / "images" / "00002.jpg").write_bytes(b"\xff\xd8 broken")
    _bad(tmp_path, capsys, ["--data", data], "00002.jpg está dañada")
    (data / "images" / "00002.jpg").unlink()
    _bad(tmp_path, capsys, ["--data", data], "00002.xml: no hay imagen")


def test_english(tmp_path, capsys):
    refuses(capsys, ["--lang", "en", "detect", "anchors", "--data", tmp_path / "none"], ("does not exist", "none"),
            quiet_out=True)
