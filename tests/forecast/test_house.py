"""The house rules for the forecasting lab: no shadowed module, defaults written once, the core run lifecycle
(nothing left behind when training fails, resume), the one loader, predict's --project/--name/--json, the
vectorised holiday check, and the sales CSV reader under fuzzing."""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aprende.core.errors import AprendeError
from aprende.forecast import ForecastSettings, default_train_config, load_forecaster, train_forecaster
from aprende.forecast.classic import CLASSIC, available
from aprende.forecast.data import MAX_GAP_DAYS, MAX_SPAN_YEARS, read_sales_csv
from aprende.forecast.features import to_steps
from tests.helpers import aprende, assert_refused, series_text, write

FUZZ = int(os.environ.get("APRENDE_FUZZ", 25))


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """One network, two epochs, on 200 generated days (a few seconds)."""
    folder = tmp_path_factory.mktemp("tiny")
    csv = write(folder, series_text(200))
    res = train_forecaster(csv, settings=ForecastSettings(models=["mlp"], hidden=4),
                           cfg=default_train_config(epochs=2, quiet=True), project=folder / "runs", name="tiny")
    return res.run_dir


# --- the package face and the defaults --------------------------------------------------------------------------

def test_package_binds_no_name_over_a_submodule():
    import aprende.forecast as forecast

    for path in sorted(Path(forecast.__file__).parent.glob("*.py")):
        if path.stem == "__init__":
            continue
        module = importlib.import_module(f"aprende.forecast.{path.stem}")
        assert isinstance(module, ModuleType)
        assert getattr(forecast, path.stem) is module, f"aprende.forecast binds {path.stem!r} over its module"


def test_options_leave_the_defaults_to_the_settings():
    from aprende.forecast.cli import group

    commands = group().commands
    train = {p.name: p for p in commands["train"].params}
    for name in ("models", "n_lags", "hidden", "layers", "dropout", "calendar"):
        assert train[name].default is None, f"--{name} repeats a ForecastSettings default"
    assert {p.name: p.default for p in commands["predict"].params}["horizon"] is None
    assert {p.name: p.default for p in commands["article"].params}["seed"] is None
    for command in commands.values():
        assert {"quiet", "as_json"} <= {p.name for p in command.params}, command.name


def test_cli_options_reach_the_settings(tmp_path, monkeypatch, capsys):
    """--lags/--model given become the settings; the rest keep the dataclass defaults."""
    import aprende.forecast.train as train_module

    seen = {}

    def fake_fit(*args, **kwargs):
        seen["settings"], seen["cfg"] = args[2], args[3]
        raise AprendeError("forecast.bad_lags", n=0)  # stop here: nothing else to check

    monkeypatch.setattr(train_module, "fit_model", fake_fit)
    code = aprende("forecast", "train", "--csv", write(tmp_path, series_text(200)), "--lags", "7",
                   "--model", "mlp,calendar", "--epochs", "5", "--quiet")
    # the lab's error, and the new run's folder is removed
    assert_refused(code, capsys.readouterr().err, empty=tmp_path / "runs" / "forecast" / "exp")
    s = seen["settings"]
    assert (s.n_lags, s.models, s.hidden, s.calendar) == (7, ["mlp", "calendar"], ForecastSettings().hidden, "daily")
    assert seen["cfg"].epochs == 5 and seen["cfg"].patience == default_train_config().patience


# --- the run lifecycle ------------------------------------------------------------------------------------------

def test_failed_training_leaves_no_folder(tmp_path, monkeypatch):
    """Patching the module's `fit` reaches the module (no function shadows it); the new run's folder is removed."""
    import aprende.forecast.train as train_module

    def broken(*args, **kwargs):
        raise RuntimeError("the loop broke")

    monkeypatch.setattr(train_module, "fit", broken)
    with pytest.raises(RuntimeError, match="the loop broke"):
        train_forecaster(write(tmp_path, series_text(200)), settings=ForecastSettings(models=["mlp"]),
                         cfg=default_train_config(epochs=1, quiet=True), project=tmp_path / "runs", name="roto")
    assert not (tmp_path / "runs" / "forecast" / "roto").exists()


