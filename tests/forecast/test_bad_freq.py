"""Bad input a practitioner meets with dates, countries, known future values: exit 2, a message naming the file (or
the option) and what to do, and nothing written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.helpers import daily_frame
from tests.helpers import forecast_refused as refused


def train(capsys, tmp_path, csv, *args, lang="es") -> str:
    return refused(capsys, tmp_path, "train", "--csv", csv, "--model", "calendar", "--members", "1", "--epochs", "1",
                   "--project", tmp_path / "runs", *args, lang=lang)


def test_mixed_frequency(tmp_path, capsys):
    days = list(pd.date_range("2024-01-01", periods=60, freq="D")) + list(pd.date_range("2024-03-15", periods=40,
                                                                                        freq="14D"))
    path = tmp_path / "mezcla.csv"
    pd.DataFrame({"fecha": pd.DatetimeIndex(days).strftime("%Y-%m-%d"), "unidades": 5.0}).to_csv(path, index=False)
    msg = train(capsys, tmp_path, path)
    assert str(path) in msg and "mezclan frecuencias" in msg and "una fila por día, por semana o por mes" in msg


def test_weeks_starting_on_different_weekdays(tmp_path, capsys):
    weeks = pd.date_range("2021-01-04", periods=120, freq="7D").tolist()
    weeks[70] = weeks[70] + pd.Timedelta(days=2)  # one week dated on a Wednesday
    path = tmp_path / "semanas.csv"
    pd.DataFrame({"fecha": pd.DatetimeIndex(weeks).strftime("%d/%m/%Y"), "ventas": 10.0}).to_csv(path, sep=";",
                                                                                              index=False)
    msg = train(capsys, tmp_path, path)
    assert str(path) in msg and "el mismo día" in msg and weeks[69].strftime("%Y-%m-%d") in msg


def test_freq_w_on_daily_data(tmp_path, capsys):
    path = tmp_path / "diario.csv"
    daily_frame().to_csv(path, index=False)
    msg = train(capsys, tmp_path, path, "--freq", "W", lang="en")
    assert str(path) in msg and "--freq W" in msg and "frequency D" in msg and "Drop --freq or use --freq D" in msg


@pytest.mark.parametrize("code, expected", [
    ("XX", "País desconocido: «XX»"),
    ("US-ZZ", "Región desconocida en «US-ZZ»: US tiene estas: AK, AL"),
    ("MX-ZZ", "no distingue regiones en MX: «MX-ZZ» no existe. Usa --country MX"),
])
def test_unknown_country_and_subdivision(tmp_path, capsys, code, expected):
    path = tmp_path / "diario.csv"
    daily_frame().to_csv(path, index=False)
    assert expected in train(capsys, tmp_path, path, "--country", code)


def test_panel_future_openings_follow_the_runs_country():
    from aprende.forecast.features import is_holiday
    from aprende.forecast.panel import SalesPanel, future_opens

    days = pd.date_range("2024-01-01", "2024-09-15", freq="D")  # ends the day before Mexico's independence day
    closed = is_holiday(days, "MX").astype(bool)  # a shop that closed on every Mexican holiday of its history
    panel = SalesPanel(["a"], days, np.ones((1, len(days))), ~closed[None, :], "p.csv", "id", {}, "rows")
    dates, opens_mx = future_opens(panel, 3, "MX")
    assert dates[0] == pd.Timestamp("2024-09-16") and not opens_mx[0, 0]  # closed on Sept 16
    assert future_opens(panel, 3, "ES")[1][0, 0]  # open: not a holiday in Spain (the old rule, always Spain's)
