"""The hostile round's names and trees (issue 31): names that are not UTF-8, a newline in a file name, very deep
folders and a class folder that is a symlink to /, each run through the CLI as a user would."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.hostile.harness import hostile, left_in

LATIN1 = b"caf\xe9"  # "café" in Latin-1: not valid UTF-8


def _runs(tmp_path: Path) -> list:
    return ["--project", str(tmp_path / "runs")]


def _png(path, shade: int) -> None:
    Image.new("L", (28, 28), shade).save(path, format="PNG")


def _class_folders(root: Path, names: dict[bytes, int], per_class: int = 12) -> None:
    """One folder per class (names as raw bytes), per_class small PNGs in each (their names raw bytes too)."""
    for name, shade in names.items():
        folder = os.path.join(os.fsencode(root), name)
        os.makedirs(folder)
        for i in range(per_class):
            with open(os.path.join(folder, f"{i}".encode() + LATIN1 + b".png"), "wb") as fh:
                Image.new("L", (28, 28), (shade + 7 * i) % 256).save(fh, format="PNG")


def _outcome_is_clean(r, runs: Path) -> None:
    """Worked, or refused naming what to fix with nothing left behind."""
    if r.code == 0:
        r.worked()
    else:
        r.refused()
        assert left_in(runs) == [], left_in(runs)


@pytest.mark.slow
def test_latin1_class_folder_and_file_names_in_classify_train(tmp_path):
    _class_folders(tmp_path / "datos", {LATIN1: 40, b"t\xe9": 200})
    r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), "--name", "n",
                cwd=tmp_path)
    _outcome_is_clean(r, tmp_path / "runs")
    if r.code == 0:  # the run's own files read back: evaluate on its saved test split
        e = hostile("classify", "evaluate", "--run", tmp_path / "runs" / "classify" / "n", "--quiet", cwd=tmp_path)
        e.worked()


def test_latin1_names_in_classify_predict(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"fotos", LATIN1)
    os.makedirs(folder)
    for i in range(2):
        with open(os.path.join(folder, f"{i}".encode() + LATIN1 + b".png"), "wb") as fh:
            Image.new("L", (28, 28), 50 + i).save(fh, format="PNG")
    r = hostile("classify", "predict", "fotos", "--quiet", "--out", "p.csv", cwd=tmp_path)
    r.worked()
    rows = (tmp_path / "p.csv").read_bytes().splitlines()
    assert len(rows) == 3, rows  # a header and one row per image


def test_latin1_names_in_detect_predict(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"fotos", LATIN1)
    os.makedirs(folder)
    with open(os.path.join(folder, LATIN1 + b".png"), "wb") as fh:
        Image.new("RGB", (96, 96), (200, 30, 30)).save(fh, format="PNG")
    r = hostile("detect", "predict", "--source", "fotos", "--conf", "0.0", "--json", *_runs(tmp_path), cwd=tmp_path)
    r.worked()
    written = [p for p in left_in(tmp_path / "runs") if p.endswith((".jpg", ".png"))]
    assert len(written) == 1, written


@pytest.mark.slow
def test_newline_in_a_file_name(tmp_path):
    """Refused naming the folder, or quoted in splits/*.txt so that evaluate reads the run's own files."""
    root = tmp_path / "datos"
    _class_folders(root, {b"a": 40, b"b": 200})
    _png(root / "a" / "dos\nlineas.png", 90)
    r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), "--name", "n",
                cwd=tmp_path)
    if r.code != 0:
        r.refused("datos")
        assert left_in(tmp_path / "runs") == []
        return
    r.worked()
    e = hostile("classify", "evaluate", "--run", tmp_path / "runs" / "classify" / "n", "--quiet", cwd=tmp_path)
    e.worked()


# --- deep or looping trees -----------------------------------------------------------------------------------

def _deep(folder: Path, depth: int) -> None:
    """depth nested folders under folder, made relative to stay under PATH_MAX, one image at the bottom."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        _png(Path("hondo.png"), 120)
    finally:
        os.chdir(here)


def _undeep(folder: Path) -> None:
    """Remove what _deep made, one level at a time (shutil.rmtree recurses and would fail in pytest's clean-up)."""
    here, depth = os.getcwd(), 0
    os.chdir(folder)
    try:
        while os.path.isdir("d") and not os.path.islink("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            for name in os.listdir("."):
                os.unlink(name)
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


@pytest.mark.slow
def test_1500_nested_folders_under_a_class_folder(tmp_path):
    root = tmp_path / "datos"
    _class_folders(root, {b"a": 40, b"b": 200})
    _deep(root / "a", 1500)
    try:
        r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), cwd=tmp_path)
    finally:
        _undeep(root / "a")
    _outcome_is_clean(r, tmp_path / "runs")


def test_1500_nested_folders_in_predict(tmp_path):
    (tmp_path / "fotos").mkdir()
    _png(tmp_path / "fotos" / "x.png", 60)
    _deep(tmp_path / "fotos", 1500)
    try:
        r = hostile("classify", "predict", "fotos", "--quiet", "--out", "p.csv", cwd=tmp_path)
        d = hostile("detect", "predict", "--source", "fotos", "--conf", "0.0", "--json", *_runs(tmp_path),
                    cwd=tmp_path)
    finally:
        _undeep(tmp_path / "fotos")
    if r.code == 0:
        r.worked()
    else:
        r.refused("fotos")
    if d.code == 0:
        d.worked()
    else:
        d.refused("fotos")


@pytest.mark.slow
def test_class_folder_that_is_a_symlink_to_root(tmp_path):
    """Never walked out of the data folder: refused, or trained on the other class folders only."""
    root = tmp_path / "datos"
    _class_folders(root, {b"a": 40, b"b": 200})
    (root / "raiz").symlink_to("/")
    r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), "--name", "n",
                cwd=tmp_path)
    _outcome_is_clean(r, tmp_path / "runs")
    if r.code == 0:
        model = json.loads((tmp_path / "runs" / "classify" / "n" / "model.json").read_text())
        assert model["classes"] == ["a", "b"]  # the symlink was not taken for a class


def test_symlink_to_root_in_predict(tmp_path):
    (tmp_path / "fotos").mkdir()
    _png(tmp_path / "fotos" / "x.png", 60)
    (tmp_path / "fotos" / "raiz").symlink_to("/")
    r = hostile("classify", "predict", "fotos", "--quiet", "--out", "p.csv", cwd=tmp_path)
    if r.code == 0:
        r.worked()
        assert len((tmp_path / "p.csv").read_text().splitlines()) == 2
    else:
        r.refused("fotos")


def test_newline_in_a_file_name_in_predict(tmp_path):
    """predictions.csv stays one row per image (the name quoted), or the folder is refused by name."""
    import csv

    (tmp_path / "fotos").mkdir()
    _png(tmp_path / "fotos" / "x.png", 60)
    _png(tmp_path / "fotos" / "dos\nlineas.png", 90)
    r = hostile("classify", "predict", "fotos", "--quiet", "--out", "p.csv", cwd=tmp_path)
    if r.code != 0:
        r.refused("fotos")
        return
    r.worked()
    with (tmp_path / "p.csv").open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 3 and any("dos\nlineas" in cell for row in rows for cell in row), rows
