"""The one loader of the detection lab: a run folder, a weights file or the shipped detector, made a ready Detector.

The CLI (`predict`, `evaluate`, `export`), the server, the tour and the notebooks all load through here.
"""

from __future__ import annotations

from pathlib import Path

import torch

from aprende.core import lifecycle
from aprende.core.errors import AprendeError
from aprende.detection.model import build_model
from aprende.detection.runtime import Detector, onnx_detector, torch_detector

LAB = "detect"


def run_folder(run: str | Path | None = None, shipped: bool = True) -> Path:
    """`--run DIR` (a detect run), else the detector that ships with the package (unless `shipped` is False)."""
    return lifecycle.model_folder(LAB, run, shipped=LAB if shipped else None)


def load_model(run: str | Path | None = None, weights: str | Path | None = None,
               device: str | torch.device = "cpu") -> tuple[torch.nn.Module, dict]:
    """The YOLO network of a run (or the shipped one) with its best weights (or `weights`), in eval mode, and its
    model.json."""
    return lifecycle.load_model(run_folder(run), build_model, weights, device)


def load_detector(run: str | Path | None = None, weights: str | Path | None = None) -> Detector:
    """--weights model.onnx (ONNX Runtime) or a .safetensors inside a run folder, else --run DIR, else the shipped
    detector: the same Detector (resize, network, decoding, NMS) whichever it is."""
    if weights is None:
        return torch_detector(*load_model(run))
    weights = Path(weights)
    if weights.suffix.lower() == ".onnx":
        return onnx_detector(weights)
    if weights.suffix.lower() != ".safetensors":
        raise AprendeError("detect.bad_weights", path=str(weights))
    folder = weights.parent.parent if weights.parent.name == "weights" else weights.parent
    return torch_detector(*load_model(folder, weights))
