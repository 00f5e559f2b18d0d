"""The budgets of inputs as a whole, in one place: totals (pixels of a folder, boxes, classes, series × days, bytes
of a text) and the sizes a run folder's files may ask for, checked before the work that grows with them. The
defaults fit a laptop; the server runs its calls under tighter ones (`tightened(SERVER)`)."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from aprende.core.errors import AprendeError


@dataclass(frozen=True)
class Budgets:
    """Each field is the most one input may hold; a value above it is refused naming the file, before allocating."""

    folder_pixels: int = 20_000_000_000  # decoded pixels of a whole image folder (each image is resized, then kept)
    image_values: int = 400_000_000  # bytes of a loaded image folder, images × channels × height × width (training
    # holds about seven times that: float copies, statistics, batches)
    boxes: int = 5_000_000  # boxes in a whole detection data set
    boxes_per_image: int = 10_000  # boxes in one label file
    classes: int = 10_000  # classes of an image or detection data set
    series_days: int = 10_000_000  # cells of a long CSV's series × days table, checked before it is built
    series: int = 100_000  # series (ids) in a long CSV
    csv_rows: int = 2_000_000  # rows of one CSV, counted before they are split (each costs ~300 bytes as fields)
    text_bytes: int = 512 * 2**20  # one text, TSV, CSV, label or XML file, read in chunks
    xml_bytes: int = 32 * 2**20  # one VOC annotation (10,000 objects take about 2 MB), before it is parsed
    run_file_bytes: int = 64 * 2**20  # one model.json, config.yaml or tokenizer.json of a run folder
    params: int = 500_000_000  # parameters a run's model.json may describe (2 GB as float32)
    img_size: int = 4096  # an image side a run's model.json may ask for
    members: int = 64  # ensemble members in a run's model.json
    layers: int = 256  # layers of a run's model
    heads: int = 1024  # attention heads
    width: int = 1_000_000  # any single width, vocabulary or context length in a run's files


SERVER = Budgets(folder_pixels=200_000_000, image_values=200_000_000, boxes=200_000, boxes_per_image=2_000,
                 classes=1_000,
                 series_days=1_000_000, series=5_000, csv_rows=1_000_000, text_bytes=16 * 2**20, xml_bytes=4 * 2**20,
                 run_file_bytes=16 * 2**20, params=200_000_000, img_size=2048, members=16)

DEFAULT = Budgets()
_current: contextvars.ContextVar[Budgets | None] = contextvars.ContextVar("aprende_budgets", default=None)


def current() -> Budgets:
    """The budgets in force here (the server's inside its calls, else the defaults)."""
    return _current.get() or DEFAULT


@contextmanager
def tightened(budgets: Budgets | None = None, **changes: int):
    """Within this block each budget is the smaller of the current one and `budgets` / `changes` (never looser)."""
    now = current()
    other = replace(budgets or now, **changes)
    token = _current.set(Budgets(**{f.name: min(getattr(now, f.name), getattr(other, f.name)) for f in fields(now)}))
    try:
        yield current()
    finally:
        _current.reset(token)


def check(name: str, value: int, path: str, **fields_) -> None:
    """Refuse `value` above the current budget `name` (key budget.<name>, naming `path`)."""
    limit = getattr(current(), name)
    if value > limit:
        raise AprendeError(f"budget.{name}", path=str(path), n=f"{value:,}", limit=f"{limit:,}", **fields_)


SIZE_KEYS = {"img_size": ("img_size", 1), "size": ("img_size", 1), "image_size": ("img_size", 1),
             "members": ("members", 1), "depth": ("layers", 0)}  # key -> (budget, least value)


def _rule(key: str) -> tuple[str, int]:
    """Which budget bounds an integer stored under `key`, and its least valid value."""
    if key in SIZE_KEYS:
        return SIZE_KEYS[key]
    if key.endswith("heads"):
        return "heads", 1
    if "layers" in key:
        return "layers", 0
    return "width", -1


def check_run_sizes(config, path: str, key: str = "") -> None:
    """Every number a run's file (model.json, config.yaml, ONNX metadata) holds, within its budget before anything is
    built from it: image sides, members, heads (at least 1), layers, and any other width, count or length."""
    todo = [(key, config, 0)]
    while todo:  # a list, not recursion: a file nested 10,000 deep is just refused as too wide
        key, value, depth = todo.pop()
        if depth > 64:
            raise AprendeError("run.bad_file", path=str(path))
        if isinstance(value, dict):
            todo += [(str(k), v, depth + 1) for k, v in value.items()]
        elif isinstance(value, (list, tuple)):
            if len(value) > current().width:
                raise AprendeError("budget.width", path=str(path), field=key, n=f"{len(value):,}",
                                   limit=f"{current().width:,}")
            todo += [(key, v, depth + 1) for v in value]
        elif isinstance(value, float) and value != value:  # NaN: never a size, never a rate
            raise AprendeError("run.bad_value", path=str(path), field=key, value=value, least="-")
        elif isinstance(value, int) and not isinstance(value, bool):
            name, least = _rule(key)
            if value < least:
                raise AprendeError("run.bad_value", path=str(path), field=key, value=value, least=least)
            check(name, value, str(path), field=key)
