"""Many series at weekly and monthly frequency: a long table of weeks (or months) trains one global network on
periods, its seasonal naive is the same week (month) last year, evaluate and predict work on the run, and a table
whose series date their weeks on different weekdays is refused."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import yaml

from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster
from aprende.forecast.backtest import evaluate
from aprende.forecast.data import read_sales_csv
from aprende.forecast.panel import read_long_csv
from tests.helpers import aprende, assert_refused, refuses


def weekly_frame(weeks=120, start="2021-01-08", depts=("a", "b", "c"), freq="7D"):
    """Departments of a shop: a yearly wave, a level per department, noise; dated on Fridays (weeks) or months."""
    rng = np.random.default_rng(0)
    dates = pd.date_range(start, periods=weeks, freq=freq)
    period = 52 if freq == "7D" else 12
    rows = []
    for k, d in enumerate(depts):
        y = (100 * (k + 1) + 30 * np.sin(2 * np.pi * np.arange(weeks) / period) + rng.normal(0, 3, weeks))
        rows.append(pd.DataFrame({"fecha": dates.strftime("%d/%m/%Y"), "dept": d, "ventas": y.round(2)}))
    return pd.concat(rows, ignore_index=True)


def write_semicolon(frame: pd.DataFrame, path):
    """The practitioner's file: semicolons and decimal commas."""
    text = frame.assign(ventas=frame["ventas"].map(lambda v: f"{v:.2f}".replace(".", ","))).to_csv(sep=";",
                                                                                                   index=False)
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def weekly_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("weekly")
    csv = write_semicolon(weekly_frame(), folder / "semanas.csv")
    s = ForecastSettings(models=["calendar", "embeddings"], id_col="dept", freq="W", horizon=4, windows=3,
                         hidden=8, members=1)
    res = train_forecaster(csv, settings=s, cfg=default_train_config(panel=True, epochs=2, quiet=True),
                           project=folder / "runs", name="w")
    return res, csv


def test_weekly_long_table_is_read_on_weeks(tmp_path):
    panel = read_long_csv(write_semicolon(weekly_frame(), tmp_path / "s.csv"), "dept")
    assert panel.freq == "W" and len(panel) == 120 and panel.open.all()
    assert (np.diff(panel.dates.values).astype("timedelta64[D]").astype(int) == 7).all()
    assert panel.values[1, 0] == pytest.approx(weekly_frame()["ventas"][120])  # b's first week, decimal comma read
    gap = write_semicolon(weekly_frame().drop(index=[5]), tmp_path / "g.csv")  # a's sixth week missing
    panel = read_long_csv(gap, "dept", closed="rows")  # one closed week, not six missing days
    assert panel.freq == "W" and len(panel) == 120 and (~panel.open).sum() == 1 and not panel.open[0, 5]
    panel = read_long_csv(gap, "dept")  # the file lists sales only: a week others sold in is a 0 for a
    assert panel.open.all() and panel.values[0, 5] == 0 and (panel.values[:, [4, 6]] > 0).all()


def test_weekly_panel_trains_on_weeks_and_its_seasonal_naive_is_last_year(weekly_run):
    res, csv = weekly_run
    stored = yaml.safe_load((res.run_dir / "config.yaml").read_text())
    config = stored["settings"]
    assert (config["freq"], config["horizon"], config["windows"], config["n_lags"]) == ("W", 4, 3, 52)
    # many weekly series: a year of lags on their own scale, in batches of 64 (benchmarks/results/forecast.md)
    assert config["window_scale"] is False and stored["train"]["batch_size"] == 64
    bt = res.backtest
    assert bt.actual.shape == (3, 3, 4)
    frame = weekly_frame()
    for i, d in enumerate(("a", "b", "c")):  # the seasonal naive's forecast is the value 52 weeks before
        y = frame[frame["dept"] == d]["ventas"].to_numpy()
        target = bt.origins[:, None] + np.arange(4)[None, :]  # (K, H) week index
        assert np.allclose(bt.forecasts["seasonal_naive"][i], y[target - 52], atol=1e-6)
    assert res.metrics["seasonal_naive"]["ratio"] == pytest.approx(1.0)
    summary = json.loads((res.run_dir / "summary.json").read_text())
    assert summary["freq"] == "W" and summary["series"] == 3


def test_weekly_panel_evaluates_and_predicts_weeks_ahead(weekly_run, tmp_path, capsys):
    res, csv = weekly_run
    bt = evaluate(res.run_dir)
    assert bt.metrics["calendar"]["mae"] == pytest.approx(res.metrics["calendar"]["mae"], rel=1e-6)
    assert aprende("forecast", "evaluate", "--run", res.run_dir, "--json", "--quiet") == 0
    assert json.loads(capsys.readouterr().out)["metrics"]["seasonal_naive"]["ratio"] == pytest.approx(1.0)
    table = predict(res.run_dir, horizon=5, project=tmp_path, name="f")
    frame = pd.read_csv(table.csv)
    assert len(frame) == 3 * 5 and frame["open"].all()
    dates = pd.to_datetime(frame[frame["dept"] == "a"]["date"])
    last = pd.Timestamp("2021-01-08") + pd.Timedelta(weeks=119)
    assert list(dates) == list(pd.date_range(last + pd.Timedelta(days=7), periods=5, freq="7D"))  # Fridays ahead


