"""Training options of issue 14: mosaic moves boxes with the pixels, tiles cover an image and find its objects
again, `--scales 3 --tile --multi-anchor --iou-obj --mosaic` trains a run that predicts and exports, and anchors
say which grid each one goes to."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from PIL import Image

from aprende.cli import main
from aprende.detection.data import load_detection
from aprende.detection.settings import default_train_config
from aprende.detection.tensors import crop_boxes, tile_origins, tiles_of, to_tiles
from aprende.detection.train import mosaic, training_progress
from tests.detection.builders import voc_folder
from tests.helpers import refuses


def test_mosaic_moves_boxes_with_the_pixels():
    torch.manual_seed(0)
    x = torch.zeros(4, 3, 64, 64, dtype=torch.uint8)
    y = torch.full((4, 1, 5), -1.0)
    for i in range(4):  # one white square per image, its class the image's index
        x[i, :, 20:44, 16:40] = 255
        y[i, 0] = torch.tensor([float(i), 16, 20, 40, 44])
    for _ in range(5):
        xm, ym = mosaic(x, y, p=1.0)
        assert xm.shape == x.shape and ym.shape[0] == 4 and ym.shape[-1] == 5
        for i in range(4):
            for _c, *box in ym[i][ym[i, :, 0] >= 0].tolist():
                x0, y0, x1, y1 = (int(round(v)) for v in box)
                assert xm[i, 0, y0:y1, x0:x1].float().mean() > 250  # the box holds the square's pixels
            white = (xm[i, 0] > 250).sum().item()
            kept = ym[i][ym[i, :, 0] >= 0]
            area = ((kept[:, 3] - kept[:, 1]) * (kept[:, 4] - kept[:, 2])).sum().item()
            assert area <= white + 1  # every kept box is white inside; cut-offs below a quarter are dropped
    same_x, same_y = mosaic(x, y, p=0.0)
    assert same_x is x and same_y is y


def test_close_mosaic_follows_the_planned_steps():
    cfg = default_train_config(epochs=10, batch_size=4)
    progress = training_progress(cfg, 8)  # 2 steps an epoch, 20 in all
    seen = [progress() for _ in range(20)]
    assert seen[0] == 0 and seen[-1] == pytest.approx(19 / 20) and sorted(seen) == seen


def test_tiles_cover_the_image_and_keep_cut_boxes_by_share():
    assert tile_origins(100, 100) == [0] and tile_origins(250, 100) == [0, 80, 150]
    assert len(tiles_of(250, 90, 100)) == 3
    boxes = np.array([[10, 10, 30, 30], [90, 10, 130, 30], [95, 50, 102, 60]], np.float32)
    kept, labels = crop_boxes(boxes, np.array([0, 1, 2]), 80, 0, 100, 100)
    assert labels.tolist() == [1, 2] and kept[0].tolist() == [10, 10, 50, 30]
    kept, labels = crop_boxes(boxes, np.array([0, 1, 2]), 0, 0, 100, 100)
    assert labels.tolist() == [0, 2]  # the second has a quarter inside (dropped), the third 5 of its 7 columns


def test_tiles_of_a_folder_hold_every_box(tmp_path):
    data = load_detection(voc_folder(tmp_path / "lego", 2))  # 96-px scenes, 64-px tiles: 2 x 2 per image
    x, y = to_tiles(data.samples, 64)  # (8, 3, 64, 64), (K, 6) [tile, class, box]
    assert x.shape == (8, 3, 64, 64) and set(y[:, 0].long().tolist()) <= set(range(8))
    assert len(y) >= data.n_boxes  # boxes in the overlap appear in more than one tile


def test_train_with_every_option_then_predict_export_and_anchors(tmp_path, capsys):
    data = voc_folder(tmp_path / "lego", 6)
    main(["detect", "train", "--data", str(data), "--img-size", "64", "--width", "0.25", "--epochs", "2",
          "--batch-size", "4", "--scales", "3", "--anchors", "6", "--tile", "--multi-anchor", "--iou-obj",
          "--mosaic", "1", "--json", "--quiet", "--project", str(tmp_path / "runs"), "--name", "all"])
    out = json.loads(capsys.readouterr().out)
    run = tmp_path / out["run"]
    cfg = json.loads((run / "model.json").read_text())
    assert cfg["strides"] == [8, 8, 16, 16, 32, 32] and cfg["span"] == 2.0 and cfg["tile"] is True
    assert out["metrics"]["epochs"] == 2
    img = tmp_path / "big.jpg"
    Image.open(data / "images" / "00000.jpg").resize((200, 150)).save(img)
    main(["detect", "predict", "--run", str(run), "--source", str(img), "--conf", "0.0", "--json", "--quiet",
          "--project", str(tmp_path / "runs")])
    boxes = json.loads(capsys.readouterr().out)["results"][0]["detections"]
    assert boxes and max(b["box"][2] for b in boxes) > 64  # tiles reach past the first 64 pixels
    pytest.importorskip("onnxruntime")
    from aprende.detection.export import export_onnx
    from aprende.detection.run import load_detector

    pt, ox = load_detector(run), load_detector(weights=export_onnx(run))
    assert ox.strides == pt.strides and ox.span == 2.0 and ox.tile
    a, b = pt(Image.open(img), 0.05, 0.45), ox(Image.open(img), 0.05, 0.45)
    np.testing.assert_allclose(a[0], b[0], atol=1e-2)
    main(["detect", "anchors", "--data", str(data), "-k", "6", "--scales", "3", "--json",
          "--project", str(tmp_path / "runs"), "--name", "anc"])
    capsys.readouterr()
    saved = json.loads((tmp_path / "runs" / "detect" / "anc" / "anchors.json").read_text())
    assert saved["strides"] == [8, 8, 16, 16, 32, 32] and saved["img_size"] == 320  # detect train's input


@pytest.mark.parametrize("args, word", [(["--scales", "4"], "--scales"), (["--mosaic", "2"], "--mosaic"),
                                        (["--close-mosaic", "-0.5"], "--close-mosaic")])
def test_bad_option_values_stop_before_anything_is_written(tmp_path, capsys, args, word):
    data = voc_folder(tmp_path / "lego", 2)
    refuses(capsys, ["--lang", "en", "detect", "train", "--data", data, *args, "--project", tmp_path / "runs"],
            word, empty=tmp_path / "runs", quiet_out=True)
