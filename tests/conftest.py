"""Shared fixtures: Spanish by default, runs in a temporary folder, the article's CSV."""

from __future__ import annotations

import os

import pytest

# xdist's workers inherit COLUMNS=80 from the controller; the tests read tables as a piped run prints them (120)
os.environ["COLUMNS"] = "120"

from aprende.datasets.article import ARTICLE_CSV as SEED_CSV  # the article's sales, shipped in the package
from tests.helpers import run_cli


def pytest_configure(config):
    """`make test` runs two workers (`-n 2`) on the two cores: one PyTorch thread each, for the worker and for the
    commands it starts, since two threads each would fight over the same two cores."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ["OMP_NUM_THREADS"] = "1"
        import torch

        torch.set_num_threads(1)


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
