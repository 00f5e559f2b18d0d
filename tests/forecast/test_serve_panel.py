"""The forecast API with a long CSV: `id_col` trains the global network on every series and answers one forecast per
series, with the best sellers' history for the page's small multiples."""

from __future__ import annotations

import pytest

from aprende.datasets.supermercado import generate_supermercado

API = "/api/v1"


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from aprende.serve.app import create_app
    from aprende.serve.limits import Limits

    limits = Limits(forecast_s=1.0, timeout_s=300.0)  # generous: the test machine's CPU is shared
    with TestClient(create_app(None, limits), base_url="http://localhost") as c:
        yield c


def test_forecast_api_long_csv_with_id_col(client):
    csv = generate_supermercado(3, 5, days=220, seed=2).to_csv(index=False).encode()
    r = client.post(f"{API}/forecast?horizon=7&id_col=producto", files={"file": ("super.csv", csv)})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["model"] == "embeddings" and len(out["forecast"]) == 15 * 7
    assert len({row["id"] for row in out["forecast"]}) == 15
    assert len(out["series"]) == 12 and out["left_out"] == 3  # small multiples of the 12 best sellers
    assert {p["id"] for p in out["history"]} == set(out["series"]) and "ratio" in out["metrics"]
    png = client.post(f"{API}/forecast/plot?id_col=producto", files={"file": ("super.csv", csv)})
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    bad = client.post(f"{API}/forecast?id_col=sku", files={"file": ("super.csv", csv)})
    assert bad.status_code == 422 and bad.json()["error"] == "csv.no_column" and "sku" in bad.json()["message"]


def test_the_server_trains_one_network_in_its_budget(client, monkeypatch):
    """In a few seconds' budget five networks would share the steps one gets: the page trains one."""
    import aprende.serve.routes_misc as routes

    seen = []
    real = routes.train_forecaster

    def spy(series, settings=None, **kwargs):
        seen.append(settings.members)
        return real(series, settings=settings, **kwargs)

    monkeypatch.setattr(routes, "train_forecaster", spy)
    csv = generate_supermercado(2, 3, days=220, seed=1).to_csv(index=False).encode()
    r = client.post(f"{API}/forecast?horizon=7&id_col=producto", files={"file": ("super.csv", csv)})
    assert r.status_code == 200, r.text
    assert seen == [1] and len(r.json()["forecast"]) == 6 * 7
