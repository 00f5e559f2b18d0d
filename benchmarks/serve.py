"""Serve load check: `aprende serve` on 127.0.0.1 answers N requests of each mix, C at a time, with no 500.

Starts the real command in a subprocess (the shipped weights, or --run-NAME folders, or --tiny models trained here
in seconds) and sends three seeded mixes:
  mixed    every endpoint (the cheap ones often, training a forecast rarely): no 5xx at all;
  stream   streamed GPT (`/gpt`, text/plain chunks) only, all at once: no 5xx, the text arrives whole;
  timeout  forecast uploads to a server started with a tiny --timeout: 504s, never a 500, and the server still
           answers at once afterwards (the timed-out work stopped).
  abuse    at once: slow bodies (a byte a second: 408 at the body deadline), a flood of forecast uploads (the heavy
           queue full: 503 with Retry-After), cross-site GETs that would train (403), and plain calls beside them
           that must still answer 200; nothing else 5xx-es, and the server's memory stays flat.
For each mix: requests per second, p50/p95 latency per endpoint and overall, status codes, and the server's memory
(RSS) before and after. Only 127.0.0.1 is ever contacted.

usage: python benchmarks/serve.py [--requests 500] [--concurrency 16] [--mixes mixed,stream,timeout] [--tiny]
                                  [--run-detect DIR …] [--out benchmarks/results/serve.md]
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
MIXES = {"mixed": MIX, "stream": {"gpt_stream": 1}, "timeout": {"forecast": 1},
         "abuse": {"slow_body": 1, "flood": 1, "cross_site": 1, "plain": 1}}
ABUSE_OK = {"slow_body": {408}, "flood": {200, 503}, "cross_site": {403}, "plain": {200}}  # what each may answer
SLOW_CLIENTS, FLOOD, CROSS = 6, 24, 60
TIMEOUT_S = 0.5  # the timeout mix's server --timeout: far below a forecast's training budget


def multipart(name: str, data: bytes, mime: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def inputs() -> dict:
    """One image, one lego scene, one sales CSV, made here so the check needs no files."""
    from PIL import Image

    sys.path.insert(0, str(ROOT))
    from tests.serve.builders import lego_image, sales_csv

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
    if kind == "gpt_stream":
        return ("POST", "/api/v1/gpt", *js({"prompt": "Había una vez", "max_new_tokens": 60, "stream": True}))
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
            while r.read(4096):  # a stream is read chunk by chunk, to its end
                pass
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


def start(runs: dict[str, str], port: int, timeout: float | None = None) -> subprocess.Popen:
    args = [sys.executable, "-m", "aprende", "serve", "--host", HOST, "--port", str(port), "--quiet"]
    if timeout is not None:
        args += ["--timeout", str(timeout)]
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


def load(port: int, mix: dict, n: int, concurrency: int, data: dict, seed: int = 0) -> tuple[list, float]:
    kinds = random.Random(seed).choices(list(mix), weights=list(mix.values()), k=n)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda k: send(port, k, data), kinds))
    return results, time.perf_counter() - t0


def summarize(name: str, mix: dict, results: list, seconds: float, mem: dict) -> dict:
    """One mix's numbers: overall and per endpoint, with the status codes it must (not) have."""
    per_kind = {}
    for kind in mix:
        got = [(c, s) for k, c, s in results if k == kind]
        lat = [s for _, s in got]
        per_kind[kind] = {"n": len(got), "p50_ms": round(pct(lat, 0.5), 1), "p95_ms": round(pct(lat, 0.95), 1),
                          "status": {str(c): sum(1 for x, _ in got if x == c) for c in sorted({c for c, _ in got})}}
    codes = [c for _, c, _ in results]
    status = {str(c): codes.count(c) for c in sorted(set(codes))}
    allowed = {504} if name == "timeout" else {503} if name == "abuse" else set()
    bad = sum(1 for c in codes if (c >= 500 and c not in allowed) or c == 0)
    lat = [s for _, _, s in results]
    return {"mix": name, "requests": len(results), "seconds": round(seconds, 2),
            "requests_per_s": round(len(results) / seconds, 1) if seconds else 0.0,
            "p50_ms": round(pct(lat, 0.5), 1), "p95_ms": round(pct(lat, 0.95), 1), "status": status,
            "bad_answers": bad, "rss_mb": {k: round(v, 1) for k, v in mem.items()}, "per_endpoint": per_kind}


