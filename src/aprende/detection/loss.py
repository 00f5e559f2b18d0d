"""The YOLOv2 loss: each ground-truth box is owned by the anchor of best shape in the cell holding its centre.

That anchor learns the box (centre offsets in the cell, log size relative to the anchor), objectness 1 and the
class; every other prediction learns objectness 0 unless its decoded box already overlaps some ground truth by
more than `ignore` IoU (a good box elsewhere is not punished). The scales follow the article's configuration:
object 5, no-object 1, coordinates 1, classes 1; small boxes weigh more in the coordinates (2 − w·h / S²).
A CIoU term (as in YOLOv4 and later) is added for the owned boxes; `box=0` gives the plain YOLOv2 loss.

With several output scales the best anchor over all of them picks the scale (YOLOv3). Two options from later
YOLOs: `multi` lets every anchor of similar shape (shape IoU above `match`) and the two neighbouring cells nearest
the centre own the box too (YOLOv5; the decoder's centre then spans two cells), and `iou_obj` makes the
objectness target the IoU the predicted box reaches instead of 1 (IoU-aware objectness), so scores rank boxes by
how well they fit, which mAP@0.5:0.95 rewards.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torchvision.ops import box_iou, complete_box_iou_loss

from aprende.detection.model import decode, decode_boxes, flat, grid_layout


@dataclass
class LossScales:
    coord: float = 1.0
    obj: float = 5.0
    noobj: float = 1.0
    cls: float = 1.0
    box: float = 2.0  # 1 − CIoU of the owned boxes: rewards overlap directly, which mAP@0.5:0.95 measures
    ignore: float = 0.6
    multi: bool = False  # similar anchors and neighbouring cells own a box too (needs span 2)
    match: float = 0.5  # with multi: the shape IoU an extra anchor needs
    iou_obj: bool = False  # objectness target: the IoU of the predicted box (not 1)


def _as_strides(strides, n: int) -> list[int]:
    return [int(strides)] * n if isinstance(strides, (int, float)) else [int(s) for s in strides]


def paired_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(P,) IoU of each box of a (P, 4) with the box in the same row of b (P, 4)."""
    lt, rb = torch.max(a[:, :2], b[:, :2]), torch.min(a[:, 2:], b[:, 2:])
    inter = (rb - lt).clamp_min(0).prod(1)
    area = lambda x: (x[:, 2:] - x[:, :2]).clamp_min(0).prod(1)  # noqa: E731
    return (inter / (area(a) + area(b) - inter).clamp_min(1e-9)).clamp(0, 1)


