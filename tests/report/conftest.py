"""One tiny tour for the whole test session: the report is made once and read by several tests."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli


@pytest.fixture(scope="session")
def tiny_tour(tmp_path_factory):
    """`aprende tour --tiny --json --quiet` in a fresh folder with its own cache: (folder, its JSON, report path)."""
    folder = tmp_path_factory.mktemp("tour")
    proc = run_cli("tour", "--tiny", "--json", "--quiet", "--translate", "El perro come pan.", cwd=folder,
                   env={"APRENDE_LANG": "es", "APRENDE_CACHE": str(folder / "cache")})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    return folder, data, folder / data["run"] / "report.html"
