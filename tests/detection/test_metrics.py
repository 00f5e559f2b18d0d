"""Our mAP equals pycocotools' on the same boxes, and the simple cases come out as they must."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from aprende.detection.metrics import box_iou, evaluate_detections, plot_pr


def _fixture(seed: int, n_images: int = 25, n_classes: int = 4):
    """Ground truth, and detections that jitter, miss, duplicate and invent boxes, with tied scores too."""
    rng = np.random.default_rng(seed)
    targets, predictions = [], []
    for _ in range(n_images):
        m = int(rng.integers(0, 7))  # some images have no objects
        xy = rng.uniform(0, 200, size=(m, 2))
        wh = rng.uniform(8, 80, size=(m, 2))
        gb = np.concatenate([xy, xy + wh], axis=1)
        gl = rng.integers(0, n_classes - 1, size=m)  # the last class never appears in the ground truth
        boxes, scores, labels = [], [], []
        for b, lab in zip(gb, gl):
            if rng.random() < 0.15:
                continue  # missed
            for _ in range(1 + int(rng.random() < 0.2)):  # sometimes a duplicate
                jitter = rng.normal(0, 0.08, size=4) * np.r_[b[2:] - b[:2], b[2:] - b[:2]]
                boxes.append(b + jitter)
                scores.append(round(float(rng.uniform(0.3, 1.0)), 2))  # rounded: ties happen
                labels.append(lab if rng.random() > 0.1 else rng.integers(n_classes))
        for _ in range(int(rng.integers(0, 4))):  # invented boxes
            xy = rng.uniform(0, 200, size=2)
            boxes.append(np.r_[xy, xy + rng.uniform(8, 80, size=2)])
            scores.append(round(float(rng.uniform(0.0, 0.8)), 2))
            labels.append(rng.integers(n_classes))
        targets.append((gb, gl))
        predictions.append((np.array(boxes).reshape(-1, 4), np.array(scores), np.array(labels)))
    return predictions, targets


def _coco(predictions, targets, n_classes):
    """mAP@0.5:0.95, mAP@0.5 and per-class AP from pycocotools on the same data."""
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    images, anns, dets = [], [], []
    for i, ((pb, ps, pl), (gb, gl)) in enumerate(zip(predictions, targets)):
        images.append({"id": i, "width": 300, "height": 300})
        for b, lab in zip(gb, gl):
            w, h = b[2] - b[0], b[3] - b[1]
            anns.append({"id": len(anns) + 1, "image_id": i, "category_id": int(lab),
                         "bbox": [*map(float, b[:2]), w, h], "area": float(w * h), "iscrowd": 0})
        for b, s, lab in zip(pb, ps, pl):
            dets.append({"image_id": i, "category_id": int(lab), "score": float(s),
                         "bbox": [float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])]})
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO()
        gt.dataset = {"images": images, "annotations": anns, "categories": [{"id": c} for c in range(n_classes)]}
        gt.createIndex()
        ev = COCOeval(gt, gt.loadRes(dets), "bbox")
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    prec = ev.eval["precision"][:, :, :, 0, -1]  # (T, R, K), all areas, 100 detections
    per_class = {c: (prec[0, :, c].mean(), prec[:, :, c].mean()) for c in range(n_classes) if prec[0, 0, c] > -1}
    return ev.stats[0], ev.stats[1], per_class


@pytest.mark.parametrize("seed", range(5))
def test_equals_pycocotools(seed):
    pytest.importorskip("pycocotools")
    predictions, targets = _fixture(seed)
    ours = evaluate_detections(predictions, targets, 4)
    map50_95, map50, per_class = _coco(predictions, targets, 4)
    assert ours.map50 == pytest.approx(map50, abs=1e-4)
    assert ours.map50_95 == pytest.approx(map50_95, abs=1e-4)
    assert set(ours.ap50) == set(per_class) and 3 not in ours.ap50  # no ground truth: left out
    for c, (ap50, ap) in per_class.items():
        assert ours.ap50[c] == pytest.approx(ap50, abs=1e-4)
        assert ours.ap50_95[c] == pytest.approx(ap, abs=1e-4)


def test_perfect_missing_and_empty():
    gb = np.array([[0, 0, 10, 10], [20, 20, 40, 50]], float)
    targets = [(gb, np.array([0, 1]))]
    perfect = evaluate_detections([(gb, np.array([0.9, 0.8]), np.array([0, 1]))], targets, 2)
    assert perfect.map50 == pytest.approx(1.0) and perfect.map50_95 == pytest.approx(1.0)
    nothing = evaluate_detections([(np.zeros((0, 4)), np.zeros(0), np.zeros(0))], targets, 2)
    assert nothing.map50 == 0.0 and nothing.ap50 == {0: 0.0, 1: 0.0}
    wrong_class = evaluate_detections([(gb, np.array([0.9, 0.8]), np.array([1, 0]))], targets, 2)
    assert wrong_class.map50 == 0.0


def test_iou():
    a = np.array([[0, 0, 10, 10]], float)
    assert box_iou(a, np.array([[5, 0, 15, 10], [20, 20, 30, 30], [0, 0, 10, 10]], float)).tolist() == [[1 / 3, 0, 1]]


def test_pr_plot(tmp_path):
    predictions, targets = _fixture(0)
    m = evaluate_detections(predictions, targets, 4)
    plot_pr(m, ["rojo", "azul", "verde", "negro"], tmp_path / "pr_curve.png")
    assert (tmp_path / "pr_curve.png").stat().st_size > 1000
    assert set(m.as_dict(["rojo", "azul", "verde", "negro"])["per_class"]) == {"rojo", "azul", "verde"}
