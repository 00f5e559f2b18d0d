"""Tour benchmark: `aprende tour` in quick mode (what `make demo` runs), timed lab by lab; the goal is ≤ 10 minutes.

The tour runs in a fresh temporary folder with its own cache, so the lego scenes are generated as on a first run.
The load average and CPU are recorded because other work on the machine changes the seconds.

usage: python benchmarks/tour.py [--out benchmarks/results/tour.md] [--mode quick]
                                [--screenshot docs/img/tour/report.png]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 600


def screenshot(report: Path, out: Path) -> None:
    """The report's first screen in headless Chromium (the README shows it)."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(report.as_uri())
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "tour.md"))
    p.add_argument("--mode", choices=["tiny", "quick", "full"], default="quick")
    p.add_argument("--screenshot", default=None, help="also save the top of the report as a PNG (Debian's chromium)")
    args = p.parse_args()
    load_before = os.getloadavg()
    flag = {"tiny": ["--tiny"], "quick": [], "full": ["--full"]}[args.mode]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "APRENDE_CACHE": str(Path(tmp) / "cache"), "APRENDE_LANG": "es"}
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "aprende", "tour", "--json", "--quiet", *flag], cwd=tmp, env=env,
                              capture_output=True, text=True)
        total = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        data = json.loads(proc.stdout)
        report = Path(tmp) / data["run"] / "report.html"
        size = report.stat().st_size
        if args.screenshot:
            screenshot(report, Path(args.screenshot))
    cpu = os.times()
    rows = [f"| {lab} | {m['seconds']:.1f} | " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                          for k, v in list(m.items())[:5] if k != "seconds") + " |"
            for lab, m in data["metrics"].items()]
    lines = [f"# Tour benchmark ({args.mode} mode)", "",
             f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}; load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}; "
             f"child CPU time {cpu.children_user + cpu.children_system:.0f} s for {total:.0f} s of wall time.", "",
             "| lab | seconds | key numbers |", "|---|---:|---|", *rows, "",
             f"**Total: {total:.0f} s** including start-up and data generation (goal ≤ {GOAL_S} s: "
             f"{'met' if total <= GOAL_S else 'missed'}); report {size / 1e6:.1f} MB, self-contained.", ""]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    Path(args.out).with_suffix(".json").write_text(json.dumps({"total_s": total, "metrics": data["metrics"],
                                                               "report_bytes": size}, indent=2))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
