"""Anchor boxes by k-means with 1 − IoU as the distance (YOLOv2, section "Dimension Clusters").

Euclidean k-means on (width, height) lets big boxes dominate the error; with 1 − IoU a centroid is judged by how
well it overlaps the boxes it stands for, whatever their size. Boxes are compared as if they shared a centre, so
only the shape and size matter. The start is k-means++ (each new centre drawn with probability ∝ distance²).
With several output scales the same k anchors, sorted by area, are shared out among the grids: the smallest to
the finest (stride 8), the largest to the coarsest (stride 32), as YOLOv3 does with its nine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aprende.core.errors import AprendeError
from aprende.core.i18n import t
from aprende.core.runs import fresh_run, new_run_dir, write_json, write_yaml
from aprende.detection.data import open_data
from aprende.detection.model import STRIDE, anchor_strides


def iou_wh(wh: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """(N, K) IoU of boxes (N, 2) and anchors (K, 2) given as width, height, aligned at one centre."""
    inter = np.minimum(wh[:, None, 0], anchors[None, :, 0]) * np.minimum(wh[:, None, 1], anchors[None, :, 1])
    union = (wh[:, 0] * wh[:, 1])[:, None] + (anchors[:, 0] * anchors[:, 1])[None, :] - inter
    return inter / np.maximum(union, 1e-12)


def mean_best_iou(wh: np.ndarray, anchors: np.ndarray) -> float:
    """How well the anchors cover the boxes: each box's best IoU with any anchor, averaged."""
    return float(iou_wh(wh, anchors).max(axis=1).mean())