def table(mixes: list[dict], args, available: list[str]) -> str:
    load_avg = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    md = [f"`aprende serve` on {HOST}, {args.requests} requests per mix, {args.concurrency} at a time, seeded "
          f"(`python benchmarks/serve.py{' --tiny' if args.tiny else ''}`). {platform.machine()}, {os.cpu_count()} "
          f"cores, Python {platform.python_version()}; load average after: {load_avg}. Models: "
          f"{', '.join(available) or 'none'} ({'tiny test models' if args.tiny else 'shipped or --run'}). "
          f"The timeout mix runs on a server started with `--timeout {TIMEOUT_S:g}`.",
          "", "| mix | requests/s | p50 ms | p95 ms | status codes | 500s or no answer (504 outside the timeout mix) "
          "| RSS before → after (MB) |", "|---|---:|---:|---:|---|---:|---|"]
    for m in mixes:
        codes = ", ".join(f"{c}×{n}" for c, n in m["status"].items())
        middle = f"{m['rss_mb']['after_round_1']:.0f} → " if "after_round_1" in m["rss_mb"] else ""
        md.append(f"| {m['mix']} | {m['requests_per_s']} | {m['p50_ms']:.0f} | {m['p95_ms']:.0f} | {codes} | "
                  f"{m['bad_answers']} | {m['rss_mb']['before']:.0f} → {middle}{m['rss_mb']['after']:.0f} |")
    for m in mixes:
        md += ["", f"**{m['mix']}**", "", "| endpoint | requests | p50 ms | p95 ms | status codes |",
               "|---|---:|---:|---:|---|"]
        for kind, k in m["per_endpoint"].items():
            codes = ", ".join(f"{c}×{n}" for c, n in k["status"].items())
            md.append(f"| `{kind}` | {k['n']} | {k['p50_ms']:.0f} | {k['p95_ms']:.0f} | {codes} |")
        if "after" in m:
            md.append(f"\nAfter the timeouts: `/health` {m['after']['health']} and a BERT fill "
                      f"{m['after']['bert']} answered in {m['after']['seconds']:.2f} s.")
    return "\n".join(md) + "\n"


