"""`aprende detect export --format onnx`: the network as one ONNX file that carries what predicting needs.

The graph ends at the raw predictions (B, N, 5 + C), so decoding and NMS stay the shared Python code of
`runtime.Detector`; classes, anchors (with their strides), input size and span travel in the file's metadata_props.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import torch

from aprende.core.runs import atomic_write_bytes
from aprende.detection.run import load_model, run_folder
from aprende.detection.runtime import ONNX_META_KEY

OPSET = 17


def export_onnx(run, out: str | Path | None = None) -> Path:
    """Write RUN/weights/model.onnx (or OUT) from the run's best weights; returns its path."""
    import onnx  # deferred: only `detect export` needs it, and it is slow to import

    run_dir = run_folder(run, shipped=False)  # never write into the installed package
    model, cfg = load_model(run_dir)
    size = cfg["img_size"]
    x = torch.zeros(1, 3, size, size)  # (1, 3, S, S): only the batch size is left free
    buf = io.BytesIO()
    with warnings.catch_warnings():  # the TorchScript exporter is chatty about deprecations
        warnings.simplefilter("ignore")
        torch.onnx.export(model, x, buf, input_names=["images"], output_names=["raw"], opset_version=OPSET,
                          dynamic_axes={"images": {0: "batch"}, "raw": {0: "batch"}}, dynamo=False)
    proto = onnx.load_from_string(buf.getvalue())
    meta = {"classes": cfg["classes"], "anchors": cfg["anchors"], "img_size": size, "stride": model.stride,
            "strides": model.strides, "span": model.span, "tile": bool(cfg.get("tile", False)),
            "size": cfg.get("size"), "width": cfg.get("width"),
            "output": "raw (B, N, 5 + C)"}
    entry = proto.metadata_props.add()
    entry.key, entry.value = ONNX_META_KEY, json.dumps(meta, ensure_ascii=False)
    proto.producer_name = "aprende"
    onnx.checker.check_model(proto)
    path = Path(out) if out else run_dir / "weights" / "model.onnx"
    atomic_write_bytes(path, proto.SerializeToString())
    return path
