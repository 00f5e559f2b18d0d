"""The hostile round against a real `aprende serve` child process on a free port (issue 31): a cross-site GET of a
route that computes, a body sent a byte a second, and a timed-out job followed by a request that succeeds. The
child is killed at the end and its own peak RSS must stay under 3 GB."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.hostile.harness import LIMIT_MB, cap_memory

TIMEOUT_S = 5  # the server's --timeout: a small exhibit takes under 1 s, the LSTM one about 30 s


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m aprende serve` in its own process, waited for on /api/v1/health; killed after the module."""
    cwd = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "APRENDE_LANG": "es"}
    err = (cwd / "serve.err").open("wb")
    child = subprocess.Popen([sys.executable, "-m", "aprende", "serve", "--port", str(port), "--timeout",
                              str(TIMEOUT_S), "--quiet"], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                             stdin=subprocess.DEVNULL, preexec_fn=cap_memory)
    base = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + 60
        while True:
            assert child.poll() is None, (cwd / "serve.err").read_text()[-1500:]
            try:
                with urllib.request.urlopen(base + "/api/v1/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < end, "aprende serve did not answer /api/v1/health within 60 s"
            time.sleep(0.3)
        yield base, port
    finally:
        child.send_signal(signal.SIGKILL)
        _, _, usage = os.wait4(child.pid, 0)
        err.close()
    text = (cwd / "serve.err").read_text(errors="replace")
    assert "Traceback" not in text, text[-1500:]
    assert usage.ru_maxrss / 1024 < LIMIT_MB, usage.ru_maxrss / 1024


def _get(base: str, path: str, headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
    req = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_cross_site_get_of_a_computing_route_is_refused(server):
    base, _ = server
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        t0 = time.monotonic()
        code, body = _get(base, "/api/v1/history/perceptron", headers)
        assert code == 403, (headers, code, body[:300])
        assert time.monotonic() - t0 < 2  # refused before the exhibit trains
        assert "evil.example" in body.decode() or headers.get("Sec-Fetch-Site")
    code, _ = _get(base, "/api/v1/history", {"Origin": "http://evil.example"})
    assert code == 200  # a list that computes nothing stays readable


@pytest.mark.slow
def test_a_body_sent_a_byte_a_second_is_cut_off(server):
    """Headers promising 4 KB, then one byte a second: the server answers 408 by its body deadline (20 s)."""
    _, port = server
    sock = socket.create_connection(("127.0.0.1", port), timeout=40)
    head = (f"POST /api/v1/translate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            "Content-Length: 4096\r\n\r\n").encode()
    sock.sendall(head + b'{"text": "')
    t0, answer = time.monotonic(), b""
    sock.settimeout(1.0)
    while time.monotonic() - t0 < 35 and b"\r\n\r\n" not in answer:
        try:
            sock.sendall(b"a")
        except (BrokenPipeError, ConnectionResetError):
            break
        try:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        except TimeoutError:
            pass
    seconds = time.monotonic() - t0
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), (seconds, answer[:300])
    assert seconds < 30, seconds


@pytest.mark.slow
def test_a_timed_out_job_then_a_request_that_succeeds(server):
    """A slow exhibit ends in 504 after --timeout; the heavy lock is freed, so a quick exhibit then answers 200."""
    base, _ = server
    t0 = time.monotonic()
    code, body = _get(base, "/api/v1/history/lstm/info")
    assert code == 504, (code, body[:300])
    assert time.monotonic() - t0 < TIMEOUT_S + 10
    code, body = _get(base, "/api/v1/history/perceptron/info")
    assert code == 200, (code, body[:300])
    assert json.loads(body)["name"] == "perceptron"
    conn = http.client.HTTPConnection("127.0.0.1", server[1], timeout=10)
    conn.request("GET", "/api/v1/health")
    assert conn.getresponse().status == 200
    conn.close()
