"""`formas`: a small folder-per-class image set (circles, squares, lines) drawn with a seed, the article's layout."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

CLASSES = ("círculo", "cuadrado", "línea horizontal")


def shape_image(kind: str, rng: np.random.Generator, size: int = 24) -> Image.Image:
    """A noisy grey image with one white shape at a random place and size: the class is the shape."""
    img = Image.fromarray((rng.random((size, size)) * 60).astype(np.uint8), "L")
    d = ImageDraw.Draw(img)
    x, y = (int(v) for v in rng.integers(2, 6, size=2))
    s = int(rng.integers(10, 16))
    if kind == "círculo":
        d.ellipse([x, y, x + s, y + s], outline=255, width=2)
    elif kind == "cuadrado":
        d.rectangle([x, y, x + s, y + s], outline=255, width=2)
    else:
        d.line([x, y + s // 2, x + s, y + s // 2], fill=255, width=3)
    return img


def write_formas(folder: Path, per_class: int = 100, seed: int = 0) -> None:
    """folder/<class>/img_NNN.png for each class."""
    rng = np.random.default_rng(seed)
    for kind in CLASSES:
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            shape_image(kind, rng).save(folder / kind / f"img_{i:03d}.png")
