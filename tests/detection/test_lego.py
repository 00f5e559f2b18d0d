"""The generated lego scenes: seeded, valid VOC, every brick labelled and mostly visible."""

from __future__ import annotations

import numpy as np

from aprende.cli import main
from aprende.datasets.lego import BRICKS, COLOURS, lego_scene, write_lego
from aprende.detection.data import load_detection
from tests.helpers import refuses


def test_same_seed_same_files(tmp_path):
    a, b = write_lego(tmp_path / "a", 5, 128), write_lego(tmp_path / "b", 5, 128)
    for f in sorted((a / "annotations").iterdir()):
        assert f.read_bytes() == (b / "annotations" / f.name).read_bytes()
        assert (a / "images" / (f.stem + ".jpg")).read_bytes() == (b / "images" / (f.stem + ".jpg")).read_bytes()
    c = write_lego(tmp_path / "c", 5, 128, seed=1)
    assert (c / "annotations" / "00000.xml").read_bytes() != (a / "annotations" / "00000.xml").read_bytes()


def test_scenes_read_back_as_voc_with_all_classes(tmp_path):
    d = load_detection(write_lego(tmp_path / "lego", 40, 160))
    assert d.format == "voc" and d.classes == list(COLOURS) and len(d.samples) == 40
    counts = [len(s.labels) for s in d.samples]
    assert 1 <= min(counts) and max(counts) <= 10 and max(counts) >= 5
    assert set(np.concatenate([s.labels for s in d.samples]).tolist()) == set(range(len(COLOURS)))
    wh = d.all_boxes()[:, 2:] - d.all_boxes()[:, :2]
    assert (wh >= 1).all() and wh.max() / wh.min() > 3  # scaled and rotated: sizes vary a lot


def test_class_by_type(tmp_path):
    d = load_detection(write_lego(tmp_path / "lego", 10, 128, class_by="type"))
    assert d.classes == list(BRICKS)


def test_boxes_hold_the_brick_pixels():
    img, boxes = lego_scene(np.random.default_rng(3), 200)
    arr = np.asarray(img).astype(int)
    for _, x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= 200 and 0 <= y0 < y1 <= 200
        inside = arr[y0:y1, x0:x1].reshape(-1, 3)
        assert inside.std(axis=0).max() > 5  # not an empty patch of background


def test_data_get_lego_images_and_out(tmp_path, capsys):
    main(["data", "get", "lego", "--images", "7", "--quiet"])
    folder = tmp_path / "cache" / "lego"
    assert len(list((folder / "images").glob("*.jpg"))) == 7 and (folder / ".done").is_file()
    main(["data", "get", "lego", "--images", "3", "--quiet"])  # a smaller set replaces the cache: no stale files
    assert sorted(p.name for p in (folder / "annotations").iterdir()) == ["00000.xml", "00001.xml", "00002.xml"]
    d = load_detection(folder)
    assert len(d.samples) == 3 and d.classes == list(COLOURS)
    main(["data", "get", "lego", "--images", "2", "--seed", "5", "--out", str(tmp_path / "mio")])
    assert "mio" in capsys.readouterr().err
    assert len(load_detection(tmp_path / "mio").samples) == 2
    assert (tmp_path / "mio" / "images" / "00000.jpg").read_bytes() != (folder / "images" / "00000.jpg").read_bytes()
    for args, expected in ([["lego", "--out", str(tmp_path / "mio")], "no está vacía"],
                           [["tienda", "--images", "5"], "no admite --images"]):
        refuses(capsys, ["data", "get", *args, "--quiet"], expected, quiet_out=True)
    assert len(load_detection(tmp_path / "mio").samples) == 2


def test_dense_variant_is_many_small_objects_and_seeded(tmp_path, capsys):
    """`data get lego --dense`: 20+ bricks of about 10–30 px per 416-px scene, the same files from the same seed."""
    from aprende.datasets.lego import DENSE_SIZE

    for out in ("a", "b"):
        main(["data", "get", "lego", "--dense", "--images", "2", "--out", str(tmp_path / out), "--quiet"])
    data = load_detection(tmp_path / "a")
    assert len(data.samples) == 2 and all(s.width == DENSE_SIZE for s in data.samples)
    for s in data.samples:
        sides = (s.boxes[:, 2:] - s.boxes[:, :2]).max(1)
        assert len(s.boxes) >= 20 and np.median(sides) <= 30 and sides.max() <= 36
    first, second = (tmp_path / d / "images" / "00001.jpg" for d in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    refuses(capsys, ["data", "get", "tienda", "--dense", "--out", tmp_path / "c"], "--dense", empty=tmp_path / "c",
            quiet_out=True)
