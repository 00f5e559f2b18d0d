"""`lego`: generated scenes of toy bricks with Pascal VOC boxes, standing in for the article's unpublished lego set.

Each scene is drawn from a seed: a varied background (plain, gradient, stripes, checks), then 1–10 bricks of
several colours and stud counts, each rotated, scaled, shaded (a darker side face, lit studs, a soft shadow) and
allowed to hide part of an earlier brick (never more than half of it). The box of a brick is the box of the
pixels that stay visible, as in Pascal VOC. Files: `images/NNNNN.jpg`, `annotations/NNNNN.xml`, `classes.txt`.

The dense variant (`aprende data get lego --dense`, a development set for small objects, like aerial photos) draws
20–40 bricks of 10–30 pixels each on a busy background: a texture covered with clutter (blobs, sticks and specks in
brick-like colours that are not bricks), at 416 pixels.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, ImageDraw

COLOURS = {  # class name (Spanish: the data set is a user-facing artefact) -> top-face RGB
    "rojo": (200, 30, 30),
    "azul": (30, 70, 190),
    "amarillo": (240, 200, 20),
    "verde": (30, 150, 60),
    "blanco": (235, 235, 230),
}
BRICKS = {"1x2": (1, 2), "2x2": (2, 2), "1x4": (1, 4), "2x4": (2, 4)}  # type -> studs (rows, columns)
CLASS_BY = ("colour", "type")
MIN_VISIBLE = 0.5  # every brick keeps at least this share of its pixels visible


def classes(class_by: str = "colour") -> list[str]:
    """The class names, in the order their indices use."""
    return list(COLOURS) if class_by == "colour" else list(BRICKS)


def _background(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """(H, W, 3) float: a table, a floor or a cloth, so the detector cannot learn one backdrop."""
    base = rng.uniform(60, 220, size=3)
    kind = rng.integers(4)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == 0:  # plain
        img = np.broadcast_to(base, (h, w, 3)).astype(np.float32)
    elif kind == 1:  # linear gradient towards another colour
        other = rng.uniform(40, 230, size=3)
        angle = rng.uniform(0, np.pi)
        s = (np.cos(angle) * xx + np.sin(angle) * yy)
        s = (s - s.min()) / max(float(s.max() - s.min()), 1.0)
        img = base * (1 - s[..., None]) + other * s[..., None]
    elif kind == 2:  # wood-like stripes
        period = rng.uniform(8, 40)
        wave = 0.85 + 0.15 * np.sin(2 * np.pi * (yy + 6 * np.sin(xx / 37.0)) / period)
        img = base * wave[..., None]
    else:  # checked cloth
        cell = int(rng.integers(12, 48))
        other = rng.uniform(40, 230, size=3)
        check = ((yy // cell + xx // cell) % 2)[..., None]
        img = base * (1 - check) + other * check
    return np.asarray(img, dtype=np.float32) + rng.normal(0, 6, size=(h, w, 1)).astype(np.float32)


def _clutter(rng: np.random.Generator, canvas: np.ndarray, n: int) -> np.ndarray:
    """Distractors on the background: blobs, sticks and specks, some in the bricks' own colours, none a brick."""
    h, w, _ = canvas.shape
    img = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    palette = list(COLOURS.values())
    for _ in range(n):
        colour = palette[int(rng.integers(len(palette)))] if rng.random() < 0.4 else tuple(rng.integers(30, 230, 3))
        colour = _shade(tuple(int(c) for c in colour), rng.uniform(0.6, 1.1))
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, 14)
        kind = rng.integers(3)
        if kind == 0:  # round blob (pebbles, leaves)
            d.ellipse([x - r, y - r * rng.uniform(0.4, 1), x + r, y + r * rng.uniform(0.4, 1)], fill=colour)
        elif kind == 1:  # stick (twigs, cables)
            a = rng.uniform(0, np.pi)
            d.line([x, y, x + 3 * r * np.cos(a), y + 3 * r * np.sin(a)], fill=colour, width=int(rng.integers(1, 4)))
        else:  # speck
            d.rectangle([x, y, x + rng.uniform(1, 4), y + rng.uniform(1, 4)], fill=colour)
    return np.asarray(img, dtype=np.float32)


