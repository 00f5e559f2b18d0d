"""Tour benchmark: `aprende tour` (what `make demo` runs), timed section by section, cold and warm.

cold: a fresh cache (APRENDE_CACHE in a new temporary folder), as on the very first run: the data sets are generated
or converted on the way. warm: the same tour again with that cache filled, as on every later run.
The load average is recorded before and after, because other work on the machine inflates every second;
`cpu s` is the tour process's own CPU time in each section (both cores count), which load inflates much less.

usage: python benchmarks/tour.py [--mode quick|tiny|full] [--runs cold,warm] [--out benchmarks/results/tour.md]
                                [--screenshot docs/img/tour/report.png]
The tables go between the generated markers of --out; the text above them is kept as written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def screenshot(report: Path, out: Path, width: int = 1100, height: int = 1500) -> None:
    """The report's first screen in headless Chromium (the README shows it)."""
    from playwright.sync_api import sync_playwright  # deferred: only --screenshot needs a browser

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(report.as_uri())
        page.screenshot(path=str(out))
        browser.close()


def run_tour(mode: str, cwd: Path, cache: Path) -> dict:
    """One `aprende tour --json` in `cwd` with `cache`; its JSON, wall time and the load around it."""
    flag = {"tiny": ["--tiny"], "quick": [], "full": ["--full"]}[mode]
    env = {**os.environ, "APRENDE_CACHE": str(cache), "APRENDE_LANG": "es"}
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "aprende", "tour", "--json", "--quiet", *flag], cwd=cwd, env=env,
                          capture_output=True, text=True)
    total = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    data = json.loads(proc.stdout)
    return {"total_s": round(total, 1), "load_before": load, "load_after": os.getloadavg()[0],
            "report": str(cwd / data["run"] / "report.html"), "metrics": data["metrics"]}


def key_numbers(m: dict, n: int = 4) -> str:
    items = [(k, v) for k, v in m.items() if k not in ("seconds", "cpu_seconds")][:n]
    return ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in items)


def tables(mode: str, runs: dict[str, dict]) -> list[str]:
    """Markdown: one row per section, seconds and CPU seconds for each run, then the totals and the load."""
    names = list(runs)
    labs = list(next(iter(runs.values()))["metrics"])
    head = "| section | " + " | ".join(f"{r} s | {r} cpu s" for r in names) + " | key numbers (last run) |"
    rule = "|---|" + "---:|---:|" * len(names) + "---|"
    rows = [f"| {lab} | " + " | ".join(f"{runs[r]['metrics'][lab]['seconds']:.1f} | "
                                      f"{runs[r]['metrics'][lab].get('cpu_seconds', 0):.1f}" for r in names)
            + f" | {key_numbers(runs[names[-1]]['metrics'][lab])} |" for lab in labs]
    total = "| **total, with start-up** | " + " | ".join(f"**{runs[r]['total_s']:.0f}** | " for r in names) + " |"
    loads = "; ".join(f"{r}: load average {runs[r]['load_before']:.2f} before, {runs[r]['load_after']:.2f} after"
                      for r in names)
    return [f"Mode `{mode}`; {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
            f"{time.strftime('%Y-%m-%d')}. {loads}.", "", head, rule, *rows, total, ""]


def write_between_markers(path: Path, lines: list[str]) -> None:
    """Replace what lies between the generated markers (add them at the end when missing); keep the rest."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Tour benchmark\n\n"
    block = "\n".join([START, *lines, END])
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "tour.md"))
    p.add_argument("--mode", choices=["tiny", "quick", "full"], default="quick")
    p.add_argument("--runs", default="cold,warm", help="cold, warm or both, in that order (warm reuses cold's cache)")
    p.add_argument("--screenshot", default=None, help="also save the top of the last report as a PNG")
    args = p.parse_args()
    wanted = [r.strip() for r in args.runs.split(",") if r.strip()]
    if not wanted or set(wanted) - {"cold", "warm"}:
        p.error("--runs takes cold, warm or cold,warm")
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        if wanted == ["warm"]:  # fill the cache first, untimed
            run_tour(args.mode, Path(tmp), cache)
        for name in wanted:
            folder = Path(tmp) / name
            folder.mkdir()
            runs[name] = run_tour(args.mode, folder, cache)
            print(f"{name}: {runs[name]['total_s']:.0f} s", file=sys.stderr)
        if args.screenshot:
            screenshot(Path(runs[wanted[-1]]["report"]), Path(args.screenshot))
        size = Path(runs[wanted[-1]]["report"]).stat().st_size
        shutil.rmtree(cache, ignore_errors=True)
    lines = tables(args.mode, runs) + [f"Report: {size / 1e6:.1f} MB, one self-contained file.", ""]
    out = Path(args.out)
    write_between_markers(out, lines)
    out.with_suffix(".json").write_text(json.dumps({"mode": args.mode, "runs": {
        r: {k: v for k, v in d.items() if k != "report"} for r, d in runs.items()}, "report_bytes": size}, indent=2)
        + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
