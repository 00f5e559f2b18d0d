"""Reading annotated images: Pascal VOC XML folders (the article's format) and YOLO txt folders, one in-memory form.

Every problem a user can fix names the file and the object: a box outside the image is clipped (with a warning)
or rejected when nothing remains, an empty box or an unknown class is an error, an image without annotation is a
negative (allowed), an annotation without image is an error, and when the XML disagrees with the image about its
size the image wins (with a warning). XML is parsed only with defusedxml: no external entities, no entity bombs.
A number that is not finite (nan, inf, 1e400) and a file that is not UTF-8 are errors too: no NaN box reaches training.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from PIL import Image

from aprende.core import budgets, text
from aprende.core.console import warn
from aprende.core.errors import AprendeError
from aprende.core.images import IMAGE_SUFFIXES, open_image, to_rgb
from aprende.core.walk import walk_files
from aprende.datasets import registry

VOC_ANNOTATION_DIRS = ("annotations", "Annotations", "annotation")
IMAGE_DIRS = ("images", "JPEGImages", "imgs")
from aprende.detection.settings import FORMATS  # noqa: E402


@dataclass
class Sample:
    """One image and its objects; boxes are (N, 4) xmin, ymin, xmax, ymax in pixels, labels (N,) class indices."""

    image: Path
    width: int
    height: int
    boxes: np.ndarray
    labels: np.ndarray


@dataclass
class DetectionData:
    root: Path
    format: str
    classes: list[str]
    samples: list[Sample] = field(default_factory=list)

    @property
    def n_boxes(self) -> int:
        return sum(len(s.labels) for s in self.samples)

    def all_boxes(self) -> np.ndarray:
        """(M, 4) every box of the set, for anchors and statistics."""
        boxes = [s.boxes for s in self.samples if len(s.boxes)]
        return np.concatenate(boxes) if boxes else np.zeros((0, 4), np.float32)


IMAGE_ERRORS = {"image.empty": "detect.image_empty", "image.corrupt": "detect.image_corrupt",
                "image.not_image": "detect.image_corrupt", "image.missing": "detect.no_source",
                "image.too_large": "detect.image_too_big"}  # core's keys, in this lab's words (no --skip-bad here)


def open_picture(path: Path | bytes, name: str | None = None, **limits) -> Image.Image:
    """An image through core.images.open_image (allowed formats, pixels counted before decoding), as RGB."""
    try:
        return to_rgb(open_image(path, name, **limits))
    except AprendeError as exc:
        if exc.key not in IMAGE_ERRORS:
            raise
        raise AprendeError(IMAGE_ERRORS[exc.key], **exc.params) from None


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) of an image after decoding it fully, so a corrupt file is caught here and not mid-training."""
    return open_picture(path).size


def read_utf8(path: Path) -> str:
    """A text file (labels, class names) that must be UTF-8 text (core.text: in chunks, within the text budget, no
    binary); other bytes name the line to fix."""
    return text.read_utf8(path, missing="detect.no_source", not_utf8="detect.not_utf8")


def _sub(root: Path, names) -> Path | None:
    return next((root / n for n in names if (root / n).is_dir()), None)


def _images_in(folder: Path, recursive: bool = False) -> list[Path]:
    if recursive:  # core.walk: no recursion, a bounded depth, never out of the folder through a symlink
        return walk_files(folder, IMAGE_SUFFIXES, hidden=True)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def _check_counts(data: DetectionData, source: str) -> None:
    """The classes and the boxes of the whole set within their budgets, before any tensor is made."""
    budgets.check("classes", len(data.classes), source)
    budgets.check("boxes", data.n_boxes, str(data.root))


