"""The article's layout (one sub-folder per class) and Fashion-MNIST, as uint8 tensors with seeded stratified splits."""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from aprende.core import budgets
from aprende.core.console import progress, quietly, warn
from aprende.core.errors import AprendeError
from aprende.core.images import FORMATS, GRAY_MODES, is_gray, open_image, to_array
from aprende.core.runs import atomic_write_text, read_text
from aprende.core.walk import check_name, inside, walk_files
from aprende.datasets.fashion import load_fashion

JUNK = {"thumbs.db", "desktop.ini"}
MIN_PER_CLASS = 10  # enough for at least one image of each class in every split


@dataclass
class ImageData:
    """Images (N, C, H, W) uint8, labels, class names, and the split each image belongs to."""

    x: torch.Tensor
    y: torch.Tensor
    classes: list[str]
    source: str
    flips: bool = False
    files: list[str] = field(default_factory=list)  # relative paths, for folder data sets
    splits: dict[str, np.ndarray] = field(default_factory=dict)  # "train" | "val" | "test" -> indices

    def part(self, name: str) -> tuple[torch.Tensor, torch.Tensor]:
        idx = torch.as_tensor(self.splits[name])
        return self.x[idx], self.y[idx]


def _collate(name: str) -> str:
    """Alphabetical order as a Spanish reader expects it: "círculo" before "cuadrado"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def scan_folder(root: str | Path) -> tuple[list[Path], list[int], list[str]]:
    """Walk one sub-folder per class (without recursion, to a bounded depth, never out of the data folder through a
    symlink); every image gets the label of its own class folder."""
    root = Path(root)
    if not root.exists():
        raise AprendeError("vision.no_folder", path=str(root))
    if not root.is_dir():
        raise AprendeError("vision.not_folder", path=str(root))
    real_root = Path(os.path.realpath(root))
    class_dirs = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                         and (not p.is_symlink() or inside(p, real_root))), key=lambda p: (_collate(p.name), p.name))
    budgets.check("classes", len(class_dirs), str(root))
    for folder in class_dirs:
        check_name(folder, root)
    if not class_dirs:
        raise AprendeError("vision.no_classes", path=str(root))
    if len(class_dirs) == 1:
        raise AprendeError("vision.one_class", path=str(root), name=class_dirs[0].name)
    files, labels = [], []
    for label, folder in enumerate(class_dirs):
        for f in walk_files(folder):
            files.append(f)
            labels.append(label)
    return files, labels, [d.name for d in class_dirs]


def load_folder(root: str | Path, img_size: tuple[int, int] | None = None, skip_bad: bool = False,
                min_per_class: int = MIN_PER_CLASS, channels: int | None = None) -> ImageData:
    """Read, validate and convert a folder-per-class data set; a bad file stops it unless skip_bad."""
    root = Path(root)
    files, labels, classes = scan_folder(root)
    heads = [_peek(f) for f in files]  # sizes and modes from the headers: nothing decoded yet
    budgets.check("folder_pixels", sum(w * h for w, h, _ in heads), str(root))
    size = tuple(img_size) if img_size else _common_size(heads)
    if channels is None and all(mode in GRAY_MODES for _, _, mode in heads):
        channels = 1
    if size:  # what the folder becomes, (N, C, H, W) uint8, before any image is decoded (C = 3 unless all grey)
        budgets.check("image_values", len(files) * (channels or 3) * size[0] * size[1], str(root),
                      images=len(files), size=f"{size[0]}x{size[1]}")
    arrays, grays, keep, bad = [], [], [], []
    with quietly(len(files) < 2000), progress() as bar:  # a bar only where reading takes a while
        task = bar.add_task(str(root), total=len(files), info="")
        for f, label in zip(files, labels):
            try:
                im = open_image(f)  # one decoded image at a time: resized, kept as uint8, let go
                size = size or (im.height, im.width)
                grays.append(channels is not None or is_gray(im))
                arrays.append(to_array(im, channels or 3, size))
                keep.append(label)
                del im
            except AprendeError as exc:
                if not skip_bad:
                    raise
                bad.append((f, exc))
            bar.advance(task)
    if bad:
        warn("vision.skipped", n=len(bad), first=", ".join(str(f.relative_to(root)) for f, _ in bad[:3]))
    counts = Counter(keep)
    for label, name in enumerate(classes):
        if counts[label] < min_per_class:
            raise AprendeError("vision.too_few", path=str(root / name), n=counts[label], needed=min_per_class)
    if channels is None:  # kept as RGB; a set of greys (R = G = B) keeps one channel, as "L" would give
        channels = 1 if all(grays) else 3
        arrays = [a[:1] for a in arrays] if channels == 1 else arrays
    x = torch.from_numpy(np.stack(arrays))  # (N, C, H, W)
    skipped = {f for f, _ in bad}
    kept = [f for f in files if f not in skipped]
    return ImageData(x, torch.tensor(keep, dtype=torch.int64), classes, str(root), flips=True,
                     files=[str(f.relative_to(root)) for f in kept])


def _peek(path: Path) -> tuple[int, int, str]:
    """(width, height, mode) from an image's header alone; (0, 0, "") when it cannot be read (reported later)."""
    try:
        with Image.open(path, formats=FORMATS) as im:
            return im.width, im.height, im.mode
    except Exception:  # noqa: BLE001 (any failure is open_image's to report, with its own message)
        return 0, 0, ""


