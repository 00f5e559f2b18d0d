"""A YOLOv2-style detector: a Darknet backbone of conv–BN–LeakyReLU stages, the passthrough layer, grid heads.

The article's network (the "Full YOLO" Keras port) had 22 convolutions and 50.6M parameters; the named sizes here
keep its structure (3x3 convolutions with 1x1 bottlenecks, max-pooling to stride 32, the stride-16 features folded
into the last grid by space-to-depth) at a width a CPU can run live. The head predicts, for every grid cell and
anchor, (tx, ty, tw, th, objectness, class logits): the box centre is (sigmoid(t) + cell) · stride and its size
anchor · exp(t), as in YOLOv2.

With `scales` 2 or 3 the network also predicts on the stride-16 and stride-8 grids (YOLOv3), fed by a feature
pyramid: the deep features are upsampled and joined with the finer ones (top-down, FPN), then the fine result is
carried back down (bottom-up, PAN, as YOLOv4/v8 do). Small objects then own cells of a 40×40 grid instead of
sharing a 10×10 one. Each anchor belongs to one stride (the smallest anchors to the finest grid).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.ops import batched_nms

from aprende.detection.settings import SIZES, STRIDE, STRIDES  # noqa: E402,F401  (declared with the settings)


def conv(c_in: int, c_out: int, k: int = 3, stride: int = 1) -> nn.Sequential:
    """Darknet's unit: convolution without bias, batch norm, LeakyReLU(0.1)."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, stride=stride, padding=k // 2, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.1, inplace=True))


def space_to_depth(x: torch.Tensor, block: int = 2) -> torch.Tensor:
    """(B, C, H, W) -> (B, C·block², H/block, W/block): YOLOv2's passthrough ("reorg") keeps fine detail."""
    return F.pixel_unshuffle(x, block)


def anchor_strides(n_anchors: int, scales: int) -> list[int]:
    """The stride of each anchor (anchors sorted by area): the smallest share to the finest grid, evenly split."""
    parts = np.array_split(np.arange(n_anchors), min(scales, n_anchors))
    strides = STRIDES[min(scales, n_anchors)]
    return [int(s) for part, s in zip(parts, strides) for _ in part]


def grid_layout(anchors: torch.Tensor, strides: list[int], size: int) -> torch.Tensor:
    """(N, 5) for every prediction of the flat output: cell x, cell y, anchor w, anchor h, stride.

    The order is the network's: scales by increasing stride, then anchor, then row, then column.
    """
    rows = []
    for s in sorted(set(strides)):
        g = size // s
        idx = [j for j, v in enumerate(strides) if v == s]
        gy, gx = torch.meshgrid(torch.arange(g, device=anchors.device), torch.arange(g, device=anchors.device),
                                indexing="ij")
        cells = torch.stack([gx, gy], -1).view(1, g * g, 2).float().expand(len(idx), -1, -1)  # (As, G², 2)
        wh = anchors[idx][:, None, :].expand(-1, g * g, -1)  # (As, G², 2)
        rows.append(torch.cat([cells, wh, torch.full_like(wh[..., :1], float(s))], -1).reshape(-1, 5))
    return torch.cat(rows)


def flat(out: torch.Tensor) -> torch.Tensor:
    """(B, A, G, G, 5 + C) of a single-scale network (or an old ONNX export) -> (B, N, 5 + C); flat stays flat."""
    return out if out.dim() == 3 else out.reshape(out.shape[0], -1, out.shape[-1])


