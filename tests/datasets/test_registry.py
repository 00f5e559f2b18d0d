"""`aprende data list|get`: sources shown, downloads checked by sha256 from a local server (never the internet)."""

from __future__ import annotations

import hashlib
import http.server
import threading
from functools import partial

import pytest

from aprende.cli import main
from aprende.datasets import registry
from tests.helpers import refuses


@pytest.fixture
def server(tmp_path):
    """An HTTP server on 127.0.0.1 serving tmp_path/www."""
    www = tmp_path / "www"
    www.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield www, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_get_downloads_and_verifies(server, seed_csv, tmp_path, capsys):
    www, url = server
    (www / "time_series.csv").write_bytes(seed_csv.read_bytes())
    main(["data", "get", "ventas-articulo", "--url", url, "--quiet"])
    got = tmp_path / "cache" / "ventas-articulo" / "time_series.csv"
    assert hashlib.sha256(got.read_bytes()).hexdigest() == registry.get("ventas-articulo").remote[0].sha256
    assert registry.available_source("ventas-articulo")[0] == "cache"


def test_bad_checksum_leaves_nothing(server, tmp_path, capsys):
    www, url = server
    (www / "time_series.csv").write_text("2017-01-02,1\n")  # not the article's file
    refuses(capsys, ["data", "get", "ventas-articulo", "--url", url, "--quiet"], "sha256", quiet_out=True)
    folder = tmp_path / "cache" / "ventas-articulo"
    assert not any(folder.iterdir()), list(folder.iterdir())


def test_missing_file_on_server(server, capsys):
    _, url = server
    refuses(capsys, ["data", "get", "ventas-articulo", "--url", url, "--quiet"], "No se pudo descargar",
            quiet_out=True)


def test_gunzip_checksum(server, tmp_path):
    import gzip

    www, url = server
    payload = b"idx bytes"
    (www / "x.gz").write_bytes(gzip.compress(payload))
    remote = registry.Remote("x.gz", hashlib.sha256(payload).hexdigest(), 100, gunzip=True, stored_size=len(payload))
    dest = tmp_path / "x"
    registry._fetch(url + "x.gz", remote, dest)
    assert dest.read_bytes() == payload


def test_generator_and_unknown(tmp_path, capsys):
    main(["data", "get", "tienda", "--quiet"])
    assert (tmp_path / "cache" / "tienda" / "tienda.csv").is_file()
    refuses(capsys, ["data", "get", "no-existe"], ("No conozco", "no-existe"), quiet_out=True)


def test_list_shows_every_dataset(capsys):
    main(["data", "list"])
    out = capsys.readouterr().err
    for name in registry.DATASETS:
        assert name in out


def test_list_and_get_as_json(capsys, tmp_path):
    import json

    main(["data", "list", "--json", "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"] is None and [d["name"] for d in out["results"]] == list(registry.DATASETS)
    tienda = next(d for d in out["results"] if d["name"] == "tienda")
    assert tienda["here"]["kind"] == "generator" and tienda["sources"][0]["available"] is True
    main(["data", "get", "tienda", "--json"])
    captured = capsys.readouterr()
    got = json.loads(captured.out)
    assert got["results"] == [{"name": "tienda", "path": str(tmp_path / "cache" / "tienda")}]
    assert captured.err == ""  # --json: the answer on stdout, nothing else said
