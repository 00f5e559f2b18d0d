"""The tour's forecast section: the three networks and the baselines on the generated shop, and a forecast."""

from __future__ import annotations

from pathlib import Path

from aprende.core.i18n import t
from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster
from aprende.report.section import Figure, Note, Plan, Section, Table, one_thread


def forecast_section(project: Path, plan: Plan) -> Section:
    """Article 3: the three networks and the baselines on the generated shop, backtested; a 4-week forecast."""
    settings = ForecastSettings(hidden=16 if plan.mode == "tiny" else 32)
    with one_thread():  # networks of a few thousand weights
        result = train_forecaster(dataset="tienda", settings=settings, project=project,
                                  cfg=default_train_config(epochs=plan.pick(3, 150, 300), quiet=plan.quiet))
    fc = predict(result.run_dir, horizon=28, project=project)
    table = [{t("tour.forecast.col_model"): name, **{k: round(v, 3) for k, v in m.items()}}
             for name, m in result.table().iterrows()]
    best, snaive = result.metrics[result.best]["mase"], result.metrics["seasonal_naive"]["mase"]
    parts = [Note(t("tour.forecast.intro")), Table(t("tour.forecast.table"), table),
             Figure(t("tour.forecast.fig_backtest"), result.plots["backtest"]),
             Figure(t("tour.forecast.fig_forecast"), fc.plot)]
    if best >= snaive:
        parts.insert(2, Note(t("tour.forecast.not_better", best=result.best), warning=True))
    return Section(lab="forecast", title=t("tour.forecast.title"), question=t("tour.forecast.question"),
                   text=t("tour.forecast.text", best=result.best, mase=best, snaive=snaive), parts=parts,
                   metrics={"best": result.best, **result.metrics[result.best]}, run_dir=result.run_dir)
