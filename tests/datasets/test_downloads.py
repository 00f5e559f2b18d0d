"""Downloads that misbehave (never the network: urlopen is replaced): the handle closed, the size capped while the
bytes stream and while they inflate, and a cache that is trusted only once its hashes were checked."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import urllib.error
from pathlib import Path

import pytest

from aprende.core.errors import AprendeError
from aprende.datasets import registry

PAYLOAD = b"fecha,unidades\n2024-01-01,3\n" * 20


class FakeResponse(io.BytesIO):
    """What urlopen returns: a readable body with headers; counts how much was read."""

    def __init__(self, data: bytes, length: int | None = None):
        super().__init__(data)
        self.headers = {} if length is None else {"Content-Length": str(length)}
        self.read_bytes = 0

    def read(self, n=-1):
        chunk = super().read(n)
        self.read_bytes += len(chunk)
        return chunk


def _serve(monkeypatch, response=None, error=None):
    def urlopen(url, timeout=None):
        if error is not None:
            raise error
        return response

    monkeypatch.setattr(registry.urllib.request, "urlopen", urlopen)


def _remote(data: bytes, **kw) -> registry.Remote:
    return registry.Remote("datos.csv", hashlib.sha256(data).hexdigest(), kw.pop("size", len(data)), **kw)


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
def test_failed_urlopen_closes_the_temporary_file(monkeypatch, tmp_path):
    _serve(monkeypatch, error=urllib.error.URLError("no route"))
    before = _open_fds()
    for _ in range(5):
        with pytest.raises(AprendeError) as exc:
            registry._fetch("http://x/datos.csv", _remote(PAYLOAD), tmp_path / "datos.csv")
        assert exc.value.key == "data.download_failed"
    assert _open_fds() == before
    assert list(tmp_path.iterdir()) == []


def test_download_is_cut_at_its_expected_size(monkeypatch, tmp_path):
    endless = FakeResponse(PAYLOAD * 1000)  # a server that sends far more than the file, with no Content-Length
    _serve(monkeypatch, endless)
    with pytest.raises(AprendeError) as exc:
        registry._fetch("http://x/datos.csv", _remote(PAYLOAD), tmp_path / "datos.csv")
    assert exc.value.key == "data.too_large"
    assert endless.read_bytes <= len(PAYLOAD) + registry.CHUNK
    assert list(tmp_path.iterdir()) == []


def test_declared_length_over_the_size_is_refused_before_reading(monkeypatch, tmp_path):
    response = FakeResponse(PAYLOAD, length=10 * len(PAYLOAD))
    _serve(monkeypatch, response)
    with pytest.raises(AprendeError) as exc:
        registry._fetch("http://x/datos.csv", _remote(PAYLOAD), tmp_path / "datos.csv")
    assert exc.value.key == "data.too_large" and response.read_bytes == 0


def test_gzip_is_inflated_as_it_streams_with_a_cap(monkeypatch, tmp_path):
    bomb = gzip.compress(b"\0" * 5_000_000)  # ~5 kB that inflate to 5 MB
    remote = registry.Remote("x.gz", hashlib.sha256(b"\0" * 1000).hexdigest(), len(bomb), gunzip=True,
                             stored_size=1000)
    _serve(monkeypatch, FakeResponse(bomb))
    with pytest.raises(AprendeError) as exc:
        registry._fetch("http://x/x.gz", remote, tmp_path / "x")
    assert exc.value.key == "data.too_large" and list(tmp_path.iterdir()) == []
    good = gzip.compress(PAYLOAD)
    remote = registry.Remote("x.gz", hashlib.sha256(PAYLOAD).hexdigest(), len(good), gunzip=True,
                             stored_size=len(PAYLOAD))
    _serve(monkeypatch, FakeResponse(good))
    registry._fetch("http://x/x.gz", remote, tmp_path / "x")
    assert (tmp_path / "x").read_bytes() == PAYLOAD  # stored inflated; the hash is of the inflated bytes
    _serve(monkeypatch, FakeResponse(good[: len(good) // 2]))  # cut off half way
    with pytest.raises(AprendeError) as exc:
        registry._fetch("http://x/x.gz", remote, tmp_path / "y")
    assert exc.value.key == "data.bad_checksum" and not (tmp_path / "y").exists()


def test_cached_checks_the_hashes_not_only_the_files(monkeypatch, seed_csv):
    ds = registry.get("ventas-articulo")
    folder = registry.cache_dir() / ds.name
    folder.mkdir(parents=True)
    target = folder / "time_series.csv"
    target.write_bytes(b"x" * seed_csv.stat().st_size)  # there, the right size, the wrong bytes
    assert ds.cached() is None
    target.write_bytes(seed_csv.read_bytes())
    assert ds.cached() == folder and (folder / registry.STAMP).is_file()  # checked once, then stamped
    target.write_bytes(seed_csv.read_bytes()[:-10])  # changed after the check
    assert ds.cached() is None
    _serve(monkeypatch, FakeResponse(seed_csv.read_bytes()))
    assert registry.download(ds.name) == folder  # a bad cached file is fetched again
    assert ds.cached() == folder
