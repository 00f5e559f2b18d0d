"""Many series: the long-table reader (closed days against zeros, bad inputs), the generated `supermercado`, the
global networks with entity embeddings, the pooled backtest, per-series scores and the long forecast."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from aprende.core.errors import AprendeError
from aprende.datasets.supermercado import generate_supermercado
from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster
from aprende.forecast.data import SalesSeries
from aprende.forecast.panel import SalesPanel, read_long_csv
from tests.helpers import aprende, assert_refused, series_text, small_panel, write

small = small_panel


@pytest.fixture(scope="module")
def panel_run(tmp_path_factory):
    """Three global networks, two epochs, on 2 shops × 3 products × 220 days (a few seconds)."""
    folder = tmp_path_factory.mktemp("panel")
    csv = small(folder)
    s = ForecastSettings(id_col="producto", static_cols=["tienda", "categoria"], hidden=8)
    return train_forecaster(csv, settings=s, cfg=default_train_config(panel=True, epochs=2, quiet=True),
                            project=folder / "runs", name="global")


# --- reading a long table ---------------------------------------------------------------------------------------

def test_long_table_dialects_and_the_closed_rule(tmp_path):
    text = "fecha;producto;unidades\n01/01/2024;a;3\n01/01/2024;b;5\n02/01/2024;a;4\n04/01/2024;b;2,5\n04/01/2024;a;1\n"
    (tmp_path / "v.csv").write_text(text)
    p = read_long_csv(tmp_path / "v.csv", "producto")
    assert isinstance(p, SalesPanel) and p.ids == ["a", "b"] and len(p) == 4 and p.id_col == "producto"
    # no 0 written: `auto` reads the file as sales only (`days`): nobody sold on the 3rd, closed; b's 2nd is a 0
    assert p.closed == "days" and p.open.tolist() == [[True, True, False, True], [True, True, False, True]]
    assert p.values[1].tolist() == [5, 0, 0, 2.5]
    rows = read_long_csv(tmp_path / "v.csv", "producto", closed="rows")
    assert rows.open[1].tolist() == [True, False, False, True]  # a missing row closes that series only
    none = read_long_csv(tmp_path / "v.csv", "producto", closed="none")
    assert none.open.all()
    # a file that writes its zeros: a missing row is a closure (`rows`)
    (tmp_path / "z.csv").write_text("date,store,units\n2024-01-01,a,0\n2024-01-01,b,5\n2024-01-02,b,1\n")
    z = read_long_csv(tmp_path / "z.csv", "store")
    assert z.closed == "rows" and z.open.tolist() == [[True, False], [True, True]]


def test_headerless_long_table_by_column_number(tmp_path):
    (tmp_path / "v.csv").write_text("2024-01-01,x,3\n2024-01-01,y,4\n2024-01-02,x,5\n2024-01-02,y,6\n")
    p = read_long_csv(tmp_path / "v.csv", "2")
    assert p.ids == ["x", "y"] and p.values.tolist() == [[3, 5], [4, 6]]


def test_one_id_is_a_single_series_with_a_warning(tmp_path, capsys):

    lines = series_text(60).splitlines()
    text = "\n".join([lines[0] + ",sku"] + [ln + ",solo" for ln in lines[1:]]) + "\n"
    (tmp_path / "v.csv").write_text(text)
    s = read_long_csv(tmp_path / "v.csv", "sku")
    assert isinstance(s, SalesSeries) and len(s) == 60
    assert "un solo valor" in capsys.readouterr().err


@pytest.mark.parametrize("case, key, named", [
    ("no_column", "csv.no_column", "producto"),
    ("duplicate", "csv.duplicate_pair", "centro-002"),
    ("short", "csv.too_few_id", "nuevo"),
])
def test_bad_long_tables_exit_2_naming_file_and_id(tmp_path, capsys, case, key, named):
    path = small(tmp_path)
    frame = pd.read_csv(path)
    if case == "no_column":
        frame = frame.drop(columns=["producto"])
    elif case == "duplicate":
        frame = pd.concat([frame, frame[frame["producto"] == "centro-002"].iloc[[5]]])
    else:
        frame = pd.concat([frame, pd.DataFrame({"fecha": frame["fecha"].iloc[-20:], "tienda": "centro",
                                                "categoria": "frescos", "producto": "nuevo", "unidades": 3})])
    frame.to_csv(path, index=False)
    with pytest.raises(AprendeError) as exc:
        train_forecaster(path, settings=ForecastSettings(id_col="producto"), project=tmp_path / "runs")
    assert exc.value.key == key
    code = aprende("forecast", "train", "--csv", path, "--id-col", "producto", "--project", tmp_path / "runs")
    assert_refused(code, capsys.readouterr().err, (str(path), named), empty=tmp_path / "runs")  # nothing written


# --- the generated data set -------------------------------------------------------------------------------------

def test_supermercado_is_seeded_with_closures_and_intermittent_sellers():
    a, b = generate_supermercado(3, 20, seed=1), generate_supermercado(3, 20, seed=1)
    assert a.equals(b) and a["producto"].nunique() == 60
    days = pd.to_datetime(a["fecha"])
    centro = a[a["tienda"] == "centro"]
    assert not (pd.to_datetime(centro["fecha"]).dt.day_of_week == 6).any()  # closed on Sundays
    assert (pd.to_datetime(a[a["tienda"] == "playa"]["fecha"]).dt.day_of_week == 6).any()  # open on Sundays
    assert not (days.dt.strftime("%m-%d") == "12-25").any()  # closed on Christmas Day
    zero_share = a.groupby("producto")["unidades"].apply(lambda u: (u == 0).mean())
    assert (zero_share > 0.3).any() and (zero_share < 0.01).any()  # some sell now and then, some every day


def test_data_get_supermercado(tmp_path):
    assert aprende("data", "get", "supermercado", "--quiet") == 0
    frame = pd.read_csv(tmp_path / "cache" / "supermercado" / "supermercado.csv")
    assert list(frame.columns) == ["fecha", "tienda", "categoria", "producto", "unidades"]


# --- the global networks ----------------------------------------------------------------------------------------

def test_global_run_writes_pooled_and_per_series_scores(panel_run):
    run = panel_run.run_dir
    for name in ("backtest_series.csv", "embeddings.png", "summary.json", "data.csv", "embeddings/model.json"):
        assert (run / name).is_file(), name
    m = panel_run.metrics
    assert set(m) == {"mlp", "calendar", "embeddings", "naive", "seasonal_naive", "mean7"}
    assert m["seasonal_naive"]["ratio"] == pytest.approx(1.0)
    for name in m:
        assert m[name]["ratio"] == pytest.approx(m[name]["mae"] / m["seasonal_naive"]["mae"])
    per = pd.read_csv(run / "backtest_series.csv")
    assert set(per["producto"]) == {f"{s}-00{i}" for s in ("centro", "playa") for i in (1, 2, 3)}
    assert len(per) == 6 * 6 and {"mae", "mase", "note"} <= set(per.columns)
    config = json.loads((run / "embeddings" / "model.json").read_text())
    assert config["entities"] == [6, 2, len(set(pd.read_csv(run / "data.csv")["categoria"]))]


def test_evaluate_json_keeps_the_shape_with_pooled_figures(panel_run, capsys):
    assert aprende("forecast", "evaluate", "--run", panel_run.run_dir, "--json", "--quiet") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["run"] == str(panel_run.run_dir) and set(out["metrics"]) == set(panel_run.metrics)
    assert out["metrics"]["embeddings"]["mae"] == pytest.approx(panel_run.metrics["embeddings"]["mae"], rel=1e-6)
    assert {"mae", "mase", "ratio"} <= set(out["metrics"]["calendar"])


def test_predict_long_forecast_and_small_multiples(panel_run, tmp_path):
    table = predict(panel_run.run_dir, horizon=10, project=tmp_path, name="f")
    frame = pd.read_csv(table.csv)
    assert list(frame.columns) == ["date", "producto", "forecast", "lower", "upper", "open"]
    assert len(frame) == 6 * 10 and frame["producto"].nunique() == 6 and table.plot.is_file()
    opened = frame[frame["open"]]
    assert (opened["lower"] <= opened["forecast"]).all() and (opened["forecast"] <= opened["upper"]).all()
    # centro closes on Sundays, playa opens on them
    sunday = pd.to_datetime(frame["date"]).dt.day_of_week == 6
    assert not frame[sunday & frame["producto"].str.startswith("centro")]["open"].any()
    assert frame[sunday & frame["producto"].str.startswith("playa")]["open"].all()
    assert {"producto", "forecast", "lo", "hi"} <= set(table.results()[0])


def test_all_zero_series_trains_and_is_reported(tmp_path, capsys):
    path = small(tmp_path)
    frame = pd.read_csv(path)
    frame.loc[frame["producto"] == "playa-001", "unidades"] = 0
    frame.to_csv(path, index=False)
    res = train_forecaster(path, settings=ForecastSettings(id_col="producto", models=["mlp"], hidden=4),
                           cfg=default_train_config(panel=True, epochs=1), project=tmp_path / "runs")
    assert "no ha vendido nada" in capsys.readouterr().err
    summary = json.loads((res.run_dir / "summary.json").read_text())
    assert summary["all_zero"] == ["playa-001"]
    per = pd.read_csv(res.run_dir / "backtest_series.csv")
    row = per[(per["producto"] == "playa-001") & (per["model"] == "mlp")].iloc[0]
    assert np.isnan(row["mase"]) and "escala 0" in row["note"] and row["mae"] >= 0


def test_single_series_network_is_unchanged():
    """No entity embeddings without an id: the same parameters (and so the same weights for a seed) as before."""
    from aprende.forecast.model import SalesNet

    names = [n for n, _ in SalesNet("embeddings", 14, 32).named_parameters()]
    assert names == ["weekday.weight", "month.weight", "body.0.weight", "body.0.bias", "head.weight", "head.bias"]


def test_refit_fits_one_model_per_origin(tmp_path, monkeypatch):
    import aprende.forecast.train as train_module

    calls = []
    real = train_module.fit_model

    def counting(*args, **kwargs):
        calls.append(kwargs.get("end_val"))
        return real(*args, **kwargs)

    monkeypatch.setattr(train_module, "fit_model", counting)
    res = train_forecaster(write(tmp_path, series_text(220)), settings=ForecastSettings(models=["mlp"], hidden=4,
                                                                                         refit=True),
                           cfg=default_train_config(epochs=1, quiet=True), project=tmp_path / "runs")
    assert len(calls) == 12 and calls[0] is None and calls[1:] == sorted(calls[1:])
    assert not (res.run_dir / ".refit").exists() and "mlp" in res.metrics


@pytest.mark.slow
def test_global_training_under_torchrun_two_processes(tmp_path):
    """torchrun with 2 CPU processes (gloo): the (series, day) samples are spread over the processes, rank 0 writes
    one run; its weights equal one process's with the same global batch."""
    import os
    import socket
    import subprocess
    import sys

    csv = small(tmp_path, products=4)
    args = ["forecast", "train", "--csv", str(csv), "--id-col", "producto", "--model", "embeddings", "--epochs", "2",
            "--batch-size", "64", "--hidden", "8", "--project", str(tmp_path / "runs"), "--quiet"]
    with socket.socket() as sock:  # a free port
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
           "-m", "aprende", *args, "--name", "ddp"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    single = subprocess.run([sys.executable, "-m", "aprende", *args, "--name", "one"], capture_output=True,
                            text=True, timeout=600, env=env)
    assert single.returncode == 0, single.stderr[-3000:]
    ddp_dir, one_dir = tmp_path / "runs" / "forecast" / "ddp", tmp_path / "runs" / "forecast" / "one"
    assert (ddp_dir / "summary.json").is_file() and (ddp_dir / "embeddings.png").is_file()
    a = pd.read_csv(ddp_dir / "embeddings" / "results.csv")
    b = pd.read_csv(one_dir / "embeddings" / "results.csv")
    # 388 training samples: every global batch of 64, the tail of 4 too, splits evenly in two (an odd tail would
    # lose one sample under 2 processes), so both runs see the same batches and reach the same weights
    assert len(a) == len(b) == 2
    assert a["val_mae"].iloc[-1] == pytest.approx(b["val_mae"].iloc[-1], rel=1e-5)
    import torch
    import yaml
    from safetensors.torch import load_file

    from aprende.forecast.panel import targets

    used = yaml.safe_load((ddp_dir / "config.yaml").read_text())["settings"]
    panel = read_long_csv(csv, "producto")
    n = len(targets(panel, used["n_lags"], 0, len(panel) - used["holdout"] - used["val_steps"])[0])
    assert n % 64 % 2 == 0, n  # the data keeps every batch even
    ddp, one = (load_file(str(d / "embeddings" / "weights" / "last.safetensors")) for d in (ddp_dir, one_dir))
    assert ddp.keys() == one.keys() and all(torch.allclose(ddp[k], one[k], atol=1e-5) for k in one)
    assert set(json.loads((ddp_dir / "summary.json").read_text())["ids"]) == set(pd.read_csv(csv)["producto"])


