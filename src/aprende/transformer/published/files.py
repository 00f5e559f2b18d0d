"""Reading a Hugging Face checkpoint folder safely: config.json within sane sizes, model.safetensors judged by its
header before a byte of tensor data is read, every file's sha256. Nothing here trusts the folder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch

from aprende.core.checkpoint import file_sha256, raw_header
from aprende.core.errors import AprendeError

DTYPES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
LIMITS = {"vocab_size": 1_000_000, "n_embd": 16384, "hidden_size": 16384, "d_model": 16384, "n_layer": 256,
          "num_hidden_layers": 256, "encoder_layers": 256, "decoder_layers": 256, "n_head": 256,
          "num_attention_heads": 256, "n_positions": 1_000_000, "max_position_embeddings": 1_000_000,
          "intermediate_size": 262144, "n_inner": 262144, "type_vocab_size": 1024}


def read_config(folder: Path) -> dict:
    """config.json as a dict, each size an int within LIMITS (before anything is allocated from it)."""
    path = folder / "config.json"
    if not folder.is_dir() or not path.is_file():
        raise AprendeError("published.not_checkpoint", path=str(folder))
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise AprendeError("published.bad_config", path=str(path)) from None
    if not isinstance(config, dict):
        raise AprendeError("published.bad_config", path=str(path))
    for key, most in LIMITS.items():
        value = config.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= most):
            raise AprendeError("published.bad_size", path=str(path), key=key, value=value, most=most)
    return config


def read_header(path: Path) -> dict[str, dict]:
    """name -> {dtype, shape, data_offsets} of a safetensors file, every offset inside the file and every tensor's
    bytes equal to its dtype × shape: a truncated file or a header that lies is refused before the data is read."""
    header, data = raw_header(path, "published.missing_file", "published.bad_safetensors")
    tensors = {k: v for k, v in header.items() if k != "__metadata__"}
    try:
        for v in tensors.values():
            start, end = (int(x) for x in v["data_offsets"])
            count = math.prod(int(d) for d in v["shape"])
            if not 0 <= start <= end <= data or end - start != count * DTYPES[v["dtype"]]:
                raise ValueError
    except (ValueError, AttributeError, TypeError, KeyError):
        raise AprendeError("published.bad_safetensors", path=str(path)) from None
    return tensors


def read_tensors(folder: Path) -> dict[str, torch.Tensor]:
    """model.safetensors' tensors (memory-mapped by safetensors, never a pickle), once its header holds."""
    # deferred: the tensors are read only once the folder has been judged
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    path = folder / "model.safetensors"
    if not path.is_file() and any(folder.glob("*.bin")):
        raise AprendeError("published.pickle_only", path=str(folder))
    read_header(path)
    try:
        return load_file(str(path))
    except (SafetensorError, OSError, ValueError):
        raise AprendeError("published.bad_safetensors", path=str(path)) from None


def sha256s(folder: Path) -> dict[str, str]:
    """Each file's sha256 (the Hub checks sizes only)."""
    return {path.name: file_sha256(path) for path in sorted(p for p in folder.iterdir() if p.is_file())}


def take(tensors: dict[str, torch.Tensor], mapping: dict[str, str], path: Path,
         ignore: tuple[str, ...] = ()) -> dict[str, torch.Tensor]:
    """Our state dict from HF tensors through `mapping` (ours -> theirs); a missing or extra tensor is refused by name
    (names ending in one of `ignore` are not the model's: mask buffers, position ids, pooler, NSP head)."""
    missing = sorted(theirs for theirs in mapping.values() if theirs not in tensors)
    if missing:
        raise AprendeError("published.missing_tensor", path=str(path), name=missing[0], n=len(missing))
    used = set(mapping.values())
    extra = sorted(k for k in tensors if k not in used and not k.endswith(ignore))
    if extra:
        raise AprendeError("published.extra_tensor", path=str(path), name=extra[0], n=len(extra))
    return {ours: tensors[theirs] for ours, theirs in mapping.items()}


def check_shapes(model: torch.nn.Module, state: dict[str, torch.Tensor], path: Path) -> None:
    """Every tensor the shape config.json's sizes give it; the first that is not is named."""
    own = model.state_dict()
    for name, tensor in state.items():
        if name not in own or tuple(own[name].shape) != tuple(tensor.shape):
            want = tuple(own[name].shape) if name in own else None
            raise AprendeError("published.size_mismatch", path=str(path), name=name, shape=tuple(tensor.shape),
                               want=want)
