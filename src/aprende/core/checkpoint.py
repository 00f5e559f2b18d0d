"""Checkpoints in safetensors, never pickle: model weights, and for `last` the whole training state."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np
import torch

from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_writer

FORMAT = "aprende"
VERSION = "1"


def _split(prefix: str, obj, tensors: dict, path: str = ""):
    """Move every tensor of a nested dict/list into `tensors`, leaving a JSON-able skeleton with references."""
    if isinstance(obj, torch.Tensor):
        key = f"{prefix}{path}"
        tensors[key] = obj.detach().cpu().contiguous()
        return {"__tensor__": key}
    if isinstance(obj, dict):
        return {"__dict__": [[_split(prefix, k, tensors, f"{path}.k{i}"), _split(prefix, v, tensors, f"{path}.{i}")]
                             for i, (k, v) in enumerate(obj.items())]}
    if isinstance(obj, (list, tuple)):
        return {"__list__": [_split(prefix, v, tensors, f"{path}.{i}") for i, v in enumerate(obj)],
                "tuple": isinstance(obj, tuple)}
    if isinstance(obj, np.ndarray):
        return {"__ndarray__": obj.tolist(), "dtype": str(obj.dtype)}
    if isinstance(obj, (np.integer, np.floating)):
        return obj.item()
    return obj


def _join(skeleton, tensors: dict):
    """Inverse of `_split`."""
    if isinstance(skeleton, dict):
        if "__tensor__" in skeleton:
            return tensors[skeleton["__tensor__"]]
        if "__dict__" in skeleton:
            return {_join(k, tensors): _join(v, tensors) for k, v in skeleton["__dict__"]}
        if "__list__" in skeleton:
            items = [_join(v, tensors) for v in skeleton["__list__"]]
            return tuple(items) if skeleton.get("tuple") else items
        if "__ndarray__" in skeleton:
            return np.array(skeleton["__ndarray__"], dtype=skeleton["dtype"])
    return skeleton


# torch dtype -> safetensors' name for it (the format's header spells dtypes this way)
DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
          torch.bool: "BOOL"}


RANK = {dtype: i for i, dtype in enumerate((torch.bool, torch.uint8, torch.int8, torch.int16, torch.float16,
                                            torch.bfloat16, torch.int32, torch.float32, torch.float64, torch.int64))}


def _write(path: Path, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> None:
    """A safetensors file written tensor by tensor: 8-byte header length, JSON header, then each tensor's bytes.
    safetensors' own `save` builds the whole file in memory first, a second copy of every weight and Adam moment;
    this streams them, so saving costs no memory beyond the tensors themselves."""
    # safetensors' own order (its dtype enum, widest first, then the name): the same file it writes, each tensor aligned
    order = sorted(tensors, key=lambda k: (-RANK.get(tensors[k].dtype, 0), k))
    header: dict = {"__metadata__": metadata}
    offset = 0
    for key in order:
        t = tensors[key]
        if t.dtype not in DTYPES:
            raise TypeError(f"{key}: {t.dtype} has no safetensors name")
        size = t.numel() * t.element_size()
        header[key] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)  # the data starts 8-byte aligned, as safetensors pads it
    with atomic_writer(Path(path)) as fh:
        fh.write(len(raw).to_bytes(8, "little"))
        fh.write(raw)
        for key in order:
            t = tensors[key].reshape(-1)
            if t.numel():
                fh.write(memoryview(t.view(torch.uint8).numpy()))  # the tensor's own bytes: no copy


def save_weights(path: Path, state_dict: dict, meta: dict | None = None) -> None:
    """Model weights only (names as in the model's state_dict), tagged as ours, written atomically."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in state_dict.items()}
    metadata = {"format": FORMAT, "version": VERSION, "kind": "weights", "meta": json.dumps(meta or {})}
    _write(Path(path), tensors, metadata)


def save_state(path: Path, state: dict) -> None:
    """A whole training state (model, optimiser, scheduler, RNGs, counters) in one safetensors file."""
    tensors: dict = {}
    skeleton = _split("s", state, tensors)
    metadata = {"format": FORMAT, "version": VERSION, "kind": "state", "skeleton": json.dumps(skeleton)}
    _write(Path(path), tensors, metadata)


MAX_HEADER = 100 * 2**20  # a header (names, shapes, our skeleton) this long is not one we wrote


def file_sha256(path: Path) -> str:
    """A file's sha256, read in 1 MB blocks (what a run records of the files it was made from)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def raw_header(path: Path, missing: str = "ckpt.missing", bad: str = "ckpt.not_ours") -> tuple[dict, int]:
    """(JSON header, bytes of tensor data) of any safetensors file, from its 8-byte length and header alone: a
    length beyond the file or a header that is not a JSON object is `bad`, before a byte of data is read."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError(missing, path=str(path))
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(8)
        header_len = int.from_bytes(head, "little") if len(head) == 8 else -1
        if not 2 <= header_len <= min(size - 8, MAX_HEADER):  # a length beyond the file
            raise AprendeError(bad, path=str(path))
        raw = fh.read(header_len)
    try:
        header = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise AprendeError(bad, path=str(path)) from None
    if not isinstance(header, dict):
        raise AprendeError(bad, path=str(path))
    return header, size - 8 - header_len


def read_header(path: Path) -> tuple[dict, int]:
    """(header, bytes of tensor data) from the 8-byte length and the JSON header alone, before the data is read: a
    length beyond the file, data offsets that do not fill it exactly, or another tag are `ckpt.not_ours`."""
    header, data_len = raw_header(path)
    try:
        metadata = header.get("__metadata__") or {}
        ends = [int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"]
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError, KeyError, IndexError, RecursionError):
        raise AprendeError("ckpt.not_ours", path=str(path)) from None
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise AprendeError("ckpt.not_ours", path=str(path))
    if max(ends, default=0) != data_len:  # a sparse file padded past its tensors, or tensors past its end
        raise AprendeError("ckpt.not_ours", path=str(path))
    return header, data_len


NAMES = {v: k for k, v in DTYPES.items()}


def list_of(value) -> list:
    if not isinstance(value, list):
        raise TypeError
    return value


def read_tensors(path: Path, header: dict, data_len: int, bad: str) -> dict[str, torch.Tensor]:
    """Every tensor of a safetensors file whose header was read (`raw_header`), each read straight into its own
    memory: no copy of the whole file is ever held. Entries that do not tile the data exactly, a dtype or shape
    that is not the format's, are `bad` (the file named), before the data is read."""
    path = Path(path)
    try:
        entries = sorted(((tuple(v["data_offsets"]), k, NAMES[v["dtype"]], [int(n) for n in list_of(v["shape"])])
                          for k, v in header.items() if k != "__metadata__"), key=lambda e: e[0])
        end = 0
        for (start, stop), _, dtype, shape in entries:
            numel = math.prod(shape)
            if start != end or min(shape, default=0) < 0 or stop - start != numel * dtype.itemsize:
                raise ValueError
            end = stop
        if end != data_len:  # tensors short of the data, or past it
            raise ValueError
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        raise AprendeError(bad, path=str(path)) from None
    data_start = path.stat().st_size - data_len  # the data is the file's tail, after the header
    tensors = {}
    with path.open("rb") as fh:
        fh.seek(data_start)
        for (start, stop), key, dtype, shape in entries:
            t = torch.empty(shape, dtype=dtype)
            if stop > start and fh.readinto(memoryview(t.reshape(-1).view(torch.uint8).numpy())) != stop - start:
                raise AprendeError(bad, path=str(path))
            tensors[key] = t
    return tensors


def _read(path: Path, most_bytes: int | None = None) -> tuple[dict, dict]:
    """(tensors, our metadata) of a safetensors file tagged as ours; anything else is a clean `ckpt.not_ours`. The
    header is judged first; with `most_bytes`, more tensor data than that is a `ckpt.mismatch`, never read."""
    path = Path(path)
    header, data_len = read_header(path)
    if most_bytes is not None and data_len > most_bytes:
        raise AprendeError("ckpt.mismatch", path=str(path))
    metadata = header.get("__metadata__") or {}
    tensors = read_tensors(path, header, data_len, "ckpt.not_ours")
    return tensors, metadata


def _decode(path: Path, text: str | None, tensors: dict, default=None):
    """A JSON field of our metadata (the state's skeleton, the weights' meta), joined with its tensors."""
    if text is None:
        if default is not None:
            return default
        raise AprendeError("ckpt.not_ours", path=str(path))
    try:
        return _join(json.loads(text), tensors)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise AprendeError("ckpt.not_ours", path=str(path)) from None


def load_weights(path: Path, most_bytes: int | None = None) -> tuple[dict, dict]:
    """(state_dict, meta) from a weights file; `best` and `last` both work."""
    tensors, metadata = _read(path, most_bytes)
    if metadata.get("kind") == "state":
        state = _decode(path, metadata.get("skeleton"), tensors)
        if not isinstance(state, dict) or not isinstance(state.get("model"), dict):
            raise AprendeError("ckpt.not_ours", path=str(path))
        ema = state.get("ema")  # a run trained with --ema is judged and used by its averaged weights
        model = ema["model"] if isinstance(ema, dict) and isinstance(ema.get("model"), dict) else state["model"]
        return model, state.get("meta", {})
    meta = _decode(path, metadata.get("meta", "{}"), {})
    return tensors, meta if isinstance(meta, dict) else {}


def load_state(path: Path) -> dict:
    """The training state saved by `save_state`."""
    tensors, metadata = _read(path)
    if metadata.get("kind") != "state":
        raise AprendeError("ckpt.not_state", path=str(path))
    state = _decode(path, metadata.get("skeleton"), tensors)
    if not isinstance(state, dict):
        raise AprendeError("ckpt.not_ours", path=str(path))
    return state


def load_into(model: torch.nn.Module, path: Path) -> dict:
    """Load weights into `model`, turning a shape or name mismatch into a user error; returns the meta."""
    own = sum(t.numel() * t.element_size() for t in model.state_dict().values())
    state, meta = load_weights(path, most_bytes=8 * own + 2**24)  # a `last` holds weights, EMA, Adam moments, RNGs
    try:
        model.load_state_dict(state)
    except (RuntimeError, TypeError, AttributeError, KeyError):
        raise AprendeError("ckpt.mismatch", path=str(path)) from None
    return meta
