"""Budgets on inputs as a whole (issue 31): each refusal comes before the memory grows. Every case runs in a fresh
interpreter and reports its peak RSS growth (resource.getrusage), so one case's memory never hides another's."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

MB = 2**20

PROBE = """
import json, resource, sys
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
{setup}
before = peak()
try:
    {call}
    key = None
except Exception as exc:
    key = getattr(exc, "key", type(exc).__name__)
print(json.dumps({{"key": key, "grew": peak() - before}}))
"""


def _probe(setup: str, call: str, cwd: Path) -> dict:
    """Run `call` after `setup` in a new interpreter: the error key it raised (or None) and its peak RSS growth."""
    code = PROBE.format(setup=textwrap.dedent(setup), call=call)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120,
                         env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    """Two classes of ten 16-megapixel grey PNGs (a few KB each as files, 16 MB each decoded)."""
    root = tmp_path_factory.mktemp("grandes") / "datos"
    first = None
    for c in ("a", "b"):
        (root / c).mkdir(parents=True)
        for i in range(10):
            target = root / c / f"img{i}.png"
            if first is None:
                Image.new("L", (4000, 4000), 128).save(target)
                first = target
            else:
                target.write_bytes(first.read_bytes())
    return root


IMPORTS = "from aprende.core import budgets\nfrom aprende.vision.data import load_folder"


def test_folder_pixel_budget_refuses_from_the_headers(big_folder):
    r = _probe(IMPORTS, f"with budgets.tightened(folder_pixels=100_000_000): load_folder({str(big_folder)!r})",
               big_folder.parent)
    assert r["key"] == "budget.folder_pixels"
    assert r["grew"] < 40 * MB  # nothing decoded: the 20 images are 320 MB decoded


def test_folder_is_decoded_one_image_at_a_time(big_folder):
    r = _probe(IMPORTS, f"d = load_folder({str(big_folder)!r}, img_size=(32, 32), min_per_class=1); "
               "assert tuple(d.x.shape) == (20, 1, 32, 32)", big_folder.parent)
    assert r["key"] is None
    assert r["grew"] < 120 * MB  # one decoded image at a time, not twenty (320 MB)


def test_text_budget_refuses_before_reading(tmp_path):
    big = tmp_path / "corpus.txt"
    with big.open("wb") as fh:
        fh.write(b"hola mundo. " * (8 * MB // 12))  # 8 MB
    r = _probe("from aprende.core import budgets\nfrom aprende.transformer.text import read_text_file",
               f"with budgets.tightened(text_bytes=1_000_000): read_text_file({str(big)!r})", tmp_path)
    assert r["key"] == "budget.text_bytes" and r["grew"] < 4 * MB


def test_long_csv_series_by_days_refused_before_the_table(tmp_path):
    """2,000 ids with two rows each, their days spread over 21 years: a 100-KB file that would be a 15-million-cell
    table."""
    import pandas as pd

    days = pd.date_range("2000-01-01", periods=7670, freq="D").strftime("%Y-%m-%d")
    rows = "".join(f"{days[(4 * i) % 7670]},p{i},1\n{days[(4 * i + 2) % 7670]},p{i},2\n" for i in range(2000))
    rows += f"{days[-1]},q0,1\n"
    csv = tmp_path / "largo.csv"
    csv.write_text("fecha,id,unidades\n" + rows, encoding="utf-8")
    r = _probe("from aprende.forecast.panel import read_long_csv", f"read_long_csv({str(csv)!r}, 'id')", tmp_path)
    assert r["key"] == "budget.series_days" and r["grew"] < 60 * MB


def test_sparse_checkpoint_is_judged_by_its_header(tmp_path):
    """A 3-GB sparse file whose header claims one tensor filling it: refused for a small model without reading it."""
    header = json.dumps({"__metadata__": {"format": "aprende", "version": "1", "kind": "weights", "meta": "{}"},
                         "w": {"dtype": "F32", "shape": [750 * MB], "data_offsets": [0, 3000 * MB]}}).encode()
    path = tmp_path / "best.safetensors"
    with path.open("wb") as fh:
        fh.write(len(header).to_bytes(8, "little") + header)
        fh.truncate(8 + len(header) + 3000 * MB)
    r = _probe("import torch\nfrom aprende.core.checkpoint import load_into",
               f"load_into(torch.nn.Linear(4, 2), {str(path)!r})", tmp_path)
    assert r["key"] == "ckpt.mismatch" and r["grew"] < 20 * MB


def test_padded_checkpoint_is_not_ours(tmp_path):
    import torch

    from aprende.core.checkpoint import load_weights, save_weights
    from aprende.core.errors import AprendeError

    path = tmp_path / "w.safetensors"
    save_weights(path, {"w": torch.zeros(3)})
    assert load_weights(path)[0]["w"].shape == (3,)
    with path.open("ab") as fh:
        fh.write(b"\0" * 1000)  # data past the last tensor: the file was not written by us
    with pytest.raises(AprendeError) as exc:
        load_weights(path)
    assert exc.value.key == "ckpt.not_ours"


def test_server_budgets_only_tighten():
    from aprende.core import budgets

    with budgets.tightened(budgets.SERVER):
        assert budgets.current().series_days == budgets.SERVER.series_days
        with budgets.tightened(series_days=10**12):  # never looser than the block around it
            assert budgets.current().series_days == budgets.SERVER.series_days
    assert budgets.current() == budgets.Budgets()
