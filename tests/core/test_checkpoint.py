"""Checkpoints: anything that is not our safetensors file, however it is damaged, is a clean error."""

from __future__ import annotations

import json
import os

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aprende.core.checkpoint import load_into, load_state, load_weights, save_state, save_weights
from aprende.core.errors import AprendeError

FUZZ = int(os.environ.get("APRENDE_FUZZ", 25))


def _header(meta: dict, tensors: dict | None = None) -> bytes:
    body = json.dumps({"__metadata__": meta, **(tensors or {})}).encode()
    return len(body).to_bytes(8, "little") + body


def _error_key(path) -> str:
    with pytest.raises(AprendeError) as exc:
        load_weights(path)
    return exc.value.key


def test_header_length_beyond_the_file(tmp_path):
    path = tmp_path / "x.safetensors"
    path.write_bytes((10**12).to_bytes(8, "little") + b'{"__metadata__": {"format": "aprende"}}')
    assert _error_key(path) == "ckpt.not_ours"


def test_our_tag_with_a_malformed_skeleton(tmp_path):
    path = tmp_path / "x.safetensors"
    path.write_bytes(_header({"format": "aprende", "version": "1", "kind": "state", "skeleton": "{not json"}))
    assert _error_key(path) == "ckpt.not_ours"
    with pytest.raises(AprendeError):
        load_state(path)
    path.write_bytes(_header({"format": "aprende", "kind": "state", "skeleton": '{"__tensor__": "missing"}'}))
    assert _error_key(path) == "ckpt.not_ours"


def test_our_tag_with_bad_meta_or_metadata(tmp_path):
    path = tmp_path / "x.safetensors"
    path.write_bytes(_header({"format": "aprende", "kind": "weights", "meta": "[1,"}))
    assert _error_key(path) == "ckpt.not_ours"
    body = json.dumps({"__metadata__": ["format", "aprende"]}).encode()
    path.write_bytes(len(body).to_bytes(8, "little") + body)
    assert _error_key(path) == "ckpt.not_ours"


def test_tiny_and_foreign_files(tmp_path):
    path = tmp_path / "x.safetensors"
    for data in (b"", b"\x01", b"12345678", b"PK\x03\x04" + b"\0" * 40):
        path.write_bytes(data)
        assert _error_key(path) == "ckpt.not_ours"


def test_values_that_are_not_tensors(tmp_path):
    """A state whose model entry holds numbers, not tensors, cannot be loaded into a model."""
    path = tmp_path / "x.safetensors"
    save_state(path, {"model": {"weight": 1.0, "bias": [2]}, "meta": {}})
    with pytest.raises(AprendeError) as exc:
        load_into(torch.nn.Linear(1, 1), path)
    assert exc.value.key in ("ckpt.mismatch", "ckpt.not_ours")


@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("ckpt")
    net = torch.nn.Linear(3, 2)
    save_weights(folder / "w.safetensors", net.state_dict(), {"epoch": 3})
    save_state(folder / "s.safetensors", {"model": net.state_dict(), "rng": [torch.zeros(4)], "epoch": 1,
                                          "meta": {"epoch": 1}})
    return {"weights": (folder / "w.safetensors").read_bytes(), "state": (folder / "s.safetensors").read_bytes()}


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["weights", "state"]), data=st.data())
def test_mutated_checkpoints(tmp_path, valid_bytes, kind, data):
    """Flip, cut or overwrite bytes of a valid checkpoint: it loads, or it is our clean error; never a traceback."""
    raw = bytearray(valid_bytes[kind])
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "cut", "splice"]))
        pos = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if action == "flip" and raw:
            raw[pos] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            raw = raw[:pos]
        else:
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
    path = tmp_path / f"m_{kind}.safetensors"
    path.write_bytes(bytes(raw))
    try:
        load_into(torch.nn.Linear(3, 2), path)
        if kind == "state":
            load_state(path)
    except AprendeError as exc:
        assert exc.key.startswith("ckpt."), exc.key
