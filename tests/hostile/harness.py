"""The hostile round's harness: the CLI in a child process as a user runs it, with its exit code, output, wall time
and peak RSS (os.wait4 gives that child's own), under a 30 s clock and an address-space cap that keeps a runaway
case from taking the shared machine with it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import assert_refused

LIMIT_S = 30.0  # the promise: refused or done within 30 s
LIMIT_MB = 3 * 1024  # and 3 GB
CAP_BYTES = 8 * 2**30  # address space a child may map (torch maps more than it touches; RSS is what is judged)


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    killed: bool

    def refused(self, key_text: str | None = None) -> None:
        """Exit 2, a message on stderr (containing key_text), no traceback, all inside the limits."""
        self.within()
        assert_refused(self.code, self.err, key_text or ())

    def worked(self) -> None:
        self.within()
        assert self.code == 0, self.err[-1500:]

    def within(self) -> None:
        assert not self.killed, f"still running after {LIMIT_S:g} s"
        assert self.seconds < LIMIT_S and self.peak_mb < LIMIT_MB, (self.seconds, self.peak_mb)


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))


def hostile(*args, cwd: Path, env: dict | None = None, limit_s: float = LIMIT_S) -> Outcome:
    """Run `python -m aprende ARGS` in cwd; kill it at limit_s."""
    full_env = {**os.environ, "OMP_NUM_THREADS": "1", "APRENDE_LANG": "es", **(env or {})}
    out_path, err_path = cwd / ".hostile.out", cwd / ".hostile.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        t0 = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "aprende", *map(str, args)], cwd=cwd, env=full_env,
                                 stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=cap_memory)
        killed = threading.Event()
        timer = threading.Timer(limit_s, lambda: (killed.set(), child.kill()))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    text = [p.read_bytes().decode("utf-8", "replace") for p in (out_path, err_path)]
    out_path.unlink()
    err_path.unlink()
    return Outcome(child.returncode, text[0], text[1], seconds, usage.ru_maxrss / 1024, killed.is_set())


def left_in(folder: Path) -> list[str]:
    """What a refused command left behind under folder (its own scratch files excluded)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
