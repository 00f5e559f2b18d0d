"""Our streaming safetensors writer and reader against safetensors' own: the same file, read back the same, and
the same refusals, without ever holding a second copy of the checkpoint in memory."""

from __future__ import annotations

import json

import pytest
import torch
from safetensors.torch import load_file, save

from aprende.core import checkpoint as ck
from aprende.core.errors import AprendeError

META = {"format": "aprende", "version": "1", "kind": "weights", "meta": "{}"}


def mixed() -> dict[str, torch.Tensor]:
    """Every dtype a run saves, a scalar, an empty tensor and a non-contiguous one made contiguous."""
    g = torch.Generator().manual_seed(0)
    return {"w": torch.randn(5, 7, generator=g), "steps": torch.tensor(3, dtype=torch.int64),
            "h": torch.randn(4, generator=g).to(torch.bfloat16), "f16": torch.randn(3, generator=g).half(),
            "mask": torch.tensor([True, False, True]), "u8": torch.arange(9, dtype=torch.uint8),
            "empty": torch.zeros(0, 3), "t": torch.randn(3, 4, generator=g).t().contiguous(),
            "d": torch.randn(2, dtype=torch.float64, generator=g), "i32": torch.arange(3, dtype=torch.int32)}


def split(raw: bytes) -> tuple[dict, bytes]:
    n = int.from_bytes(raw[:8], "little")
    return json.loads(raw[8:8 + n]), raw[8 + n:]


def test_our_file_is_the_one_safetensors_writes(tmp_path):
    tensors = mixed()
    ck._write(tmp_path / "a.safetensors", tensors, META)
    ours, theirs = split((tmp_path / "a.safetensors").read_bytes()), split(save(tensors, metadata=META))
    assert ours[0] == theirs[0]  # same header (the metadata's key order aside: safetensors' is a hash map's)
    assert ours[1] == theirs[1]  # same bytes, in the same order


def test_safetensors_reads_ours_and_we_read_theirs(tmp_path):
    tensors = mixed()
    ck._write(tmp_path / "ours.safetensors", tensors, META)
    back = load_file(str(tmp_path / "ours.safetensors"))
    (tmp_path / "theirs.safetensors").write_bytes(save(tensors, metadata=META))
    header, n = ck.raw_header(tmp_path / "theirs.safetensors")
    ours = ck.read_tensors(tmp_path / "theirs.safetensors", header, n, "ckpt.not_ours")
    for k, t in tensors.items():
        assert back[k].dtype == ours[k].dtype == t.dtype and back[k].shape == ours[k].shape == t.shape
        assert torch.equal(back[k], t) and torch.equal(ours[k], t), k


def test_a_state_round_trips(tmp_path):
    model = torch.nn.Linear(4, 3)
    opt = torch.optim.AdamW(model.parameters())
    model(torch.randn(2, 4)).sum().backward()
    opt.step()
    state = {"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 2, "rows": [{"loss": 0.5}]}
    ck.save_state(tmp_path / "last.safetensors", state)
    back = ck.load_state(tmp_path / "last.safetensors")
    assert back["epoch"] == 2 and back["rows"] == [{"loss": 0.5}]
    assert all(torch.equal(back["model"][k], v) for k, v in model.state_dict().items())
    moments = opt.state_dict()["state"][0]["exp_avg_sq"]
    assert torch.equal(back["optimizer"]["state"][0]["exp_avg_sq"], moments)


def forged(tmp_path, entries: dict, data: bytes):
    """A file with our tag and the given header entries over `data`."""
    raw = json.dumps({"__metadata__": META, **entries}).encode()
    path = tmp_path / "forged.safetensors"
    path.write_bytes(len(raw).to_bytes(8, "little") + raw + data)
    return path


@pytest.mark.parametrize("entries", [
    {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2],
                                                                      "data_offsets": [4, 12]}},  # overlap
    {"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}, "b": {"dtype": "F32", "shape": [2],
                                                                      "data_offsets": [8, 16]}},  # a gap first
    {"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 16]}},  # 3 floats are not 16 bytes
    {"a": {"dtype": "F8_E9", "shape": [16], "data_offsets": [0, 16]}},  # no such dtype
    {"a": {"dtype": "F32", "shape": [-4], "data_offsets": [0, 16]}},  # a negative size
    {"a": {"dtype": "F32", "shape": "4", "data_offsets": [0, 16]}},  # a shape that is no list
])
def test_a_header_that_does_not_tile_its_data_is_refused_by_name(tmp_path, entries):
    path = forged(tmp_path, entries, bytes(16))
    with pytest.raises(AprendeError) as err:
        ck.load_weights(path)
    assert err.value.key == "ckpt.not_ours" and err.value.params["path"] == str(path)
