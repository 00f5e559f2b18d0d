"""The architecture page stays true: every path it names exists, and every lab in its table is in `COMMANDS`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "docs" / "es" / "arquitectura.md", ROOT / "docs" / "en" / "architecture.md"]
PATH = re.compile(r"`((?:src|tests|benchmarks|notebooks|scripts|docs)/[\w./-]*)`")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_path_on_the_page_exists(page):
    paths = PATH.findall(page.read_text(encoding="utf-8"))
    assert len(paths) > 25  # the page is a map: it names the files
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"{page.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_names_it_gives_are_real(page):
    """The functions and tables the page tells a newcomer to look for are where it says."""
    from aprende.cli import COMMANDS
    from aprende.core import lifecycle, settings, trainer

    text = page.read_text(encoding="utf-8")
    for name, module in (("COMMANDS", None), ("click_options", settings), ("settings_from", settings),
                         ("start_run", lifecycle), ("open_run", lifecycle), ("fit", trainer)):
        assert f"`{name}" in text, name
        assert module is None or hasattr(module, name), name
    assert {"forecast", "classify", "detect", "translate", "gpt", "bert", "history"} <= set(COMMANDS)


def test_the_readme_links_the_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/es/arquitectura.md" in readme and "docs/en/architecture.md" in readme
