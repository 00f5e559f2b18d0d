"""The IDX reader (Fashion-MNIST files) on mutated files: it reads them or says they are damaged, nothing else."""

from __future__ import annotations

import gzip
import os

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aprende.core.errors import AprendeError
from aprende.datasets.fashion import read_idx

VALID = bytes([0, 0, 8, 3]) + (2).to_bytes(4, "big") + (3).to_bytes(4, "big") + (3).to_bytes(4, "big") + bytes(18)


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for pos, value in edits:
        out[pos % len(out)] = value
    return bytes(out[:cut] if cut is not None else out)


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), max_size=6),
       cut=st.none() | st.integers(0, len(VALID)), gz=st.booleans(), gz_cut=st.none() | st.integers(0, 60))
def test_mutated_idx_is_read_or_refused(tmp_path_factory, edits, cut, gz, gz_cut):
    data = _mutate(VALID, edits, cut)
    path = tmp_path_factory.mktemp("idx") / ("x.idx.gz" if gz else "x.idx")
    path.write_bytes(gzip.compress(data)[:gz_cut] if gz else data)
    try:
        arr = read_idx(path)
    except AprendeError as exc:
        assert exc.key == "data.bad_file"
    else:
        assert arr.dtype == np.uint8 and arr.size == len(data) - 4 - 4 * data[3]


def test_valid_idx():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x"
        path.write_bytes(VALID)
        assert read_idx(path).shape == (2, 3, 3)