def _read_class_file(root: Path) -> tuple[list[str], Path] | None:
    """Class names from classes.txt (one a line) or data.yaml (`names:` list or {index: name})."""
    for path in (root / "classes.txt", root / "labels" / "classes.txt"):
        if path.is_file():
            names = [ln.strip() for ln in read_utf8(path).splitlines() if ln.strip()]
            budgets.check("classes", len(names), str(path))
            return names, path
    for path in (root / "data.yaml", root / "data.yml"):
        if path.is_file():
            try:
                names = (yaml.safe_load(read_utf8(path)) or {}).get("names")
                if isinstance(names, dict):
                    names = [names[k] for k in sorted(names)]
            except (yaml.YAMLError, AttributeError, TypeError):  # TypeError: keys that do not sort (0 and "a")
                names = None
            if not isinstance(names, list) or not names:
                raise AprendeError("detect.bad_yaml", path=str(path))
            budgets.check("classes", len(names), str(path))
            return [str(n) for n in names], path
    return None


def check_box(box, width: int, height: int, where: str, obj: int, name: str) -> np.ndarray:
    """A box inside the image: clipped with a warning when it sticks out, an error when empty or fully outside."""
    x0, y0, x1, y1 = (float(v) for v in box)
    shown = f"{x0:g},{y0:g},{x1:g},{y1:g}"
    if not all(map(math.isfinite, (x0, y0, x1, y1))):
        raise AprendeError("detect.box_not_finite", path=where, obj=obj, name=name, box=shown)
    if x1 <= x0 or y1 <= y0:
        raise AprendeError("detect.box_empty", path=where, obj=obj, name=name, box=shown)
    cx0, cy0, cx1, cy1 = max(x0, 0.0), max(y0, 0.0), min(x1, float(width)), min(y1, float(height))
    if cx1 - cx0 < 1.0 or cy1 - cy0 < 1.0:
        raise AprendeError("detect.box_outside", path=where, obj=obj, name=name, box=shown, w=width, h=height)
    if (cx0, cy0, cx1, cy1) != (x0, y0, x1, y1):
        warn("detect.box_clipped", path=where, obj=obj, name=name, box=shown, w=width, h=height)
    return np.array([cx0, cy0, cx1, cy1], dtype=np.float32)


def _text(node, tag: str, path: Path, obj: int | str):
    child = node.find(tag)
    if child is None or child.text is None or not child.text.strip():
        raise AprendeError("detect.xml_missing", path=str(path), obj=obj, tag=tag)
    return child.text.strip()


def _number(node, tag: str, path: Path, obj: int | str) -> float:
    value = _text(node, tag, path, obj)
    try:
        number = float(value)
    except ValueError:
        raise AprendeError("detect.xml_number", path=str(path), obj=obj, tag=tag, value=value[:40]) from None
    if not math.isfinite(number):  # nan, inf, 1e400: int() would overflow and a box would turn NaN
        raise AprendeError("detect.xml_not_finite", path=str(path), obj=obj, tag=tag, value=value[:40])
    return number


XML_ENCODING = re.compile(rb"\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']*)[\"']")


def _xml_bytes(path: Path) -> bytes:
    """The file's bytes (within the text budget; no NUL unless UTF-16); without an encoding declaration (or a UTF-16
    BOM) they must be UTF-8, as XML says."""
    text.check_size(path)
    budgets.check("xml_bytes", path.stat().st_size, str(path))  # an ElementTree takes ~50x its file: bound it first
    with path.open("rb") as fh:
        utf16 = fh.read(2) in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
    raw = path.read_bytes() if utf16 else text.read_bytes(path, missing="detect.no_source")
    budgets.check("boxes_per_image", raw.count(b"<object"), str(path))  # before the tree is built
    if XML_ENCODING.match(raw) or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AprendeError("detect.not_utf8", path=str(path), line=raw[:exc.start].count(b"\n") + 1) from None
    return raw


