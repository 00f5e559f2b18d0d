"""A single series whose level moves: --window-scale (lags and target as multiples of the lag window's mean) lets
the network follow the new level, is stored in the run, and the stored run forecasts as train scored it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aprende.core.runs import read_yaml
from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.backtest import evaluate


def shifted_csv(path, days=600, jump_at=480, factor=1.8):
    """A shop whose sales step up by 80 % a few weeks before the backtest (a new neighbour, a refit of the shop)."""
    rng = np.random.default_rng(0)
    d = pd.date_range("2022-01-03", periods=days, freq="D")
    weekly = np.array([1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.3])[d.day_of_week.to_numpy()]
    level = np.where(np.arange(days) >= jump_at, 100 * factor, 100.0)
    y = level * weekly * (1 + rng.normal(0, 0.05, days))
    pd.DataFrame({"fecha": d.strftime("%Y-%m-%d"), "ventas": y.round(2)}).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("levels")
    csv = shifted_csv(root / "ventas.csv")
    cfg = default_train_config(epochs=60, quiet=True, seed=0)
    out = {}
    for name, opts in {"plain": {}, "window": {"window_scale": True}}.items():
        out[name] = train_forecaster(csv, settings=ForecastSettings(models=["calendar"], members=1, **opts),
                                     cfg=cfg, project=root, name=name)
    return out


def test_window_scale_follows_a_level_the_training_never_saw(runs):
    plain, window = (runs[k].metrics["calendar"]["mae"] for k in ("plain", "window"))
    # the new level is 80 % above anything in training: min-max scaling squeezes it against tanh's edge, the
    # window's mean carries it
    assert window < 0.8 * plain


def test_window_scale_is_stored_and_the_run_forecasts_as_train_scored(runs):
    cfg = read_yaml(runs["window"].run_dir / "config.yaml")["settings"]
    assert cfg["window_scale"] is True and cfg["center"] is False
    again = evaluate(runs["window"].run_dir).metrics["calendar"]["mae"]
    assert again == pytest.approx(runs["window"].metrics["calendar"]["mae"], rel=1e-6)


def test_one_series_keeps_window_scale_off_unless_asked(runs):
    assert read_yaml(runs["plain"].run_dir / "config.yaml")["settings"]["window_scale"] is False
