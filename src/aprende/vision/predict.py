"""`aprende classify predict`: top-k classes for one image or every image of a folder (predictions.csv)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text, existing_run_dir
from aprende.vision.images import IMAGE_SUFFIXES, open_image, to_array


@dataclass
class Prediction:
    file: str
    top: list[tuple[str, float]]  # (class, probability), most likely first


def load_images(paths: list[Path], cfg: dict) -> torch.Tensor:
    """(N, C, H, W) uint8 at the model's size and channels."""
    return torch.from_numpy(np.stack([to_array(open_image(p), cfg["channels"], tuple(cfg["size"])) for p in paths]))


def predict(run: str | Path, target: str | Path, top_k: int = 3, out: str | Path | None = None) -> list[Prediction]:
    """Classify IMAGE or every image in FOLDER (recursively); a folder's results also go to predictions.csv."""
    from aprende.vision.evaluate import predict_logits
    from aprende.vision.train import load_run_model

    run_dir = existing_run_dir(run, "classify")
    model, cfg = load_run_model(run_dir)
    target = Path(target)
    if not target.exists():
        raise AprendeError("vision.no_image", path=str(target))
    if top_k < 1:
        raise AprendeError("vision.bad_topk", n=top_k)
    if target.is_dir():
        paths = sorted(p for p in target.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        if not paths:
            raise AprendeError("vision.no_images", path=str(target))
    else:
        paths = [target]
    probs = torch.softmax(predict_logits(model, load_images(paths, cfg), cfg), dim=1)
    k = min(top_k, probs.shape[1])
    values, index = probs.topk(k, dim=1)
    preds = [Prediction(str(p), [(cfg["classes"][int(i)], float(v)) for v, i in zip(vs, ix)])
             for p, vs, ix in zip(paths, values, index)]
    if target.is_dir():
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["file"] + [f"{c}{j + 1}" for j in range(k) for c in ("class", "prob")])
        for pr in preds:
            w.writerow([pr.file] + [x for c, p in pr.top for x in (c, f"{p:.4f}")])
        atomic_write_text(Path(out or "predictions.csv"), buf.getvalue())
    return preds
