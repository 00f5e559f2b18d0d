"""Output scales: the pyramid network's flat output matches its layout, encode→decode round trips on every grid,
old single-scale model.json files (the shipped detector's) still build and load, and an export keeps its scales."""

from __future__ import annotations

import numpy as np
import torch

from aprende.detection.anchors import kmeans_anchors
from aprende.detection.loss import LossScales, assign, yolo_loss
from aprende.detection.model import YOLO, anchor_strides, build_model, decode_boxes, grid_layout

ANCHORS = [[8.0, 10.0], [14.0, 12.0], [20.0, 16.0], [30.0, 28.0], [40.0, 40.0], [70.0, 50.0]]


def _targets():
    return torch.tensor([[[0, 10, 12, 22, 26], [2, 60, 70, 150, 130]],
                         [[1, 5, 90, 45, 150], [-1, 0, 0, 0, 0]]], dtype=torch.float32)


def test_anchor_strides_share_the_anchors_smallest_to_finest():
    assert anchor_strides(6, 3) == [8, 8, 16, 16, 32, 32]
    assert anchor_strides(5, 3) == [8, 8, 16, 16, 32]
    assert anchor_strides(5, 1) == [32] * 5 and anchor_strides(1, 3) == [32]


def test_pyramid_output_matches_its_layout():
    strides = anchor_strides(len(ANCHORS), 3)
    m = YOLO(3, ANCHORS, width=0.25, strides=strides).eval()
    with torch.no_grad():
        out = m(torch.rand(2, 3, 128, 128))
    layout = m.layout(128)
    assert out.shape == (2, 2 * (16 ** 2 + 8 ** 2 + 4 ** 2), 8) and layout.shape == (out.shape[1], 5)
    assert layout[:, 4].tolist() == [8.0] * 512 + [16.0] * 128 + [32.0] * 32  # finest grid first


def test_encode_decode_on_every_grid_with_neighbours():
    """With multi-anchor assignment and span 2, every owning (anchor, cell) pair decodes back to its box."""
    anchors, size = torch.tensor(ANCHORS), 160
    strides = anchor_strides(len(ANCHORS), 3)
    targets = _targets()
    b, n, k, a, gi, gj, reg, cls, _ = assign(targets, anchors, strides, size, span=2.0, multi=True)
    assert len(n) > 3 and {8, 32} <= {strides[j] for j in a.tolist()}  # the small box on stride 8, the big on 32
    out = torch.zeros(2, len(grid_layout(anchors, strides, size)), 8)
    xy = reg[:, :2].clamp(1e-4, 1 - 1e-4)
    out[b, n, :2] = torch.log(xy / (1 - xy))
    out[b, n, 2:4] = reg[:, 2:]
    boxes = decode_boxes(out, grid_layout(anchors, strides, size), span=2.0)[b, n]
    valid = targets[targets[..., 0] >= 0][:, 1:]
    assert torch.allclose(boxes, valid[k], atol=1e-2)
    only_box = LossScales(coord=0, obj=0, noobj=0, cls=0, box=1, multi=True)
    assert yolo_loss(out, targets, anchors, strides, only_box, size, span=2.0).item() < 1e-2


def test_iou_aware_objectness_changes_the_target():
    torch.manual_seed(0)
    m = YOLO(3, ANCHORS, width=0.25, strides=anchor_strides(6, 3))
    with torch.no_grad():
        out = m(torch.rand(2, 3, 96, 96))
        out[..., 4] = 20.0  # every cell sure there is an object there, whatever its box
    only_obj = dict(coord=0, obj=1, noobj=0, cls=0, box=0)
    plain = yolo_loss(out, _targets(), m.anchors, m.strides, LossScales(**only_obj), 96)
    aware = yolo_loss(out, _targets(), m.anchors, m.strides, LossScales(**only_obj, iou_obj=True), 96)
    # target 1: sure is right (loss ~0); target IoU: sure of a poor box costs (1 - IoU) * 20 per owned cell
    assert plain < 1e-6 and aware > 1.0, (plain, aware)
    rest = dict(obj=0)  # every other term is the same either way
    assert torch.equal(yolo_loss(out, _targets(), m.anchors, m.strides, LossScales(**rest), 96),
                       yolo_loss(out, _targets(), m.anchors, m.strides, LossScales(**rest, iou_obj=True), 96))


def test_old_single_scale_model_json_still_builds_and_loads(tmp_path):
    """A model.json written before the pyramid (no strides, no span) is the same one-grid network."""
    from aprende.detection.run import load_detector, load_model

    old = {"lab": "detect", "classes": ["a", "b"], "anchors": ANCHORS[:3], "size": "tiny", "width": 0.25,
           "depth": None, "img_size": 64}
    m = build_model(old)
    assert m.strides == [32] * 3 and m.span == 1.0 and hasattr(m, "head") and not hasattr(m, "pyramid")
    shipped, cfg = load_model()  # the lego detector that ships in the package
    assert "strides" not in cfg and shipped.scales == [32]
    with torch.no_grad():
        assert shipped(torch.rand(1, 3, 320, 320)).shape == (1, 5 * 10 * 10, 10)
    det = load_detector()
    assert det.layout().shape == (500, 5) and det.strides is None


def test_anchors_are_shared_out_by_scale():
    rng = np.random.default_rng(0)
    wh = np.concatenate([rng.normal(c, 1.0, size=(40, 2)) for c in (10, 20, 40, 80, 120, 200)]).clip(2)
    found = kmeans_anchors(wh, 6, 0, size=320, scales=3)
    assert found.strides == [8, 8, 16, 16, 32, 32]
    assert np.allclose(found.grid * np.array(found.strides)[:, None], found.anchors)
    areas = found.anchors.prod(1)
    assert (np.diff(areas) >= 0).all()  # smallest first: the finest grid gets the smallest anchors


def test_an_older_export_with_a_grid_output_decodes_the_same(tmp_path):
    """An ONNX file exported before the flat output gives (B, A, G, G, 5 + C): the runtime reads it the same."""
    from dataclasses import replace

    from PIL import Image

    from aprende.detection.run import load_detector
    from tests.detection.builders import fake_run

    new = load_detector(fake_run(tmp_path / "run"))
    g = new.img_size // 32

    def grid_forward(x):
        out = new.forward(x)
        return out.reshape(out.shape[0], len(new.anchors), g, g, out.shape[-1])

    old = replace(new, forward=grid_forward)
    img = Image.fromarray((np.random.default_rng(0).random((96, 96, 3)) * 255).astype(np.uint8))
    (b1, s1, l1), (b2, s2, l2) = new(img, 0.1), old(img, 0.1)
    assert len(b1) > 0 and np.allclose(b1, b2) and np.allclose(s1, s2) and (l1 == l2).all()
