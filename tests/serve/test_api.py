"""Every endpoint of /api/v1 with good and bad input: the same message keys as the command line, JSON errors, 4xx."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from aprende.serve import Limits, create_app
from tests.serve.builders import lego_image, png_bytes, sales_csv

API = "/api/v1"


@pytest.fixture(scope="module")
def client(runs):
    from fastapi.testclient import TestClient

    with TestClient(create_app(runs, Limits(max_upload_mb=1, forecast_s=1.0)), base_url="http://localhost") as c:
        yield c


def _error(r, status: int, key: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == key and body["message"] and "Traceback" not in body["message"]
    return body["message"]


def test_health_models_and_page(client, runs):
    assert client.get(f"{API}/health").json()["status"] == "ok"
    models = {m["name"]: m for m in client.get(f"{API}/models").json()}
    assert set(models) == {"classify", "detect", "translate", "gpt", "bert"}
    assert models["classify"]["available"] and models["classify"]["source"] == "run"
    page = client.get("/")
    assert page.status_code == 200 and 'id="tabs"' in page.text
    for asset in ("app.js", "draw.js", "i18n.js", "style.css"):
        assert client.get(f"/static/{asset}").status_code == 200
    schema = client.get("/openapi.json").json()
    paths = ("forecast", "classify", "detect", "translate", "gpt", "bert", "models")
    assert {f"{API}/{p}" for p in paths} <= set(schema["paths"])


def test_the_page_needs_nothing_from_outside(client):
    """No CDN: every script, sheet and image the page loads comes from this server."""
    for asset in ("/", "/static/app.js", "/static/draw.js", "/static/i18n.js", "/static/style.css"):
        text = client.get(asset).text
        assert "://" not in text.replace("http://127.0.0.1", ""), asset


def test_classify_by_content_not_name(client):
    r = client.post(f"{API}/classify?top_k=2", files={"file": ("dibujo.txt", png_bytes(), "text/plain")})
    assert r.status_code == 200, r.text
    top = r.json()["top"]
    assert len(top) == 2 and top[0]["probability"] >= top[1]["probability"]
    assert top[0]["label"] in r.json()["classes"]


def test_bad_images_are_the_labs_errors(client):
    msg = _error(client.post(f"{API}/classify", files={"file": ("foto.png", b"\x89PNG garbage")}), 422, "image.corrupt")
    assert "foto.png" in msg and "/tmp" not in msg  # the client's name, never the server's paths
    _error(client.post(f"{API}/classify", files={"file": ("notas.txt", b"hola")}), 422, "image.not_image")
    sneaky = _error(client.post(f"{API}/classify", files={"file": ("../../etc/x.png", b"xx")}), 422, "image.corrupt")
    assert "x.png" in sneaky and "etc" not in sneaky and ".." not in sneaky  # a client gives a name, never a path
    _error(client.post(f"{API}/classify", files={"file": ("vacia.png", b"")}), 422, "image.empty")
    _error(client.post(f"{API}/detect", files={"file": ("x.jpg", b"nope")}), 422, "detect.image_corrupt")
    en = _error(client.post(f"{API}/classify?lang=en", files={"file": ("foto.png", b"xx")}), 422, "image.corrupt")
    assert "damaged" in en or "corrupt" in en
    accept = client.post(f"{API}/classify", files={"file": ("foto.png", b"xx")},
                         headers={"Accept-Language": "en-GB,en"})
    assert accept.json()["message"] == en


def test_decompression_bomb_is_refused(client):
    buf = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buf, "PNG")  # 144 M pixels in a few kB
    assert len(buf.getvalue()) < 1024 * 1024
    _error(client.post(f"{API}/classify", files={"file": ("bomba.png", buf.getvalue())}), 422, "image.too_large")


def test_oversized_upload_is_413_before_it_is_read(client):
    big = b"0" * (1024 * 1024 + 10)
    msg = _error(client.post(f"{API}/classify", files={"file": ("big.png", big)}), 413, "serve.too_large")
    assert "1 MB" in msg


def test_oversized_body_without_length_is_cut_while_arriving(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 65536  # 2.5 MB, no Content-Length: counted as it arrives

    r = client.post(f"{API}/bert", content=chunks(), headers={"Content-Type": "application/json"})
    _error(r, 413, "serve.too_large")


def test_detect_boxes_and_annotated_image(client, tmp_path):
    data = lego_image(tmp_path).read_bytes()
    r = client.post(f"{API}/detect?conf=0", files={"file": ("escena.jpg", data)})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["width"] == 96 and out["boxes"], out
    x0, y0, x1, y1 = out["boxes"][0]["box"]
    assert 0 <= x0 <= x1 <= 96 and 0 <= y0 <= y1 <= 96 and out["boxes"][0]["label"] in out["classes"]
    img = client.post(f"{API}/detect/image?conf=0.5", files={"file": ("escena.jpg", data)})
    assert img.headers["content-type"] == "image/jpeg" and Image.open(io.BytesIO(img.content)).size == (96, 96)
    _error(client.post(f"{API}/detect?conf=2", files={"file": ("escena.jpg", data)}), 422, "serve.bad_field")


def test_forecast_json_plot_and_bad_csv(client):
    r = client.post(f"{API}/forecast?horizon=10", files={"file": ("ventas.csv", sales_csv())})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["model"] == "calendar" and len(out["forecast"]) == 10 and out["history"]
    assert all(row["lower"] <= row["upper"] for row in out["forecast"])
    png = client.post(f"{API}/forecast/plot", files={"file": ("ventas.csv", sales_csv())})
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    msg = _error(client.post(f"{API}/forecast", files={"file": ("ventas.csv", b"fecha,unidades\n2024-01-01,abc\n")}),
                 422, "csv.bad_value")
    assert msg.startswith("ventas.csv, línea 2: «abc» no es un número."), msg  # the file, the line and the value
    _error(client.post(f"{API}/forecast", files={"file": ("v.csv", b"")}), 422, "csv.empty")
    _error(client.post(f"{API}/forecast", files={"file": ("v.csv", b"\x00\x01\x02binary")}), 422, "csv.binary")
    _error(client.post(f"{API}/forecast", files={"file": ("foto.png", png_bytes())}), 422, "csv.binary")  # wrong type
    _error(client.post(f"{API}/forecast", files={"file": ("v.csv", b"fecha,unidades\n2024-01-01,3\n")}), 422,
           "csv.too_few")
    _error(client.post(f"{API}/forecast", data={"x": "1"}), 422, "serve.missing_field")


def test_forecast_gives_the_same_message_as_the_cli(client, tmp_path, capsys):
    """The web and the command line read a CSV with the same function, so they say the same thing."""
    from aprende.cli import main

    bad = tmp_path / "ventas.csv"
    bad.write_bytes(b"fecha,unidades\n2024-01-01,10\n2024-13-45,12\n")
    with pytest.raises(SystemExit):
        main(["forecast", "train", "--csv", str(bad), "--quiet"])
    cli_text = capsys.readouterr().err
    web = _error(client.post(f"{API}/forecast", files={"file": ("ventas.csv", bad.read_bytes())}), 422, "csv.bad_date")
    assert web.split(":", 1)[1].strip()[:40] in " ".join(cli_text.split())


def test_gpt_streams_text_and_answers_json(client):
    with client.stream("POST", f"{API}/gpt", json={"prompt": "El gato", "max_new_tokens": 12}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
        text = "".join(r.iter_text())
    assert text.startswith("El gato")
    r = client.post(f"{API}/gpt", json={"prompt": "El gato", "max_new_tokens": 12, "stream": False})
    assert r.status_code == 200 and r.json()["prompt"] == "El gato"
    assert r.json()["prompt"] + r.json()["text"] == text  # the same seed writes the same text either way
    _error(client.post(f"{API}/gpt", json={"prompt": "x" * 501}), 422, "serve.text_too_long")
    _error(client.post(f"{API}/gpt", json={"prompt": "hola", "max_new_tokens": 10_000}), 422, "serve.bad_field")
    _error(client.post(f"{API}/gpt", content=b"{not json", headers={"Content-Type": "application/json"}), 422,
           "serve.bad_field")


def test_bert_fills_and_refuses_bad_text(client):
    r = client.post(f"{API}/bert?lang=en", json={"text": "El gato [MASK] en la casa.", "top_k": 3})
    assert r.status_code == 200, r.text
    masks = r.json()["masks"]
    assert len(masks) == 1 and 1 <= len(masks[0]) <= 3
    _error(client.post(f"{API}/bert", json={"text": ""}), 422, "serve.empty_text")
    _error(client.post(f"{API}/bert", json={"text": "   "}), 422, "serve.empty_text")
    _error(client.post(f"{API}/bert", json={"text": "sin máscara"}), 422, "transformer.no_mask")
    _error(client.post(f"{API}/bert", json={"text": "a " * 30 + "[MASK]"}), 422, "transformer.fill_too_long")
    _error(client.post(f"{API}/bert", json={"text": "[MASK] " + "a" * 600}), 422, "serve.text_too_long")
    _error(client.post(f"{API}/bert", json={}), 422, "serve.missing_field")


def test_translate(client, runs):
    from aprende.transformer.run import load_translator

    r = client.post(f"{API}/translate", json={"text": "el gato duerme", "attention": True, "beam": 1})
    assert r.status_code == 200, r.text
    att = r.json()["attention"]
    assert len(att["weights"]) == len(att["target"]) and all(len(row) == len(att["source"]) for row in att["weights"])
    assert all(abs(sum(row) - 1) < 1e-3 for row in att["weights"])  # each target word's attention is a distribution
    # the same words the lab's translator writes on the command line
    expected = load_translator(runs["translate"], device="cpu").translate(["el gato duerme"], beam=1)[0]
    assert r.json()["translation"] == expected
    _error(client.post(f"{API}/translate", json={"text": ""}), 422, "serve.empty_text")
    _error(client.post(f"{API}/translate", json={"text": "el gato duerme " * 20}), 422, "translate.too_long")
    _error(client.post(f"{API}/translate", json={"text": "hola", "beam": 9}), 422, "serve.bad_field")


def test_history_list_figure_and_unknown(client):
    listed = client.get(f"{API}/history?lang=en").json()
    assert listed[0]["name"] == "perceptron" and listed[0]["title"]
    info = client.get(f"{API}/history/perceptron/info").json()
    assert info["figures"] and info["sentence"]
    english = client.get(f"{API}/history/perceptron/info?lang=en").json()["sentence"]
    assert english != info["sentence"]  # the exhibit's sentence (and figures) in the request's language
    png = client.get(f"{API}/history/perceptron", params={"figure": info["figures"][-1]})
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    _error(client.get(f"{API}/history/nada"), 404, "history.unknown_exhibit")
    _error(client.get(f"{API}/history/perceptron?figure=nada"), 404, "serve.not_found")
    _error(client.get(f"{API}/history/..%2F..%2Fetc"), 404, "serve.not_found")


def test_missing_model_is_a_clear_503(tmp_path):
    from fastapi.testclient import TestClient

    with TestClient(create_app({name: str(tmp_path / "nada") for name in ("classify", "gpt")}),
                    base_url="http://localhost") as c:
        msg = _error(c.post(f"{API}/classify", files={"file": ("a.png", png_bytes())}), 503, "serve.no_model_run")
        assert "classify" in msg and "nada" not in msg and str(tmp_path) not in msg  # the model's name, no paths
        _error(c.post(f"{API}/gpt", json={"prompt": "hola"}), 503, "serve.no_model_run")
        status = {m["name"]: m for m in c.get(f"{API}/models").json()}
        assert status["classify"]["available"] is False


def test_timeout_is_504(runs):
    from fastapi.testclient import TestClient

    with TestClient(create_app(runs, Limits(timeout_s=0.001, forecast_s=0.5)), base_url="http://localhost") as c:
        r = c.post(f"{API}/forecast", files={"file": ("ventas.csv", sales_csv())})
    _error(r, 504, "serve.timeout")


def test_unknown_routes_and_methods_are_json(client):
    _error(client.get(f"{API}/nada"), 404, "serve.not_found")
    _error(client.get(f"{API}/classify"), 405, "serve.bad_method")
    assert json.loads(client.get("/docs", follow_redirects=True).text)["openapi"]


def test_concurrent_requests_share_the_models_safely(client):
    """48 requests at once on every shared model: all answered, each with the answer it gets alone (the translator's
    attention flag is per model, the GPT's sampler per request)."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = [("bert", {"text": "El gato [MASK] en la casa."}), ("gpt", {"prompt": "El", "stream": False,
                                                                      "max_new_tokens": 5}),
            ("gpt", {"prompt": "La", "stream": False, "max_new_tokens": 5, "seed": 3}),
            ("translate", {"text": "el gato duerme", "attention": True}), ("translate", {"text": "la niña lee"})]

    def go(i):
        path, body = jobs[i % len(jobs)]
        r = client.post(f"{API}/{path}", json=body)
        return r.status_code, r.json()

    alone = [go(i) for i in range(len(jobs))]
    assert {status for status, _ in alone} == {200}
    with ThreadPoolExecutor(16) as pool:
        together = list(pool.map(go, range(48)))
    assert together == [alone[i % len(jobs)] for i in range(48)]
