"""Intervals that mean what they say: on series whose true 80 % band is known, the calibrated band holds about 80 %
of the truth, each window judged by a band learnt from forecasts that do not overlap it; a run's forecast uses that
band."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
from aprende.forecast.backtest import backtest, calibration_forecasts
from aprende.forecast.data import SalesSeries
from aprende.forecast.features import to_steps
from aprende.forecast.intervals import band_coverage, conformal_quantile, coverage, step_band
from aprende.forecast.run import load_forecaster
from tests.helpers import aprende

Z80 = 1.2816  # the normal's 90 % quantile: a true 80 % band is ±1.2816 σ


def oracle(values, is_open, dates):
    """Forecasts the true mean, 100: its errors are the noise itself, whose 80 % band is known."""
    return np.full(len(values), 100.0)


def noisy_steps(days=800, sigma=10.0, seed=0):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-01", periods=days, freq="D")
    return to_steps(SalesSeries(dates, 100 + rng.normal(0, sigma, days), "ruido"))


def test_known_noise_gets_an_80_percent_band_of_the_right_width():
    bt = backtest(noisy_steps(), {"oracle": oracle}, horizon=7, n_origins=40)
    m = bt.metrics["oracle"]
    assert 0.75 <= m["coverage"] <= 0.85
    assert m["width"] == pytest.approx(2 * Z80 * 10, rel=0.15)  # ±12.8 units around the truth's mean
    # independently: a band of half-width w/2 around the true mean holds 2Φ(w / 2σ) − 1 of N(100, σ) noise
    expected = math.erf(m["width"] / 2 / (10 * math.sqrt(2)))
    assert 0.76 <= expected <= 0.86 and m["coverage"] == pytest.approx(expected, abs=0.04)


def test_calibration_uses_an_origin_every_step_of_the_backtest():
    bt = backtest(noisy_steps(), {"oracle": oracle}, horizon=7, n_origins=12)
    assert list(bt.calib_origins) == list(range(bt.origins[0], bt.origins[-1] + 1))  # 78 forecasts, not 12
    assert bt.calib["oracle"].shape == (78, 7) and np.all(bt.calib["oracle"] == 100.0)


def test_refitted_models_forecast_calibration_origins_from_their_own_data_only():
    """Origin o uses the model fitted at the last window origin at or before it (later models saw o's future)."""
    steps = noisy_steps(200)
    origins = np.array([170, 177, 184, 191])
    fns = [lambda v, o, d, k=k: np.full(len(v), float(k)) for k in range(4)]
    pred = calibration_forecasts(steps, fns, origins, np.arange(170, 194), 7, 28)  # (24, 7)
    assert list(pred[:, 0]) == [0.0] * 7 + [1.0] * 7 + [2.0] * 7 + [3.0] * 3


def test_a_band_per_step_widens_where_errors_grow():
    """Errors whose spread grows with the step ahead: a single pooled band would cover the first step too much
    and the last too little; per step, each lands near 80 %."""
    rng = np.random.default_rng(1)
    sigma = np.array([2.0, 4, 6, 8, 10, 12, 14])
    res = rng.normal(0, 1, (400, 7)) * sigma  # (K, H)
    ok = np.ones_like(res, bool)
    band = step_band(res, ok, 0.8)  # (H, 2)
    assert band[:, 1] == pytest.approx(Z80 * sigma, rel=0.2)
    assert band[:, 0] == pytest.approx(-Z80 * sigma, rel=0.2)
    inside = (res >= band[:, 0]) & (res <= band[:, 1])
    assert np.all(np.abs(inside.mean(axis=0) - 0.8) < 0.06)
    pooled = np.quantile(res, [0.1, 0.9])
    assert ((res >= pooled[0]) & (res <= pooled[1]))[:, 0].mean() > 0.95  # what the pooled band did at step 1


def test_conformal_quantile_is_the_right_order_statistic():
    """The ⌈(n + 1)·0.8⌉-th smallest of n absolute residuals, not the plain 80 % quantile."""
    res = np.array([-9.0, 1, -2, 3, 4, -5, 6, 7, -8])  # |r| = 1..9
    assert conformal_quantile(res, 0.8) == 8.0  # ⌈10 × 0.8⌉ = 8th; np.quantile would say 7.4
    assert conformal_quantile(res[:4], 0.8) == 9.0  # ⌈5 × 0.8⌉ = 4th of 4: the largest
    assert conformal_quantile(np.array([3.0, -1, 2]), 0.5) == 2.0  # ⌈4 × 0.5⌉ = 2nd
    assert conformal_quantile(np.arange(1.0, 20), 0.8) == 16.0  # ⌈20 × 0.8⌉ = 16th of 19
    assert conformal_quantile(np.array([]), 0.8) == 0.0


def test_few_residuals_give_a_wider_band_not_a_narrower_one():
    rng = np.random.default_rng(4)
    res = rng.normal(0, 1, (2, 4))  # two windows of four: eight residuals
    band = step_band(res, np.ones_like(res, bool), 0.8)
    assert band[0, 1] >= np.quantile(np.abs(res), 0.8) and band[0, 1] == pytest.approx(np.abs(res).max())  # 8th of 8


def test_the_band_never_sees_the_window_it_judges():
    """Window 1 holds a spike of 100. Stride-1 calibration forecasts from origins 1-5 overlap it and carry the
    spike: were they used, window 1's band would reach ±100 and hold it. Excluded, the band is narrow and the
    spike falls outside, so at most 9 of the 12 values are covered."""
    horizon, origins = 3, np.array([0, 3, 6, 9])
    c_origins = np.arange(10)  # (M,)
    series = np.zeros(12)
    series[3:6] = 100.0
    noise = np.random.default_rng(5).normal(0, 1, (10, horizon))
    c_actual = series[c_origins[:, None] + np.arange(horizon)]  # (M, H)
    c_pred = noise
    judged = np.isin(c_origins, origins)
    m = coverage(c_actual[judged], c_pred[judged], np.ones((4, horizon), bool), 0.8, origins=origins,
                 calib=(c_origins, c_actual, c_pred, np.ones_like(c_actual, bool)))
    assert m["coverage"] <= 9 / 12
    leaky = coverage(c_actual[judged], c_pred[judged], np.ones((4, horizon), bool), 0.8, origins=origins * 0 + 20,
                     calib=(c_origins, c_actual, c_pred, np.ones_like(c_actual, bool)))
    assert leaky["coverage"] >= 10 / 12  # the same rows, none excluded: the band reaches the spike (what is guarded)


def test_coverage_judges_each_window_by_the_others():
    """An outlier window is not inside its own band's calibration: its truth falls outside."""
    actual = np.zeros((10, 3))
    actual[4] = 100.0
    pred = np.zeros_like(actual) + np.random.default_rng(0).normal(0, 1, actual.shape)
    m = coverage(actual, pred, np.ones_like(actual, bool), 0.8)
    assert m["coverage"] <= 0.9  # window 4's three values are outside the others' bands


def test_classic_band_coverage_counts_only_open_steps():
    actual = np.array([[1.0, 5.0, 9.0]])
    ok = np.array([[True, True, False]])
    m = band_coverage(actual, np.array([[0.0, 6.0, 0.0]]), np.array([[2.0, 7.0, 1.0]]), ok)
    assert m["coverage"] == 0.5 and m["width"] == 1.5


@pytest.fixture(scope="module")
def noisy_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("noisy")
    rng = np.random.default_rng(2)
    dates = pd.date_range("2022-01-01", periods=500, freq="D")
    y = 100 + 20 * (dates.day_of_week.to_numpy() >= 5) + rng.normal(0, 8, len(dates))
    csv = root / "ventas.csv"
    pd.DataFrame({"fecha": dates.strftime("%Y-%m-%d"), "ventas": y.round(2)}).to_csv(csv, index=False)
    res = train_forecaster(csv, settings=ForecastSettings(models=["calendar"], members=1),
                           cfg=default_train_config(epochs=5, quiet=True), project=root, name="r")
    return res


def test_run_stores_a_band_per_step_and_predict_uses_it(noisy_run):
    summary = json.loads((noisy_run.run_dir / "summary.json").read_text())
    band = np.asarray(summary["step_bands"]["calendar"])  # (7, 2)
    assert band.shape == (7, 2) and np.all(band[:, 0] < 0) and np.all(band[:, 1] > 0)
    table = load_forecaster(noisy_run.run_dir).forecast(10)
    f = table.frame
    width = (f["upper"] - f["lower"]).to_numpy()
    assert width[:7] == pytest.approx(band[:, 1] - band[:, 0], abs=0.02)
    assert width[9] > width[6]  # beyond the backtest's seven steps the band keeps widening
    assert 0.6 <= noisy_run.metrics["calendar"]["coverage"] <= 0.95


def test_evaluate_says_the_coverage(noisy_run, capsys):
    assert aprende("forecast", "evaluate", "--run", str(noisy_run.run_dir)) == 0
    err = capsys.readouterr().err
    assert "Intervalo del 80 % de calendar" in err and "contiene el" in err
    from aprende.forecast.classic import classic_models

    if classic_models("D"):  # statsforecast installed: AutoETS's own interval is shown beside ours
        assert "El intervalo del 80 % de AutoETS contiene el" in err


def test_old_run_without_step_bands_keeps_its_pooled_band(noisy_run, tmp_path):
    import shutil

    old = tmp_path / "old"
    shutil.copytree(noisy_run.run_dir, old)
    summary = json.loads((old / "summary.json").read_text())
    summary.pop("step_bands")
    (old / "summary.json").write_text(json.dumps(summary))
    lo, hi = summary["residual_quantiles"]["calendar"]
    f = load_forecaster(old).forecast(7).frame
    opened = f[f["open"] & (f["lower"] > 0)]
    assert (opened["upper"] - opened["lower"]).to_numpy() == pytest.approx(hi - lo, abs=0.02)


def test_few_windows_share_one_spread_across_steps():
    """Three windows give each step three residuals: a spread per step would be noise, so the band is one for all."""
    rng = np.random.default_rng(3)
    res = rng.normal(0, 5, (3, 4))
    band = step_band(res, np.ones_like(res, bool), 0.8)
    assert np.allclose(band, band[0]) and band[0, 0] < 0 < band[0, 1]
    wide = step_band(rng.normal(0, 1, (40, 4)) * [1, 2, 3, 4], np.ones((40, 4), bool), 0.8)
    assert wide[3, 1] > 2 * wide[0, 1]  # enough windows: the spread grows with the step


def noisy_panel(days=400, sigmas=(10.0, 100.0, 2.0), seed=0):
    """Three series of very different sizes, each its level plus normal noise of a known σ."""
    from aprende.forecast.panel import SalesPanel

    rng = np.random.default_rng(seed)
    levels = np.array(sigmas) * 10  # (n,)
    values = levels[:, None] + rng.normal(0, 1, (len(sigmas), days)) * np.array(sigmas)[:, None]  # (n, S)
    return SalesPanel(["a", "b", "c"], pd.date_range("2022-01-01", periods=days, freq="D"), values,
                      np.ones_like(values, bool), "p.csv"), levels


def test_a_panel_with_three_windows_calibrates_from_every_step_and_covers_80_percent():
    """Many series, few windows: each window's band is learnt from the forecasts of every step that does not overlap
    it (8 origins × 3 series × 7 steps), not from the two other windows alone, and holds about 80 % of the truth."""
    from aprende.forecast.backtest import panel_backtest

    panel, levels = noisy_panel()
    def oracle_panel(values, is_open, dates):  # rows: the series in order, origin after origin
        return levels[np.arange(len(values)) % len(levels)]

    bt = panel_backtest(panel, {"oracle": oracle_panel}, horizon=7, n_origins=3)
    assert list(bt.calib_origins) == list(range(bt.origins[0], bt.origins[-1] + 1))  # 15 origins, not 3
    assert bt.calib["oracle"].shape == (3, 15, 7) and np.all(bt.calib["oracle"] == levels[:, None, None])
    assert np.array_equal(bt.forecasts["oracle"], bt.calib["oracle"][:, [0, 7, 14]])
    m = bt.metrics["oracle"]
    assert 0.72 <= m["coverage"] <= 0.88
    # each series' band is ±z·σ of its own noise: the pooled mean width is 2·Z80 times the mean σ
    assert m["width"] == pytest.approx(2 * Z80 * np.mean([10.0, 100.0, 2.0]), rel=0.25)


def test_refitted_panel_models_forecast_calibration_origins_from_their_own_data_only():
    from aprende.forecast.backtest import panel_forecasts

    panel, _ = noisy_panel(200)
    origins = np.array([170, 177, 184, 191])
    fns = [lambda v, o, d, k=k: np.full(len(v), float(k)) for k in range(4)]
    pred = panel_forecasts(panel, fns, origins, np.arange(170, 194), 7, 28)  # (3, 24, 7)
    assert list(pred[1, :, 0]) == [0.0] * 7 + [1.0] * 7 + [2.0] * 7 + [3.0] * 3
