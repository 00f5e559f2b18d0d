"""What a detection run is asked: the settings dataclasses, where each default is written once (the CLI reads them)."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.errors import AprendeError
from aprende.core.settings import setting
from aprende.core.train_config import TrainConfig, train_config

FORMATS = ("voc", "yolo")  # annotation formats read: Pascal VOC XML and YOLO txt
STRIDE = 32  # five halvings: one grid cell per 32 input pixels (the coarsest grid)
STRIDES = {1: (32,), 2: (16, 32), 3: (8, 16, 32)}  # output scales -> their strides
SIZES = {  # name -> (widths at strides 2, 4, 8, 16, 32; extra 1x1/3x3 pairs in the deeper stages)
    "tiny": ((16, 32, 64, 128, 256), 0),
    "small": ((24, 48, 96, 192, 384), 1),
}

# AdamW, one-cycle, best epoch by mAP@0.5. No fixed epochs: --max-time fills its budget, else enough passes for
# `auto_steps` optimiser steps (a 40-image set gets hundreds of epochs, 500 lego scenes about 60).
TRAIN_DEFAULTS = dict(epochs=None, auto_steps=1500, batch_size=16, lr=2e-3, optimizer="adamw", weight_decay=5e-4,
                      scheduler="onecycle", grad_clip=10.0, monitor="map50", mode="max", ema=True)  # EMA: YOLO's habit


BEFORE_PYRAMID = {"scales": 1, "multi_anchor": False, "mosaic": 0.0}  # what a run saved before these existed used


def check_img_size(value: int) -> None:
    """The network halves its input five times: the input must be a positive multiple of 32."""
    if not isinstance(value, int) or value < 32 or value % 32:
        raise AprendeError("detect.bad_size", value=value)


@dataclass
class DetectSettings:
    """Model and data settings; saved in config.yaml (and the model's in model.json)."""

    size: str = setting("tiny", "detect.opt.model", choices=tuple(SIZES), cli="--model")
    width: float = setting(1.0, "detect.opt.width", range=(0.25, 4.0))
    depth: int | None = setting(None, range=(0, 8))
    img_size: int = setting(320, "detect.opt.img_size", range=(32, 4096))
    anchors: int = setting(9, "detect.opt.k", range=(1, 20))  # shared out among the output scales, 3 each (YOLOv3)
    val_fraction: float = setting(0.2, range=(0.0, 0.9))
    flip: bool = True
    colour_jitter: float = setting(0.2, range=(0.0, 1.0))
    scale_jitter: float = setting(0.25, range=(0.0, 0.9))  # zoom in or out by up to 25 % (the article: 10 %)
    shift: float = setting(0.1, range=(0.0, 0.5))  # move by up to 10 % of the image
    box_loss: float = setting(2.0, range=(0.0, 100.0))  # weight of the CIoU term (0: the article's YOLOv2 loss)
    # output grids: 1 (stride 32, the article's), 2 (+16) or 3 (+8, with a feature pyramid)
    scales: int = setting(3, "detect.opt.scales", range=(1, 3))
    # share of training images made of four (YOLOv4's mosaic)
    mosaic: float = setting(1.0, "detect.opt.mosaic", range=(0.0, 1.0))
    # the last share of training sees whole images again (Ultralytics' close_mosaic)
    close_mosaic: float = setting(0.1, "detect.opt.close_mosaic", range=(0.0, 1.0))
    # similar anchors and the two nearest neighbouring cells own a box too (YOLOv5)
    multi_anchor: bool = setting(True, "detect.opt.multi_anchor", flag=True)
    # objectness learns the IoU its box reaches (IoU-aware), not 1
    iou_obj: bool = setting(False, "detect.opt.iou_obj", flag=True)
    # cut images larger than img_size into overlapping tiles at full resolution
    tile: bool = setting(False, "detect.opt.tile", flag=True)

    def check(self) -> None:
        """A size the model knows, an input it can halve five times, output scales it has."""
        if self.size not in SIZES:
            raise AprendeError("detect.bad_model_size", name=self.size, choices=", ".join(SIZES))
        check_img_size(self.img_size)
        if self.scales not in STRIDES:
            raise AprendeError("detect.bad_scales", value=self.scales)
        if not 0 <= self.mosaic <= 1 or not 0 <= self.close_mosaic <= 1:
            raise AprendeError("detect.bad_fraction", mosaic=self.mosaic, close=self.close_mosaic)


@dataclass
class AnchorSettings:
    """`detect anchors`: how many anchors, for which input size, from which seed."""

    k: int = setting(9, "detect.opt.k", range=(1, 20), cli="-k")
    img_size: int = setting(320, "detect.opt.img_size", range=(32, 4096))  # the input `detect train` uses
    scales: int = setting(3, "detect.opt.anchor_scales", range=(1, 3))
    seed: int = setting(0, "opt.seed", range=(0, 2**32 - 1))

    def check(self) -> None:
        check_img_size(self.img_size)
        if self.scales not in STRIDES:
            raise AprendeError("detect.bad_scales", value=self.scales)


@dataclass
class PredictSettings:
    """`detect predict`: the score and NMS thresholds."""

    conf: float = setting(0.25, "detect.opt.conf", range=(0.0, 1.0))
    iou: float = setting(0.45, "detect.opt.iou", range=(0.0, 1.0))

    def check(self) -> None:
        if not 0 <= self.conf <= 1 or not 0 <= self.iou <= 1:
            raise AprendeError("detect.bad_threshold", conf=self.conf, iou=self.iou)


def default_train_config(**overrides) -> TrainConfig:
    """AdamW with one-cycle; the best epoch is the one with the highest mAP@0.5 on the validation images."""
    return train_config(TRAIN_DEFAULTS, overrides)
