"""Tiny models trained once per session (seconds each) and an app that serves them."""

from __future__ import annotations

import pytest

from tests.serve.builders import tiny_runs


@pytest.fixture(scope="session")
def runs(tmp_path_factory) -> dict[str, str]:
    return tiny_runs(tmp_path_factory.mktemp("serve-models"))
