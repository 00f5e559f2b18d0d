"""The forecast API and page take the frequency, the holidays' country and the backtest's shape (horizon × windows),
with the lab's defaults, ranges and messages."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from aprende.core.settings import declared, default_of
from aprende.forecast.settings import FREQS, ForecastSettings
from aprende.serve import defaults
from aprende.serve.app import create_app
from aprende.serve.limits import Limits
from tests.serve.builders import sales_csv

API = "/api/v1"
STATIC = Path(__file__).resolve().parents[2] / "src" / "aprende" / "serve" / "static"


@pytest.fixture(scope="module")
def client(runs):
    with TestClient(create_app(runs, Limits(max_upload_mb=1, forecast_s=1.0)), base_url="http://localhost") as c:
        yield c


def weekly_csv(weeks=160) -> bytes:
    days = pd.date_range("2021-01-04", periods=weeks, freq="7D")
    rows = ["fecha;ventas"] + [f"{d:%d/%m/%Y};{100 + 20 * (d.month == 12) + k % 5},5" for k, d in enumerate(days)]
    return ("\n".join(rows) + "\n").encode()


def test_defaults_are_the_labs():
    assert defaults.FORECAST_FREQ == default_of(ForecastSettings, "freq") == "auto"
    assert defaults.FORECAST_COUNTRY == default_of(ForecastSettings, "country")
    assert defaults.FORECAST_FREQS == FREQS


def test_weekly_file_and_a_country(client):
    r = client.post(f"{API}/forecast?horizon=4&country=MX", files={"file": ("semanal.csv", weekly_csv())})
    assert r.status_code == 200, r.text
    dates = pd.DatetimeIndex([row["date"] for row in r.json()["forecast"]])
    assert len(dates) == 4 and (dates[1:] - dates[:-1]).days.tolist() == [7, 7, 7]  # weeks, not days


@pytest.mark.parametrize("query, key", [("freq=W", "csv.freq_mismatch"), ("country=XX", "forecast.bad_country"),
                                        ("freq=Q", "serve.bad_field")])
def test_bad_freq_and_country_get_the_labs_message(client, query, key):
    r = client.post(f"{API}/forecast?{query}", files={"file": ("ventas.csv", sales_csv())})
    assert r.status_code == 422 and r.json()["error"] == key, r.text


def test_the_page_has_the_selectors_and_sends_them():
    html, js = (STATIC / "index.html").read_text(), (STATIC / "app.js").read_text()
    assert 'id="forecast-freq"' in html and 'id="forecast-country"' in html
    assert "&freq=" in js and "&country=" in js
    i18n = (STATIC / "i18n.js").read_text()
    for key in ("forecast.freq", "forecast.country"):  # [Spanish, English]
        assert re.search(rf'"{re.escape(key)}": \[\s*"[^"]+",\s*"[^"]+"\]', i18n), key


def test_horizon_4_windows_3_gives_that_backtest(client):
    """240 days from 2024-01-01 end on 2024-08-27: three windows of four days are the last twelve days."""
    r = client.post(f"{API}/forecast?horizon=5&bt_horizon=4&windows=3", files={"file": ("ventas.csv", sales_csv())})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["backtest"] == {"horizon": 4, "windows": 3, "origins": ["2024-08-16", "2024-08-20", "2024-08-24"]}
    assert len(body["forecast"]) == 5  # `horizon` stays the days forecast ahead
    assert body["metrics"]["mae"] > 0


def test_blank_fields_keep_the_labs_daily_backtest(client):
    r = client.post(f"{API}/forecast", files={"file": ("ventas.csv", sales_csv())})
    assert r.status_code == 200, r.text
    shape = r.json()["backtest"]
    assert (shape["horizon"], shape["windows"]) == (7, 12)  # the lab's daily default (forecast.settings)


@pytest.mark.parametrize("query, field, value", [("bt_horizon=0", "bt_horizon", "0"), ("windows=521", "windows", "521"),
                                                  ("bt_horizon=367", "bt_horizon", "367")])
def test_out_of_range_is_refused_with_the_labs_message(client, query, field, value):
    lo, hi = declared(ForecastSettings)["horizon" if field == "bt_horizon" else "windows"]["range"]
    for path in ("/forecast", "/forecast/plot"):
        r = client.post(f"{API}{path}?{query}&lang=en", files={"file": ("ventas.csv", sales_csv())})
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["error"] == "settings.bad_range"
        assert field in body["message"] and value in body["message"] and f"{lo}–{hi}" in body["message"]


def test_a_value_that_is_no_number_is_refused(client):
    r = client.post(f"{API}/forecast?windows=tres", files={"file": ("ventas.csv", sales_csv())})
    assert r.status_code == 422 and r.json()["error"] == "serve.bad_field", r.text


def test_the_options_are_the_labs_ranges_and_defaults(client):
    lab = declared(ForecastSettings)
    r = client.get(f"{API}/forecast/options")
    assert r.status_code == 200
    assert r.json() == {"bt_horizon": {"min": lab["horizon"]["range"][0], "max": lab["horizon"]["range"][1],
                                       "default": None},
                        "windows": {"min": lab["windows"]["range"][0], "max": lab["windows"]["range"][1],
                                    "default": None}}


def test_the_page_has_the_fields_reads_their_ranges_and_sends_them():
    html, js = (STATIC / "index.html").read_text(), (STATIC / "app.js").read_text()
    assert 'id="forecast-bt-horizon"' in html and 'id="forecast-windows"' in html
    assert not re.search(r'id="forecast-(bt-horizon|windows)"[^>]*\b(min|max|value)=', html)  # from the lab, not here
    assert "/forecast/options" in js and "&bt_horizon=" in js and "&windows=" in js
    i18n = (STATIC / "i18n.js").read_text()
    for key in ("forecast.bt_horizon", "forecast.windows", "forecast.backtest"):  # [Spanish, English]
        assert re.search(rf'"{re.escape(key)}": \[\s*"[^"]+",\s*"[^"]+"\]', i18n), key
