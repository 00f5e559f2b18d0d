"""Small image data sets drawn on the fly: shapes per class, in many image modes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw


def shape_image(kind: str, rng: np.random.Generator, size: int = 24) -> Image.Image:
    """A noisy grey image with one white shape: the class is the shape."""
    img = Image.fromarray((rng.random((size, size)) * 60).astype(np.uint8), "L")
    d = ImageDraw.Draw(img)
    o = rng.integers(2, 6, size=2)
    s = int(rng.integers(10, 16))
    if kind == "círculo":
        d.ellipse([o[0], o[1], o[0] + s, o[1] + s], outline=255, width=2)
    elif kind == "cuadrado":
        d.rectangle([o[0], o[1], o[0] + s, o[1] + s], outline=255, width=2)
    else:
        d.line([o[0], o[1] + s // 2, o[0] + s, o[1] + s // 2], fill=255, width=3)
    return img


def make_folder(root: Path, per_class: int = 30, classes=("círculo", "cuadrado", "línea horizontal"),
                modes=("L",), seed: int = 0) -> Path:
    """root/<class>/[sub/]img_<i>.png, in the given image modes (cycled)."""
    rng = np.random.default_rng(seed)
    for c in classes:
        for i in range(per_class):
            img = shape_image(c, rng)
            mode = modes[i % len(modes)]
            if mode == "I;16":
                img = Image.fromarray(np.asarray(img).astype(np.uint16) * 257)
            elif mode != "L":
                img = img.convert(mode)
            folder = root / c / ("sub" if i % 3 == 0 else "")
            folder.mkdir(parents=True, exist_ok=True)
            img.save(folder / f"img_{i:03d}.png")
    return root


@pytest.fixture
def shapes(tmp_path) -> Path:
    return make_folder(tmp_path / "formas")