def _shade(rgb: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    return tuple(int(np.clip(c * factor, 0, 255)) for c in rgb)


def _brick_patch(rng: np.random.Generator, colour: tuple, studs: tuple[int, int], unit: float) -> Image.Image:
    """An RGBA brick seen from above and a little to the side, then rotated; transparent outside the brick."""
    rows, cols = studs
    if rng.random() < 0.5:
        rows, cols = cols, rows
    colour = _shade(colour, rng.uniform(0.8, 1.15))
    w, h = int(round(cols * unit)), int(round(rows * unit))
    side = max(2, int(round(unit * rng.uniform(0.25, 0.45))))
    img = Image.new("RGBA", (w + side + 2, h + side + 2), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    # The side face: the top face shifted down-right, darker (light comes from the top left).
    d.polygon([(w, 0), (w + side, side), (w + side, h + side), (side, h + side), (0, h), (w, h)],
              fill=_shade(colour, 0.6) + (255,))
    d.rectangle([0, 0, w - 1, h - 1], fill=colour + (255,), outline=_shade(colour, 0.75) + (255,))
    r = unit * 0.3
    for i in range(rows):
        for j in range(cols):
            cx, cy = (j + 0.5) * unit, (i + 0.5) * unit
            d.ellipse([cx - r + 1, cy - r + 1, cx + r + 1, cy + r + 1], fill=_shade(colour, 0.65) + (255,))
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_shade(colour, 1.1) + (255,))
            d.ellipse([cx - r * 0.5, cy - r * 0.6, cx, cy - r * 0.1], fill=_shade(colour, 1.3) + (255,))
    return img.rotate(float(rng.uniform(0, 360)), resample=Image.BILINEAR, expand=True)


def _place(rng, canvas, owner, areas, patch, shadow_offset) -> int | None:
    """Paste the patch where it hides at most half of any earlier brick; returns its owner id or None."""
    h, w = owner.shape
    arr = np.asarray(patch, dtype=np.float32)  # (ph, pw, 4)
    mask = arr[..., 3] > 127
    ph, pw = mask.shape
    new_id = len(areas)
    for _ in range(12):
        y0 = int(rng.integers(-ph // 4, h - 3 * ph // 4 + 1))
        x0 = int(rng.integers(-pw // 4, w - 3 * pw // 4 + 1))
        ys, xs = slice(max(y0, 0), min(y0 + ph, h)), slice(max(x0, 0), min(x0 + pw, w))
        sub = mask[ys.start - y0:ys.stop - y0, xs.start - x0:xs.stop - x0]
        if sub.sum() < MIN_VISIBLE * mask.sum():
            continue  # too much of it would fall outside the image
        covered = owner[ys, xs][sub]
        hidden = np.bincount(covered[covered >= 0], minlength=new_id)
        visible = np.bincount(owner[owner >= 0], minlength=new_id)
        if any(visible[k] - hidden[k] < MIN_VISIBLE * areas[k] for k in range(new_id) if hidden[k]):
            continue
        dy, dx = shadow_offset
        sy = slice(min(max(ys.start + dy, 0), h), min(max(ys.stop + dy, 0), h))
        sx = slice(min(max(xs.start + dx, 0), w), min(max(xs.stop + dx, 0), w))
        shadow = sub[:sy.stop - sy.start, :sx.stop - sx.start]
        canvas[sy, sx][shadow] *= 0.65
        region = canvas[ys, xs]
        region[sub] = arr[ys.start - y0:ys.stop - y0, xs.start - x0:xs.stop - x0, :3][sub]
        owner[ys, xs][sub] = new_id
        areas.append(int(mask.sum()))
        return new_id
    return None


def lego_scene(rng: np.random.Generator, size: int = 320, class_by: str = "colour",
               max_bricks: int = 10, dense: bool = False) -> tuple[Image.Image, list[tuple[str, int, int, int, int]]]:
    """One scene: the RGB image and its boxes (class, xmin, ymin, xmax, ymax) in pixels, ends exclusive."""
    canvas = _background(rng, size, size)
    if dense:
        canvas = _clutter(rng, canvas, int(rng.integers(60, 140)) * size * size // 416 ** 2)
    owner = np.full((size, size), -1, dtype=np.int32)  # which brick each pixel shows (-1: background)
    areas: list[int] = []
    labels: list[str] = []
    # stud pitch of this scene; each brick varies around it. Dense: 3.5–5 px, boxes of 10–30 px.
    unit = rng.uniform(3.5, 5.0) if dense else size / 320 * rng.uniform(9, 18)
    light = (max(1, int(round(unit * 0.4))),) * 2
    wanted = int(rng.integers(20, 41)) if dense else int(rng.integers(1, max_bricks + 1))
    for _ in range(wanted * 2 if dense else wanted):  # dense: retry the bricks that found no place
        colour = list(COLOURS)[int(rng.integers(len(COLOURS)))]
        kind = list(BRICKS)[int(rng.integers(len(BRICKS)))]
        patch = _brick_patch(rng, COLOURS[colour], BRICKS[kind], unit * rng.uniform(0.85, 1.15 if dense else 1.25))
        if _place(rng, canvas, owner, areas, patch, light) is not None:
            labels.append(colour if class_by == "colour" else kind)
        if len(labels) >= wanted:
            break
    # Uneven light over the whole scene, and sensor noise.
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    gx, gy = rng.uniform(-0.25, 0.25, size=2)
    canvas *= (1.0 + gx * (xx - 0.5) + gy * (yy - 0.5))[..., None]
    canvas += rng.normal(0, 4, size=canvas.shape).astype(np.float32)
    img = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), "RGB")
    boxes = []
    for k, name in enumerate(labels):
        ys, xs = np.nonzero(owner == k)
        boxes.append((name, int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))
    return img, boxes


def voc_xml(filename: str, width: int, height: int, boxes) -> str:
    """A Pascal VOC annotation, as labelImg and CVAT write it."""
    objects = "".join(
        f"  <object>\n    <name>{escape(name)}</name>\n    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n"
        f"    <difficult>0</difficult>\n    <bndbox>\n      <xmin>{x0}</xmin>\n      <ymin>{y0}</ymin>\n"
        f"      <xmax>{x1}</xmax>\n      <ymax>{y1}</ymax>\n    </bndbox>\n  </object>\n"
        for name, x0, y0, x1, y1 in boxes)
    return (f"<annotation>\n  <folder>images</folder>\n  <filename>{escape(filename)}</filename>\n"
            f"  <size>\n    <width>{width}</width>\n    <height>{height}</height>\n    <depth>3</depth>\n  </size>\n"
            f"  <segmented>0</segmented>\n{objects}</annotation>\n")


DENSE_SIZE = 416  # the dense set's images: larger than the usual 320-px input, like the aerial tiles


def write_lego(folder: Path, n_images: int = 500, size: int = 320, class_by: str = "colour", seed: int = 0,
               on_image=None, dense: bool = False) -> Path:
    """folder/images/*.jpg + folder/annotations/*.xml + folder/classes.txt; the same seed gives the same files.

    on_image, when given, is called after each image (a progress bar's advance)."""
    if class_by not in CLASS_BY:
        raise ValueError(f"class_by must be one of {CLASS_BY}")
    folder = Path(folder)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "annotations").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(n_images):
        img, boxes = lego_scene(rng, size, class_by, dense=dense)
        name = f"{i:05d}"
        img.save(folder / "images" / f"{name}.jpg", quality=90)
        (folder / "annotations" / f"{name}.xml").write_text(voc_xml(f"{name}.jpg", size, size, boxes),
                                                           encoding="utf-8")
        if on_image is not None:
            on_image()
    (folder / "classes.txt").write_text("\n".join(classes(class_by)) + "\n", encoding="utf-8")
    return folder
