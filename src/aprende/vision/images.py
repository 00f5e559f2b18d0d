"""Opening one image safely and converting every mode (RGB, grayscale, RGBA, palette, 16-bit) the same way."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from aprende.core.errors import AprendeError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".ppm", ".pgm", ".pbm", ".ico"}
GRAY_MODES = {"1", "L", "LA", "I", "I;16", "I;16L", "I;16B", "I;16N", "F", "La"}


def open_image(path: Path) -> Image.Image:
    """Open and fully decode an image; a 0-byte, corrupt, non-image or decompression-bomb file is an AprendeError."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError("vision.no_image", path=str(path))
    if path.stat().st_size == 0:
        raise AprendeError("image.empty", path=str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AprendeError("image.bomb", path=str(path), limit=Image.MAX_IMAGE_PIXELS) from None
    except UnidentifiedImageError:
        key = "image.corrupt" if path.suffix.lower() in IMAGE_SUFFIXES else "image.not_image"
        raise AprendeError(key, path=str(path)) from None
    except (OSError, ValueError, SyntaxError):
        raise AprendeError("image.corrupt", path=str(path)) from None
    return img


def is_gray(img: Image.Image) -> bool:
    if img.mode == "P":
        pal = np.asarray(img.convert("RGB"))
        return bool((pal[..., 0] == pal[..., 1]).all() and (pal[..., 1] == pal[..., 2]).all())
    return img.mode in GRAY_MODES


def to_array(img: Image.Image, channels: int, size: tuple[int, int] | None) -> np.ndarray:
    """(C, H, W) uint8: 16-bit scaled to 8, transparency composited on white, resized to size=(H, W)."""
    if img.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        arr = np.asarray(img, dtype=np.float64)
        hi = 65535.0 if img.mode != "F" and arr.max() > 255 else max(255.0, float(arr.max()))
        img = Image.fromarray(np.clip(arr / hi * 255.0, 0, 255).astype(np.uint8), "L")
    if img.mode in ("RGBA", "LA", "La", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    img = img.convert("L" if channels == 1 else "RGB")
    if size is not None and (img.height, img.width) != tuple(size):
        img = img.resize((size[1], size[0]), Image.BILINEAR)
    arr = np.array(img, dtype=np.uint8)  # a writable copy
    return arr[None] if arr.ndim == 2 else np.ascontiguousarray(arr.transpose(2, 0, 1))
