"""Opening one image safely, for every lab and the server: an allow-list of formats, a pixel limit checked before
decoding, and every mode (RGB, grayscale, RGBA, palette, 16-bit, float) converted the same way."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from aprende.core.errors import AprendeError

FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP")  # never EPS (Ghostscript) or Pillow's other ~35 readers
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
MAX_PIXELS = 64_000_000  # 8000 × 8000: a large camera photo; a 16-bit one needs ~256 MB as float32
SERVER_MAX_PIXELS = 16_000_000  # per request on the server, where several run at once
GRAY_MODES = {"1", "L", "LA", "I", "I;16", "I;16L", "I;16B", "I;16N", "F", "La"}
WIDE_MODES = {"I", "I;16", "I;16L", "I;16B", "I;16N", "F"}


def open_image(source: str | Path | bytes, name: str | None = None, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Open and fully decode an image file (or its bytes, named `name` in messages). A missing, 0-byte, corrupt,
    non-image, disallowed-format or too-large file is an AprendeError; the size is checked before decoding."""
    if isinstance(source, (bytes, bytearray)):
        label, data = name or "imagen", bytes(source)
        suffix = Path(label).suffix.lower()
        if not data:
            raise AprendeError("image.empty", path=label)
        fh = io.BytesIO(data)
    else:
        path = Path(source)
        label, suffix = name or str(path), path.suffix.lower()
        if not path.is_file():
            raise AprendeError("image.missing", path=label)
        if path.stat().st_size == 0:
            raise AprendeError("image.empty", path=label)
        fh = path.open("rb")
    try:
        with fh:
            img = Image.open(fh, formats=FORMATS)
            width, height = img.size
            if width * height > max_pixels:
                raise AprendeError("image.too_large", path=label, width=width, height=height, limit=max_pixels)
            img.load()
    except Image.DecompressionBombError:  # Pillow's own limit, only above twice its (higher) threshold
        raise AprendeError("image.too_large", path=label, width="?", height="?", limit=max_pixels) from None
    except UnidentifiedImageError:
        key = "image.corrupt" if suffix in IMAGE_SUFFIXES else "image.not_image"
        raise AprendeError(key, path=label) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise AprendeError("image.corrupt", path=label) from None
    return img


def is_gray(img: Image.Image) -> bool:
    """True when the picture carries no colour (a palette of greys counts as grey)."""
    if img.mode == "P":
        pal = np.asarray(img.convert("RGB"))
        return bool((pal[..., 0] == pal[..., 1]).all() and (pal[..., 1] == pal[..., 2]).all())
    return img.mode in GRAY_MODES


def to_8bit(img: Image.Image) -> Image.Image:
    """16-bit and float images scaled to 8-bit grey through float32 (never float64: 4 bytes a pixel, not 8)."""
    if img.mode not in WIDE_MODES:
        return img
    arr = np.asarray(img).astype(np.float32)  # (H, W), a copy of our own: the steps below work in place
    if img.mode == "F":
        np.nan_to_num(arr, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
    hi = 65535.0 if img.mode != "F" and arr.max() > 255 else max(255.0, float(arr.max()))
    arr *= np.float32(255.0 / hi)
    np.clip(arr, 0, 255, out=arr)
    return Image.fromarray(arr.astype(np.uint8), "L")


def to_rgb(img: Image.Image) -> Image.Image:
    """Any mode as RGB: transparency composited on white, 16-bit scaled to 8."""
    img = to_8bit(img)
    if img.mode in ("RGBA", "LA", "La", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        img = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    return img.convert("RGB")


def to_array(img: Image.Image, channels: int, size: tuple[int, int] | None) -> np.ndarray:
    """(C, H, W) uint8: 16-bit scaled to 8, transparency composited on white, resized to size=(H, W)."""
    img = to_rgb(img).convert("L" if channels == 1 else "RGB")
    if size is not None and (img.height, img.width) != tuple(size):
        img = img.resize((size[1], size[0]), Image.BILINEAR)
    arr = np.array(img, dtype=np.uint8)  # a writable copy
    return arr[None] if arr.ndim == 2 else np.ascontiguousarray(arr.transpose(2, 0, 1))