def parse_voc(path: Path) -> tuple[str | None, tuple[int, int] | None, list[tuple[str, list[float]]]]:
    """(filename, (width, height) or None, [(class name, [xmin, ymin, xmax, ymax]), ...]) of one VOC file."""
    try:
        root = parse_xml(_xml_bytes(path), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise AprendeError("detect.xml_forbidden", path=str(path), reason=type(exc).__name__) from None
    except (ParseError, LookupError, ValueError) as exc:  # LookupError, ValueError: a declared encoding expat lacks
        raise AprendeError("detect.xml_bad", path=str(path), reason=str(exc)[:200]) from None
    if root.tag != "annotation":
        raise AprendeError("detect.xml_not_voc", path=str(path), tag=root.tag)
    filename = root.findtext("filename")
    size = None
    node = root.find("size")
    if node is not None and node.find("width") is not None:
        size = (int(_number(node, "width", path, "size")), int(_number(node, "height", path, "size")))
    objects = []
    found = root.findall("object")
    budgets.check("boxes_per_image", len(found), str(path))
    for i, obj in enumerate(found, start=1):
        name = _text(obj, "name", path, i)
        bnd = obj.find("bndbox")
        if bnd is None:
            raise AprendeError("detect.xml_missing", path=str(path), obj=i, tag="bndbox")
        objects.append((name, [_number(bnd, tag, path, i) for tag in ("xmin", "ymin", "xmax", "ymax")]))
    return (filename.strip() if filename else None), size, objects


def read_voc(root: Path) -> DetectionData:
    """A VOC folder: annotations/ (or Annotations/, annotation/, or the folder itself) and images/ (or JPEGImages/)."""
    ann_dir = _sub(root, VOC_ANNOTATION_DIRS) or root
    img_dir = _sub(root, IMAGE_DIRS) or root
    images = {p.stem: p for p in _images_in(img_dir)}
    by_name = {p.name: p for p in images.values()}
    known = _read_class_file(root)
    parsed, total = {}, 0
    for xml in sorted(ann_dir.glob("*.xml")):
        filename, size, objects = parse_voc(xml)
        total += len(objects)
        budgets.check("boxes", total, str(root))  # as the files are read, not after all of them
        image = images.get(xml.stem) or by_name.get(Path(filename or "").name)
        if image is None:
            raise AprendeError("detect.no_image_for", path=str(xml), name=filename or xml.stem + ".*",
                               folder=str(img_dir))
        if image in parsed:  # the later one silently winning would drop the first one's boxes
            raise AprendeError("detect.two_annotations", path=str(parsed[image][0]), other=str(xml),
                               image=str(image))
        parsed[image] = (xml, size, objects)
    if not parsed:
        raise AprendeError("detect.no_annotations", path=str(ann_dir))
    classes = known[0] if known else sorted({name for _, _, objs in parsed.values() for name, _ in objs})
    budgets.check("classes", len(classes), str(known[1]) if known else str(ann_dir))
    index = {c: i for i, c in enumerate(classes)}
    data = DetectionData(Path(root), "voc", classes)
    for image in sorted(images.values()):
        w, h = image_size(image)
        if image not in parsed:
            data.samples.append(Sample(image, w, h, np.zeros((0, 4), np.float32), np.zeros(0, np.int64)))
            continue
        xml, size, objects = parsed[image]
        if size is not None and size != (w, h) and size != (0, 0):
            warn("detect.size_mismatch", path=str(xml), xml_w=size[0], xml_h=size[1], w=w, h=h)
        boxes, labels = [], []
        for i, (name, box) in enumerate(objects, start=1):
            if name not in index:
                raise AprendeError("detect.unknown_class", path=str(xml), obj=i, name=name,
                                   source=str(known[1]) if known else str(root), choices=", ".join(classes))
            boxes.append(check_box(box, w, h, str(xml), i, name))
            labels.append(index[name])
        data.samples.append(_sample(image, w, h, boxes, labels))
    _check_counts(data, str(known[1]) if known else str(ann_dir))
    return data


def count_lines(path: Path, chunk: int = 2**20) -> int:
    """Lines holding more than white space, read in chunks of bytes (a line cut by a chunk's end counts once)."""
    text.check_size(path)
    n, open_line = 0, False  # open_line: the chunk so far ends inside a line that already has a character
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            parts = block.split(b"\n")  # (L + 1,) pieces: L whole lines, then the start of the next
            if len(parts) > 1:
                n += bool(open_line or parts[0].strip()) + sum(map(bool, map(bytes.strip, parts[1:-1])))
                open_line = False
            open_line = open_line or bool(parts[-1].strip())
    return n + open_line


def _sample(image: Path, w: int, h: int, boxes: list, labels: list) -> Sample:
    return Sample(image, w, h, np.array(boxes, np.float32).reshape(-1, 4), np.array(labels, np.int64))


def read_yolo(root: Path) -> DetectionData:
    """A YOLO folder: images/…, labels/… (same relative path, .txt: `class cx cy w h`, normalised), class names."""
    img_dir = _sub(root, IMAGE_DIRS) or root
    lbl_dir = root / "labels"
    known = _read_class_file(root)
    if known is None:
        raise AprendeError("detect.no_class_names", path=str(root))
    classes, source = known
    images = _images_in(img_dir, recursive=True)
    stems = {(lbl_dir / p.relative_to(img_dir)).with_suffix(".txt") for p in images}
    for txt in walk_files(lbl_dir, {".txt"}, hidden=True) if lbl_dir.is_dir() else []:
        if txt not in stems and txt.name != "classes.txt":
            raise AprendeError("detect.no_image_for", path=str(txt), name=txt.stem + ".*", folder=str(img_dir))
    data, total = DetectionData(Path(root), "yolo", classes), 0
    for image in images:
        txt = (lbl_dir / image.relative_to(img_dir)).with_suffix(".txt")
        n_lines = count_lines(txt) if txt.is_file() else 0
        budgets.check("boxes_per_image", n_lines, str(txt))  # counted in chunks: the file is not read as text yet
        total += n_lines
        budgets.check("boxes", total, str(root))
        w, h = image_size(image)
        boxes, labels = [], []
        lines = read_utf8(txt).splitlines() if txt.is_file() else []
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            parts = line.split()
            try:
                cls, cx, cy, bw, bh = int(parts[0]), *(float(v) for v in parts[1:5])
                if len(parts) != 5:
                    raise ValueError
            except (ValueError, IndexError):
                raise AprendeError("detect.yolo_bad_line", path=str(txt), line=n, text=line.strip()[:60]) from None
            if not 0 <= cls < len(classes):
                raise AprendeError("detect.unknown_class", path=str(txt), obj=n, name=str(cls),
                                   source=str(source), choices=", ".join(f"{i}={c}" for i, c in enumerate(classes)))
            box = [(cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h]
            boxes.append(check_box(box, w, h, str(txt), n, classes[cls]))
            labels.append(cls)
        data.samples.append(_sample(image, w, h, boxes, labels))
    _check_counts(data, str(source))
    return data


def guess_format(root: Path) -> str:
    """voc when there are .xml annotations, yolo when there is a labels/ folder."""
    ann_dir = _sub(root, VOC_ANNOTATION_DIRS) or root
    if any(ann_dir.glob("*.xml")):
        return "voc"
    if (root / "labels").is_dir():
        return "yolo"
    raise AprendeError("detect.unknown_format", path=str(root))


def load_detection(root: str | Path, format: str | None = None) -> DetectionData:
    """Read and validate an annotated folder; raises AprendeError naming the file and object on bad input."""
    root = Path(root)
    if not root.is_dir():
        raise AprendeError("detect.no_folder", path=str(root))
    format = format or guess_format(root)
    if format not in FORMATS:
        raise AprendeError("detect.unknown_format", path=str(root))
    data = read_voc(root) if format == "voc" else read_yolo(root)
    if not data.samples:
        raise AprendeError("detect.no_images", path=str(root))
    if data.n_boxes == 0:
        raise AprendeError("detect.no_objects", path=str(root))
    return data


def open_data(data: str | Path | None, dataset: str | None, format: str | None = None) -> DetectionData:
    """--data DIR (the user's folder) or --dataset NAME (default lego, generated on first use)."""
    if data is not None:
        return load_detection(data, format)
    ds = registry.get(dataset or "lego")
    if ds.lab != "detect":
        raise AprendeError("detect.not_detection", name=ds.name, lab=ds.lab)
    folder = ds.cached() or registry.download(ds.name)
    return load_detection(folder, "voc")
