"""Small image data sets for the vision tests, drawn on the fly: shapes per class, in many image modes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from aprende.datasets.formas import shape_image


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
