"""What a detection run is asked: the settings dataclasses, where each default is written once (the CLI reads them)."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.errors import AprendeError
from aprende.core.lifecycle import train_config
from aprende.core.trainer import TrainConfig
from aprende.detection.model import SIZES, STRIDES

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

    size: str = "tiny"
    width: float = 1.0
    depth: int | None = None
    img_size: int = 320
    anchors: int = 9  # shared out among the output scales, 3 each (YOLOv3)
    val_fraction: float = 0.2
    flip: bool = True
    colour_jitter: float = 0.2
    scale_jitter: float = 0.25  # zoom in or out by up to 25 % (the article: 10 %)
    shift: float = 0.1  # move by up to 10 % of the image
    box_loss: float = 2.0  # weight of the CIoU term (0: the article's YOLOv2 loss)
    scales: int = 3  # output grids: 1 (stride 32, the article's), 2 (+16) or 3 (+8, with a feature pyramid)
    mosaic: float = 1.0  # share of training images made of four (YOLOv4's mosaic)
    close_mosaic: float = 0.1  # the last share of training sees whole images again (Ultralytics' close_mosaic)
    multi_anchor: bool = True  # similar anchors and the two nearest neighbouring cells own a box too (YOLOv5)
    iou_obj: bool = False  # objectness learns the IoU its box reaches (IoU-aware), not 1
    tile: bool = False  # cut images larger than img_size into overlapping tiles at full resolution

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

    k: int = DetectSettings.anchors
    img_size: int = DetectSettings.img_size  # the input `detect train` uses
    scales: int = DetectSettings.scales
    seed: int = 0

    def check(self) -> None:
        check_img_size(self.img_size)
        if self.scales not in STRIDES:
            raise AprendeError("detect.bad_scales", value=self.scales)


@dataclass
class PredictSettings:
    """`detect predict`: the score and NMS thresholds."""

    conf: float = 0.25
    iou: float = 0.45

    def check(self) -> None:
        if not 0 <= self.conf <= 1 or not 0 <= self.iou <= 1:
            raise AprendeError("detect.bad_threshold", conf=self.conf, iou=self.iou)


def default_train_config(**overrides) -> TrainConfig:
    """AdamW with one-cycle; the best epoch is the one with the highest mAP@0.5 on the validation images."""
    return train_config(TRAIN_DEFAULTS, overrides)