@pytest.mark.parametrize("many", [True, False], ids=["many-series", "one-series"])
def test_centred_lags_carry_a_trend_past_the_training_range(tmp_path, many):
    """With `center`, a product that keeps growing is forecast at its new level, beyond anything seen in training;
    without it the tanh layer holds the forecast near the old maximum. Many series: the default window scaling
    carries the trend too. The saved run forecasts the same way."""
    dates = pd.date_range("2023-01-02", periods=320, freq="D")
    k = np.arange(len(dates))
    week = np.where(dates.weekday < 5, 10.0, -15.0)
    frame = pd.DataFrame({"fecha": dates, "producto": "sube", "unidades": 100 + 2.0 * k + week})
    if many:
        frame = pd.concat([frame, pd.DataFrame({"fecha": dates, "producto": "llano", "unidades": 80 + week})])
    csv = tmp_path / "tendencia.csv"
    (frame if many else frame.drop(columns="producto")).to_csv(csv, index=False)
    last_week = 100 + 2.0 * k[-7:] + week[-7:]  # about 740 a day, the training part ends near 450
    errors = {}
    ways = {"plain": dict(window_scale=False if many else None), "center": dict(center=True)}
    if many:
        ways["window"] = {}  # the default with many series
    for way, options in ways.items():
        res = train_forecaster(csv, settings=ForecastSettings(id_col="producto" if many else None, models=["mlp"],
                                                              hidden=8, **options),
                               cfg=default_train_config(panel=many, epochs=40, seed=0, quiet=True),
                               project=tmp_path / "runs", name=way)
        f = predict(res.run_dir, project=tmp_path / "out", name=way).frame
        ahead = (f[f["producto"] == "sube"] if many else f)["forecast"].to_numpy()[:7]
        errors[way] = float(np.abs(ahead - (last_week + 14)).mean())  # a week on: 2 units a day higher
    assert errors["center"] < 40 < errors["plain"]
    assert not many or errors["window"] < 40


