"""The README's screenshots of `aprende serve`: every tab of the page, driven in Debian's Chromium, one PNG each.

Serves the shipped weights (or --run-NAME folders) on 127.0.0.1 with real inputs: the article's sales CSV, the
boot image of the CNN guide, a lego scene. Run it again whenever the page or the shipped weights change.

usage: python scripts/serve_screenshots.py [--out docs/img/serve] [--run-detect DIR …] [--lang es]
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("classify", "detect", "translate", "gpt", "bert")


def serve(runs: dict) -> tuple[str, object]:
    import uvicorn

    from aprende.serve import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(runs), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def shoot(url: str, out: Path, lang: str) -> None:
    from playwright.sync_api import sync_playwright

    from aprende.datasets.article import ARTICLE_CSV as csv
    steps = [
        ("forecast", lambda p: p.set_input_files("#forecast-file", str(csv)), "#forecast-chart[data-points]"),
        ("classify", lambda p: p.set_input_files("#classify-file", str(ROOT / "docs/img/cnn/botin.png")),
         "#classify-bars .bar"),
        ("detect", lambda p: p.set_input_files("#detect-file", str(ROOT / "docs/img/serve/lego.jpg")),
         "#detect-canvas[data-boxes]"),
        ("translate", lambda p: p.click("#translate-run"), "#translate-heat[data-cells]"),
        ("gpt", lambda p: p.click("#gpt-run"), "#gpt-out[data-done='1']"),
        ("bert", lambda p: p.click("#bert-run"), "#bert-out .bar"),
        ("history", lambda p: (p.select_option("#history-select", "cnn"), p.click("#history-run")),
         "#history-figures img"),
    ]
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1100, "height": 800}, locale="en-US" if lang == "en" else "es-ES")
        page.goto(url + "/")
        page.wait_for_selector("#history-select option", state="attached")
        for tab, act, done in steps:
            page.click(f"#tabs button[data-tab={tab}]")
            act(page)
            try:
                page.wait_for_selector(f"{done}, #{tab}-status.error", timeout=60_000)
                page.wait_for_timeout(500)  # images finish drawing
            except Exception as exc:  # noqa: BLE001 - a tab that fails is reported, the others still shot
                print(f"{tab}: {exc}")
            page.screenshot(path=str(out / f"{tab}.png"), full_page=True)
            print(out / f"{tab}.png", page.inner_text(f"#{tab}-status"))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "img" / "serve"))
    ap.add_argument("--lang", default="es", choices=["es", "en"])
    for name in NAMES:
        ap.add_argument(f"--run-{name}", default=None)
    args = ap.parse_args()
    url, server = serve({n: getattr(args, f"run_{n}") for n in NAMES})
    try:
        shoot(url, Path(args.out), args.lang)
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
