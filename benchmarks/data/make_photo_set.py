"""A small, real colour-photo set for the classification benchmark, cut from photographs that Debian ships.

Each class is one photograph of the package `mate-backgrounds` (/usr/share/backgrounds/mate/nature: twelve nature
photos, GPL-2+, see LICENSES below and /usr/share/doc/mate-backgrounds/copyright). The photo is shrunk to a short
side of 640 px and cut into a 4 x 4 grid of blocks; in each row one block (a different column per row) is kept for
testing. Patches of 32 to 64 px, shrunk to 32 x 32, are cut inside single blocks, so no test patch overlaps a
training one and the test patches come from other parts of the photo, as a user's held-out photos would.

    python benchmarks/data/make_photo_set.py [--out DIR] [--train 240] [--test 80] [--size 32]

writes DIR/train/<class>/NNN.png, DIR/test/<class>/NNN.png and DIR/LICENSES.txt (default DIR:
~/.cache/aprende/fotos). Nothing is downloaded; without the package it says which one to install.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
from PIL import Image

from aprende.core.images import open_image, to_rgb

SOURCE = Path("/usr/share/backgrounds/mate/nature")
COPYRIGHT = Path("/usr/share/doc/mate-backgrounds/copyright")
PACKAGE = "mate-backgrounds"
SHORT_SIDE = 640
GRID = 4


def blocks(width: int, height: int, label: int) -> tuple[list, list]:
    """(train blocks, test blocks) as (x0, y0, x1, y1): one test block per row, its column shifted row by row."""
    train, test = [], []
    for r in range(GRID):
        for c in range(GRID):
            box = (c * width // GRID, r * height // GRID, (c + 1) * width // GRID, (r + 1) * height // GRID)
            (test if c == (r + label) % GRID else train).append(box)
    return train, test


def patches(img: Image.Image, boxes: list, n: int, size: int, rng: np.random.Generator) -> list[Image.Image]:
    """n patches of 32..64 px (at most the block), each inside one block, shrunk to size x size."""
    out = []
    for i in range(n):
        x0, y0, x1, y1 = boxes[i % len(boxes)]
        s = int(rng.integers(size, min(2 * size, x1 - x0, y1 - y0) + 1))
        x = int(rng.integers(x0, x1 - s + 1))
        y = int(rng.integers(y0, y1 - s + 1))
        out.append(img.crop((x, y, x + s, y + s)).resize((size, size), Image.Resampling.LANCZOS))
    return out


def licence_notes() -> str:
    """The copyright stanzas of the photos used, from the package's own copyright file."""
    head = (f"Patches cut from the photographs of the Debian package {PACKAGE} ({SOURCE}).\n"
            "License: GPL-2+ (/usr/share/common-licenses/GPL-2). The stanzas below are copied from "
            f"{COPYRIGHT}.\n\n")
    if not COPYRIGHT.is_file():
        return head
    stanzas = COPYRIGHT.read_text(encoding="utf-8").split("\n\n")
    return head + "\n\n".join(s.strip() for s in stanzas if "nature/" in s) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path.home() / ".cache" / "aprende" / "fotos")
    p.add_argument("--train", type=int, default=240, help="training patches per class")
    p.add_argument("--test", type=int, default=80, help="test patches per class")
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    photos = sorted(SOURCE.glob("*.jpg"))
    if not photos:
        raise SystemExit(f"No photos in {SOURCE}: install the Debian package {PACKAGE} (apt-get install {PACKAGE}).")
    rng = np.random.default_rng(a.seed)
    if a.out.exists():
        shutil.rmtree(a.out)
    for label, photo in enumerate(photos):
        img = to_rgb(open_image(photo))
        scale = SHORT_SIDE / min(img.size)
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
        train_boxes, test_boxes = blocks(img.width, img.height, label)
        name = photo.stem.lower()
        for part, boxes, n in (("train", train_boxes, a.train), ("test", test_boxes, a.test)):
            folder = a.out / part / name
            folder.mkdir(parents=True, exist_ok=True)
            for i, patch in enumerate(patches(img, boxes, n, a.size, rng)):
                patch.save(folder / f"{i:03d}.png")
    (a.out / "LICENSES.txt").write_text(licence_notes(), encoding="utf-8")
    print(f"{a.out}: {len(photos)} classes, {a.train} training and {a.test} test patches each")


if __name__ == "__main__":
    main()
