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
                                  cfg=default_train_config(epochs=plan.pick(3, 150, 300)))
    fc = predict(result.run_dir, horizon=28, project=project)
    table = [{t("tour.forecast.col_model"): name, "MAE": round(m["mae"], 2),
              t("tour.forecast.col_ratio"): round(m["ratio"], 3), "MASE": round(m["mase"], 3),
              t("tour.forecast.col_seconds"): round(m.get("seconds", float("nan")), 1)}
             for name, m in result.table().iterrows()]
    # settings.n_lags: train_forecaster settled it to the single-series default
    intro = t("tour.forecast.intro", lags=settings.n_lags, members=settings.members)
    parts = [Note(intro), Table(t("tour.forecast.table"), table),
             Figure(t("tour.forecast.fig_backtest"), result.plots["backtest"]),
             Figure(t("tour.forecast.fig_forecast"), fc.plot)]
    ratio = result.metrics[result.best]["ratio"]
    if ratio >= 1:
        parts.insert(2, Note(t("tour.forecast.not_better", best=result.best), warning=True))
    return Section(lab="forecast", title=t("tour.forecast.title"), question=t("tour.forecast.question"),
                   text=t("tour.forecast.text", best=result.best, ratio=ratio), parts=parts,
                   metrics={"best": result.best, **result.metrics[result.best]}, run_dir=result.run_dir)
