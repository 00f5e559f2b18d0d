"""The hostile round's newer commands (issue 31): `weights import` of a pickle that is not a state dict and of a
truncated safetensors, `forecast predict --future` with a future file that lies, and `gpt train --init` of a folder
whose model.json lies; each through the CLI as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.hostile.harness import hostile, left_in


def _runs(tmp_path: Path) -> list:
    return ["--project", str(tmp_path / "runs")]


# --- weights import --------------------------------------------------------------------------------------------

class _Payload:
    """Unpickling it runs a command that leaves a file: if that file appears, the loader ran the pickle."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        import os
        return os.system, (f"touch {self.marker}",)


def test_weights_import_of_a_pth_that_pickles_an_object(tmp_path):
    import torch

    marker = tmp_path / "EJECUTADO"
    torch.save({"conv1.weight": torch.zeros(2), "fc.bias": _Payload(marker)}, tmp_path / "malo.pth")
    r = hostile("weights", "import", "malo.pth", "--arch", "resnet18", *_runs(tmp_path), cwd=tmp_path)
    r.refused("malo.pth")
    assert not marker.exists(), "the pickle ran"
    assert left_in(tmp_path / "runs") == []


def test_weights_import_of_a_truncated_safetensors(tmp_path):
    import torch
    from safetensors.torch import save_file

    path = tmp_path / "corto.safetensors"
    save_file({"conv1.weight": torch.zeros(64, 3, 7, 7), "fc.bias": torch.zeros(1000)}, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the header promises more bytes than follow
    r = hostile("weights", "import", path.name, "--arch", "resnet18", *_runs(tmp_path), cwd=tmp_path)
    r.refused("corto.safetensors")
    assert left_in(tmp_path / "runs") == []
    path.write_bytes(data[:5])  # not even the 8-byte header length
    r = hostile("weights", "import", path.name, "--arch", "resnet18", *_runs(tmp_path), cwd=tmp_path)
    r.refused("corto.safetensors")
    assert left_in(tmp_path / "runs") == []


# --- forecast predict --future ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cov_run(tmp_path_factory):
    """A forecast run trained (in this process, a few epochs) with a price and a promotion known ahead."""
    from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
    from tests.helpers import daily_frame

    root = tmp_path_factory.mktemp("cov")
    daily_frame(n=300, covariates=True).to_csv(root / "ventas.csv", index=False)
    run = train_forecaster(root / "ventas.csv", settings=ForecastSettings(models=["calendar"], members=1,
                                                                          covariates=["precio", "promo"]),
                           cfg=default_train_config(epochs=3, quiet=True), project=root, name="con")
    last = pd.Timestamp(pd.read_csv(run.run_dir / "data.csv")["date"].iloc[-1])
    return run.run_dir, last


def _future(path: Path, start, n: int) -> Path:
    days = pd.date_range(start, periods=n, freq="D")
    pd.DataFrame({"fecha": days.strftime("%Y-%m-%d"), "precio": 10.0, "promo": 0}).to_csv(path, index=False)
    return path


def _predict(tmp_path, run, future):
    return hostile("forecast", "predict", "--run", run, "--future", future, "--horizon", "7", *_runs(tmp_path),
                   cwd=tmp_path)


def test_future_whose_dates_do_not_follow(cov_run, tmp_path):
    run, last = cov_run
    _future(tmp_path / "tarde.csv", last + pd.Timedelta(days=5), 7)
    r = _predict(tmp_path, run, "tarde.csv")
    r.refused("tarde.csv")
    assert left_in(tmp_path / "runs") == []
    path = _future(tmp_path / "atras.csv", last + pd.Timedelta(days=1), 7)
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n")  # the days backwards
    r = _predict(tmp_path, run, "atras.csv")
    r.refused("atras.csv")
    assert left_in(tmp_path / "runs") == []


def test_future_with_nul_bytes(cov_run, tmp_path):
    run, last = cov_run
    path = _future(tmp_path / "nul.csv", last + pd.Timedelta(days=1), 7)
    text = path.read_bytes()
    path.write_bytes(text.replace(b",10.0,", b",1\x000.0,", 1) + b"\x00" * 64)
    r = _predict(tmp_path, run, "nul.csv")
    r.refused("nul.csv")
    assert left_in(tmp_path / "runs") == []


@pytest.mark.slow
def test_future_of_ten_million_rows(cov_run, tmp_path):
    """10^7 rows (~180 MB): refused by its size before it is split into rows (it once took 3.4 GB and 30 s)."""
    run, last = cov_run
    head = _future(tmp_path / "f.csv", last + pd.Timedelta(days=1), 7).read_text()
    with (tmp_path / "enorme.csv").open("w") as fh:
        fh.write(head)
        fh.write("2099-01-01,10.0,0\n" * (10**7 - 7))
    r = _predict(tmp_path, run, "enorme.csv")
    r.refused("enorme.csv")
    assert "--future" in r.err and r.peak_mb < 1200, r.peak_mb
    assert left_in(tmp_path / "runs") == []


# --- gpt train --init of a folder that lies ----------------------------------------------------------------------

@pytest.mark.parametrize("change", [{"d_model": 10**12}, {"n_heads": 0}, {"n_layers": -1}, {"vocab_size": 0},
                                    {"context": 10**9}, {"d_model": "muchos"}])
def test_gpt_train_init_of_a_lying_model_json(tmp_path, change):
    from aprende.weights import shipped_dir

    run = shutil.copytree(shipped_dir("gpt"), tmp_path / "gpt")
    cfg = json.loads((run / "model.json").read_text())
    cfg.update(change)
    (run / "model.json").write_text(json.dumps(cfg))
    (tmp_path / "t.txt").write_text("hola mundo. " * 2000)
    r = hostile("gpt", "train", "--init", run, "--text", "t.txt", "--epochs", "1", *_runs(tmp_path), cwd=tmp_path)
    r.refused("model.json")
    assert left_in(tmp_path / "runs") == []


@pytest.mark.slow
def test_csv_of_ten_million_rows(tmp_path):
    """One series, 10^7 rows (130 MB, within the text budget): refused by its row count before the rows are split
    (it once took 3.2 GB and ran past 30 s)."""
    with (tmp_path / "largo.csv").open("w") as fh:
        fh.write("fecha,unidades\n")
        fh.write("2020-01-01,1\n" * 10**7)
    r = hostile("forecast", "train", "--csv", "largo.csv", *_runs(tmp_path), cwd=tmp_path)
    r.refused("largo.csv")
    assert r.peak_mb < 1200, r.peak_mb
    assert left_in(tmp_path / "runs") == []