def anchor_places(strides: list[int], size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """For each anchor: where its block starts in the flat output, and its grid's side (grid_layout's order)."""
    offset, grid, base = [0] * len(strides), [0] * len(strides), 0
    for s in sorted(set(strides)):
        g = size // s
        for j in [j for j, v in enumerate(strides) if v == s]:
            offset[j], grid[j], base = base, g, base + g * g
    return torch.tensor(offset), torch.tensor(grid)


def assign(targets: torch.Tensor, anchors: torch.Tensor, strides, size: int, span: float = 1.0,
           multi: bool = False, match: float = 0.5):
    """targets (B, M, 5) [class, xmin, ymin, xmax, ymax], class −1 = padding -> for each (box, anchor, cell) pair
    that learns: batch b, flat index n, the box's row k among the valid targets, regression targets, class, area."""
    strides = _as_strides(strides, len(anchors))
    b, m = torch.nonzero(targets[..., 0] >= 0, as_tuple=True)  # (K,), (K,)
    t = targets[b, m]  # (K, 5)
    cx, cy = (t[:, 1] + t[:, 3]) / 2, (t[:, 2] + t[:, 4]) / 2
    w, h = (t[:, 3] - t[:, 1]).clamp_min(1.0), (t[:, 4] - t[:, 2]).clamp_min(1.0)
    inter = torch.min(w[:, None], anchors[None, :, 0]) * torch.min(h[:, None], anchors[None, :, 1])  # (K, A)
    shape_iou = inter / (w[:, None] * h[:, None] + anchors[None, :, 0] * anchors[None, :, 1] - inter)
    owns = F.one_hot(shape_iou.argmax(1), len(anchors)).bool() if len(t) else shape_iou > 2  # (K, A)
    if multi:
        owns |= shape_iou > match
    k, a = torch.nonzero(owns, as_tuple=True)  # (P,): one pair per box and owning anchor
    stride = torch.tensor(strides, dtype=torch.float32, device=t.device)[a]
    offset, grid = (v.to(t.device)[a] for v in anchor_places(strides, size))
    fx, fy = cx[k] / stride, cy[k] / stride  # centre in grid cells
    gi, gj = fx.long().clamp(max=grid - 1), fy.long().clamp(max=grid - 1)
    cells = [(gi, gj)]
    if multi:  # the neighbour on the side the centre leans to, across and down (YOLOv5)
        cells += [(gi + torch.where(fx - gi < 0.5, -1, 1), gj), (gi, gj + torch.where(fy - gj < 0.5, -1, 1))]
    rows = []
    for ci, cj in cells:
        ok = (ci >= 0) & (ci < grid) & (cj >= 0) & (cj < grid)
        rows.append((k[ok], a[ok], ci[ok], cj[ok], offset[ok] + cj[ok] * grid[ok] + ci[ok], fx[ok], fy[ok]))
    k, a, gi, gj, n, fx, fy = (torch.cat(v) for v in zip(*rows))
    off = (span - 1) / 2
    reg = torch.stack([(fx - gi + off) / span, (fy - gj + off) / span, torch.log(w[k] / anchors[a, 0]),
                       torch.log(h[k] / anchors[a, 1])], dim=1)  # (P, 4)
    return b[k], n, k, a, gi, gj, reg, t[k, 0].long(), (w * h)[k]


def yolo_loss(out: torch.Tensor, targets: torch.Tensor, anchors: torch.Tensor, strides,
              scales: LossScales | None = None, size: int | None = None, span: float = 1.0) -> torch.Tensor:
    """out (B, N, 5 + C) raw (or one grid (B, A, G, G, 5 + C)); targets (B, M, 5) in input pixels; strides: one
    per anchor (or one for all); the summed loss divided by the batch size."""
    scales = scales or LossScales()
    strides = _as_strides(strides, len(anchors))
    if size is None:  # one grid: its side times its stride
        size = out.shape[2] * strides[0]
    out = flat(out.float())
    bsz = out.shape[0]
    layout = grid_layout(anchors, strides, size)  # (N, 5)
    b, n, k, a, gi, gj, reg, cls, area = assign(targets, anchors, strides, size, span, scales.multi, scales.match)
    obj_mask = torch.zeros(out.shape[:2], dtype=torch.bool, device=out.device)  # (B, N)
    obj_mask[b, n] = True
    gt_boxes = targets[targets[..., 0] >= 0][:, 1:]  # (K, 4), the order assign's k counts in
    with torch.no_grad():  # predictions that already cover a ground truth are not pushed to objectness 0
        boxes = decode_boxes(out, layout, span)  # (B, N, 4)
        best = torch.zeros(boxes.shape[:2], device=out.device)  # (B, N)
        for i in range(bsz):
            gt = targets[i][targets[i, :, 0] >= 0, 1:]
            if len(gt):
                best[i] = box_iou(boxes[i], gt).max(1).values
        noobj_mask = (best < scales.ignore) & ~obj_mask
    p = out[b, n]  # (P, 5 + C)
    weight = 2.0 - area / (size * size)  # (P,)
    coord = (weight[:, None] * ((p[:, :2].sigmoid() - reg[:, :2]) ** 2)).sum() + \
        (weight[:, None] * ((p[:, 2:4] - reg[:, 2:]) ** 2)).sum()
    box = out.sum() * 0
    obj_target = torch.ones_like(p[:, 4])
    if len(cls) and (scales.box or scales.iou_obj):
        stride = layout[n, 4]
        pred = decode(p, gi, gj, anchors[a, 0], anchors[a, 1], stride, span)  # (P, 4): owned boxes, as detect sees
        if scales.box:
            box = complete_box_iou_loss(pred, gt_boxes[k], reduction="sum")
        if scales.iou_obj:
            with torch.no_grad():
                obj_target = paired_iou(pred, gt_boxes[k])
    obj = F.binary_cross_entropy_with_logits(p[:, 4], obj_target, reduction="sum")
    noobj = F.binary_cross_entropy_with_logits(out[..., 4][noobj_mask], torch.zeros_like(out[..., 4][noobj_mask]),
                                               reduction="sum")
    klass = F.cross_entropy(p[:, 5:], cls, reduction="sum") if len(cls) else out.sum() * 0
    total = scales.coord * coord + scales.box * box + scales.obj * obj + scales.noobj * noobj + scales.cls * klass
    return total / bsz
