"""Shared fixtures: Spanish by default, runs in a temporary folder, the article's CSV."""

from __future__ import annotations

import pytest

from aprende.datasets.article import ARTICLE_CSV as SEED_CSV  # the article's sales, shipped in the package
from tests.helpers import run_cli


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    """Each test runs in its own folder, with its own cache, in Spanish, never touching the network."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("APRENDE_LANG", "es")
    monkeypatch.setenv("APRENDE_CACHE", str(tmp_path / "cache"))
    from aprende.core.i18n import set_lang

    set_lang(None)
    yield
    set_lang(None)


@pytest.fixture
def seed_csv():
    """The article's time_series.csv, package data, so a plain clone runs every test that needs it."""
    return SEED_CSV


@pytest.fixture
def cli():
    return run_cli
