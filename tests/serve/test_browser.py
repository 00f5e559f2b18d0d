"""The web page in a real browser (Debian's Chromium through Playwright), against the app served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.serve.builders import lego_image, png_bytes, sales_csv

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra: pip install -e '.[dev]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(runs):
    """uvicorn on 127.0.0.1 in a thread, serving the tiny models; stopped after the module."""
    import uvicorn

    from aprende.serve import Limits, create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(runs, Limits(forecast_s=1.0)), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server):
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium as root "
                    "(apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1100, "height": 800}, locale="es-ES")
        outside = []
        pg.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith(("blob:", "data:"))
              else outside.append(r.url))
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(server + "/")
        yield pg
        assert not outside, f"the page asked for something outside the app: {outside}"
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _shot(page, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    keep = os.environ.get("APRENDE_SCREENSHOTS")  # docs/img/serve, once by hand, for the README
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shots / f"{name}.png", Path(keep) / f"{name}.png")


def _file(name: str, mime: str, data: bytes) -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


def test_forecast_tab_draws_the_chart(page, shots):
    assert page.locator("#tabs button.active").inner_text() == "Pronóstico"
    page.set_input_files("#forecast-file", _file("ventas.csv", "text/csv", sales_csv()))
    page.wait_for_selector("#forecast-chart[data-points='14']", timeout=30_000)
    assert "MASE" in page.inner_text("#forecast-metrics")
    _shot(page, shots, "forecast")


def test_forecast_backtest_fields_take_the_labs_range_and_shape_the_backtest(page):
    from aprende.core.settings import declared
    from aprende.forecast.settings import ForecastSettings

    page.click("#tabs button[data-tab=forecast]")
    lo, hi = declared(ForecastSettings)["windows"]["range"]
    page.wait_for_selector(f"#forecast-windows[max='{hi}']", timeout=10_000)
    assert page.get_attribute("#forecast-windows", "min") == str(lo)
    page.fill("#forecast-bt-horizon", "4")
    page.fill("#forecast-windows", "3")
    page.set_input_files("#forecast-file", _file("ventas.csv", "text/csv", sales_csv(seed=1)))
    page.wait_for_selector("#forecast-metrics:has-text('3 ventanas de 4 pasos')", timeout=30_000)
    page.fill("#forecast-windows", str(hi + 1))  # past the lab's range: its message, nothing drawn
    page.set_input_files("#forecast-file", _file("ventas.csv", "text/csv", sales_csv(seed=2)))
    page.wait_for_selector("#forecast-status.error", timeout=30_000)
    assert "windows" in page.inner_text("#forecast-status") and f"{lo}–{hi}" in page.inner_text("#forecast-status")
    page.fill("#forecast-bt-horizon", "")
    page.fill("#forecast-windows", "")


def test_detect_tab_draws_boxes_on_the_image(page, shots, tmp_path):
    page.click("#tabs button[data-tab=detect]")
    page.fill("#detect-conf", "0")
    page.set_input_files("#detect-file", _file("escena.jpg", "image/jpeg", lego_image(tmp_path).read_bytes()))
    page.wait_for_selector("#detect-canvas[data-boxes]", timeout=20_000)
    assert int(page.get_attribute("#detect-canvas", "data-boxes")) > 0
    assert page.locator("#detect-list li").count() > 0
    _shot(page, shots, "detect")


def test_classify_tab_shows_probability_bars(page, shots):
    import base64

    page.click("#tabs button[data-tab=classify]")
    drop = page.evaluate_handle("""(b64) => {
        const dt = new DataTransfer();
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], "forma.png", {type: "image/png"}));
        return dt; }""", base64.b64encode(png_bytes()).decode())
    page.dispatch_event("#classify .drop", "drop", {"dataTransfer": drop})  # dragged and dropped, not chosen
    page.wait_for_selector("#classify-bars .bar", timeout=20_000)
    _shot(page, shots, "classify")
    page.set_input_files("#classify-file", _file("roto.png", "image/png", b"not a png"))
    page.wait_for_selector("#classify-status.error", timeout=20_000)
    assert "roto.png" in page.inner_text("#classify-status")


def test_translate_tab_shows_the_attention(page, shots):
    page.click("#tabs button[data-tab=translate]")
    page.fill("#translate-text", "el gato duerme")
    page.click("#translate-run")
    page.wait_for_selector("#translate-heat[data-cells]", timeout=20_000)
    _shot(page, shots, "translate")


def test_gpt_and_bert_tabs(page, shots):
    page.click("#tabs button[data-tab=gpt]")
    page.fill("#gpt-prompt", "El gato")
    page.fill("#gpt-tokens", "20")
    page.click("#gpt-run")
    page.wait_for_selector("#gpt-out[data-done='1']", timeout=20_000)
    assert page.inner_text("#gpt-out").startswith("El gato")
    _shot(page, shots, "gpt")
    page.click("#tabs button[data-tab=bert]")
    page.click("#bert-run")
    page.wait_for_selector("#bert-out .bar", timeout=20_000)
    _shot(page, shots, "bert")


def test_history_tab_and_english(page, shots):
    page.click("#tabs button[data-tab=history]")
    page.wait_for_selector("#history-select option[value=perceptron]", state="attached", timeout=20_000)
    page.click("#history-run")
    page.wait_for_selector("#history-figures img", timeout=30_000)
    # functions, not expression strings: Playwright evaluates a string with eval, which the page's CSP refuses
    page.wait_for_function("() => [...document.querySelectorAll('#history-figures img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    _shot(page, shots, "history")
    page.click("#lang")
    assert page.locator("#tabs button[data-tab=forecast]").inner_text() == "Forecast"
    page.click("#history-run")
    page.wait_for_function("() => document.querySelector('#history-status').textContent.startsWith('Done')")
    assert (shots / "history.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # this test's own screenshot
    page.click("#lang")  # back to Spanish, as the other tests on this page expect whatever order they run in
    assert page.locator("#tabs button[data-tab=forecast]").inner_text() == "Pronóstico"
