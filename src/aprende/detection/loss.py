"""The YOLOv2 loss: each ground-truth box is owned by the anchor of best shape in the cell holding its centre.

That anchor learns the box (centre offsets in the cell, log size relative to the anchor), objectness 1 and the
class; every other prediction learns objectness 0 unless its decoded box already overlaps some ground truth by
more than `ignore` IoU (a good box elsewhere is not punished). The scales follow the article's configuration:
object 5, no-object 1, coordinates 1, classes 1; small boxes weigh more in the coordinates (2 − w·h / S²).
A CIoU term (as in YOLOv4 and later) is added for the owned boxes; `box=0` gives the plain YOLOv2 loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torchvision.ops import box_iou, complete_box_iou_loss

from aprende.detection.model import decode, decode_boxes


@dataclass
class LossScales:
    coord: float = 1.0
    obj: float = 5.0
    noobj: float = 1.0
    cls: float = 1.0
    box: float = 2.0  # 1 − CIoU of the owned boxes: rewards overlap directly, which mAP@0.5:0.95 measures
    ignore: float = 0.6


def assign(targets: torch.Tensor, anchors: torch.Tensor, grid: int, stride: int):
    """targets (B, M, 5) [class, xmin, ymin, xmax, ymax], class −1 = padding -> indices and regression targets."""
    b, m = torch.nonzero(targets[..., 0] >= 0, as_tuple=True)  # (K,), (K,)
    t = targets[b, m]  # (K, 5)
    cx, cy = (t[:, 1] + t[:, 3]) / 2, (t[:, 2] + t[:, 4]) / 2
    w, h = (t[:, 3] - t[:, 1]).clamp_min(1.0), (t[:, 4] - t[:, 2]).clamp_min(1.0)
    inter = torch.min(w[:, None], anchors[None, :, 0]) * torch.min(h[:, None], anchors[None, :, 1])  # (K, A)
    shape_iou = inter / (w[:, None] * h[:, None] + anchors[None, :, 0] * anchors[None, :, 1] - inter)
    a = shape_iou.argmax(1)  # (K,)
    gi = (cx / stride).long().clamp(0, grid - 1)
    gj = (cy / stride).long().clamp(0, grid - 1)
    reg = torch.stack([cx / stride - gi, cy / stride - gj, torch.log(w / anchors[a, 0]), torch.log(h / anchors[a, 1])],
                      dim=1)  # (K, 4)
    return b, a, gj, gi, reg, t[:, 0].long(), w * h


def yolo_loss(out: torch.Tensor, targets: torch.Tensor, anchors: torch.Tensor, stride: int,
              scales: LossScales | None = None) -> torch.Tensor:
    """out (B, A, G, G, 5 + C) raw; targets (B, M, 5) in input pixels; the summed loss divided by the batch size."""
    scales = scales or LossScales()
    out = out.float()
    bsz, _, grid, _, _ = out.shape
    size = grid * stride
    b, a, gj, gi, reg, cls, area = assign(targets, anchors, grid, stride)
    obj_mask = torch.zeros(out.shape[:4], dtype=torch.bool, device=out.device)  # (B, A, G, G)
    obj_mask[b, a, gj, gi] = True
    with torch.no_grad():  # predictions that already cover a ground truth are not pushed to objectness 0
        boxes = decode_boxes(out, anchors, stride).flatten(1, 3)  # (B, N, 4)
        best = torch.zeros(boxes.shape[:2], device=out.device)  # (B, N)
        for i in range(bsz):
            gt = targets[i][targets[i, :, 0] >= 0, 1:]
            if len(gt):
                best[i] = box_iou(boxes[i], gt).max(1).values
        noobj_mask = (best.view(out.shape[:4]) < scales.ignore) & ~obj_mask
    p = out[b, a, gj, gi]  # (K, 5 + C)
    weight = 2.0 - area / (size * size)  # (K,)
    coord = (weight[:, None] * ((p[:, :2].sigmoid() - reg[:, :2]) ** 2)).sum() + \
        (weight[:, None] * ((p[:, 2:4] - reg[:, 2:]) ** 2)).sum()
    box = out.sum() * 0
    if scales.box and len(cls):
        pred = decode(p, gi, gj, anchors[a, 0], anchors[a, 1], stride)  # (K, 4): the owned boxes, as detect sees them
        box = complete_box_iou_loss(pred, targets[targets[..., 0] >= 0][:, 1:], reduction="sum")  # same order as assign
    obj = F.binary_cross_entropy_with_logits(p[:, 4], torch.ones_like(p[:, 4]), reduction="sum")
    noobj = F.binary_cross_entropy_with_logits(out[..., 4][noobj_mask], torch.zeros_like(out[..., 4][noobj_mask]),
                                               reduction="sum")
    klass = F.cross_entropy(p[:, 5:], cls, reduction="sum") if len(cls) else out.sum() * 0
    total = scales.coord * coord + scales.box * box + scales.obj * obj + scales.noobj * noobj + scales.cls * klass
    return total / bsz
