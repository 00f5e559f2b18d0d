"""Property tests for the VOC XML and YOLO label readers: a valid file, mutated; the only outcomes allowed are
success (with finite boxes inside the image) or an AprendeError. APRENDE_FUZZ sets how many files are tried."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from aprende.core.errors import AprendeError
from aprende.detection.data import load_detection

EXAMPLES = int(os.environ.get("APRENDE_FUZZ", 25))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOKENS = [b"nan", b"inf", b"-inf", b"1e400", b"-1", b"0", b"", b"\xff\xfe", b"\x00", b"<", b"&", b"]]>", b"\n",
          b"1e308", b"9" * 40, "ñ".encode(), "ñ".encode("latin-1"), b"<object>", b"</annotation>", b"&amp;"]
VOC = (b'<annotation><filename>a.png</filename><size><width>64</width><height>48</height><depth>3</depth></size>'
       b'<object><name>rojo</name><bndbox><xmin>4</xmin><ymin>5</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>'
       b'<object><name>azul</name><bndbox><xmin>20</xmin><ymin>2</ymin><xmax>60</xmax><ymax>20</ymax></bndbox></object>'
       b'</annotation>')
YOLO = b"0 0.25 0.5 0.3 0.4\n1 0.6 0.3 0.5 0.2\n"


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """Up to three edits: delete a slice, insert a token or random bytes, or overwrite a slice."""
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(data)))
        j = draw(st.integers(i, min(len(data), i + 12)))
        new = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=6)))
        data = draw(st.sampled_from([data[:i] + data[j:], data[:i] + new + data[i:], data[:i] + new + data[j:]]))
    return data


def _folder(kind: str) -> Path:
    """A one-image annotated folder (64 x 48), VOC or YOLO, in a fresh temporary directory."""
    root = Path(tempfile.mkdtemp(prefix=f"aprende-fuzz-{kind}-"))
    (root / "images").mkdir()
    Image.new("RGB", (64, 48), (120, 90, 60)).save(root / "images" / "a.png")
    (root / "classes.txt").write_text("rojo\nazul\n", encoding="utf-8")
    (root / ("annotations" if kind == "voc" else "labels")).mkdir()
    return root


def _read(root: Path, fmt: str) -> None:
    try:
        data = load_detection(root, fmt)
    except AprendeError as exc:
        assert str(root) in exc.message()  # the message renders, naming the file (or folder) to fix
        event("refused")
        return
    event("read")
    for s in data.samples:
        assert np.isfinite(s.boxes).all()
        assert (s.boxes[:, :2] >= 0).all() and (s.boxes[:, 2] <= s.width).all() and (s.boxes[:, 3] <= s.height).all()
        assert (s.boxes[:, 2:] > s.boxes[:, :2]).all()


def test_the_unmutated_files_are_read():
    for kind, name, text in (("voc", "annotations/a.xml", VOC), ("yolo", "labels/a.txt", YOLO)):
        root = _folder(kind)
        (root / name).write_bytes(text)
        assert load_detection(root, kind).n_boxes == 2
        shutil.rmtree(root)


@FUZZ
@given(mutated(VOC))
def test_voc_xml_mutations(xml):
    root = _folder("voc")
    try:
        (root / "annotations" / "a.xml").write_bytes(xml)
        _read(root, "voc")
    finally:
        shutil.rmtree(root)


@FUZZ
@given(mutated(YOLO))
def test_yolo_label_mutations(label):
    root = _folder("yolo")
    try:
        (root / "labels" / "a.txt").write_bytes(label)
        _read(root, "yolo")
    finally:
        shutil.rmtree(root)
