"""core.images.open_image: the format allow-list, the pixel limit before decoding, float32 conversion, threads."""

from __future__ import annotations

import io
import os
import threading
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from aprende.core.errors import AprendeError
from aprende.core.images import MAX_PIXELS, SERVER_MAX_PIXELS, open_image, to_8bit, to_array
from tests.helpers import huge_png

FUZZ = int(os.environ.get("APRENDE_FUZZ", 25))




def png_bytes(img: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if any image is decoded: the size check must come first."""
    def load(self):
        raise AssertionError("decoded before the size check")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def test_header_claiming_9000x9000_16bit_is_refused_before_decoding(tmp_path, no_decoding):
    path = tmp_path / "bomba.png"
    path.write_bytes(huge_png())
    assert path.stat().st_size < 1000
    for source in (path, path.read_bytes()):
        with pytest.raises(AprendeError) as exc:
            open_image(source, name="bomba.png")
        assert exc.value.key == "image.too_large"
        assert exc.value.params["width"] == 9000 and exc.value.params["height"] == 9000
        assert "bomba.png" in str(exc.value) and "9000×9000" in str(exc.value)


def test_server_limit_is_lower(tmp_path, no_decoding):
    side = int(np.sqrt(SERVER_MAX_PIXELS)) + 1  # above the server's limit, below the command line's
    assert side * side <= MAX_PIXELS
    with pytest.raises(AprendeError) as exc:
        open_image(huge_png(side, side), name="x.png", max_pixels=SERVER_MAX_PIXELS)
    assert exc.value.key == "image.too_large"


@pytest.mark.parametrize("fmt,suffix", [("PPM", ".ppm"), ("ICO", ".ico"), ("EPS", ".eps")])
def test_formats_outside_the_allow_list_are_refused(tmp_path, fmt, suffix):
    img = Image.new("RGB", (16, 16), (200, 10, 10))
    if fmt == "EPS":  # writing EPS needs no Ghostscript; reading it would run Ghostscript
        data = png_bytes(img, "EPS")
    else:
        data = png_bytes(img, fmt)
    path = tmp_path / f"imagen{suffix}"
    path.write_bytes(data)
    with pytest.raises(AprendeError) as exc:
        open_image(path)
    assert exc.value.key in ("image.not_image", "image.corrupt")
    assert path.name in str(exc.value)


def test_allowed_formats_open(tmp_path):
    img = Image.new("RGB", (12, 10), (10, 200, 30))
    for fmt in ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP"):
        opened = open_image(png_bytes(img, fmt), name=f"x.{fmt.lower()}")
        assert opened.size == (12, 10), fmt


def test_16bit_png_converts_through_float32_to_the_same_8bit_values(tmp_path):
    values = (np.arange(2000 * 2000) % 65536).astype(np.uint16).reshape(2000, 2000)  # every 16-bit value
    path = tmp_path / "16bit.png"
    Image.fromarray(values).save(path)
    img = open_image(path)
    assert img.mode.startswith("I")
    tracemalloc.start()
    try:
        out = np.asarray(to_8bit(img))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    before = np.clip(values.astype(np.float64) / 65535.0 * 255.0, 0, 255).astype(np.uint8)  # the float64 formula
    assert np.array_equal(out, before)
    assert peak < 8 * values.size, peak  # never one float64 copy of the image (32 MB here)
    assert np.array_equal(to_array(img, 1, None)[0], before)


def test_bytes_input_works_and_empty_bytes_are_refused():
    rgb = Image.new("RGB", (5, 7), (1, 2, 3))
    img = open_image(png_bytes(rgb), name="subida.png")
    assert img.size == (5, 7) and img.getpixel((0, 0)) == (1, 2, 3)
    with pytest.raises(AprendeError) as exc:
        open_image(b"", name="vacía.png")
    assert exc.value.key == "image.empty" and "vacía.png" in str(exc.value)
    with pytest.raises(AprendeError) as exc:
        open_image(b"not an image at all", name="notas.txt")
    assert exc.value.key == "image.not_image"


def test_threads_opening_too_large_images_at_once_all_get_the_error(tmp_path):
    """The old check switched a process-wide warning filter on and off; here 32 threads race and every one must be
    refused by the size check (and none decodes the image)."""
    data = huge_png()
    barrier = threading.Barrier(32)
    keys: list[str] = []
    lock = threading.Lock()

    def worker(i: int):
        barrier.wait()
        try:
            open_image(data, name=f"{i}.png")
            key = "accepted"
        except AprendeError as exc:
            key = exc.key
        except Exception as exc:  # noqa: BLE001 - recorded for the assertion
            key = type(exc).__name__
        with lock:
            keys.append(key)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(32)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert keys == ["image.too_large"] * 32


def _seed_images() -> list[bytes]:
    rng = np.random.default_rng(0)
    arr = (rng.random((12, 10, 3)) * 255).astype(np.uint8)
    rgb = Image.fromarray(arr)
    return [png_bytes(rgb), png_bytes(rgb, "JPEG"), png_bytes(Image.fromarray(arr[..., 0].astype(np.uint16) * 257)),
            png_bytes(rgb.convert("P"), "GIF")]


SEEDS = _seed_images()


@st.composite
def mutated(draw):
    """A valid image's bytes with a few bytes changed, a slice cut out, or cut short."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "truncate", "insert"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[i : i + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[i:]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_image_bytes_open_or_give_our_error(data):
    try:
        img = open_image(data, name="fuzz.png", max_pixels=1_000_000)
    except AprendeError as exc:
        assert exc.key.startswith("image.")
        return
    arr = to_array(img, 3, (8, 8))
    assert arr.shape == (3, 8, 8) and arr.dtype == np.uint8
