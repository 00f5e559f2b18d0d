"""A hostile round of input (issue 31), one case per class, run through the CLI as a user would: each is refused
with exit 2, a message and nothing left behind, or it works, within 30 s and 3 GB of peak RSS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from tests.detection.builders import voc_folder, yolo_folder
from tests.helpers import refuses
from tests.hostile.harness import hostile, left_in

MB = 2**20


def _runs(tmp_path: Path) -> list:
    return ["--project", str(tmp_path / "runs")]


# --- small inputs that grow to gigabytes ------------------------------------------------------------------------

def test_long_csv_of_many_series_and_days(tmp_path):
    """Two rows, 2,000 series apart and 20 years apart: a few KB that would become a 2,000 × 7,300 table and more."""
    rows = ["fecha,id,unidades"] + [f"2000-01-01,s{i},1" for i in range(2000)] + [f"2019-12-31,s{i},2" for i in
                                                                                    range(2000)]
    (tmp_path / "largo.csv").write_text("\n".join(rows) + "\n")
    r = hostile("forecast", "train", "--csv", "largo.csv", "--id-col", "id", *_runs(tmp_path), cwd=tmp_path)
    r.refused("largo.csv")
    assert left_in(tmp_path / "runs") == []


def test_many_ids_in_a_long_csv(tmp_path):
    rows = ["fecha,id,unidades"] + [f"2020-01-{1 + i % 28:02d},id{i},1" for i in range(200_000)]
    (tmp_path / "ids.csv").write_text("\n".join(rows) + "\n")
    r = hostile("forecast", "train", "--csv", "ids.csv", "--id-col", "id", *_runs(tmp_path), cwd=tmp_path)
    r.refused("ids.csv")
    assert left_in(tmp_path / "runs") == []


def _grey_folder(tmp_path, side: int) -> None:
    """datos/a and datos/b, ten copies each of one grey side x side PNG (a few KB on disk, side² pixels decoded)."""
    first = tmp_path / "first.png"
    Image.new("L", (side, side), 100).save(first)
    for c in ("a", "b"):
        (tmp_path / "datos" / c).mkdir(parents=True)
        for i in range(10):
            (tmp_path / "datos" / c / f"{i}.png").write_bytes(first.read_bytes())


def test_many_big_images(tmp_path):
    """Twenty 64-megapixel PNGs of a few KB each: 1.3 G pixels decoded, refused or resized one at a time."""
    _grey_folder(tmp_path, 8000)
    r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), cwd=tmp_path)
    if r.code == 0:
        r.worked()
    else:
        r.refused()
        assert left_in(tmp_path / "runs") == []


def test_many_boxes_in_one_label_file(tmp_path):
    """A YOLO label file of 10 million boxes (180 MB): refused after counting its lines, never read as text."""
    root = yolo_folder(tmp_path / "y", 2)
    with (root / "labels" / "00000.txt").open("wb") as fh:
        for _ in range(100):
            fh.write(b"0 0.5 0.5 0.1 0.1\n" * 100_000)
    r = hostile("detect", "train", "--data", root, "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("00000.txt")
    assert r.peak_mb < 900, r.peak_mb  # the CLI with PyTorch loaded is ~400 MB; the text would add ~1 GB
    assert left_in(tmp_path / "runs") == []


def test_many_boxes_in_one_voc_file(tmp_path):
    root = voc_folder(tmp_path / "v", 2)
    xml = root / "annotations" / "00000.xml"
    obj = "<object><name>rojo</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object>"
    xml.write_text(xml.read_text().replace("</annotation>", obj * 300_000 + "</annotation>"))
    r = hostile("detect", "train", "--data", root, "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("00000.xml")
    assert r.peak_mb < 900, r.peak_mb
    assert left_in(tmp_path / "runs") == []


def test_many_classes(tmp_path):
    root = yolo_folder(tmp_path / "y", 2)
    (root / "classes.txt").write_text("".join(f"clase{i}\n" for i in range(50_000)))
    r = hostile("detect", "train", "--data", root, "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("classes.txt")
    assert left_in(tmp_path / "runs") == []


def test_big_images_that_fit_the_folder_budget_but_not_a_network(tmp_path):
    """Twenty 4,096² images: 335 MB loaded (within the budget), but a network at that size holds ~100 G
    parameters: counted on the meta device and refused before the run folder exists."""
    _grey_folder(tmp_path, 4096)
    r = hostile("classify", "train", "--data", "datos", "--epochs", "1", "--quiet", *_runs(tmp_path), cwd=tmp_path)
    r.refused("--img-size")
    assert left_in(tmp_path / "runs") == []


# --- run folders whose files lie ------------------------------------------------------------------------------

def _shipped_copy(tmp_path: Path, lab: str) -> Path:
    import shutil

    from aprende.weights import shipped_dir
    return shutil.copytree(shipped_dir(lab), tmp_path / lab)


@pytest.mark.parametrize("change", [{"d_model": 10**12}, {"n_heads": 0}, {"d_model": 190, "n_heads": 7},
                                    {"n_layers": -1}, {"vocab_size": 0}, {"context": 10**9}])
def test_tampered_gpt_model_json(tmp_path, change):
    run = _shipped_copy(tmp_path, "gpt")
    cfg = json.loads((run / "model.json").read_text())
    cfg.update(change)
    (run / "model.json").write_text(json.dumps(cfg))
    r = hostile("gpt", "generate", "--run", run, "--max-new-tokens", "5", cwd=tmp_path)
    r.refused("model.json")


def test_sparse_3gb_checkpoint(tmp_path):
    run = _shipped_copy(tmp_path, "classify")
    with (run / "weights" / "best.safetensors").open("r+b") as fh:
        fh.truncate(3 * 2**30)  # a hole: 3 GB on paper, nothing on disk
    img = tmp_path / "x.png"
    Image.new("L", (28, 28), 50).save(img)
    r = hostile("classify", "predict", img, "--run", run, cwd=tmp_path)
    r.refused("best.safetensors")
    assert r.peak_mb < 1500, r.peak_mb


# --- option values nobody checked -----------------------------------------------------------------------------

BAD = [("--batch-size", "0"), ("--lr", "nan"), ("--epochs", "-1"), ("--max-time", "-5"), ("--batch-size", "10**9")]
TRAINS = {"forecast": [], "classify": [], "detect": [], "translate": [], "gpt": [], "bert": []}


@pytest.mark.parametrize("lab", sorted(TRAINS))
def test_bad_option_values_on_every_train(tmp_path, capsys, lab):
    """0, nan, negative and huge: exit 2 from the option's range, naming it, before any folder is made."""
    for opt, value in BAD + [("--seed", "-1"), ("--lr", "inf")]:
        value = str(10**9) if value == "10**9" else value
        refuses(capsys, [lab, "train", opt, value, "--project", tmp_path / "runs"], opt, empty=tmp_path / "runs",
                quiet_out=True)


