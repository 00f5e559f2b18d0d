"""Hostile annotations, labels, images and ONNX files: each one an AprendeError naming the file, never a traceback or
a NaN box that reaches training."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from PIL import Image

from aprende.core.errors import AprendeError
from aprende.detection.data import load_detection
from tests.detection.builders import fake_run, voc_folder, yolo_folder
from tests.helpers import detection_error as _error
from tests.helpers import refuses
from tests.helpers import voc_xml as _xml


@pytest.mark.parametrize("value", ["inf", "-inf", "1e400", "nan", "NaN"])
def test_voc_size_not_finite(voc, value):
    xml = _xml([("rojo", 5, 5, 50, 50)]).replace("<width>96</width>", f"<width>{value}</width>")
    (voc / "annotations" / "00000.xml").write_text(xml)
    e = _error(voc, "detect.xml_not_finite", path="00000.xml", tag="width")
    assert value in e.message()


@pytest.mark.parametrize("box", [("nan", 5, 50, 50), (5, 5, "nan", 50), (5, "inf", 50, 60), (5, 5, 50, "1e999")])
def test_voc_box_not_finite(voc, box):
    (voc / "annotations" / "00000.xml").write_text(_xml([("rojo", *box)]))
    _error(voc, "detect.xml_not_finite", path="00000.xml", obj=1)


def test_voc_not_utf8_and_unknown_encoding(voc):
    xml = voc / "annotations" / "00000.xml"
    xml.write_bytes(_xml([("rojo", 5, 5, 50, 50)]).replace("rojo", "ro\xf1o").encode("latin-1"))
    e = _error(voc, "detect.not_utf8", path="00000.xml", line=1)
    assert "UTF-8" in e.message()
    xml.write_bytes(b'<?xml version="1.0" encoding="latin-1"?>' + _xml([("rojo", 5, 5, 50, 50)]).encode("latin-1"))
    assert load_detection(voc).n_boxes > 0  # a declared encoding is honoured
    xml.write_bytes(b'<?xml version="1.0" encoding="no-such-codec"?>' + _xml([("rojo", 5, 5, 50, 50)]).encode())
    _error(voc, "detect.xml_bad", path="00000.xml")


def test_yolo_not_utf8(tmp_path):
    root = yolo_folder(tmp_path / "y", 2)
    (root / "labels" / "00000.txt").write_bytes(b"0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2 \xff\xfe\n")
    _error(root, "detect.not_utf8", path="00000.txt", line=2)
    (root / "labels" / "00000.txt").write_text("0 0.5 0.5 0.2 0.2\n")
    (root / "classes.txt").write_bytes("rojo\nazul\n".encode("utf-16"))
    _error(root, "detect.not_utf8", path="classes.txt")


@pytest.mark.parametrize("line", ["0 nan 0.5 0.2 0.2", "0 0.5 0.5 inf 0.2", "0 0.5 0.5 0.2 -nan",
                                  "0 1e308 0.5 1e308 0.2"])
def test_yolo_coordinates_not_finite(tmp_path, line):
    root = yolo_folder(tmp_path / "y", 2)
    (root / "labels" / "00000.txt").write_text(line + "\n")
    _error(root, "detect.box_not_finite", path="00000.txt", obj=1)


def test_data_yaml_with_keys_that_do_not_sort(tmp_path):
    root = yolo_folder(tmp_path / "y", 2)
    (root / "classes.txt").unlink()
    (root / "data.yaml").write_text("names:\n  0: rojo\n  a: azul\n")
    _error(root, "detect.bad_yaml", path="data.yaml")


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels: the size is known before any pixel is decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_image_too_large_is_refused_before_decoding(voc):
    (voc / "images" / "00001.png").write_bytes(_png_claiming(9000, 9000))  # 81 Mpx: under Pillow's own bomb limit
    (voc / "annotations" / "00001.xml").unlink()
    e = _error(voc, "detect.image_too_big", path="00001.png")
    assert "9000×9000" in e.message()


def test_image_format_outside_the_allow_list(voc):
    Image.open(voc / "images" / "00001.jpg").save(voc / "images" / "00001.png", format="ICO")  # Pillow reads ICO
    (voc / "annotations" / "00001.xml").unlink()
    _error(voc, "detect.image_corrupt", path="00001.png")


def _with_meta(tmp_path, **change):
    import onnx

    from aprende.detection.export import export_onnx
    from aprende.detection.runtime import ONNX_META_KEY

    path = export_onnx(fake_run(tmp_path / "run"), tmp_path / "ok.onnx")
    proto = onnx.load(str(path))
    entry = next(p for p in proto.metadata_props if p.key == ONNX_META_KEY)
    entry.value = json.dumps({**json.loads(entry.value), **change})
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(proto.SerializeToString())
    return bad


@pytest.mark.parametrize("stride", ["treinta y dos", None, [32], 0, 1.5, True])
def test_onnx_stride_not_a_number(tmp_path, capsys, stride):
    from aprende.detection.runtime import onnx_detector

    bad = _with_meta(tmp_path, stride=stride)
    with pytest.raises(AprendeError) as exc:
        onnx_detector(bad)
    assert exc.value.key == "detect.onnx_no_meta" and "bad.onnx" in exc.value.message()
    img = voc_folder(tmp_path / "lego", 1) / "images" / "00000.jpg"
    refuses(capsys, ["detect", "predict", "--weights", bad, "--source", img, "--project", tmp_path / "runs"],
            "bad.onnx", empty=tmp_path / "runs", quiet_out=True)


def test_bad_image_through_the_server_opener():
    """The server's detect route opens uploads through the same checks, with the server's lower pixel limit."""
    from aprende.core.images import SERVER_MAX_PIXELS
    from aprende.detection.data import open_picture

    with pytest.raises(AprendeError) as exc:
        open_picture(_png_claiming(5000, 5000), "subida.png", max_pixels=SERVER_MAX_PIXELS)
    assert exc.value.key == "detect.image_too_big" and "subida.png" in exc.value.message()