def test_window_scaling_is_the_default_with_many_series_and_undoes_exactly(panel_run, tmp_path):
    """Many series train on multiples of the lag window's mean: the run says so, and what the network is taught
    (inputs, target) goes back to the panel's own units exactly, as evaluation and forecasting read it."""
    import torch

    from aprende.forecast.panel import PanelScaler, targets
    from aprende.forecast.panel_train import Gather

    config = json.loads((panel_run.run_dir / "embeddings" / "model.json").read_text())
    assert config["window_scale"] is True and config["center"] is False
    panel = read_long_csv(small(tmp_path), "producto")
    scaler = PanelScaler.fit(panel.values, panel.open)
    gather = Gather(panel, scaler, 14, window=True)
    i, t = (torch.as_tensor(a) for a in targets(panel, 14, 0, len(panel)))
    x, y, level = gather.inputs(i, t)
    assert torch.allclose(gather.units(y, i, level).double(), torch.as_tensor(panel.values[i.long(), t.long()]),
                          atol=1e-3)
    lags = x[0]  # (B, 14): their window mean, in multiples, is just under 1 (the floor keeps zeros finite)
    assert torch.isfinite(lags).all() and float(lags.mean(1).max()) <= 1.0


@pytest.mark.parametrize("args, key", [
    (["--center", "--window-scale"], "--center"),
])  # one series with --window-scale is accepted since issue 32 (tests/forecast/test_levels.py)
def test_window_scaling_refuses_center(tmp_path, capsys, args, key):
    csv = tmp_path / "una.csv"
    pd.DataFrame({"fecha": pd.date_range("2023-01-02", periods=300).strftime("%Y-%m-%d"),
                  "unidades": np.arange(300) % 7 + 5}).to_csv(csv, index=False)
    extra = ["--id-col", "producto"] if key == "--center" else []
    code = aprende("forecast", "train", "--csv", csv, *extra, *args, "--project", tmp_path / "runs", "--quiet")
    assert_refused(code, capsys.readouterr().err, key, empty=tmp_path / "runs")
