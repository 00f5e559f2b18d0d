"""Shared fixtures: Spanish by default, runs in a temporary folder, the article's CSV."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_CSV = ROOT / "tests" / "data" / "time_series.csv"  # the article's sales (jbagnato/machine-learning)


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
def seed_csv() -> Path:
    """The article's time_series.csv, kept in tests/data so a plain clone runs every test that needs it."""
    return SEED_CSV


def run_cli(*args, cwd=None, env=None, timeout=600):
    """Run `python -m aprende ARGS` as a user would; returns the CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "aprende", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli
