"""The article's CSV ships in the package: the bytes `data get ventas-articulo` checks, found with no network."""

from __future__ import annotations

import fnmatch

import tomllib

from aprende.core.checkpoint import file_sha256
from aprende.datasets.article import ARTICLE_CSV, article_csv
from aprende.datasets.registry import get
from tests.helpers import ROOT


def test_the_package_copy_is_the_articles_file():
    remote = get("ventas-articulo").remote[0]
    assert ARTICLE_CSV.name == remote.name and ARTICLE_CSV.stat().st_size == remote.size
    assert file_sha256(ARTICLE_CSV) == remote.sha256


def test_the_wheel_carries_it():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    relative = ARTICLE_CSV.relative_to(ROOT / "src" / "aprende" / "datasets").as_posix()
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in data["aprende.datasets"])


def test_without_a_download_the_forecast_lab_reads_the_package_copy():
    from aprende.forecast.article import _article_series

    assert get("ventas-articulo").cached() is None and article_csv() == ARTICLE_CSV  # an empty cache (conftest)
    series = _article_series(None)
    assert len(series) == 604 and series.dates[0].strftime("%Y-%m-%d") == "2017-01-02" and series.values[0] == 236