def test_run_folder_and_resume(tiny_run):
    import yaml

    config = yaml.safe_load((tiny_run / "config.yaml").read_text())
    assert config["lab"] == "forecast" and config["source"].endswith("ventas.csv")
    assert config["settings"]["models"] == ["mlp"] and config["train"]["epochs"] == 2
    res = train_forecaster(resume=tiny_run, cfg=default_train_config(quiet=True))
    assert res.run_dir == tiny_run and set(res.metrics) >= {"mlp", "naive", "seasonal_naive", "mean7"}


# --- the one loader and predict ---------------------------------------------------------------------------------

def test_loader_gives_a_ready_forecaster(tiny_run):
    fc = load_forecaster(tiny_run)
    assert fc.models == ["mlp"] and fc.width == 28
    table = fc.forecast(10)
    assert len(table.frame) == 10 and table.model == "mlp" and table.csv is None
    assert fc.forecast(3, model="mean7").model == "mean7"  # the baselines come with every run
    with pytest.raises(AprendeError) as exc:
        fc.forecast(3, model="embeddings")
    assert exc.value.key == "forecast.no_model"


def test_loader_refuses_another_labs_run(tmp_path):
    (tmp_path / "otra").mkdir()
    (tmp_path / "otra" / "config.yaml").write_text("lab: detect\n")
    with pytest.raises(AprendeError) as exc:
        load_forecaster(tmp_path / "otra")
    assert exc.value.key == "run.wrong_lab"


def test_predict_json_project_name(tiny_run, tmp_path, capsys):
    assert aprende("forecast", "predict", "--run", tiny_run, "--horizon", "9", "--project", tmp_path / "p",
                   "--name", "semana", "--json", "--quiet") == 0
    out = json.loads(capsys.readouterr().out)
    folder = tmp_path / "p" / "forecast" / "semana"
    assert out["run"] == str(folder) and (folder / "forecast.csv").is_file() and (folder / "forecast.png").is_file()
    assert len(out["results"]) == 9 and set(out["results"][0]) == {"date", "forecast", "lo", "hi", "open"}
    frame = pd.read_csv(folder / "forecast.csv")
    assert [r["forecast"] for r in out["results"]] == pytest.approx(frame["forecast"].tolist())
    # the same name again: refused, and the first forecast is untouched
    assert aprende("forecast", "predict", "--run", tiny_run, "--project", tmp_path / "p", "--name", "semana") == 2
    assert "semana" in capsys.readouterr().err and len(list(folder.iterdir())) == 2


def test_predict_default_folders(tiny_run, tmp_path):
    from aprende.forecast import predict

    first, second = predict(tiny_run, 5), predict(tiny_run, 5)
    assert first.csv.parent == Path("runs/forecast/predict") and second.csv.parent == Path("runs/forecast/predict2")


@pytest.mark.parametrize("args, expected", [
    (["--horizon", "0"], "--horizon debe estar entre 1 y 366"),
    (["--model", "embeddings"], "no tiene el modelo «embeddings»"),
    (["--csv", "VENTAS"], "la fecha «0001-01-01» está fuera de los años 1900–2199"),
])
def test_predict_refuses_before_writing(tiny_run, tmp_path, capsys, args, expected):
    bad = write(tmp_path, "0001-01-01,5\n2021-01-01,6\n9999-12-31,7\n")
    args = [str(bad) if a == "VENTAS" else a for a in args]
    code = aprende("forecast", "predict", "--run", tiny_run, "--project", tmp_path / "p", *args)
    assert_refused(code, capsys.readouterr().err, expected, empty=tmp_path / "p")


