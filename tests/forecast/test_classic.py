"""The classic models beside the networks, in the user's table: AutoETS and AutoTheta, refitted at every origin,
scored by the same backtest, and a line that says plainly which won."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import aprende.forecast.classic as classic
from aprende.forecast.backtest import backtest
from aprende.forecast.data import SalesSeries
from aprende.forecast.features import to_steps
from aprende.forecast.forecasters import baselines
from tests.helpers import aprende

needs_sf = pytest.mark.skipif(not classic.available(), reason="statsforecast is optional")


def weekly_pattern(days=420, seed=0):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2023-01-02", periods=days, freq="D")
    y = 100 + 30 * (dates.day_of_week.to_numpy() >= 5) + rng.normal(0, 3, days)
    return to_steps(SalesSeries(dates, y, "semana"))


@needs_sf
def test_classic_models_learn_a_clean_weekly_pattern_and_bring_their_band():
    steps = weekly_pattern()
    bt = backtest(steps, baselines(), horizon=7, n_origins=4, direct=classic.classic_models("D"))
    for name in ("autoets", "autotheta"):
        m = bt.metrics[name]
        assert m["ratio"] < 1.0  # a clean weekly pattern: better than last week's copy, which carries its noise
        assert 0.5 <= m["coverage"] <= 1.0 and m["width"] > 0 and m["seconds"] > 0


@needs_sf
def test_refitted_at_every_origin_on_the_history_before_it(monkeypatch):
    seen = []
    real = classic._direct

    def spy(model_cls, freq):
        fn = real(model_cls, freq)

        def direct(values, is_open, horizon, level=0.8):
            seen.append(len(values))
            return fn(values, is_open, horizon, level)
        return direct

    monkeypatch.setattr(classic, "_direct", spy)
    steps = weekly_pattern()
    bt = backtest(steps, baselines(), horizon=7, n_origins=3, direct={"autoets": classic.autoets("D")})
    assert seen == [int(o) for o in bt.origins]  # one fit per origin, on what came before it only


def test_without_statsforecast_the_table_says_so(monkeypatch, tmp_path, seed_csv, capsys):
    monkeypatch.setattr(classic, "available", lambda: False)
    code = aprende("forecast", "train", "--csv", seed_csv, "--model", "calendar", "--members", "1", "--epochs", "2",
                   "--project", tmp_path, "--name", "r")
    err = capsys.readouterr().err
    assert code == 0 and "statsforecast no está instalado" in err and "autotheta" not in err


@needs_sf
def test_the_summary_line_names_the_winner(tmp_path, seed_csv, capsys):
    code = aprende("forecast", "train", "--csv", seed_csv, "--model", "mlp", "--members", "1", "--epochs", "1",
                   "--project", tmp_path, "--name", "r")
    err = capsys.readouterr().err
    assert code == 0 and "autoets" in err and "autotheta" in err
    # one epoch of the lag-only network cannot match AutoETS on the article's shop: the line says the classic won
    assert "mejora a la mejor red (mlp)" in err and "el modelo clásico es mejor opción" in err
