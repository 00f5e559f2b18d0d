"""Folder-per-class data: labels, conversions, splits, and every bad input (message, exit 2, nothing written)."""

from __future__ import annotations

import numpy as np
from PIL import Image

from aprende.core.images import to_array
from aprende.vision.data import load_folder, stratified_splits
from tests.helpers import huge_png, refuses
from tests.vision.builders import make_folder


def test_every_image_gets_its_own_folder_label(tmp_path):
    root = make_folder(tmp_path / "d", per_class=12)
    d = load_folder(root)
    assert d.classes == ["círculo", "cuadrado", "línea horizontal"]  # accents and spaces kept, sorted
    for f, y in zip(d.files, d.y.tolist()):
        assert f.split("/")[0] == d.classes[y]  # the original gave each folder's first image the previous label
    assert d.x.shape == (36, 1, 24, 24) and d.x.dtype.__str__() == "torch.uint8"


def test_modes_convert_consistently():
    rng = np.random.default_rng(0)
    gray = (rng.random((8, 8)) * 255).astype(np.uint8)
    base = Image.fromarray(gray, "L")
    variants = [base.convert("RGB"), base.convert("RGBA"), base.convert("P"),
                Image.fromarray(gray.astype(np.uint16) * 257)]
    for img in variants:
        assert np.array_equal(to_array(img, 1, None)[0], gray), img.mode
    rgba = Image.new("RGBA", (4, 4), (0, 0, 0, 0))  # fully transparent → white
    assert (to_array(rgba, 3, None) == 255).all()
    assert to_array(base, 3, (16, 12)).shape == (3, 16, 12)


def test_mixed_modes_folder_becomes_rgb(tmp_path):
    root = make_folder(tmp_path / "d", per_class=12, modes=("L", "RGB", "RGBA", "P", "I;16"))
    d = load_folder(root)
    assert d.x.shape[1] == 3  # one colour image makes the whole set RGB
    only_gray = load_folder(make_folder(tmp_path / "g", per_class=12, modes=("L", "I;16", "P")))
    assert only_gray.x.shape[1] == 1


def test_splits_are_stratified_and_seeded():
    y = np.repeat(np.arange(3), 50)
    a, b = stratified_splits(y, 0), stratified_splits(y, 0)
    assert all((a[k] == b[k]).all() for k in a)
    assert sorted(np.concatenate(list(a.values())).tolist()) == list(range(150))
    for part, n in (("test", 10), ("val", 5), ("train", 35)):  # 20 % test, 10 % validation, 70 % training
        assert (np.bincount(y[a[part]]) == n).all(), part
    c = stratified_splits(y, 0, test=0.3, val=0.2)  # --test-split 0.3 --val-split 0.2
    assert [len(c[k]) for k in ("test", "val", "train")] == [45, 30, 75]
    d = stratified_splits(y, 0, val=0.1, fixed_test=np.arange(120, 150))  # --test-data: all the rest trains
    assert (d["test"] == np.arange(120, 150)).all() and len(d["val"]) == 12 and len(d["train"]) == 108


def _bad(tmp_path, capsys, args, expected):
    refuses(capsys, ["classify", "train", *args, "--quiet"], expected, empty=tmp_path / "runs")


def test_missing_and_empty_folder(tmp_path, capsys):
    _bad(tmp_path, capsys, ["--data", tmp_path / "nada"], "No existe la carpeta")
    (tmp_path / "vacía").mkdir()
    _bad(tmp_path, capsys, ["--data", tmp_path / "vacía"], "no tiene subcarpetas")


def test_single_class(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12, classes=("gato",))
    _bad(tmp_path, capsys, ["--data", root], "solo tiene una clase («gato»)")


def test_zero_byte_and_corrupt_images(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    (root / "círculo" / "vacía.png").write_bytes(b"")
    _bad(tmp_path, capsys, ["--data", root], "vacía.png está vacía (0 bytes)")
    (root / "círculo" / "vacía.png").unlink()
    (root / "cuadrado" / "rota.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    _bad(tmp_path, capsys, ["--data", root], "rota.jpg está dañada")


def test_truncated_image(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    good = (root / "círculo" / "img_001.png").read_bytes()
    (root / "círculo" / "cortada.png").write_bytes(good[: len(good) // 2])
    _bad(tmp_path, capsys, ["--data", root], "cortada.png está dañada")


def test_non_image_file(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    (root / "línea horizontal" / "notas.txt").write_text("apuntes")
    _bad(tmp_path, capsys, ["--data", root], "notas.txt no es una imagen")


def test_too_large_image_is_refused_before_decoding(tmp_path, capsys):
    """The issue's PNG: a few bytes whose header claims 9000×9000 pixels at 16 bits; refused by its size."""
    root = make_folder(tmp_path / "d", per_class=12)
    (root / "círculo" / "bomba.png").write_bytes(huge_png())
    _bad(tmp_path, capsys, ["--data", root], "bomba.png mide 9000×9000 píxeles")


def test_formats_outside_the_allow_list_are_refused(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    Image.new("RGB", (24, 24)).save(root / "círculo" / "foto.ppm")  # Pillow reads it; we do not
    _bad(tmp_path, capsys, ["--data", root], "foto.ppm no es una imagen en un formato admitido")


def test_too_few_images_in_a_class(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    for f in sorted((root / "cuadrado").rglob("*.png"))[:5]:
        f.unlink()
    _bad(tmp_path, capsys, ["--data", root], "tiene 7 imágenes y las particiones necesitan al menos 10")


def test_skip_bad_skips_with_a_count(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    (root / "círculo" / "vacía.png").write_bytes(b"")
    (root / "cuadrado" / "notas.txt").write_text("x")
    d = load_folder(root, skip_bad=True)
    assert len(d.y) == 36
    assert "se han saltado 2 archivos" in capsys.readouterr().err


def test_bad_options(tmp_path, capsys, shapes):
    _bad(tmp_path, capsys, ["--data", shapes, "--widths", "32,0"], "--widths")
    _bad(tmp_path, capsys, ["--data", shapes, "--img-size", "abc"], "--img-size")