def test_predict_failure_while_writing_removes_the_folder(tiny_run, tmp_path, monkeypatch):
    import aprende.forecast.run as run_module

    def broken(*args, **kwargs):
        raise RuntimeError("no plot")

    monkeypatch.setattr(run_module, "plot_forecast", broken)
    with pytest.raises(RuntimeError):
        run_module.predict(tiny_run, 5, project=tmp_path / "p", name="x")
    assert not (tmp_path / "p" / "forecast" / "x").exists()


def test_evaluate_json(tiny_run, capsys):
    assert aprende("forecast", "evaluate", "--run", tiny_run, "--json", "--quiet") == 0
    out = json.loads(capsys.readouterr().out)
    classic = set(CLASSIC) if available() else set()  # the classic model beside ours when statsforecast is there
    assert out["run"] == str(tiny_run) and set(out["metrics"]) == {"mlp", "naive", "seasonal_naive", "mean7", *classic}


# --- dates: the holiday check and the span limits ---------------------------------------------------------------

def test_holidays_one_lookup_per_year(monkeypatch):
    """Vectorised: ten years of days ask the holiday table ten times (a per-day loop asked 3,653 times)."""
    import aprende.forecast.features as features

    calls = []
    real = features._holidays

    def counting(year, country="ES"):
        calls.append(year)
        return real(year, country)

    monkeypatch.setattr(features, "_holidays", counting)
    days = pd.date_range("2010-01-01", "2019-12-31", freq="D")
    flags = features.is_holiday(days)
    assert len(calls) <= 10
    expected = np.array([d.date() in real(d.year) for d in days], dtype=np.float32)
    assert (flags == expected).all() and flags.sum() >= 80  # Spain: 8 or more national holidays a year
    assert features.is_holiday(pd.DatetimeIndex([])).shape == (0,)


def test_span_limits_are_the_documented_ones(tmp_path):
    """Just inside the limits is read; the daily calendar then stays within ~11,000 steps."""
    start = pd.Timestamp("1990-01-01")
    end = start + pd.Timedelta(days=int(MAX_SPAN_YEARS["D"] * 365.25))
    days = pd.date_range(start, end, freq=f"{MAX_GAP_DAYS}D").append(pd.DatetimeIndex([end]))
    text = "".join(f"{d:%Y-%m-%d},{i}\n" for i, d in enumerate(days.unique()))
    steps = to_steps(read_sales_csv(write(tmp_path, text)), "daily")
    assert len(steps) <= MAX_SPAN_YEARS["D"] * 366 + 1


# --- the sales CSV reader under fuzzing: success or AprendeError, nothing else ----------------------------------

VALID = [series_text(40), series_text(40, sep=";", decimal=","), series_text(40, header=None, fmt="%d/%m/%Y"),
         series_text(40, sep="\t", header="date,units")]
PIECES = st.sampled_from(["", ",", ";", "\t", "\n", "\r\n", '"', "'", "0", "9" * 30, "-", ".", ",5", "e400", "1e999",
                          "nan", "inf", "0001-01-01", "9999-12-31", "2021-02-30", "x" * 200, "\x00", "\ufeff", "ñ",
                          "\u2028", "\x85", "  ", "fecha,unidades\n", "7" * 131_073])


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        piece = draw(st.one_of(PIECES, st.text(max_size=8)))
        text = text[:i] + piece + text[j:]
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["cp1252", "utf-16"]))
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(data=mutated())
def test_reader_fuzzed(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ventas.csv"
        path.write_bytes(data)
        try:
            series = read_sales_csv(path)
        except AprendeError as exc:
            assert exc.key.startswith("csv.") and str(path) in exc.message(), exc.key
            event(exc.key)
            return
    event("read")
    assert len(series) >= 1 and np.isfinite(series.values).all()
    assert (np.diff(series.dates.values).astype(np.int64) > 0).all()  # sorted, one row per day
    assert len(to_steps(series, "daily")) <= MAX_SPAN_YEARS["D"] * 366 + 1
