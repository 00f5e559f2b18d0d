"""mAP as COCO computes it: greedy matching by score, 101-point interpolated precision, IoU 0.50 to 0.95.

For every class, the detections of all images are ranked by score; a detection is a true positive when it
overlaps a not-yet-matched ground-truth box of its class by at least the IoU threshold (the best such box).
Precision is made non-increasing from the right and read at recall 0, 0.01, …, 1; AP is the mean of those 101
values (0 beyond the highest recall reached). mAP@0.5 averages AP over classes at IoU 0.5; mAP@0.5:0.95 also
over the ten thresholds 0.50, 0.55, …, 0.95. Classes without ground truth are left out, as in pycocotools.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from aprende.core.i18n import t
from aprende.core.numbers import fmt

IOU_THRESHOLDS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)  # (T,) = 10
RECALL_POINTS = np.linspace(0.0, 1.0, int(np.round((1.0 - 0.0) / 0.01)) + 1, endpoint=True)  # (R,) = 101
MAX_DETECTIONS = 100  # per image and class, as COCO's default


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, M) IoU of boxes a (N, 4) and b (M, 4), both xmin, ymin, xmax, ymax."""
    a, b = np.asarray(a, np.float64).reshape(-1, 4), np.asarray(b, np.float64).reshape(-1, 4)
    iw = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    ih = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.clip(iw, 0, None) * np.clip(ih, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def match(det_boxes: np.ndarray, gt_boxes: np.ndarray) -> np.ndarray:
    """(T, D) whether each detection (already sorted by score) is a true positive at each IoU threshold."""
    ious = box_iou(det_boxes, gt_boxes)  # (D, G)
    n_det, n_gt = ious.shape
    tp = np.zeros((len(IOU_THRESHOLDS), n_det), dtype=bool)
    if n_gt == 0:
        return tp
    taken = np.zeros((len(IOU_THRESHOLDS), n_gt), dtype=bool)  # (T, G)
    floor = np.minimum(IOU_THRESHOLDS, 1 - 1e-10)[:, None]  # (T, 1)
    for d in range(n_det):
        ok = (ious[d][None, :] >= floor) & ~taken  # (T, G)
        masked = np.where(ok, ious[d][None, :], -1.0)
        best = n_gt - 1 - masked[:, ::-1].argmax(axis=1)  # the last of equal best boxes, as pycocotools
        hit = masked[np.arange(len(best)), best] >= 0
        taken[np.flatnonzero(hit), best[hit]] = True
        tp[:, d] = hit
    return tp


def interpolated_precision(tp: np.ndarray, n_gt: int) -> np.ndarray:
    """(R,) precision read at the 101 recall points from the ranked true-positive flags tp (D,)."""
    tps = np.cumsum(tp).astype(np.float64)
    fps = np.cumsum(~tp).astype(np.float64)
    q = np.zeros(len(RECALL_POINTS))
    if len(tp) == 0:
        return q
    recall = tps / n_gt
    precision = tps / (fps + tps + np.spacing(1))
    precision = np.maximum.accumulate(precision[::-1])[::-1]  # non-increasing from the right
    idx = np.searchsorted(recall, RECALL_POINTS, side="left")
    valid = idx < len(precision)
    q[valid] = precision[idx[valid]]
    return q


@dataclass
class DetectionMetrics:
    map50: float
    map50_95: float
    ap50: dict[int, float] = field(default_factory=dict)  # class -> AP@0.5 (classes with ground truth)
    ap50_95: dict[int, float] = field(default_factory=dict)
    pr50: dict[int, np.ndarray] = field(default_factory=dict)  # class -> (R,) precision at IoU 0.5
    n_gt: dict[int, int] = field(default_factory=dict)

    def as_dict(self, classes: list[str]) -> dict:
        """The numbers of --json: map50, map50_95 and per-class AP by class name."""
        return {"map50": self.map50, "map50_95": self.map50_95,
                "per_class": {classes[c]: {"ap50": self.ap50[c], "ap50_95": self.ap50_95[c], "boxes": self.n_gt[c]}
                              for c in sorted(self.ap50)}}


def evaluate_detections(predictions, targets, n_classes: int) -> DetectionMetrics:
    """predictions: per image (boxes (N, 4), scores (N,), labels (N,));
    targets: per image (boxes (M, 4), labels (M,))."""
    out = DetectionMetrics(0.0, 0.0)
    for c in range(n_classes):
        scores, flags, n_gt = [], [], 0
        for (pb, ps, pl), (gb, gl) in zip(predictions, targets):
            pb, ps, pl = np.asarray(pb).reshape(-1, 4), np.asarray(ps).reshape(-1), np.asarray(pl).reshape(-1)
            gt = np.asarray(gb).reshape(-1, 4)[np.asarray(gl).reshape(-1) == c]
            keep = np.flatnonzero(pl == c)
            order = keep[np.argsort(-ps[keep], kind="mergesort")][:MAX_DETECTIONS]
            n_gt += len(gt)
            scores.append(ps[order])
            flags.append(match(pb[order], gt))
        if n_gt == 0:
            continue
        all_scores = np.concatenate(scores)
        ranked = np.argsort(-all_scores, kind="mergesort")
        tp = np.concatenate(flags, axis=1)[:, ranked]  # (T, D)
        q = np.stack([interpolated_precision(tp[t], n_gt) for t in range(len(IOU_THRESHOLDS))])  # (T, R)
        out.ap50[c], out.ap50_95[c] = float(q[0].mean()), float(q.mean())
        out.pr50[c], out.n_gt[c] = q[0], n_gt
    if out.ap50:
        out.map50 = float(np.mean(list(out.ap50.values())))
        out.map50_95 = float(np.mean(list(out.ap50_95.values())))
    return out


def plot_pr(metrics: DetectionMetrics, classes: list[str], path) -> None:
    """pr_curve.png: precision against recall at IoU 0.5, one line per class, AP in the legend."""
    from aprende.core.plots import plt, save_figure  # deferred: matplotlib would slow `aprende --help`

    fig, ax = plt.subplots(figsize=(6, 4.5))
    for c, q in metrics.pr50.items():
        ax.plot(RECALL_POINTS, q, label=f"{classes[c]} {fmt(metrics.ap50[c], 3)}")
    ax.set_xlabel(t("detect.plot.recall"))
    ax.set_ylabel(t("detect.plot.precision"))
    ax.set_title(t("detect.plot.pr_title", map50=metrics.map50))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    save_figure(fig, path)