def slow_body(port: int, seconds: float = 60.0) -> tuple[str, int, float]:
    """A POST whose body trickles in a byte a second: the server must cut it off (408) at its body deadline."""
    t0 = time.perf_counter()
    status = 0
    with socket.create_connection((HOST, port), timeout=seconds) as sock:
        sock.sendall(f"POST /api/v1/forecast HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: multipart/form-data; "
                     f"boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\nContent-Disposition: form-data; "
                     f"name=\"file\"; filename=\"ventas.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                     f"fecha,unidades\n".encode())
        sock.settimeout(1.0)
        while time.perf_counter() - t0 < seconds:
            try:
                head = sock.recv(64)
                if head.startswith(b"HTTP/1.1 "):
                    status = int(head[9:12])
                break
            except TimeoutError:
                try:
                    sock.sendall(b"1")  # the file's contents, a byte a second
                except OSError:
                    break
    return "slow_body", status, time.perf_counter() - t0


def cross_site(port: int, i: int) -> tuple[str, int, float]:
    """GET /history/{exhibit} as a cross-site page would (an Origin, or an <img>'s Sec-Fetch-Site): 403."""
    headers = {"Origin": "http://evil.example"} if i % 2 else {"Sec-Fetch-Site": "cross-site"}
    req = urllib.request.Request(f"http://{HOST}:{port}/api/v1/history/mlp", headers=headers)
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except OSError:
        status = 0
    return "cross_site", status, time.perf_counter() - t0


def abuse(port: int, data: dict) -> tuple[list, float]:
    """Slow bodies, a forecast flood and cross-site GETs all at once, with plain calls beside them."""
    t0 = time.perf_counter()
    with ThreadPoolExecutor(SLOW_CLIENTS + FLOOD + 4) as pool:
        slow = [pool.submit(slow_body, port) for _ in range(SLOW_CLIENTS)]
        flood = [pool.submit(send, port, "forecast", data) for _ in range(FLOOD)]
        cross = [pool.submit(cross_site, port, i) for i in range(CROSS)]
        plain = []
        while not all(f.done() for f in slow + flood):
            plain.append(send(port, "health" if len(plain) % 2 else "bert", data))
        results = [f.result() for f in slow + flood + cross]
    rename = {"forecast": "flood"}
    results = [(rename.get(k, k), c, s) for k, c, s in results] + [("plain", c, s) for _, c, s in plain]
    return results, time.perf_counter() - t0


def run_mix(name: str, port: int, pid: int, args, data: dict) -> dict:
    mem = {"before": rss_mb(pid)}
    if name == "abuse":  # twice: the second round shows whether memory keeps growing or stays flat
        results, seconds = abuse(port, data)
        mem["after_round_1"] = rss_mb(pid)
        more, seconds2 = abuse(port, data)
        results, seconds = results + more, seconds + seconds2
        mem["after"] = rss_mb(pid)
        out = summarize(name, MIXES[name], results, seconds, mem)
        out["bad_answers"] = sum(1 for k, c, _ in results if c not in ABUSE_OK[k])
        return out
    results, seconds = load(port, MIXES[name], args.requests, args.concurrency, data)
    mem["after"] = rss_mb(pid)
    out = summarize(name, MIXES[name], results, seconds, mem)
    if name == "timeout":  # the workers must be free again: the timed-out trainings stopped
        t0 = time.perf_counter()
        out["after"] = {"health": send(port, "health", data)[1], "bert": send(port, "bert", data)[1]}
        out["after"]["seconds"] = time.perf_counter() - t0
        out["bad_answers"] += sum(1 for k in ("health", "bert") if out["after"][k] != 200)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=500, help="per mix")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--mixes", default=",".join(MIXES), help="comma-separated, of: " + ", ".join(MIXES))
    ap.add_argument("--tiny", action="store_true", help="train tiny models here (seconds) instead of shipped ones")
    for name in NAMES:
        ap.add_argument(f"--run-{name}", default=None)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "serve.md"))
    args = ap.parse_args()
    mixes = [m.strip() for m in args.mixes.split(",") if m.strip()]
    if unknown := [m for m in mixes if m not in MIXES]:
        raise SystemExit(f"unknown mix {unknown}: choose from {', '.join(MIXES)}")
    runs = {n: getattr(args, f"run_{n}") for n in NAMES if getattr(args, f"run_{n}")}
    if args.tiny:
        sys.path.insert(0, str(ROOT))
        from tests.serve.builders import tiny_runs

        runs = {**tiny_runs(Path(tempfile.mkdtemp(prefix="aprende-bench-models-"))), **runs}
    data = inputs()
    done, available = [], []
    for timeout in (None, TIMEOUT_S):  # one server for the normal mixes, one with a tiny --timeout
        names = [m for m in mixes if (m == "timeout") == (timeout is not None)]
        if not names:
            continue
        port = free_port()
        proc = start(runs, port, timeout)
        try:
            if timeout is None:
                for kind in MIX:  # warm-up: every model loaded once, the exhibit run once
                    send(port, kind, data)
            else:
                send(port, "bert", data)  # the fill model loaded before the clock starts
            models = json.loads(urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/models").read())
            available = available or [m["name"] for m in models if m["available"]]
            done += [run_mix(name, port, proc.pid, args, data) for name in names]
        finally:
            proc.terminate()
            proc.wait(10)
    md = table(done, args, available)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(md, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps({"mixes": done, "models": available}, indent=2) + "\n",
                                        encoding="utf-8")
    print(md)
    if any(m["bad_answers"] for m in done):
        sys.exit(1)


if __name__ == "__main__":
    main()
