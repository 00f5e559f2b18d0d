"""`supermercado`: daily unit sales of shops × products, generated: what a global forecasting model learns from.

Every series shares the week and the seasons of its shop and category; each product has its own level and trend;
the smallest sell now and then (intermittent: many zero days); shops close on public holidays and, some, on Sundays.
The file writes a row with 0 for a day a product sold nothing and no row for a day its shop was closed.
"""

from __future__ import annotations

from pathlib import Path

import holidays
import numpy as np
import pandas as pd

CATEGORIES = {  # weekly profile Monday..Sunday, summer and Christmas strength
    "frescos": ([0.9, 0.9, 1.0, 1.0, 1.2, 1.4, 0.9], 0.0, 0.15),
    "bebidas": ([0.8, 0.8, 0.9, 1.0, 1.3, 1.6, 1.0], 0.45, 0.25),
    "limpieza": ([1.2, 1.1, 1.0, 1.0, 1.0, 0.9, 0.6], -0.05, 0.0),
    "dulces": ([0.8, 0.8, 0.9, 0.9, 1.1, 1.4, 1.2], -0.25, 0.9),
}
SHOPS = (("centro", "closed"), ("playa", "open"), ("barrio", "december"))  # Sundays: closed, open, December only


def generate_supermercado(shops: int = 3, products: int = 20, days: int = 730, seed: int = 0,
                          start: str = "2023-01-02") -> pd.DataFrame:
    """Long table (fecha, tienda, categoria, producto, unidades): one row per product and day its shop opened."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    es = holidays.Spain(years=sorted(set(dates.year)))
    hol = np.array([d in es for d in dates.date])
    wd, doy = dates.day_of_week.to_numpy(), dates.day_of_year.to_numpy()
    t = np.arange(days) / 365.25
    summer = np.exp(-((doy - 205) / 30.0) ** 2)  # (D,) July
    xmas = np.exp(-((doy - 358) / 8.0) ** 2) + np.exp(-(doy / 5.0) ** 2)  # (D,) late December, early January
    cats = list(CATEGORIES)
    rows = []
    for s in range(shops):
        shop, sundays = SHOPS[s % len(SHOPS)]
        shop = shop if s < len(SHOPS) else f"{shop}{s // len(SHOPS) + 1}"
        closed = hol | ((wd == 6) & {"closed": True, "open": False,
                                     "december": dates.month.to_numpy() != 12}[sundays])
        shop_level = rng.lognormal(0, 0.3)
        cat = rng.integers(0, len(cats), products)  # (P,)
        level = rng.lognormal(1.5, 1.3, products) * shop_level  # (P,) from under 1 a day (intermittent) to ~100
        trend = rng.normal(0.05, 0.15, products)  # (P,) per year
        weekly = np.array([CATEGORIES[cats[c]][0] for c in cat])[:, wd]  # (P, D)
        season = 1 + np.array([CATEGORIES[cats[c]][1] for c in cat])[:, None] * summer[None, :] \
            + np.array([CATEGORIES[cats[c]][2] for c in cat])[:, None] * xmas[None, :]
        mean = level[:, None] * np.exp(trend[:, None] * t[None, :]) * weekly * np.maximum(season, 0.05)
        units = rng.poisson(mean * rng.lognormal(0, 0.15, mean.shape))  # (P, D)
        keep = ~closed
        for p in range(products):
            rows.append(pd.DataFrame({"fecha": dates[keep].strftime("%Y-%m-%d"), "tienda": shop,
                                      "categoria": cats[cat[p]], "producto": f"{shop}-{p + 1:03d}",
                                      "unidades": units[p, keep]}))
    return pd.concat(rows, ignore_index=True)


def write_supermercado(folder: Path, shops: int = 3, products: int = 20, seed: int = 0) -> None:
    """The data set's generator: `aprende data get supermercado` writes supermercado.csv."""
    frame = generate_supermercado(shops, products, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / "supermercado.csv", index=False)