def _kmeans_pp(wh: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """(k, 2) k-means++ start with distance 1 − IoU."""
    centres = [wh[rng.integers(len(wh))]]
    for _ in range(1, k):
        d = 1.0 - iou_wh(wh, np.array(centres)).max(axis=1)  # (N,)
        p = d ** 2
        total = p.sum()
        idx = rng.integers(len(wh)) if total <= 0 else rng.choice(len(wh), p=p / total)
        centres.append(wh[idx])
    return np.array(centres, dtype=np.float64)


def _lloyd(wh: np.ndarray, centres: np.ndarray, iters: int) -> np.ndarray:
    """Assign each box to its closest centre (highest IoU), move each centre to its boxes' mean, until stable."""
    assign = None
    for _ in range(iters):
        new = iou_wh(wh, centres).argmax(axis=1)  # (N,)
        if assign is not None and (new == assign).all():
            break
        assign = new
        for j in range(len(centres)):
            members = wh[assign == j]
            if len(members):
                centres[j] = members.mean(axis=0)
            else:  # an empty cluster restarts on the worst-covered box
                centres[j] = wh[iou_wh(wh, centres).max(axis=1).argmin()]
    return centres


def _polish(wh: np.ndarray, centres: np.ndarray, rng: np.random.Generator, rounds: int = 4,
            max_candidates: int = 1000) -> np.ndarray:
    """Swap each centre for the box, cluster mean or median that most raises the mean best IoU (k-medoids-like).

    The mean of a cluster does not maximise IoU with its members, so plain Lloyd can end below a lucky random
    choice of boxes; trying real boxes as centres closes that gap.
    """
    pool = wh if len(wh) <= max_candidates else wh[rng.choice(len(wh), max_candidates, replace=False)]
    pool_iou = iou_wh(wh, pool)  # (N, P)
    for _ in range(rounds):
        improved = False
        for j in range(len(centres)):
            others = np.delete(centres, j, axis=0)
            best_other = iou_wh(wh, others).max(axis=1) if len(others) else np.zeros(len(wh))  # (N,)
            members = wh[iou_wh(wh, centres).argmax(axis=1) == j]
            extra = np.array([centres[j], members.mean(axis=0), np.median(members, axis=0)]) if len(members) \
                else centres[j:j + 1]
            cand_iou = np.concatenate([iou_wh(wh, extra), pool_iou], axis=1)  # (N, 3 + P)
            scores = np.maximum(best_other[:, None], cand_iou).mean(axis=0)
            pick = int(scores.argmax())
            if pick != 0 and scores[pick] > scores[0] + 1e-12:
                centres[j] = extra[pick] if pick < len(extra) else pool[pick - len(extra)]
                improved = True
        if not improved:
            break
    return centres


@dataclass
class Anchors:
    anchors: np.ndarray  # (k, 2) width, height in input pixels, smallest area first
    assign: np.ndarray  # (N,) the cluster of each box
    mean_iou: float
    random_iou: float  # the same k boxes picked at random, for comparison
    size: int
    strides: list[int] | None = None  # the grid each anchor belongs to; None: all at stride 32

    @property
    def grid(self) -> np.ndarray:
        """(k, 2) in cells of each anchor's own grid, as YOLO's configurations write them."""
        strides = np.array(self.strides or [STRIDE] * len(self.anchors), dtype=np.float64)
        return self.anchors / strides[:, None]


def kmeans_anchors(wh: np.ndarray, k: int = 5, seed: int = 0, n_init: int = 3, iters: int = 300,
                   size: int = 416, scales: int = 1) -> Anchors:
    """The best of n_init seeded runs (k-means++ start, Lloyd, medoid polish; 1 − IoU) on box sizes wh (N, 2),
    each anchor given its output scale."""
    wh = np.asarray(wh, dtype=np.float64)
    wh = wh[(wh > 0).all(axis=1)]
    if k < 1 or len(np.unique(wh, axis=0)) < k:
        raise AprendeError("detect.anchors.too_few", n=len(wh), k=k)
    rng = np.random.default_rng(seed)
    best, best_iou = None, -1.0
    for _ in range(n_init):
        centres = _polish(wh, _lloyd(wh, _kmeans_pp(wh, k, rng), iters), rng)
        score = mean_best_iou(wh, centres)
        if score > best_iou:
            best, best_iou = centres, score
    best = best[np.argsort(best[:, 0] * best[:, 1])]
    random_pick = wh[rng.choice(len(wh), size=k, replace=False)]
    return Anchors(best, iou_wh(wh, best).argmax(axis=1), mean_best_iou(wh, best), mean_best_iou(wh, random_pick),
                   size, anchor_strides(k, scales))


def box_sizes(data, size: int) -> np.ndarray:
    """(M, 2) every box's width and height once its image is resized to size x size (the network's input)."""
    out = []
    for s in data.samples:
        if len(s.boxes):
            wh = s.boxes[:, 2:] - s.boxes[:, :2]
            out.append(wh * np.array([size / s.width, size / s.height], dtype=np.float32))
    return np.concatenate(out) if out else np.zeros((0, 2), np.float32)


def plot_anchors(wh: np.ndarray, result: Anchors, path) -> None:
    """anchors.png: every box as a point (width, height) coloured by cluster, the anchors as crosses."""
    from aprende.core.plots import plt, save_figure  # deferred: matplotlib would slow `aprende --help`

    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.scatter(wh[:, 0], wh[:, 1], c=result.assign, cmap="tab10", s=6, alpha=0.5)
    ax.scatter(result.anchors[:, 0], result.anchors[:, 1], c="black", marker="X", s=120, label=t("detect.plot.anchor"))
    ax.set_xlabel(t("detect.plot.width", size=result.size))
    ax.set_ylabel(t("detect.plot.height", size=result.size))
    ax.set_title(t("detect.plot.anchors_title", k=len(result.anchors), iou=result.mean_iou))
    ax.legend()
    ax.grid(alpha=0.3)
    save_figure(fig, path)


@dataclass
class AnchorRun:
    """`detect anchors`' result: the folder written (config.yaml, anchors.json, anchors.png) and the anchors."""

    run_dir: object
    result: Anchors
    boxes: int


def find_anchors(data, dataset, fmt, settings, project=None, name=None) -> AnchorRun:
    """The anchors of a data set by k-means on its box sizes at the input size, written to a new folder."""
    settings.check()
    ds = open_data(data, dataset, fmt)
    wh = box_sizes(ds, settings.img_size)
    result = kmeans_anchors(wh, settings.k, settings.seed, size=settings.img_size, scales=settings.scales)
    run_dir = new_run_dir("detect", name, project)
    with fresh_run(run_dir):
        write_yaml(run_dir / "config.yaml", {"lab": "detect", "task": "anchors", "data": data or str(ds.root),
                                             "format": ds.format, "k": settings.k, "img_size": settings.img_size,
                                             "scales": settings.scales, "seed": settings.seed})
        write_json(run_dir / "anchors.json", {
            "img_size": settings.img_size, "stride": STRIDE, "strides": result.strides, "classes": ds.classes,
            "anchors_px": [[round(float(v), 2) for v in a] for a in result.anchors],
            "anchors_grid": [[round(float(v), 4) for v in a] for a in result.grid],
            "mean_iou": result.mean_iou, "random_mean_iou": result.random_iou, "boxes": len(wh)})
        plot_anchors(wh, result, run_dir / "anchors.png")
    return AnchorRun(run_dir, result, len(wh))
