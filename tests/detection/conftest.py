"""Fixtures of the detection tests: a small lego folder (the builders live in builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.detection.builders import voc_folder


@pytest.fixture
def voc(tmp_path) -> Path:
    return voc_folder(tmp_path / "lego")