@pytest.mark.parametrize("args", [["gpt", "train", "--d-model", "16384", "--layers", "96", "--d-ff", "65536"],
                                  ["bert", "train", "--d-model", "16384", "--layers", "96", "--d-ff", "65536"],
                                  ["translate", "train", "--d-model", "16384", "--layers", "64", "--d-ff", "65536"]])
def test_huge_models_are_counted_before_they_are_built(tmp_path, args):
    (tmp_path / "t.txt").write_text("hola mundo. " * 2000)
    data = ["--text", "t.txt"] if args[0] != "translate" else ["--pairs", "p.tsv"]
    (tmp_path / "p.tsv").write_text("hola\thello\n" * 500)
    r = hostile(*args, *data, "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused()
    assert left_in(tmp_path / "runs") == []


# --- text that is not text, outputs that collide ----------------------------------------------------------------

@pytest.mark.parametrize("lab", ["gpt", "bert"])
def test_nul_bytes_in_a_corpus(tmp_path, lab):
    (tmp_path / "t.txt").write_bytes(b"hola mundo. " * 500 + b"\x00\x00binario" + b" adios." * 100)
    r = hostile(lab, "train", "--text", "t.txt", "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("t.txt")
    assert left_in(tmp_path / "runs") == []


def test_sparse_1_5_gb_tsv(tmp_path):
    with (tmp_path / "p.tsv").open("wb") as fh:
        fh.write(b"hola\thello\n")
        fh.truncate(1536 * MB)
    r = hostile("translate", "train", "--pairs", "p.tsv", "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("p.tsv")
    assert r.peak_mb < 1200, r.peak_mb
    assert left_in(tmp_path / "runs") == []


def test_two_voc_files_for_one_image(tmp_path):
    root = voc_folder(tmp_path / "v", 3)
    (root / "annotations" / "copia.xml").write_text((root / "annotations" / "00000.xml").read_text())
    r = hostile("detect", "train", "--data", root, "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("copia.xml")
    assert left_in(tmp_path / "runs") == []


def test_detect_predict_keeps_two_files_of_one_name(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "fotos" / sub).mkdir(parents=True)
        Image.new("RGB", (96, 96), (200, 30, 30) if sub == "a" else (30, 30, 200)).save(tmp_path / "fotos" / sub /
                                                                                        "x.png")
    r = hostile("detect", "predict", "--source", "fotos", "--conf", "0.0", "--json", *_runs(tmp_path), cwd=tmp_path)
    r.worked()
    written = [p for p in left_in(tmp_path / "runs") if p.endswith((".jpg", ".png"))]
    assert len([p for p in written if Path(p).stem == "x"]) == 2, written
