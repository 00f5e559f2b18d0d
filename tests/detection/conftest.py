"""Small annotated folders written on the fly: generated lego scenes in VOC and YOLO layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from aprende.datasets.lego import write_lego


def voc_folder(root: Path, n: int = 6, seed: int = 0) -> Path:
    return write_lego(root, n_images=n, size=96, seed=seed)


def yolo_folder(root: Path, n: int = 4) -> Path:
    """The same lego scenes converted to YOLO txt (images/, labels/, classes.txt)."""
    from aprende.detection.data import load_detection

    src = load_detection(voc_folder(root.parent / (root.name + "_voc"), n))
    (root / "images").mkdir(parents=True)
    (root / "labels").mkdir()
    for s in src.samples:
        (root / "images" / s.image.name).write_bytes(s.image.read_bytes())
        lines = [f"{c} {(x0 + x1) / 2 / s.width:.6f} {(y0 + y1) / 2 / s.height:.6f} "
                 f"{(x1 - x0) / s.width:.6f} {(y1 - y0) / s.height:.6f}"
                 for c, (x0, y0, x1, y1) in zip(s.labels.tolist(), s.boxes.tolist())]
        (root / "labels" / (s.image.stem + ".txt")).write_text("\n".join(lines) + "\n")
    (root / "classes.txt").write_text("\n".join(src.classes) + "\n")
    return root


@pytest.fixture
def voc(tmp_path) -> Path:
    return voc_folder(tmp_path / "lego")