def test_monthly_panel_trains_evaluates_and_predicts_months(tmp_path):
    frame = weekly_frame(weeks=60, start="2019-01-31", freq="ME")  # month ends: the months' first days on the grid
    frame.to_csv(tmp_path / "meses.csv", index=False)
    s = ForecastSettings(models=["embeddings"], id_col="dept", hidden=8, members=1)
    res = train_forecaster(tmp_path / "meses.csv", settings=s, cfg=default_train_config(panel=True, epochs=2,
                                                                                          quiet=True),
                           project=tmp_path / "runs", name="m")
    assert (s.freq, s.horizon, s.windows) == ("M", 3, 4)  # the monthly defaults
    bt = res.backtest
    y = frame[frame["dept"] == "b"]["ventas"].to_numpy()
    target = bt.origins[:, None] + np.arange(3)[None, :]
    assert np.allclose(bt.forecasts["seasonal_naive"][1], y[target - 12], atol=1e-6)  # the same month last year
    table = predict(res.run_dir, project=tmp_path, name="f")
    dates = pd.to_datetime(pd.read_csv(table.csv).query("dept == 'c'")["date"])
    assert list(dates) == list(pd.date_range("2024-01-01", periods=6, freq="MS"))  # half a year, month by month


def test_short_weekly_history_takes_fewer_windows_and_says_so(tmp_path, capsys):
    weekly_frame(weeks=80).to_csv(tmp_path / "w.csv", index=False)
    s = ForecastSettings(models=["calendar"], id_col="dept", hidden=8, members=1)
    res = train_forecaster(tmp_path / "w.csv", settings=s, cfg=default_train_config(panel=True, epochs=1),
                           project=tmp_path / "runs", name="w")
    assert (s.horizon, s.windows) == (4, 6) and res.backtest.actual.shape == (3, 6, 4)  # (80 - 53) // 4
    err = " ".join(capsys.readouterr().err.split())
    assert "se usan 6" in err  # of the 13 windows
    assert s.n_lags == 13 and "no caben 52 retardos (un año)" in err and "se usan 13" in err  # 80 < 52 + 26 + 13 + 16


def write_dates(path, dates, values):
    path.write_text("fecha,ventas\n" + "".join(f"{d:%Y-%m-%d},{v}\n" for d, v in zip(dates, values)))
    return path


def test_a_long_weekly_or_monthly_file_is_read_where_a_daily_one_is_refused(tmp_path, capsys):
    """The span limit counts periods: 60 years of weeks or 120 of months are read; 60 years of days are not."""
    weeks = pd.date_range("1960-01-01", "2020-01-01", freq="7D")
    w = write_dates(tmp_path / "w.csv", weeks, np.arange(len(weeks)) % 52)
    assert aprende("forecast", "train", "--csv", w, "--model", "calendar", "--epochs", "1", "--members", "1",
                   "--project", tmp_path / "runs", "--quiet") == 0
    months = pd.date_range("1900-01-01", "2019-12-01", freq="MS")
    assert read_sales_csv(write_dates(tmp_path / "m.csv", months, np.arange(len(months)) % 12)).dates[0].year == 1900
    days = pd.date_range("1960-01-01", "2020-01-01", freq="D")
    d = write_dates(tmp_path / "d.csv", days, np.ones(len(days), dtype=int))
    runs = sorted((tmp_path / "runs" / "forecast").iterdir())
    refuses(capsys, ["forecast", "train", "--csv", d, "--project", tmp_path / "runs"],
            ("más de 30 años", "30 años si es diaria, 200 si es semanal y 300 si es mensual"))
    assert sorted((tmp_path / "runs" / "forecast").iterdir()) == runs and len(runs) == 1  # only the weekly run


@pytest.mark.parametrize("lang,expected", [("es", ("«a»", "«b»", "el mismo día")),
                                           ("en", ('"a"', '"b"', "same weekday"))])
def test_series_with_weeks_on_different_weekdays_are_refused(tmp_path, capsys, lang, expected):
    frame = weekly_frame()
    shifted = pd.to_datetime(frame["fecha"], dayfirst=True) + pd.Timedelta(days=3)  # b's weeks end on Mondays
    frame.loc[frame["dept"] == "b", "fecha"] = shifted[frame["dept"] == "b"].dt.strftime("%d/%m/%Y")
    csv = write_semicolon(frame, tmp_path / "semanas.csv")
    code = aprende("forecast", "train", "--csv", csv, "--id-col", "dept", "--freq", "W", "--epochs", "1",
                   "--project", tmp_path / "runs", "--quiet", "--lang", lang)
    out = capsys.readouterr()
    assert_refused(code, " ".join(out.err.split()), (str(csv), *expected), empty=tmp_path / "runs", out=out.out)


def test_freq_d_on_a_weekly_panel_is_refused(tmp_path, capsys):
    csv = write_semicolon(weekly_frame(), tmp_path / "semanas.csv")
    code = aprende("forecast", "train", "--csv", csv, "--id-col", "dept", "--freq", "D", "--epochs", "1",
                   "--project", tmp_path / "runs", "--quiet")
    out = capsys.readouterr()
    assert_refused(code, " ".join(out.err.split()), (str(csv), "--freq W"), empty=tmp_path / "runs", out=out.out)


def test_origins_stacked_in_one_call_forecast_what_one_origin_at_a_time_does(weekly_run, monkeypatch):
    """The panel backtest forecasts many origins in one call of the network; one origin a call gives the same."""
    from aprende.forecast import backtest

    res, _ = weekly_run
    stacked = evaluate(res.run_dir)
    monkeypatch.setattr(backtest, "PANEL_ROWS", 1)  # one origin (3 series) a call
    single = evaluate(res.run_dir)
    for name in ("calendar", "embeddings", "seasonal_naive"):
        assert np.allclose(stacked.forecasts[name], single.forecasts[name], rtol=1e-5, atol=1e-4), name
        assert np.allclose(stacked.calib[name], single.calib[name], rtol=1e-5, atol=1e-4), name
    assert stacked.metrics["calendar"]["coverage"] == single.metrics["calendar"]["coverage"]
