"""One detector, two runtimes: the PyTorch network or its ONNX export, with the same pre- and post-processing.

Only `forward` differs between the two: images go in resized as in training (bilinear, no letterbox) and the raw
predictions (B, N, 5 + C) come out (an older export's single grid (B, A, G, G, 5 + C) reads the same once
flattened); decoding, the score threshold and NMS are `model.postprocess` for both.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torchvision.ops import batched_nms

from aprende.core import budgets
from aprende.core.errors import AprendeError
from aprende.detection.model import STRIDE, grid_layout, postprocess
from aprende.detection.tensors import tiles_of

ONNX_META_KEY = "aprende"  # metadata_props key of an exported model: JSON with classes, anchors, img_size, stride
# (and, for a pyramid network, strides: one per anchor; span: the decoder's centre span)


@dataclass
class Detector:
    forward: Callable[[np.ndarray], np.ndarray]  # (B, 3, S, S) float32 in 0..1 -> (B, N, 5 + C) raw
    classes: list[str]
    anchors: list[list[float]]  # (A, 2) pixels at img_size
    img_size: int
    runtime: str  # "pytorch" or "onnxruntime"
    stride: int = STRIDE  # the coarsest grid's
    strides: list[int] | None = None  # one per anchor; None: every anchor at `stride` (one grid)
    span: float = 1.0  # the decoder's centre span (model.decode)
    tile: bool = False  # a larger image is read tile by tile at full resolution, boxes merged by NMS

    def layout(self) -> torch.Tensor:
        """(N, 5) cell, anchor and stride of each raw prediction (model.grid_layout)."""
        anchors = torch.tensor(self.anchors, dtype=torch.float32)
        return grid_layout(anchors, self.strides or [self.stride] * len(self.anchors), self.img_size)

    def preprocess(self, img: Image.Image) -> np.ndarray:
        """A PIL image -> (1, 3, S, S) float32 in 0..1, resized exactly as the training images were."""
        arr = np.asarray(img.convert("RGB").resize((self.img_size, self.img_size), Image.BILINEAR))
        return (arr.transpose(2, 0, 1)[None].astype(np.float32) / 255).copy()

    def __call__(self, img: Image.Image, conf: float = 0.25, iou: float = 0.45):
        """Boxes (K, 4) in the image's own pixels, scores (K,), labels (K,) as NumPy."""
        if self.tile and max(img.size) > self.img_size:
            return self.by_tiles(img, conf, iou)
        raw = torch.from_numpy(np.asarray(self.forward(self.preprocess(img))))
        boxes, scores, labels = postprocess(raw, self.layout(), self.img_size, conf, iou, span=self.span)[0]
        scale = torch.tensor([img.width / self.img_size, img.height / self.img_size] * 2)
        return (boxes * scale).numpy(), scores.numpy(), labels.numpy()

    def by_tiles(self, img: Image.Image, conf: float, iou: float):
        """Overlapping full-resolution tiles (as in training), each detected, boxes moved back and merged by NMS."""
        size = self.img_size
        w, h = min(size, img.width), min(size, img.height)
        found = []
        for x0, y0 in tiles_of(img.width, img.height, size):
            boxes, scores, labels = self(img.crop((x0, y0, x0 + w, y0 + h)).resize((size, size)), conf, iou)
            found.append((boxes * np.array([w / size, h / size] * 2) + np.array([x0, y0, x0, y0]), scores, labels))
        boxes, scores, labels = (torch.from_numpy(np.concatenate(v)).float() for v in zip(*found))
        kept = batched_nms(boxes, scores, labels.long(), iou)
        return boxes[kept].numpy(), scores[kept].numpy(), labels[kept].long().numpy()

    def records(self, boxes, scores, labels) -> list[dict]:
        """detections.json entries (and the server's boxes): class name, score, box in pixels."""
        return [{"class": self.classes[int(c)], "score": round(float(s), 4), "box": [round(float(v), 1) for v in b]}
                for b, s, c in zip(boxes, scores, labels)]


def torch_detector(model: torch.nn.Module, cfg: dict) -> Detector:
    """The PyTorch network of a run (its model.json as cfg)."""
    model.eval()

    def forward(x: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(torch.from_numpy(x)).float().numpy()

    return Detector(forward, cfg["classes"], cfg["anchors"], cfg["img_size"], "pytorch", model.stride,
                    cfg.get("strides"), float(cfg.get("span", 1.0)), bool(cfg.get("tile", False)))


def _meta(raw, path: Path) -> tuple[list[str], list[list[float]], int, int, list[int] | None, float, bool]:
    """classes, anchors, img_size, stride, strides, span from the metadata JSON; anything else is the file's fault,
    said so."""
    try:
        meta = json.loads(raw)
        classes, anchors = [str(c) for c in meta["classes"]], [[float(v) for v in a] for a in meta["anchors"]]
        size, stride = meta["img_size"], meta.get("stride", STRIDE)
        strides, span, tile = meta.get("strides"), meta.get("span", 1.0), bool(meta.get("tile", False))
        if strides is not None and (not isinstance(strides, list) or len(strides) != len(anchors)
                                    or not all(s in (8, 16, 32) for s in strides)):
            raise ValueError
        numbers = [v for a in anchors for v in a] + [size, stride, span]
        if not classes or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                                  for v in numbers) or any(len(a) != 2 for a in anchors):
            raise ValueError
        if size != int(size) or stride != int(stride) or int(stride) < 1 or int(size) < int(stride):
            raise ValueError
    except (TypeError, ValueError, KeyError, AttributeError):
        raise AprendeError("detect.onnx_no_meta", path=str(path)) from None
    budgets.check_run_sizes({"img_size": int(size), "stride": int(stride), "anchors": len(anchors)}, str(path))
    budgets.check("classes", len(classes), str(path))  # a 20,000-px input or a million classes: refused, not run
    return classes, anchors, int(size), int(stride), strides and [int(s) for s in strides], float(span), tile


def onnx_detector(path: Path, threads: int | None = None) -> Detector:
    """An exported model.onnx run by ONNX Runtime; classes, anchors, size and stride come from its metadata."""
    import onnxruntime as ort  # deferred: ONNX Runtime is only needed for --weights model.onnx

    path = Path(path)
    if not path.is_file():
        raise AprendeError("detect.no_source", path=str(path))
    try:
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        sess = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception:  # onnxruntime raises its own exception types for any unreadable model
        raise AprendeError("detect.onnx_bad", path=str(path)) from None
    meta = sess.get_modelmeta().custom_metadata_map.get(ONNX_META_KEY)
    classes, anchors, size, stride, strides, span, tile = _meta(meta, path)
    name = sess.get_inputs()[0].name

    def forward(x: np.ndarray) -> np.ndarray:
        return sess.run(None, {name: x})[0]

    return Detector(forward, classes, anchors, size, "onnxruntime", stride, strides, span, tile)