def _common_size(heads: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The most common (height, width) of the readable images (None when none is: the first decoded decides)."""
    sizes = Counter((h, w) for w, h, _ in heads if w and h)
    return sizes.most_common(1)[0][0] if sizes else None


def stratified_splits(y: np.ndarray, seed: int, test: float = 0.2, val: float = 0.1,
                      fixed_test: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Per class, seeded: `test` and `val` shares of the images (at least one each), the rest for training. With a
    given test part (Fashion-MNIST's official one, or a --test-data folder) `val` is the share of the rest."""
    rng = np.random.default_rng(seed)
    parts: dict[str, list] = {"train": [], "val": [], "test": []}
    pool = np.setdiff1d(np.arange(len(y)), fixed_test) if fixed_test is not None else np.arange(len(y))
    for c in np.unique(y[pool]):
        idx = rng.permutation(pool[y[pool] == c])
        n_test = 0 if fixed_test is not None else max(1, int(round(test * len(idx))))
        n_val = max(1, int(round(val * len(idx))))
        parts["test"] += list(idx[:n_test])
        parts["val"] += list(idx[n_test : n_test + n_val])
        parts["train"] += list(idx[n_test + n_val :])
    if fixed_test is not None:
        parts["test"] = list(fixed_test)
    return {k: np.sort(np.asarray(v, dtype=np.int64)) for k, v in parts.items()}


def with_test_folder(d: ImageData, folder: str | Path, skip_bad: bool = False) -> tuple[ImageData, np.ndarray]:
    """`d` with every image of another folder-per-class set appended (at d's size and channels, its class names
    among d's): the positions of the appended images, which are the test part."""
    other = load_folder(folder, tuple(d.x.shape[2:]), skip_bad, min_per_class=1, channels=int(d.x.shape[1]))
    unknown = [c for c in other.classes if c not in d.classes]
    if unknown:
        raise AprendeError("vision.unknown_class", name=unknown[0], classes=", ".join(d.classes))
    y = torch.tensor([d.classes.index(other.classes[int(i)]) for i in other.y], dtype=torch.int64)
    n = len(d.y)
    both = ImageData(torch.cat([d.x, other.x]), torch.cat([d.y, y]), d.classes, d.source, d.flips,
                     d.files + other.files)
    return both, np.arange(n, n + len(y))


def load_fashion_data(seed: int = 0, val: float = 0.1) -> ImageData:
    """Fashion-MNIST (or its fallback) with the official test set as the test split, `val` of the rest to validate."""
    a = load_fashion()
    x = torch.from_numpy(np.concatenate([a.x_train, a.x_test]))[:, None]  # (N, 1, 28, 28)
    y = np.concatenate([a.y_train, a.y_test])
    data = ImageData(x, torch.from_numpy(y), a.classes, a.source, flips=a.flips)
    data.splits = stratified_splits(y, seed, val=val, fixed_test=np.arange(len(a.y_train), len(y)))
    return data


def write_splits(run_dir: Path, d: ImageData) -> None:
    """splits/{train,val,test}.txt: relative path (or index for Fashion-MNIST) and class, one per line."""
    for part, idx in d.splits.items():
        names = [d.files[i] for i in idx] if d.files else [str(i) for i in idx]
        lines = [f"{n}\t{d.classes[int(d.y[i])]}" for n, i in zip(names, idx)]
        atomic_write_text(Path(run_dir) / "splits" / f"{part}.txt", "\n".join(lines) + "\n")


def read_split(run_dir: Path, part: str) -> list[tuple[str, str]]:
    """One of the run's saved splits: (relative path or index, class) per image."""
    path = Path(run_dir) / "splits" / f"{part}.txt"
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    try:
        rows = [tuple(ln.split("\t", 1)) for ln in read_text(path).split("\n") if ln]
    except UnicodeDecodeError:
        rows = [()]
    if any(len(r) != 2 for r in rows):
        raise AprendeError("run.bad_file", path=str(path))
    return rows
