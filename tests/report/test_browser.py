"""The tiny tour's report in a real browser (Debian's Chromium through Playwright): images, widths, contents."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra: pip install -e '.[dev]'")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium as root "
                    "(apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _open(browser, report: Path, width: int):
    """The report at `width` CSS pixels; every request it makes is recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    return page, requests


@pytest.mark.parametrize("width", [1280, 390])
def test_report_fits_the_screen_and_every_image_loads(browser, tiny_tour, width):
    _, _, report = tiny_tour
    page, requests = _open(browser, report, width)
    images = page.evaluate("() => [...document.images].map(i => [i.complete, i.naturalWidth, i.alt])")
    assert len(images) >= 7
    assert all(complete and natural > 0 for complete, natural, _ in images), images
    # nothing wider than the window: no sideways scrolling of the page (wide tables scroll inside their own box)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
        .map(e => e.tagName + '.' + e.className)""")
    assert not wide, wide
    assert all(u.startswith(("file:", "data:")) for u in requests), requests  # nothing fetched from outside
    page.close()


def test_contents_reach_every_section(browser, tiny_tour):
    from aprende.report.sections import SECTIONS

    _, _, report = tiny_tour
    page, _ = _open(browser, report, 1280)
    links = page.evaluate("() => [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))")
    assert links == [f"#{lab}" for lab in SECTIONS]
    for lab in SECTIONS:
        page.click(f"nav.toc a[href='#{lab}']")
        page.wait_for_function("(id) => location.hash === '#' + id", arg=lab)
        top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", lab)
        assert abs(top) < 5 or page.evaluate(  # the last sections may sit below a page that cannot scroll further
            "() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight"), (lab, top)
    page.close()
