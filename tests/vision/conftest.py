"""Fixtures of the vision tests: a small shapes folder (the builder lives in builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vision.builders import make_folder


@pytest.fixture
def shapes(tmp_path) -> Path:
    return make_folder(tmp_path / "formas")
