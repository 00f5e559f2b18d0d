"""Names and trees (issue 31): Latin-1 names round-trip through the run's files, newlines are refused, deep trees are
refused without a RecursionError, symlinks never lead out of the data folder, and text inputs refuse binary."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aprende.core.errors import AprendeError
from aprende.core.walk import walk_files

LATIN1 = os.fsdecode(b"caf\xe9.png")  # not UTF-8 on disk: Python holds it surrogate-escaped


def _png(path: Path, value: int = 0, size: int = 12) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((size, size), value, np.uint8)).save(path)
    return path


def _two_classes(root: Path, n: int = 10) -> Path:
    for c, v in (("a", 0), ("b", 255)):
        for i in range(n):
            _png(root / c / f"{i}.png", v)
    return root


def test_latin1_name_goes_through_splits_and_back(tmp_path):
    from aprende.vision.data import load_folder, read_split, stratified_splits, write_splits

    root = _two_classes(tmp_path / "datos")
    _png(root / "a" / LATIN1)
    d = load_folder(root)
    d.splits = stratified_splits(d.y.numpy(), 0)
    write_splits(tmp_path / "run", d)
    names = {n for part in ("train", "val", "test") for n, _ in read_split(tmp_path / "run", part)}
    assert os.path.join("a", LATIN1) in names
    assert (root / os.path.join("a", LATIN1)).is_file()  # the name read back opens the very file


def test_newline_in_a_name_is_refused_naming_the_folder(tmp_path):
    from aprende.vision.data import load_folder

    root = _two_classes(tmp_path / "datos")
    _png(root / "b" / "dos\nlineas.png")
    with pytest.raises(AprendeError) as exc:
        load_folder(root)
    assert exc.value.key == "walk.newline" and str(root) in exc.value.message()


def test_deep_tree_is_refused_not_a_recursion_error(tmp_path):
    deep = tmp_path / "datos"
    made = [deep]
    for _ in range(1200):  # deeper than the default recursion limit (1000): rglob fails here
        made.append(made[-1] / "d")
    for folder in made:
        folder.mkdir()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        with pytest.raises(AprendeError) as exc:
            walk_files(deep)
    finally:
        sys.setrecursionlimit(limit)
        for folder in reversed(made):  # removed here, deepest first: a recursive clean-up would fail too
            folder.rmdir()
    assert exc.value.key == "walk.too_deep"


def test_symlinks_never_lead_out_of_the_data_folder(tmp_path):
    from aprende.vision.data import scan_folder

    root = _two_classes(tmp_path / "datos")
    outside = _png(tmp_path / "fuera" / "secreto.png")
    (root / "a" / "todo").symlink_to("/")  # a class's sub-folder pointing at the whole disk
    (root / "a" / "fuera").symlink_to(outside.parent)
    (root / "a" / "bucle").symlink_to(root / "a")  # a loop inside: visited once
    (root / "raiz").symlink_to("/")  # a class folder that is a symlink to /
    files, _, classes = scan_folder(root)
    assert classes == ["a", "b"] and len(files) == 20
    assert all(os.path.realpath(f).startswith(os.path.realpath(root)) for f in files)


def test_both_predicts_list_a_folder_with_the_same_helper(tmp_path):
    from aprende.detection.predict import _sources
    from aprende.vision.predict import image_paths

    root = tmp_path / "fotos"
    _png(root / "a" / "x.png")
    _png(root / "b" / "x.png")
    (root / "b" / "fuera").symlink_to("/")
    assert image_paths(root) == _sources(root) == [root / "a" / "x.png", root / "b" / "x.png"]


def test_detect_predict_keeps_relative_paths(tmp_path):
    """a/x.png and b/x.png: two annotated copies, a/x.jpg and b/x.jpg, not one overwriting the other."""
    from aprende.detection.predict import predict_objects

    root = tmp_path / "fotos"
    _png(root / "a" / "x.png", 10, 64)
    _png(root / "b" / "x.png", 200, 64)
    r = predict_objects(source=root, project=tmp_path / "runs", name="p")
    assert (r.out_dir / "a" / "x.jpg").is_file() and (r.out_dir / "b" / "x.jpg").is_file()
    assert [rec["file"] for rec in r.detections] == [str(root / "a" / "x.png"), str(root / "b" / "x.png")]


def _voc(path: Path, image: str, n: int = 1) -> None:
    objs = "".join("<object><name>pieza</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>8</xmax><ymax>8</ymax>"
                   "</bndbox></object>" for _ in range(n))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<annotation><filename>{image}</filename>{objs}</annotation>", encoding="utf-8")


def test_two_voc_files_for_one_image_name_both(tmp_path):
    from aprende.detection.data import load_detection

    _png(tmp_path / "images" / "foto.png")
    _voc(tmp_path / "annotations" / "foto.xml", "foto.png")
    _voc(tmp_path / "annotations" / "otra.xml", "foto.png")
    with pytest.raises(AprendeError) as exc:
        load_detection(tmp_path, "voc")
    msg = exc.value.message()
    assert exc.value.key == "detect.two_annotations" and "foto.xml" in msg and "otra.xml" in msg


def test_boxes_per_image_and_classes_have_budgets(tmp_path):
    from aprende.core import budgets
    from aprende.detection.data import load_detection

    _png(tmp_path / "voc" / "images" / "foto.png", size=16)
    _voc(tmp_path / "voc" / "annotations" / "foto.xml", "foto.png", n=50)
    with budgets.tightened(boxes_per_image=20), pytest.raises(AprendeError) as exc:
        load_detection(tmp_path / "voc", "voc")
    assert exc.value.key == "budget.boxes_per_image" and "foto.xml" in exc.value.message()
    yolo = tmp_path / "yolo"
    _png(yolo / "images" / "foto.png", size=16)
    (yolo / "labels").mkdir()
    (yolo / "labels" / "foto.txt").write_text("0 0.5 0.5 0.2 0.2\n", encoding="utf-8")
    (yolo / "classes.txt").write_text("".join(f"c{i}\n" for i in range(30)), encoding="utf-8")
    with budgets.tightened(classes=20), pytest.raises(AprendeError) as exc:
        load_detection(yolo, "yolo")
    assert exc.value.key == "budget.classes" and "classes.txt" in exc.value.message()


@pytest.mark.parametrize("reader", ["corpus", "tsv", "yolo", "csv", "voc"])
def test_every_text_input_refuses_nul_bytes(tmp_path, reader):
    """A NUL far past the first bytes (the old CSV check looked at the first 4 KB only)."""
    body = "una línea de texto\n" * 400 + "fin\x00oculto\n"
    if reader == "corpus":
        from aprende.transformer.text import read_text_file as read
        path = tmp_path / "c.txt"
    elif reader == "tsv":
        from aprende.transformer.pairs import read_tsv as read
        path, body = tmp_path / "p.tsv", "hola\thello\n" * 400 + "a\x00\tb\n"
    elif reader == "yolo":
        from aprende.detection.data import read_utf8 as read
        path = tmp_path / "l.txt"
    elif reader == "voc":
        from aprende.detection.data import parse_voc as read
        path, body = tmp_path / "a.xml", "<annotation>" + " " * 5000 + "\x00</annotation>"
    else:
        from aprende.forecast.data import read_sales_csv as read
        path, body = tmp_path / "v.csv", "fecha,unidades\n" + "2024-01-01,1\n" * 400 + "2024-01-02,\x002\n"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(AprendeError) as exc:
        read(path)
    assert exc.value.key in ("text.binary", "csv.binary")
