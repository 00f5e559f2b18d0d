"""`aprende classify predict`: top-k classes for one image or every image of a folder (predictions.csv)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from aprende.core.errors import AprendeError
from aprende.core.images import open_image
from aprende.core.runs import atomic_write_text
from aprende.core.walk import folder_images
from aprende.vision.run import Classifier, load_classifier
from aprende.vision.settings import CSV_NAME, TOP_K


@dataclass
class Prediction:
    file: str
    top: list[tuple[str, float]]  # (class, probability), most likely first

    def as_dict(self) -> dict:
        """One --json result: the file and its classes, most likely first."""
        return {"file": self.file, "top": [{"class": c, "probability": round(p, 5)} for c, p in self.top]}


def image_paths(target: Path) -> list[Path]:
    """IMAGE itself, or every file with an image suffix under FOLDER (core.walk: bounded, never out of it)."""
    return folder_images(target, "vision.no_images")


def predict_images(target: str | Path, run: str | Path | Classifier | None = None, top_k: int = TOP_K,
                   out: str | Path | None = None) -> list[Prediction]:
    """Classify IMAGE or every image in FOLDER (recursively) with a run or the shipped model (run=None);
    a folder's results also go to a CSV file (`out`, default predictions.csv)."""
    if top_k < 1:
        raise AprendeError("vision.bad_topk", n=top_k)
    target = Path(target)
    paths = image_paths(target)
    clf = run if isinstance(run, Classifier) else load_classifier(run)
    tops = clf.top(clf.tensor(open_image(p) for p in paths), top_k)  # each image decoded, resized, let go
    preds = [Prediction(str(p), top) for p, top in zip(paths, tops)]
    if target.is_dir():
        k = len(preds[0].top)
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["file"] + [f"{c}{j + 1}" for j in range(k) for c in ("class", "prob")])
        for pr in preds:
            w.writerow([pr.file] + [x for c, p in pr.top for x in (c, f"{p:.4f}")])
        atomic_write_text(Path(out or CSV_NAME), buf.getvalue())
    return preds
