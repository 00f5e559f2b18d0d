"""Weekly and monthly sales, holidays by country, the backtest's shape and the classic model, as a user meets them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aprende.core.errors import AprendeError
from aprende.core.runs import read_yaml, write_yaml
from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.backtest import evaluate
from aprende.forecast.classic import available
from aprende.forecast.data import read_sales_csv
from aprende.forecast.features import calendar_features, check_country, is_holiday, to_steps
from aprende.forecast.forecasters import baselines
from aprende.forecast.frequency import infer_freq
from aprende.forecast.run import load_forecaster


def weekly_csv(path, weeks=170, drop=(50,)):
    """A chain's weekly sales as a Spanish spreadsheet exports them: `;`, decimal commas, day-first dates."""
    rng = np.random.default_rng(0)
    d = pd.date_range("2021-01-04", periods=weeks, freq="7D")  # Mondays
    week = d.isocalendar().week.to_numpy()
    y = 200 + 0.5 * np.arange(weeks) + 60 * np.sin(2 * np.pi * week / 52) + rng.normal(0, 8, weeks)
    df = pd.DataFrame({"fecha": d.strftime("%d/%m/%Y"), "ventas": [f"{v:.1f}".replace(".", ",") for v in y]})
    df.drop(index=list(drop)).to_csv(path, sep=";", index=False)
    return path


def monthly_csv(path, months=40):
    m = pd.date_range("2019-01-01", periods=months, freq="MS")
    y = 100 + 30 * np.sin(2 * np.pi * m.month / 12) + np.random.default_rng(1).normal(0, 3, months)
    pd.DataFrame({"date": m.strftime("%Y-%m-%d"), "units": y.round(2)}).to_csv(path, index=False)
    return path


def quick(**kw):
    return ForecastSettings(models=["calendar"], members=1, **kw)


CFG = dict(epochs=3, quiet=True)


@pytest.fixture(scope="module")
def weekly_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("weekly")
    return train_forecaster(weekly_csv(root / "w.csv"), settings=quick(), cfg=default_train_config(**CFG),
                            project=root, name="w")


# --- frequency read from the dates ------------------------------------------------------------------------------

def test_weekly_file_is_read_as_weeks(tmp_path):
    series = read_sales_csv(weekly_csv(tmp_path / "w.csv"))
    assert series.values[1] == pytest.approx(float(pd.read_csv(tmp_path / "w.csv", sep=";", decimal=",")
                                                   ["ventas"][1]))  # decimal commas read
    assert infer_freq(series.dates, "w.csv") == "W"
    steps = to_steps(series, freq="W")
    assert len(steps) == 170 and (~steps.open).sum() == 1  # a missing week is one closed step, not six days


def test_monthly_and_daily_are_recognised(tmp_path):
    assert infer_freq(read_sales_csv(monthly_csv(tmp_path / "m.csv")).dates, "m.csv") == "M"
    days = pd.date_range("2024-01-01", periods=60, freq="D")
    assert infer_freq(days[days.day_of_week != 6], "d.csv") == "D"  # closed Sundays are still daily


def test_mixed_frequency_is_refused():
    dates = pd.DatetimeIndex(list(pd.date_range("2024-01-01", periods=20, freq="D"))
                             + list(pd.date_range("2024-02-01", periods=20, freq="14D")))
    with pytest.raises(AprendeError) as e:
        infer_freq(dates, "mix.csv")
    assert e.value.key == "csv.mixed_freq"


def test_weeks_on_different_weekdays_are_refused():
    dates = pd.date_range("2024-01-01", periods=30, freq="7D").tolist()
    dates[10] = dates[10] + pd.Timedelta(days=2)  # one week dated on a Wednesday
    with pytest.raises(AprendeError) as e:
        infer_freq(pd.DatetimeIndex(dates), "w.csv")
    assert e.value.key == "csv.week_days"


def test_freq_w_on_daily_data_is_refused_and_writes_nothing(tmp_path, seed_csv):
    with pytest.raises(AprendeError) as e:
        train_forecaster(seed_csv, settings=quick(freq="W"), cfg=default_train_config(**CFG), project=tmp_path,
                         name="x")
    assert e.value.key == "csv.freq_mismatch" and not (tmp_path / "forecast").exists()


# --- weekly: its own seasonal naive, calendar and backtest ----------------------------------------------------------

def test_weekly_seasonal_naive_is_the_same_week_last_year():
    values = np.arange(60, dtype=float)[None, :]  # (1, 60) weeks
    pred = baselines("W")["seasonal_naive"](values, np.ones_like(values, bool), None)
    assert pred[0] == values[0, -52]  # 52 weeks back, not last week
    assert baselines("D")["seasonal_naive"](values, np.ones_like(values, bool), None)[0] == values[0, -7]


