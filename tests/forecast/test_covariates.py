"""Known future values (`--covariates`, `predict --future`): learnt, stored in the run, asked for, and worth it where
they matter (a shop whose promotions lift sales)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aprende.core.errors import AprendeError
from aprende.core.runs import read_yaml
from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.backtest import evaluate
from aprende.forecast.run import load_forecaster
from tests.helpers import daily_frame
from tests.helpers import forecast_refused as refused


def settings(**kw):
    return ForecastSettings(models=["calendar"], members=1, **kw)


CFG = dict(epochs=80, quiet=True)


@pytest.fixture(scope="module")
def promo(tmp_path_factory):
    """A shop's daily sales where a promotion day sells 60 more (a 15 % of days, at random), trained with and
    without the promotion and price columns."""
    root = tmp_path_factory.mktemp("promo")
    path = root / "ventas.csv"
    daily_frame(n=420, covariates=True).to_csv(path, index=False)
    cfg = default_train_config(**CFG)
    with_cov = train_forecaster(path, settings=settings(covariates=["precio", "promo"]), cfg=cfg, project=root,
                                name="con")
    without = train_forecaster(path, settings=settings(), cfg=cfg, project=root, name="sin")
    return path, with_cov, without


def future_csv(path, start, n, promo_days=(), sep=","):
    days = pd.date_range(start, periods=n, freq="D")
    frame = pd.DataFrame({"fecha": days.strftime("%Y-%m-%d"), "precio": 10.0,
                          "promo": [int(k in promo_days) for k in range(n)]})
    frame.to_csv(path, index=False, sep=sep)
    return path


def test_known_values_are_stored_and_beat_the_same_network_without_them(promo):
    _, with_cov, without = promo
    assert read_yaml(with_cov.run_dir / "config.yaml")["settings"]["covariates"] == ["precio", "promo"]
    assert list(pd.read_csv(with_cov.run_dir / "data.csv").columns) == ["date", "units", "precio", "promo"]
    mae_with, mae_without = with_cov.metrics["calendar"]["mae"], without.metrics["calendar"]["mae"]
    assert mae_with < 0.7 * mae_without  # promotions are 60 units on a level of ~100: knowing them matters
    assert evaluate(with_cov.run_dir).metrics["calendar"]["mae"] == pytest.approx(mae_with, rel=1e-6)


def test_predict_reads_the_future_and_a_promotion_lifts_its_day(promo, tmp_path):
    _, run, _ = promo
    last = pd.read_csv(run.run_dir / "data.csv")["date"].iloc[-1]
    start = pd.Timestamp(last) + pd.Timedelta(days=1)
    days = pd.date_range(start, periods=14, freq="D")
    tuesdays = [k for k, d in enumerate(days) if d.day_of_week == 1]  # two Tuesdays: the first on promotion
    future = future_csv(tmp_path / "futuro.csv", start, 14, promo_days=tuesdays[:1])
    table = load_forecaster(run.run_dir).forecast(future=future)
    assert len(table.frame) == 14 and table.frame["date"].iloc[0] == start.strftime("%Y-%m-%d")
    lifted, plain = table.frame["forecast"].iloc[tuesdays[0]], table.frame["forecast"].iloc[tuesdays[1]]
    assert lifted - plain > 30  # the network learnt the promotion's 60 units


def test_predict_without_future_is_refused_by_the_cli(promo, tmp_path, capsys):
    _, run, _ = promo
    msg = refused(capsys, tmp_path, "predict", "--run", run.run_dir, "--project", tmp_path / "runs")
    assert "--future" in msg and "precio, promo" in msg


def test_future_that_does_not_follow_the_history(promo, tmp_path, capsys):
    _, run, _ = promo
    last = pd.Timestamp(pd.read_csv(run.run_dir / "data.csv")["date"].iloc[-1])
    late = future_csv(tmp_path / "tarde.csv", last + pd.Timedelta(days=3), 7)  # two days missing first
    msg = refused(capsys, tmp_path, "predict", "--run", run.run_dir, "--future", late, "--project", tmp_path / "runs")
    assert str(late) in msg and "línea 2" in msg and "no sigue a la historia" in msg
    gap = future_csv(tmp_path / "hueco.csv", last + pd.Timedelta(days=1), 7)
    lines = gap.read_text().splitlines()
    gap.write_text("\n".join(lines[:4] + lines[5:]) + "\n")  # a day left out in the middle
    msg = refused(capsys, tmp_path, "predict", "--run", run.run_dir, "--future", gap, "--project", tmp_path / "runs")
    assert "línea 5" in msg and "sin huecos" in msg
    with pytest.raises(AprendeError) as e:
        load_forecaster(run.run_dir).forecast(horizon=10, future=future_csv(tmp_path / "corto.csv",
                                                                             last + pd.Timedelta(days=1), 7))
    assert e.value.key == "forecast.future_short"


def test_covariate_with_gaps_is_refused(tmp_path, capsys):
    frame = daily_frame(n=300, covariates=True).astype({"promo": object})
    frame.loc[40, "promo"] = ""
    path = tmp_path / "huecos.csv"
    frame.to_csv(path, index=False, sep=";", decimal=",")
    msg = refused(capsys, tmp_path, "train", "--csv", path, "--covariates", "precio,promo", "--model", "calendar",
                  "--epochs", "1", "--project", tmp_path / "runs")
    assert str(path) in msg and "línea 42" in msg and "«promo»" in msg and "está vacía" in msg


def test_unknown_covariate_column_and_the_target_as_covariate(tmp_path, capsys):
    path = tmp_path / "ventas.csv"
    daily_frame(n=300, covariates=True).to_csv(path, index=False)
    args = ("--model", "calendar", "--epochs", "1", "--project", tmp_path / "runs")
    msg = refused(capsys, tmp_path, "train", "--csv", path, "--covariates", "oferta", *args)
    assert "no tiene la columna «oferta»" in msg and "precio" in msg
    msg = refused(capsys, tmp_path, "train", "--csv", path, "--covariates", "unidades", *args)
    assert "«unidades» es la columna de la fecha o de la cantidad" in msg


def test_a_run_without_known_values_refuses_a_future_file(promo, tmp_path):
    _, _, without = promo
    with pytest.raises(AprendeError) as e:
        load_forecaster(without.run_dir).forecast(future=tmp_path / "x.csv")
    assert e.value.key == "forecast.future_unused"
    assert np.isfinite(load_forecaster(without.run_dir).forecast(7).frame["forecast"]).all()
