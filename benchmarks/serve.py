"""Serve load check: `aprende serve` on 127.0.0.1 answers N mixed requests, C at a time, with no 5xx.

Starts the real command in a subprocess (the shipped weights, or --run-NAME folders, or --tiny models trained here
in seconds), sends a fixed, seeded mix of requests to every endpoint, and reports p50/p95 latency per endpoint and
overall, requests per second, status codes, and the server's memory (RSS) idle, after warm-up and after the load.
Only 127.0.0.1 is ever contacted.

usage: python benchmarks/serve.py [--requests 500] [--concurrency 16] [--tiny] [--run-detect DIR …]
                                  [--out benchmarks/results/serve.md]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
NAMES = ("classify", "detect", "translate", "gpt", "bert")
# endpoint -> share of the requests: the cheap ones often, training a forecast rarely (it takes seconds)
MIX = {"health": 8, "models": 4, "classify": 20, "detect": 18, "detect_image": 5, "bert": 15, "gpt": 12,
       "translate": 12, "history": 5, "forecast": 1}


def multipart(name: str, data: bytes, mime: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def inputs() -> dict:
    """One image, one lego scene, one sales CSV, made here so the check needs no files."""
    from PIL import Image

    sys.path.insert(0, str(ROOT))
    from tests.serve.conftest import lego_image, sales_csv

    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buf, "PNG")
    scene = lego_image(Path(tempfile.mkdtemp(prefix="aprende-bench-")))
    return {"png": buf.getvalue(), "jpg": scene.read_bytes(), "csv": sales_csv()}


def request(kind: str, data: dict) -> tuple[str, str, bytes | None, str | None]:
    """(method, path, body, content type) of one request of this kind."""
    js = lambda obj: (json.dumps(obj).encode(), "application/json")  # noqa: E731
    if kind == "health":
        return "GET", "/api/v1/health", None, None
    if kind == "models":
        return "GET", "/api/v1/models", None, None
    if kind == "classify":
        return ("POST", "/api/v1/classify", *multipart("a.png", data["png"], "image/png"))
    if kind == "detect":
        return ("POST", "/api/v1/detect", *multipart("a.jpg", data["jpg"], "image/jpeg"))
    if kind == "detect_image":
        return ("POST", "/api/v1/detect/image", *multipart("a.jpg", data["jpg"], "image/jpeg"))
    if kind == "bert":
        return ("POST", "/api/v1/bert", *js({"text": "El gato [MASK] en la casa."}))
    if kind == "gpt":
        return ("POST", "/api/v1/gpt", *js({"prompt": "Había una vez", "max_new_tokens": 30, "stream": False}))
    if kind == "translate":
        return ("POST", "/api/v1/translate", *js({"text": "El gato duerme en la casa.", "attention": True}))
    if kind == "history":
        return "GET", "/api/v1/history/perceptron", None, None
    return ("POST", "/api/v1/forecast", *multipart("ventas.csv", data["csv"], "text/csv"))


def send(port: int, kind: str, data: dict) -> tuple[str, int, float]:
    method, path, body, ctype = request(kind, data)
    req = urllib.request.Request(f"http://{HOST}:{port}{path}", data=body, method=method,
                                 headers={"Content-Type": ctype} if ctype else {})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except OSError:
        status = 0  # no answer at all
    return kind, status, time.perf_counter() - t0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start(runs: dict[str, str], port: int) -> subprocess.Popen:
    args = [sys.executable, "-m", "aprende", "serve", "--host", HOST, "--port", str(port)]
    for name, folder in runs.items():
        args += [f"--run-{name}", folder]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/health", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("aprende serve did not start: " + proc.stderr.read().decode()[-2000:])


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def load(port: int, n: int, concurrency: int, data: dict, seed: int = 0) -> tuple[list, float]:
    kinds = random.Random(seed).choices(list(MIX), weights=list(MIX.values()), k=n)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda k: send(port, k, data), kinds))
    return results, time.perf_counter() - t0


def table(results: list, seconds: float, mem: dict, args, available: list[str]) -> tuple[str, dict]:
    by_kind: dict[str, list] = {}
    for kind, status, secs in results:
        by_kind.setdefault(kind, []).append((status, secs))
    rows, summary = [], {}
    for kind in MIX:
        got = by_kind.get(kind, [])
        lat = [s for _, s in got]
        codes = sorted({c for c, _ in got})
        summary[kind] = {"n": len(got), "p50_ms": round(pct(lat, 0.5), 1), "p95_ms": round(pct(lat, 0.95), 1),
                         "status": {str(c): sum(1 for x, _ in got if x == c) for c in codes}}
        rows.append(f"| `{kind}` | {len(got)} | {pct(lat, 0.5):.0f} | {pct(lat, 0.95):.0f} | "
                    + ", ".join(f"{c}×{summary[kind]['status'][str(c)]}" for c in codes) + " |")
    lat = [s for _, _, s in results]
    errors5 = sum(1 for _, c, _ in results if c >= 500 or c == 0)
    overall = {"requests": len(results), "concurrency": args.concurrency, "seconds": round(seconds, 2),
               "requests_per_s": round(len(results) / seconds, 1), "p50_ms": round(pct(lat, 0.5), 1),
               "p95_ms": round(pct(lat, 0.95), 1), "server_errors": errors5, "rss_mb": mem,
               "models": available, "per_endpoint": summary}
    load_avg = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    md = [f"`aprende serve` on {HOST}, {len(results)} requests, {args.concurrency} at a time, seeded mix "
          f"(`python benchmarks/serve.py{' --tiny' if args.tiny else ''}`). {platform.machine()}, {os.cpu_count()} "
          f"cores, Python {platform.python_version()}; load average after: {load_avg}. Models: "
          f"{', '.join(available) or 'none'} ({'tiny test models' if args.tiny else 'shipped or --run'}).",
          "",
          "| | value |", "|---|---:|",
          f"| requests per second | {overall['requests_per_s']} |", f"| p50 latency (ms) | {overall['p50_ms']:.0f} |",
          f"| p95 latency (ms) | {overall['p95_ms']:.0f} |", f"| 5xx or no answer | {errors5} |",
          f"| server RSS idle / after warm-up / after the load (MB) | {mem['idle']:.0f} / {mem['warm']:.0f} / "
          f"{mem['after']:.0f} |",
          "", "| endpoint | requests | p50 ms | p95 ms | status codes |", "|---|---:|---:|---:|---|", *rows, ""]
    return "\n".join(md), overall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--tiny", action="store_true", help="train tiny models here (seconds) instead of shipped ones")
    for name in NAMES:
        ap.add_argument(f"--run-{name}", default=None)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "serve.md"))
    args = ap.parse_args()
    runs = {n: getattr(args, f"run_{n}") for n in NAMES if getattr(args, f"run_{n}")}
    if args.tiny:
        sys.path.insert(0, str(ROOT))
        from tests.serve.conftest import tiny_runs

        runs = {**tiny_runs(Path(tempfile.mkdtemp(prefix="aprende-bench-models-"))), **runs}
    data = inputs()
    port = free_port()
    proc = start(runs, port)
    try:
        mem = {"idle": rss_mb(proc.pid)}
        for kind in MIX:  # warm-up: every model loaded once, the exhibit run once
            send(port, kind, data)
        models = json.loads(urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/models").read())
        available = [m["name"] for m in models if m["available"]]
        mem["warm"] = rss_mb(proc.pid)
        results, seconds = load(port, args.requests, args.concurrency, data)
        mem["after"] = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    md, overall = table(results, seconds, {k: round(v, 1) for k, v in mem.items()}, args, available)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(md, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(overall, indent=2) + "\n", encoding="utf-8")
    print(md)
    if overall["server_errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
