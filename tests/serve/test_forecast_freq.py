"""The forecast API and page take the frequency and the holidays' country, with the lab's defaults and messages."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from aprende.core.settings import default_of
from aprende.forecast.settings import FREQS, ForecastSettings
from aprende.serve import defaults
from aprende.serve.app import create_app
from aprende.serve.limits import Limits
from tests.serve.conftest import sales_csv

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
