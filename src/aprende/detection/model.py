"""A YOLOv2-style detector: a Darknet backbone of conv–BN–LeakyReLU stages, the passthrough layer, one grid head.

The article's network (the "Full YOLO" Keras port) had 22 convolutions and 50.6M parameters; the named sizes here
keep its structure (3x3 convolutions with 1x1 bottlenecks, max-pooling to stride 32, the stride-16 features folded
into the last grid by space-to-depth) at a width a CPU can run live. The head predicts, for every grid cell and
anchor, (tx, ty, tw, th, objectness, class logits): the box centre is (sigmoid(t) + cell) · stride and its size
anchor · exp(t), as in YOLOv2.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.ops import batched_nms

STRIDE = 32  # five halvings: one grid cell per 32 input pixels
SIZES = {  # name -> (widths at strides 2, 4, 8, 16, 32; extra 1x1/3x3 pairs in the deeper stages)
    "tiny": ((16, 32, 64, 128, 256), 0),
    "small": ((24, 48, 96, 192, 384), 1),
}


def conv(c_in: int, c_out: int, k: int = 3, stride: int = 1) -> nn.Sequential:
    """Darknet's unit: convolution without bias, batch norm, LeakyReLU(0.1)."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, stride=stride, padding=k // 2, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.1, inplace=True))


def space_to_depth(x: torch.Tensor, block: int = 2) -> torch.Tensor:
    """(B, C, H, W) -> (B, C·block², H/block, W/block): YOLOv2's passthrough ("reorg") keeps fine detail."""
    return F.pixel_unshuffle(x, block)


class YOLO(nn.Module):
    """Backbone to stride 32, passthrough from stride 16, and a 1x1 head with A·(5 + C) outputs per cell.

    Unlike Darknet-19 the first convolution has stride 2 instead of running at full resolution: on a CPU that
    layer alone cost as much as the rest of the network, and small bricks are still 8+ pixels at stride 2.
    """

    def __init__(self, n_classes: int, anchors: list[list[float]], size: str = "tiny", width: float = 1.0,
                 depth: int | None = None):
        super().__init__()
        widths, extra = SIZES[size]
        widths = [max(8, int(round(w * width / 8)) * 8) for w in widths]
        extra = extra if depth is None else depth
        self.n_classes, self.n_anchors, self.stride = n_classes, len(anchors), STRIDE
        self.register_buffer("anchors", torch.tensor(anchors, dtype=torch.float32))  # (A, 2) pixels
        stages, c = [conv(3, widths[0], 3, stride=2)], widths[0]  # (B, w0, S/2, S/2)
        for i, w in enumerate(widths[1:4], start=1):  # strides 4, 8, 16
            layers = [nn.MaxPool2d(2), conv(c, w)]
            for _ in range(extra if i >= 2 else 0):
                layers += [conv(w, w // 2, 1), conv(w // 2, w)]
            stages.append(nn.Sequential(*layers))
            c = w
        self.stages = nn.Sequential(*stages)  # -> (B, w3, S/16, S/16)
        deep = [nn.MaxPool2d(2), conv(c, widths[4])]
        for _ in range(extra):
            deep += [conv(widths[4], widths[4] // 2, 1), conv(widths[4] // 2, widths[4])]
        self.deep = nn.Sequential(*deep)  # -> (B, w4, S/32, S/32)
        self.reduce = conv(c, 32, 1)  # stride-16 features squeezed before space-to-depth (as Darknet's 64 -> 256)
        self.fuse = conv(widths[4] + 32 * 4, widths[4])
        self.head = nn.Conv2d(widths[4], len(anchors) * (5 + n_classes), 1)
        with torch.no_grad():  # start with few objects believed: objectness logit -4.6 (p ≈ 0.01)
            self.head.bias.view(len(anchors), 5 + n_classes)[:, 4] = -4.6

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) images in 0..1 -> (B, A, G, G, 5 + C) raw outputs, G = S / 32."""
        fine = self.stages(x)  # (B, C16, S/16, S/16)
        coarse = self.deep(fine)  # (B, C32, S/32, S/32)
        y = self.fuse(torch.cat([coarse, space_to_depth(self.reduce(fine))], dim=1))
        out = self.head(y)  # (B, A·(5+C), G, G)
        b, _, g, _ = out.shape
        return out.view(b, self.n_anchors, 5 + self.n_classes, g, g).permute(0, 1, 3, 4, 2).contiguous()


def build_model(cfg: dict) -> YOLO:
    """The network of a model.json: classes, anchors, size, width, depth."""
    return YOLO(len(cfg["classes"]), cfg["anchors"], cfg.get("size", "tiny"), cfg.get("width", 1.0), cfg.get("depth"))


def decode(t: torch.Tensor, cell_x, cell_y, anchor_w, anchor_h, stride: int) -> torch.Tensor:
    """YOLOv2's box, written once: raw (…, ≥4) (tx, ty, tw, th) in its cell, with its anchor -> (…, 4) xmin, ymin,
    xmax, ymax in input pixels. Centre (sigmoid(t) + cell) · stride, size anchor · exp(t) (t clamped at 6)."""
    cx = (t[..., 0].sigmoid() + cell_x) * stride
    cy = (t[..., 1].sigmoid() + cell_y) * stride
    w = anchor_w * t[..., 2].clamp(max=6).exp()
    h = anchor_h * t[..., 3].clamp(max=6).exp()
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=-1)


def decode_boxes(out: torch.Tensor, anchors: torch.Tensor, stride: int) -> torch.Tensor:
    """(B, A, G, G, 5 + C) raw -> (B, A, G, G, 4) boxes xmin, ymin, xmax, ymax in input pixels."""
    _, _, gh, gw, _ = out.shape
    gy, gx = torch.meshgrid(torch.arange(gh, device=out.device), torch.arange(gw, device=out.device), indexing="ij")
    return decode(out, gx, gy, anchors[None, :, None, None, 0], anchors[None, :, None, None, 1], stride)


@torch.no_grad()
def detect(model: YOLO, x: torch.Tensor, conf: float = 0.25, iou: float = 0.45, max_det: int = 100):
    """Boxes, scores and labels per image for a batch x (B, 3, S, S) in 0..1."""
    return postprocess(model(x), model.anchors, model.stride, x.shape[-1], conf, iou, max_det)


@torch.no_grad()
def postprocess(out: torch.Tensor, anchors: torch.Tensor, stride: int, size: int, conf: float = 0.25,
                iou: float = 0.45, max_det: int = 100):
    """Raw (B, A, G, G, 5 + C) -> per image (boxes, scores, labels) after a score threshold and class-wise NMS.

    Shared by every runtime (PyTorch, ONNX Runtime): only the network call differs between them.
    """
    out = out.float()
    boxes = decode_boxes(out, anchors, stride).flatten(1, 3)  # (B, N, 4)
    probs = out[..., 5:].softmax(-1).flatten(1, 3)  # (B, N, C)
    obj = out[..., 4].sigmoid().flatten(1, 3)  # (B, N)
    best, labels = probs.max(-1)
    scores = obj * best
    results = []
    for b in range(out.shape[0]):
        keep = scores[b] > conf
        bx, sc, lb = boxes[b][keep].clamp(0, size), scores[b][keep], labels[b][keep]
        kept = batched_nms(bx, sc, lb, iou)[:max_det]
        results.append((bx[kept], sc[kept], lb[kept]))
    return results
