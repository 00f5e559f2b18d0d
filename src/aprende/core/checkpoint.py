"""Checkpoints in safetensors, never pickle: model weights, and for `last` the whole training state."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_bytes

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


def save_weights(path: Path, state_dict: dict, meta: dict | None = None) -> None:
    """Model weights only (names as in the model's state_dict), tagged as ours, written atomically."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in state_dict.items()}
    metadata = {"format": FORMAT, "version": VERSION, "kind": "weights", "meta": json.dumps(meta or {})}
    atomic_write_bytes(Path(path), st_save(tensors, metadata=metadata))


def save_state(path: Path, state: dict) -> None:
    """A whole training state (model, optimiser, scheduler, RNGs, counters) in one safetensors file."""
    tensors: dict = {}
    skeleton = _split("s", state, tensors)
    metadata = {"format": FORMAT, "version": VERSION, "kind": "state", "skeleton": json.dumps(skeleton)}
    atomic_write_bytes(Path(path), st_save(tensors, metadata=metadata))


def _read(path: Path) -> tuple[dict, dict]:
    """(tensors, our metadata) of a safetensors file tagged as ours; anything else is a clean `ckpt.not_ours`."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError("ckpt.missing", path=str(path))
    data = path.read_bytes()
    header_len = int.from_bytes(data[:8], "little") if len(data) >= 8 else -1
    if not 2 <= header_len <= len(data) - 8:  # a length beyond the file: not ours, whatever the tag says
        raise AprendeError("ckpt.not_ours", path=str(path))
    try:
        header = json.loads(data[8 : 8 + header_len])
        metadata = header.get("__metadata__") or {}
        if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
            raise AprendeError("ckpt.not_ours", path=str(path))
        tensors = st_load(data)
    except (SafetensorError, ValueError, UnicodeDecodeError, OverflowError, AttributeError, TypeError):
        raise AprendeError("ckpt.not_ours", path=str(path)) from None
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


def load_weights(path: Path) -> tuple[dict, dict]:
    """(state_dict, meta) from a weights file; `best` and `last` both work."""
    tensors, metadata = _read(path)
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
    state, meta = load_weights(path)
    try:
        model.load_state_dict(state)
    except (RuntimeError, TypeError, AttributeError, KeyError):
        raise AprendeError("ckpt.mismatch", path=str(path)) from None
    return meta
