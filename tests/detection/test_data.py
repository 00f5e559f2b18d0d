"""VOC and YOLO readers: the same in-memory form, and every bad input named by file and object."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from aprende.detection.data import load_detection
from tests.detection.builders import voc_folder, yolo_folder
from tests.helpers import detection_error, voc_xml

_xml, _error = voc_xml, detection_error


def test_voc_and_yolo_give_the_same_data(tmp_path):
    voc = load_detection(voc_folder(tmp_path / "v", 4))
    yolo = load_detection(yolo_folder(tmp_path / "y", 4))
    assert yolo.format == "yolo" and voc.classes == yolo.classes
    for a, b in zip(voc.samples, yolo.samples):
        assert a.image.name == b.image.name and (a.width, a.height) == (b.width, b.height)
        assert np.array_equal(a.labels, b.labels)
        assert np.allclose(a.boxes, b.boxes, atol=1e-3)


def test_yolo_names_from_data_yaml_and_subfolders(tmp_path):
    root = yolo_folder(tmp_path / "y", 3)
    names = (root / "classes.txt").read_text().split()
    (root / "classes.txt").unlink()
    (root / "data.yaml").write_text("names:\n" + "".join(f"  {i}: {n}\n" for i, n in enumerate(names)))
    for sub in ("images", "labels"):
        (root / sub / "train").mkdir()
        for f in list((root / sub).glob("*.*")):
            f.rename(root / sub / "train" / f.name)
    d = load_detection(root)
    assert d.classes == names and len(d.samples) == 3 and d.n_boxes > 0


def test_image_without_annotation_is_a_negative(voc):
    (voc / "annotations" / "00001.xml").unlink()
    d = load_detection(voc)
    assert len(d.samples) == 6 and len(d.samples[1].labels) == 0 and d.samples[1].boxes.shape == (0, 4)


def test_annotation_without_image(voc):
    (voc / "images" / "00002.jpg").unlink()
    _error(voc, "detect.no_image_for", path="00002.xml")


def test_box_sticking_out_is_clipped_with_a_warning(voc, capsys):
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", -5, 10, 40, 120)]))
    d = load_detection(voc)
    assert d.samples[0].boxes.tolist() == [[0, 10, 40, 96]]
    err = capsys.readouterr().err
    assert "00000.xml, objeto 1" in err and "se recorta" in err


def test_box_entirely_outside_is_rejected(voc):
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", 10, 10, 20, 20), ("azul", 100, 10, 130, 40)]))
    _error(voc, "detect.box_outside", path="00000.xml", obj=2, name="azul")


@pytest.mark.parametrize("box", [(10, 10, 10, 30), (30, 10, 20, 40), (10, 40, 30, 20)])
def test_zero_or_negative_size(voc, box):
    (voc / "annotations" / "00003.xml").write_text(_xml([("verde", *box)], filename="00003.jpg"))
    _error(voc, "detect.box_empty", path="00003.xml", obj=1)


def test_unknown_class(voc):
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", 1, 1, 9, 9), ("morado", 1, 1, 9, 9)]))
    e = _error(voc, "detect.unknown_class", path="00000.xml", obj=2, name="morado")
    assert "classes.txt" in e.message()


def test_yolo_unknown_class_and_bad_line(tmp_path):
    root = yolo_folder(tmp_path / "y", 2)
    (root / "labels" / "00000.txt").write_text("0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.2 0.2\n")
    _error(root, "detect.unknown_class", path="00000.txt", obj=2, name="7")
    (root / "labels" / "00000.txt").write_text("0 0.5 0.5 0.2\n")
    _error(root, "detect.yolo_bad_line", path="00000.txt", line=1)
    (root / "labels" / "00000.txt").write_text("0 0.5 0.5 0 0.2\n")
    _error(root, "detect.box_empty", path="00000.txt", obj=1)
    (root / "classes.txt").unlink()
    _error(root, "detect.no_class_names")


def test_xml_size_disagreeing_with_the_image(voc, capsys):
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", 5, 5, 50, 50)], w=640, h=480))
    d = load_detection(voc)
    assert (d.samples[0].width, d.samples[0].height) == (96, 96)
    assert "640x480" in capsys.readouterr().err


def test_corrupt_and_empty_images(voc):
    (voc / "images" / "00001.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    _error(voc, "detect.image_corrupt", path="00001.jpg")
    (voc / "images" / "00001.jpg").write_bytes(b"")
    _error(voc, "detect.image_empty", path="00001.jpg")
    arr = np.asarray(Image.open(voc / "images" / "00000.jpg"))
    Image.fromarray(arr).save(voc / "images" / "00001.jpg")
    data = (voc / "images" / "00001.jpg").read_bytes()
    (voc / "images" / "00001.jpg").write_bytes(data[: len(data) // 2])  # truncated mid-scan
    _error(voc, "detect.image_corrupt", path="00001.jpg")


def test_malformed_xml(voc):
    (voc / "annotations" / "00000.xml").write_text("<annotation><object><name>rojo</name></annotation>")
    _error(voc, "detect.xml_bad", path="00000.xml")
    (voc / "annotations" / "00000.xml").write_text(_xml([]).replace("<annotation>", "<anotacion>", 1)
                                                   .replace("</annotation>", "</anotacion>"))
    _error(voc, "detect.xml_not_voc", path="00000.xml")
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", "a", 1, 9, 9)]))
    _error(voc, "detect.xml_number", path="00000.xml", tag="xmin")
    no_box = _xml([]).replace("</size>", "</size><object><name>x</name></object>")
    (voc / "annotations" / "00000.xml").write_text(no_box)
    _error(voc, "detect.xml_missing", tag="bndbox")


def test_external_entity_is_refused(voc, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("rojo")
    head = f'<?xml version="1.0"?><!DOCTYPE annotation [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    (voc / "annotations" / "00000.xml").write_text(_xml([("&xxe;", 1, 1, 9, 9)], head=head))
    _error(voc, "detect.xml_forbidden", path="00000.xml")


def test_billion_laughs_is_refused(voc):
    lol = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    head = f'<?xml version="1.0"?><!DOCTYPE annotation [<!ENTITY lol0 "lol">{lol}]>'
    (voc / "annotations" / "00000.xml").write_text(_xml([("&lol9;", 1, 1, 9, 9)], head=head))
    _error(voc, "detect.xml_forbidden", path="00000.xml")


def test_missing_empty_and_unrecognised_folders(tmp_path):
    _error(tmp_path / "nada", "detect.no_folder")
    (tmp_path / "vacía").mkdir()
    _error(tmp_path / "vacía", "detect.unknown_format")
    root = voc_folder(tmp_path / "v", 2)
    for f in (root / "annotations").iterdir():
        f.write_text(_xml([], filename=f.stem + ".jpg"))
    _error(root, "detect.no_objects")