def test_weekly_calendar_knows_the_week_and_its_holidays():
    weeks = pd.DatetimeIndex(["2024-12-29", "2024-06-16"])  # a Sunday week with Christmas; a week with none in ES
    cal = calendar_features(weeks, "W", "ES")
    assert list(cal["weekday"]) == [51, 23]  # week of the year (0-based) in the weekday slot
    assert cal["holiday"][0] >= 1 and cal["holiday"][1] == 0
    assert list(cal["month"]) == [11, 5]


def test_weekly_run_stores_its_frequency_and_backtest(weekly_run):
    cfg = read_yaml(weekly_run.run_dir / "config.yaml")["settings"]
    assert (cfg["freq"], cfg["horizon"], cfg["windows"], cfg["country"]) == ("W", 4, 13, "ES")
    bt = weekly_run.backtest
    assert bt.actual.shape == (13, 4)
    # the seasonal naive forecast of the first window's first week is the sales of 52 weeks before it
    steps = to_steps(read_sales_csv(weekly_run.run_dir / "data.csv"), freq="W")
    o = int(bt.origins[0])
    assert bt.forecasts["seasonal_naive"][0, 0] == pytest.approx(steps.values[o - 52])


def test_weekly_predict_gives_the_next_weeks(weekly_run):
    table = load_forecaster(weekly_run.run_dir).forecast(4)
    last = pd.Timestamp(read_sales_csv(weekly_run.run_dir / "data.csv").dates[-1])
    assert list(pd.DatetimeIndex(table.frame["date"])) == [last + pd.Timedelta(weeks=k) for k in range(1, 5)]


def test_evaluate_takes_another_backtest_shape(weekly_run):
    bt = evaluate(weekly_run.run_dir, horizon=4, windows=3)
    assert bt.actual.shape == (3, 4) and bt.metrics["seasonal_naive"]["ratio"] == pytest.approx(1.0)


def test_short_monthly_history_takes_fewer_windows_and_says_so(tmp_path, capsys):
    res = train_forecaster(monthly_csv(tmp_path / "m.csv"), settings=quick(),
                           cfg=default_train_config(**CFG), project=tmp_path, name="m")
    cfg = read_yaml(res.run_dir / "config.yaml")["settings"]
    assert cfg["freq"] == "M" and cfg["horizon"] == 3 and cfg["windows"] < 4
    assert "ventanas" in capsys.readouterr().err


# --- holidays by country ----------------------------------------------------------------------------------------

def test_country_holidays():
    sept16 = pd.DatetimeIndex(["2024-09-16"])  # Mexico's independence day, not a holiday in Spain
    assert is_holiday(sept16, "MX")[0] == 1 and is_holiday(sept16, "ES")[0] == 0
    may2 = pd.DatetimeIndex(["2024-05-02"])  # Community of Madrid's day
    assert is_holiday(may2, "ES-MD")[0] == 1 and is_holiday(may2, "ES")[0] == 0
    assert check_country("es-md") == "ES-MD"


@pytest.mark.parametrize("code, key", [("XX", "forecast.bad_country"), ("ES-ZZ", "forecast.bad_subdivision")])
def test_unknown_country_is_refused_before_anything_is_written(tmp_path, seed_csv, code, key):
    with pytest.raises(AprendeError) as e:
        train_forecaster(seed_csv, settings=quick(country=code), cfg=default_train_config(**CFG), project=tmp_path,
                         name="x")
    assert e.value.key == key and not (tmp_path / "forecast").exists()


# --- old runs, the backtest shape of daily data, the classic model ---------------------------------------------------

def test_daily_run_keeps_7_by_12_and_an_old_config_reads_as_before(tmp_path, seed_csv):
    res = train_forecaster(seed_csv, settings=quick(), cfg=default_train_config(**CFG), project=tmp_path, name="d")
    assert res.backtest.actual.shape == (12, 7)
    if available():
        assert "autoets" in res.metrics and res.metrics["autoets"]["mae"] > 0
    before = evaluate(res.run_dir).metrics
    path = res.run_dir / "config.yaml"
    cfg = read_yaml(path)
    for key in ("freq", "country", "horizon", "windows"):  # a run made before these settings existed
        cfg["settings"].pop(key)
    write_yaml(path, cfg)
    forecaster = load_forecaster(res.run_dir)
    assert (forecaster.freq, forecaster.country) == ("D", "ES")
    after = evaluate(res.run_dir).metrics
    assert after["calendar"]["mae"] == pytest.approx(before["calendar"]["mae"])
