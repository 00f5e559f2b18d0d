"""The server sheds load (issue 31): cross-site GETs refused, a body that takes too long cut off, a full queue answered
503 with Retry-After, and a timed-out job that never checks its deadline stopped so the next request succeeds."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from fastapi.testclient import TestClient

from aprende.serve import Limits, create_app, routes_misc
from aprende.serve.errors import ServeError
from aprende.serve.limits import BodyLimit, Runner, hold

API = "/api/v1"


def _client(limits: Limits | None = None) -> TestClient:
    return TestClient(create_app({}, limits or Limits()), base_url="http://localhost")


def _deaf_step(lock: threading.Lock, seen: list):
    """A lab step that never looks at the deadline (a pivot, a C call in a loop), holding the shared lock."""
    with hold(lock):
        for _ in range(4000):  # 20 s if nothing stops it
            time.sleep(0.005)
        seen.append("ran to the end")


def test_timed_out_job_that_ignores_the_deadline_is_stopped_and_frees_the_lock():
    runner, lock, seen = Runner(Limits(timeout_s=0.3, heavy_workers=1, stop_grace_s=0.05)), threading.Lock(), []

    async def main():
        with pytest.raises(ServeError) as exc:
            await runner(_deaf_step, lock, seen, heavy=True)
        assert exc.value.status == 504

        def next_call():
            with hold(lock):
                return "next"
        return await runner(next_call, heavy=True)  # a fresh deadline: the lock must be free well within it

    try:
        assert asyncio.run(main()) == "next"
    finally:
        runner.shutdown()
    assert seen == []  # stopped, not run to the end


def test_next_forecast_succeeds_after_a_timed_out_one(monkeypatch):
    seen = []
    monkeypatch.setattr(routes_misc, "_forecast", lambda state, *a: _deaf_step(state.heavy, seen))
    with _client(Limits(timeout_s=0.4, stop_grace_s=0.05)) as c:
        r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"fecha,unidades\n")})
        assert r.status_code == 504

        def quick(state, *a):
            with hold(state.heavy):
                return None, b"\x89PNG fake"
        monkeypatch.setattr(routes_misc, "_forecast", quick)
        r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"fecha,unidades\n")})
        assert r.status_code == 200 and r.content == b"\x89PNG fake"
    assert seen == []


def test_full_queue_answers_503_with_retry_after():
    runner, release = Runner(Limits(timeout_s=5, workers=1, queue=1, retry_after_s=7)), threading.Event()

    async def main():
        first = asyncio.ensure_future(runner(release.wait, 5))  # on the worker
        second = asyncio.ensure_future(runner(lambda: "queued"))  # waits in the queue
        await asyncio.sleep(0.1)
        with pytest.raises(ServeError) as exc:
            await runner(lambda: "one too many")
        release.set()
        return exc.value, await first, await second

    try:
        err, first, second = asyncio.run(main())
    finally:
        runner.shutdown()
    assert err.status == 503 and err.key == "serve.busy" and err.params["seconds"] == "7"
    assert first is True and second == "queued"  # the calls already in were answered


def test_busy_answer_carries_retry_after_header(monkeypatch):
    def busy(state, *a):
        raise ServeError(503, "serve.busy", seconds="7")
    monkeypatch.setattr(routes_misc, "_forecast", busy)
    with _client() as c:
        r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"fecha,unidades\n")})
    assert r.status_code == 503 and r.headers["retry-after"] == "7" and r.json()["error"] == "serve.busy"


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                                     {"origin": "null"}])
def test_cross_site_get_that_computes_is_refused(monkeypatch, headers):
    ran = []
    monkeypatch.setattr(routes_misc, "_exhibit", lambda *a: ran.append(a))
    with _client() as c:
        r = c.get(f"{API}/history/perceptron", headers=headers)
    assert r.status_code == 403 and r.json()["error"] == "serve.bad_origin"
    assert ran == []  # nothing was trained


def test_own_page_and_scripts_still_get_answers():
    with _client() as c:
        assert c.get(f"{API}/health", headers={"sec-fetch-site": "same-origin"}).status_code == 200
        assert c.get(f"{API}/health").status_code == 200  # curl: no Origin, no Sec-Fetch-Site
        assert c.get(f"{API}/health", headers={"origin": "http://localhost"}).status_code == 200
        assert c.get("/", headers={"sec-fetch-site": "cross-site"}).status_code == 200  # a link to the page itself
        assert c.get(f"{API}/health", headers={"origin": "http://evil.example"}).status_code == 200  # reads only


def test_body_that_arrives_too_slowly_is_cut_off():
    """A client sending its body a piece at a time, slower than the limit, gets a 408 and the app never sees it."""
    seen = []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            if not message.get("more_body"):
                break
        seen.append("whole body")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def main():
        sent = []

        async def trickle():
            await asyncio.sleep(0.2)  # one piece every 0.2 s, forever
            return {"type": "http.request", "body": b"x", "more_body": True}

        async def send(message):
            sent.append(message)
        scope = {"type": "http", "method": "POST", "path": "/api/v1/forecast", "headers": [], "query_string": b""}
        await asyncio.wait_for(BodyLimit(app, Limits(body_s=0.5))(scope, trickle, send), 5)
        return sent

    sent = asyncio.run(main())
    assert sent[0]["status"] == 408 and seen == []
    assert b"serve.too_slow" in sent[1]["body"]
