"""The server under abuse, with stand-in lab steps (no training) and the shipped classifier for uploads: deadlines
that stop the work, one runner for every call (streams too), right answers under concurrency, and the Host, Origin
and header checks."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from aprende.core.deadline import passed
from aprende.serve import Limits, create_app, routes_misc, routes_text
from aprende.serve.errors import ServeError
from aprende.serve.limits import Runner
from aprende.serve.models import Loaded
from aprende.serve.schemas import BertOut, Word

API = "/api/v1"
BOUND = 4000  # steps of 5 ms a stand-in takes at most: 20 s if the deadline never reaches it


def _slow_step(seen: list):
    """A lab step that checks the deadline, as the training loop and the generators do."""
    for _ in range(BOUND):
        if passed():
            seen.append("stopped at the deadline")
            return None
        time.sleep(0.005)
    seen.append("ran to the end")
    return None


def _client(limits: Limits | None = None, **kw) -> TestClient:
    return TestClient(create_app({}, limits or Limits(), **kw), base_url="http://localhost")


def test_runner_deadline_stops_the_call_and_frees_the_worker():
    runner, seen = Runner(Limits(timeout_s=0.3, workers=1)), []

    async def main():
        with pytest.raises(ServeError) as exc:
            await runner(_slow_step, seen)
        assert exc.value.status == 504 and exc.value.key == "serve.timeout"
        return await runner(lambda: "next")  # the one worker is free again for the next call

    try:
        assert asyncio.run(main()) == "next"
    finally:
        runner.shutdown()
    assert seen == ["stopped at the deadline"]


def test_timed_out_forecast_stops_and_the_heavy_worker_takes_the_next(monkeypatch):
    seen = []
    monkeypatch.setattr(routes_misc, "_forecast", lambda state, *a: _slow_step(seen))
    with _client(Limits(timeout_s=0.3)) as c:
        r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"fecha,unidades\n")})
        assert r.status_code == 504 and r.json()["error"] == "serve.timeout"
        monkeypatch.setattr(routes_misc, "_forecast", lambda state, *a: (None, b"\x89PNG fake"))
        r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"fecha,unidades\n")})
        assert r.status_code == 200 and r.content == b"\x89PNG fake"
    assert seen == ["stopped at the deadline"]


def test_shared_lock_is_taken_with_the_deadline(monkeypatch):
    """A heavy call that cannot get the shared lock in time answers 504 and gives its worker back."""
    import aprende.history  # noqa: F401 (imported before the clock starts: the import alone takes longer)

    app = create_app({}, Limits(timeout_s=0.3, heavy_workers=1))
    monkeypatch.setattr(routes_misc, "_forecast", lambda state, *a: routes_misc._exhibit(state, "perceptron", "es"))
    app.state.serve.heavy.acquire()  # someone else holds it, for as long as this test runs
    try:
        with TestClient(app, base_url="http://localhost") as c:
            r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"x")})
            assert r.status_code == 504, r.text
            monkeypatch.setattr(routes_misc, "_forecast", lambda state, *a: (None, b"\x89PNG fake"))
            r = c.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", b"x")})
            assert r.status_code == 200, r.text  # the one heavy worker did not stay blocked on the lock
    finally:
        app.state.serve.heavy.release()


def _fake_gpt(app, record: list):
    app.state.serve.models._loaded["gpt"] = Loaded(model=None, extra=None, run_dir=Path("."))

    def pieces(loaded, body):
        for i in range(body.max_new_tokens):
            record.append(threading.current_thread().name)
            if passed():
                record.append("deadline")
                return
            time.sleep(0.002 if body.seed == 0 else 0.05)
            yield f" {body.prompt}{i}"

    return pieces


def test_gpt_stream_runs_on_the_runners_workers(monkeypatch):
    app, record = create_app({}, Limits(workers=2)), []
    monkeypatch.setattr(routes_text, "_pieces", _fake_gpt(app, record))
    with TestClient(app, base_url="http://localhost") as c:
        with c.stream("POST", f"{API}/gpt", json={"prompt": "a", "max_new_tokens": 3}) as r:
            text = "".join(r.iter_text())
    assert text == "a a0 a1 a2"
    assert record and all(name.startswith("aprende-serve") for name in record)  # not Starlette's shared pool


def test_gpt_stream_ends_at_the_deadline(monkeypatch):
    app, record = create_app({}, Limits(timeout_s=0.3)), []
    monkeypatch.setattr(routes_text, "_pieces", _fake_gpt(app, record))
    with TestClient(app, base_url="http://localhost") as c:
        with c.stream("POST", f"{API}/gpt", json={"prompt": "b", "max_new_tokens": 200, "seed": 1}) as r:
            text = "".join(r.iter_text())
    steps = [name for name in record if name.startswith("aprende-serve")]
    shown = len(text.split()) - 1
    # the pieces in order, then nothing: each step sleeps 50 ms, so at most 6 fit in the 0.3 s deadline
    assert text == "b" + "".join(f" b{i}" for i in range(shown)) and 1 <= shown <= 6, text
    assert len(steps) <= shown + 1 and len(record) <= shown + 2  # the writing stopped too, not only the answer


def test_concurrent_calls_get_their_own_answers(monkeypatch):
    """32 fills at once on 2 workers: each answer is the one for its own sentence."""
    def fill(loaded, body):
        time.sleep(0.01)  # long enough that calls overlap
        return BertOut(masks=[[Word(word=body.text.split()[0], probability=1.0)]])

    app = create_app({}, Limits(workers=2))
    app.state.serve.models._loaded["bert"] = Loaded(model=None, extra=None, run_dir=Path("."))
    monkeypatch.setattr(routes_text, "_fill", fill)
    with TestClient(app, base_url="http://localhost") as c:
        def go(i):
            r = c.post(f"{API}/bert", json={"text": f"palabra{i} [MASK] casa"})
            return r.status_code, r.json()["masks"][0][0]["word"]

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(go, range(32)))
    assert answers == [(200, f"palabra{i}") for i in range(32)]


def test_security_headers_on_every_answer():
    with _client() as c:
        for r in (c.get("/"), c.get(f"{API}/health"), c.get(f"{API}/nada"), c.get("/static/app.js")):
            assert r.headers["x-content-type-options"] == "nosniff"
            csp = r.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "*" not in csp


def test_only_our_own_host_names_are_answered():
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends Host: evil.example."""
    with _client() as c:
        assert c.get(f"{API}/health").status_code == 200
        assert c.get(f"{API}/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get(f"{API}/health", headers={"Host": "evil.example"}).status_code == 400
    with _client(host="192.168.1.5") as c:
        assert c.get(f"{API}/health", headers={"Host": "192.168.1.5:8000"}).status_code == 200
        assert c.get(f"{API}/health", headers={"Host": "evil.example"}).status_code == 400
    with _client(host="::1") as c:
        assert c.get(f"{API}/health", headers={"Host": "[::1]:8000"}).status_code == 200


def test_cross_site_post_is_refused():
    with _client() as c:
        r = c.post(f"{API}/bert", json={}, headers={"Origin": "http://evil.example"})
        assert r.status_code == 403 and r.json()["error"] == "serve.bad_origin"
        assert "evil.example" in r.json()["message"]
        assert c.post(f"{API}/bert", json={}, headers={"Origin": "null"}).status_code == 403
        # the page itself, and clients that send no Origin (curl, scripts), reach the API (here: a 422)
        assert c.post(f"{API}/bert", json={}, headers={"Origin": "http://localhost"}).status_code == 422
        assert c.post(f"{API}/bert", json={}).status_code == 422
        assert c.get(f"{API}/health", headers={"Origin": "http://evil.example"}).status_code == 200


def test_missing_model_names_the_model_not_the_paths(tmp_path):
    with TestClient(create_app({"gpt": str(tmp_path / "nada")}), base_url="http://localhost") as c:
        r = c.post(f"{API}/gpt", json={"prompt": "hola"})
    assert r.status_code == 503 and r.json()["error"] == "serve.no_model_run"
    msg = r.json()["message"]
    assert "gpt" in msg and "nada" not in msg and str(tmp_path) not in msg


def _trousers_png() -> bytes:
    """A drawn pair of trousers, light on black as Fashion-MNIST's are: the shipped classifier says «pantalón»."""
    from PIL import ImageDraw

    im = Image.new("L", (28, 28), 0)
    draw = ImageDraw.Draw(im)
    for box in ([8, 1, 19, 8], [8, 1, 12, 27], [15, 1, 19, 27]):  # waist, left leg, right leg
        draw.rectangle(box, fill=200)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_uploaded_images_have_the_server_pixel_limit():
    """A 25-megapixel PNG of a few kB passes the command line's limit but not the server's (the shipped classifier)."""
    buf = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buf, "PNG")
    app = create_app({})
    with TestClient(app, base_url="http://localhost") as c:
        r = c.post(f"{API}/classify", files={"file": ("grande.png", buf.getvalue())})
        assert r.status_code == 422 and r.json()["error"] == "image.too_large"
        assert "grande.png" in r.json()["message"]
        top = c.post(f"{API}/classify", files={"file": ("pantalón.png", _trousers_png())}).json()["top"]
        assert top[0]["label"] == "pantalón" and top[0]["probability"] > 0.5, top