class YOLO(nn.Module):
    """Backbone to stride 32, passthrough from stride 16, and a 1x1 head with A·(5 + C) outputs per cell.

    Unlike Darknet-19 the first convolution has stride 2 instead of running at full resolution: on a CPU that
    layer alone cost as much as the rest of the network, and small bricks are still 8+ pixels at stride 2.
    """

    def __init__(self, n_classes: int, anchors: list[list[float]], size: str = "tiny", width: float = 1.0,
                 depth: int | None = None, strides: list[int] | None = None, span: float = 1.0):
        super().__init__()
        widths, extra = SIZES[size]
        widths = [max(8, int(round(w * width / 8)) * 8) for w in widths]
        extra = extra if depth is None else depth
        self.strides = list(strides or [STRIDE] * len(anchors))  # per anchor
        self.scales = sorted(set(self.strides))  # e.g. [8, 16, 32]
        self.n_classes, self.n_anchors, self.stride, self.span = n_classes, len(anchors), STRIDE, span
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
        per = 5 + n_classes
        if len(self.scales) == 1:  # the article's network: one grid
            self.head = nn.Conv2d(widths[4], len(anchors) * per, 1)
            heads = [self.head]
        else:
            self.pyramid = Pyramid(widths[2:], len(self.scales))
            self.heads = nn.ModuleList(nn.Conv2d(w, self.strides.count(s) * per, 1)
                                       for s, w in zip(self.scales, self.pyramid.widths))
            heads = list(self.heads)
        with torch.no_grad():  # start with few objects believed: objectness logit -4.6 (p ≈ 0.01)
            for h in heads:
                h.bias.view(-1, per)[:, 4] = -4.6
        self._layouts: dict = {}

    def features(self, x: torch.Tensor) -> list[torch.Tensor]:
        """The maps the heads read, finest first: [(B, w, S/s, S/s) for each stride s]."""
        c8 = self.stages[:3](x)  # (B, w2, S/8, S/8)
        fine = self.stages[3](c8)  # (B, w3, S/16, S/16)
        coarse = self.deep(fine)  # (B, w4, S/32, S/32)
        top = self.fuse(torch.cat([coarse, space_to_depth(self.reduce(fine))], dim=1))
        if len(self.scales) == 1:
            return [top]
        return self.pyramid([c8, fine, top])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) images in 0..1 -> (B, N, 5 + C) raw outputs for every scale, anchor and cell (grid_layout)."""
        heads = [self.head] if len(self.scales) == 1 else self.heads
        outs = []
        for head, y in zip(heads, self.features(x)):
            out = head(y)  # (B, As·(5+C), G, G)
            b, _, g, _ = out.shape
            out = out.view(b, -1, 5 + self.n_classes, g, g).permute(0, 1, 3, 4, 2)  # (B, As, G, G, 5 + C)
            outs.append(out.reshape(b, -1, 5 + self.n_classes))
        return torch.cat(outs, 1) if len(outs) > 1 else outs[0].contiguous()

    def layout(self, size: int) -> torch.Tensor:
        """(N, 5) cell x, cell y, anchor w, anchor h, stride of each prediction for an input of size x size."""
        key = (size, self.anchors.device)
        if key not in self._layouts:
            self._layouts[key] = grid_layout(self.anchors, self.strides, size)
        return self._layouts[key]


class Pyramid(nn.Module):
    """Top-down (FPN: upsample the deep map, join the finer one) then bottom-up (PAN: carry fine detail back down).

    in: the stride-8, stride-16 and stride-32 maps; out: one map per output scale, finest first.
    """

    def __init__(self, widths: list[int], scales: int):
        super().__init__()
        w8, w16, w32 = widths  # channels at strides 8, 16, 32
        self.scales = scales
        self.lat32 = conv(w32, w16 // 2, 1)
        self.td16 = conv(w16 + w16 // 2, w16)  # (B, w16, S/16): deep meaning at a finer grid
        if scales == 3:
            self.lat16 = conv(w16, w8 // 2, 1)
            self.td8 = conv(w8 + w8 // 2, w8)  # (B, w8, S/8)
            self.down8 = conv(w8, w8, 3, stride=2)
            self.bu16 = conv(w8 + w16, w16, 1)  # 1x1: the strided 3x3 before it already mixes neighbours
        self.down16 = conv(w16, w16, 3, stride=2)
        self.bu32 = conv(w16 + w32, w32, 1)
        self.widths = [w8, w16, w32][3 - scales:]

    def forward(self, maps: list[torch.Tensor]) -> list[torch.Tensor]:
        c8, c16, c32 = maps
        p16 = self.td16(torch.cat([F.interpolate(self.lat32(c32), scale_factor=2.0), c16], 1))
        outs = []
        if self.scales == 3:
            p8 = self.td8(torch.cat([F.interpolate(self.lat16(p16), scale_factor=2.0), c8], 1))
            p16 = self.bu16(torch.cat([self.down8(p8), p16], 1))
            outs.append(p8)
        p32 = self.bu32(torch.cat([self.down16(p16), c32], 1))
        return outs + [p16, p32]


def build_model(cfg: dict) -> YOLO:
    """The network of a model.json: classes, anchors (with their strides), size, width, depth, centre span.

    A model.json without `strides` is a single-scale network (every anchor at stride 32), as before the pyramid."""
    return YOLO(len(cfg["classes"]), cfg["anchors"], cfg.get("size", "tiny"), cfg.get("width", 1.0), cfg.get("depth"),
                cfg.get("strides"), cfg.get("span", 1.0))


def decode(t: torch.Tensor, cell_x, cell_y, anchor_w, anchor_h, stride, span: float = 1.0) -> torch.Tensor:
    """YOLO's box, written once: raw (…, ≥4) (tx, ty, tw, th) in its cell, with its anchor -> (…, 4) xmin, ymin,
    xmax, ymax in input pixels. Centre (sigmoid(t)·span − (span − 1)/2 + cell) · stride (span 1: YOLOv2, inside
    the cell; span 2: YOLOv5, half a cell beyond it, so a neighbouring cell can own a box), size anchor · exp(t)
    (t clamped at 6)."""
    off = (span - 1) / 2
    cx = (t[..., 0].sigmoid() * span - off + cell_x) * stride
    cy = (t[..., 1].sigmoid() * span - off + cell_y) * stride
    w = anchor_w * t[..., 2].clamp(max=6).exp()
    h = anchor_h * t[..., 3].clamp(max=6).exp()
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=-1)


def decode_boxes(out: torch.Tensor, layout: torch.Tensor, span: float = 1.0) -> torch.Tensor:
    """(B, N, 5 + C) raw with its (N, 5) layout -> (B, N, 4) boxes xmin, ymin, xmax, ymax in input pixels."""
    return decode(out, layout[:, 0], layout[:, 1], layout[:, 2], layout[:, 3], layout[:, 4], span)


def scores_of(out: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, N, 5 + C) raw -> the score of each prediction (objectness × best class probability) and its class."""
    best, labels = out[..., 5:].softmax(-1).max(-1)
    return out[..., 4].sigmoid() * best, labels


@torch.no_grad()
def detect(model: YOLO, x: torch.Tensor, conf: float = 0.25, iou: float = 0.45, max_det: int = 300):
    """Boxes, scores and labels per image for a batch x (B, 3, S, S) in 0..1."""
    return postprocess(model(x), model.layout(x.shape[-1]), x.shape[-1], conf, iou, max_det, model.span)


@torch.no_grad()
def postprocess(out: torch.Tensor, layout: torch.Tensor, size: int, conf: float = 0.25, iou: float = 0.45,
                max_det: int = 300, span: float = 1.0):
    """Raw (B, N, 5 + C) -> per image (boxes, scores, labels) after a score threshold and class-wise NMS.

    Shared by every runtime (PyTorch, ONNX Runtime): only the network call differs between them.
    """
    out = flat(out.float())
    boxes = decode_boxes(out, layout.to(out.device), span)  # (B, N, 4)
    scores, labels = scores_of(out)
    results = []
    for b in range(out.shape[0]):
        keep = scores[b] > conf
        bx, sc, lb = boxes[b][keep].clamp(0, size), scores[b][keep], labels[b][keep]
        kept = batched_nms(bx, sc, lb, iou)[:max_det]
        results.append((bx[kept], sc[kept], lb[kept]))
    return results
