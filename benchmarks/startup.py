"""How long `aprende --help` takes to start: the median of 10 runs, and `python -X importtime`'s total and its
largest imports. `--src DIR` measures another checkout's src/ (e.g. an older commit) with the same interpreter.

usage: python benchmarks/startup.py [--src DIR] [--runs 10] [--command "--help"] [--out benchmarks/results/startup.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CODE = "import sys; sys.argv = ['aprende', {args}]; from aprende.cli import main; main()"


def run_once(env: dict, code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - t0


def importtime(env: dict, code: str) -> tuple[float, list[tuple[float, str]]]:
    """(seconds of all imports, the ten largest cumulative imports of aprende's own modules)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True,
                         text=True, check=True).stderr
    rows = []
    for line in out.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cum_us, name = line.split(":", 1)[1].split("|")
        depth = len(name) - len(name.lstrip()) - 1  # importtime indents nested imports by two spaces a level
        rows.append((int(cum_us) / 1e6, name.strip(), depth))
    total = sum(seconds for seconds, _, depth in rows if depth == 0)
    top = sorted(((s, n) for s, n, _ in rows if n.startswith(("aprende", "torch", "matplotlib"))), reverse=True)
    return total, top[:10]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=None)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--out", default=None)
    ap.add_argument("--command", default="--help", help="what follows `aprende`, e.g. 'classify train --help'")
    a = ap.parse_args()
    code = CODE.format(args=", ".join(repr(w) for w in a.command.split()))
    env = dict(os.environ)
    if a.src:
        env["PYTHONPATH"] = str(Path(a.src).resolve())
    run_once(env, code)  # warm the disk cache and bytecode
    times = [run_once(env, code) for _ in range(a.runs)]
    total, top = importtime(env, code)
    label = a.src or "src"
    lines = [f"`aprende {a.command}` from `{label}`: median of {a.runs} runs **{statistics.median(times):.2f} s** "
             f"(min {min(times):.2f}, max {max(times):.2f}); imports by `-X importtime`: {total:.2f} s", "",
             "| largest imports (cumulative) | s |", "|---|---:|"]
    lines += [f"| {name} | {seconds:.3f} |" for seconds, name in top]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        with open(a.out, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
