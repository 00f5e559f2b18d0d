"""The tour's forecast section: the three networks and the baselines on the generated shop, and a forecast."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster
from aprende.report.section import Section


def forecast_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 3: the three networks and the baselines on the generated shop, backtested; a 4-week forecast."""
    epochs = {"tiny": 3, "quick": 150, "full": 300}[mode]
    settings = ForecastSettings(hidden=16 if mode == "tiny" else 32)
    result = train_forecaster(dataset="tienda", settings=settings, project=project,
                              cfg=default_train_config(epochs=epochs, quiet=quiet))
    fc = predict(result.run_dir, horizon=28, project=project)
    table = [{"model": name, **{k: round(v, 3) for k, v in m.items()}} for name, m in result.table().iterrows()]
    return Section(
        lab="forecast", title=t("tour.forecast.title"), question=t("tour.forecast.question"),
        text=t("tour.forecast.text", best=result.best, mase=result.metrics[result.best]["mase"],
               snaive=result.metrics["seasonal_naive"]["mase"]),
        figures=[(t("tour.forecast.fig_backtest"), result.plots["backtest"]),
                 (t("tour.forecast.fig_forecast"), fc.plot),
                 (t("tour.forecast.fig_curves"), result.plots["results"])],
        table=table, metrics={"best": result.best, **result.metrics[result.best]}, run_dir=result.run_dir)
