"""Peak memory of saving and loading a training checkpoint: core.checkpoint (streamed) against safetensors' own
save/load of bytes (what it used before), each in a fresh process, side by side, as a ratio.

    python benchmarks/checkpoint.py [--out benchmarks/results/checkpoint.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "checkpoint.md"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(arch: str, way: str, op: str, folder: str) -> dict:
    """Build arch's training state (weights + AdamW moments), then save or load it one way; peak RSS before/after."""
    import torch
    import torchvision
    from safetensors.torch import load, save

    from aprende.core import checkpoint as ck

    path = Path(folder) / f"{arch}.safetensors"
    if op == "load":
        before = peak_mb()  # the state is not built: what a load adds is the file's tensors (and any copy)
        t0 = time.perf_counter()
        if way == "ours":
            ck.load_state(path)
        else:
            load(path.read_bytes())
        return {"seconds": time.perf_counter() - t0, "before": before, "peak": peak_mb()}
    net = getattr(torchvision.models, arch)(weights=None)
    opt = torch.optim.AdamW(net.parameters())
    net(torch.randn(1, 3, 64, 64)).sum().backward()
    opt.step()
    state = {"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": 1}
    before = peak_mb()
    t0 = time.perf_counter()
    if way == "ours":
        ck.save_state(path, state)
    else:
        tensors: dict = {}
        skeleton = ck._split("s", state, tensors)
        path.write_bytes(save(tensors, metadata={"format": ck.FORMAT, "version": ck.VERSION, "kind": "state",
                                                 "skeleton": json.dumps(skeleton)}))
    return {"seconds": time.perf_counter() - t0, "before": before, "peak": peak_mb(),
            "file_mb": path.stat().st_size / 2**20}


def run(arch: str, way: str, op: str, folder: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", arch, way, op, folder], capture_output=True, text=True,
                         check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(*sys.argv[2:6])))
        return
    p = argparse.ArgumentParser()
    p.add_argument("--out", type=Path, default=RESULTS)
    a = p.parse_args()
    load_avg = os.getloadavg()
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} CPUs; load average before {load_avg[0]:.2f}; "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (`python benchmarks/checkpoint.py`). Each cell "
             "is a fresh process; \"added\" is its peak resident memory after the operation minus before it.", "",
             "| state (weights + AdamW moments) | file MB | operation | safetensors' save/load (bytes) added MB | "
             "ours (streamed) added MB | ours / theirs | seconds theirs | seconds ours |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    for arch in ("resnet18", "mobilenet_v3_small"):
        with tempfile.TemporaryDirectory() as tmp:
            theirs_save, ours_save = run(arch, "theirs", "save", tmp), run(arch, "ours", "save", tmp)
            theirs_load, ours_load = run(arch, "theirs", "load", tmp), run(arch, "ours", "load", tmp)
        for op, th, us in (("save", theirs_save, ours_save), ("load", theirs_load, ours_load)):
            added_th, added_us = th["peak"] - th["before"], us["peak"] - us["before"]
            lines.append(f"| {arch} | {ours_save['file_mb']:.0f} | {op} | {added_th:.0f} | {added_us:.0f} | "
                         f"{added_us / max(added_th, 1):.2f}× | {th['seconds']:.2f} | {us['seconds']:.2f} |")
    text = "# Checkpoint memory\n\n" + "\n".join(lines) + "\n"
    print(text)
    a.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
