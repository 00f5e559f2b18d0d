"""One function per lab: run it quickly through its public API and return what the report shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Section:
    """A lab's part of the report: question, what was trained, figures, a table, and the headline metrics."""

    lab: str
    title: str
    question: str
    text: str
    figures: list[tuple[str, Path]] = field(default_factory=list)  # (caption, png)
    table: list[dict] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    run_dir: Path | None = None


def forecast_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 3: the three networks and the baselines on the generated shop, backtested; a 4-week forecast."""
    from aprende.core.i18n import t
    from aprende.forecast import ForecastSettings, default_train_config, predict, train

    epochs = {"tiny": 3, "quick": 150, "full": 300}[mode]
    settings = ForecastSettings(hidden=16 if mode == "tiny" else 32)
    result = train(dataset="tienda", settings=settings, project=project,
                   cfg=default_train_config(epochs=epochs, quiet=quiet))
    fc = predict(result.run_dir, horizon=28)
    table = [{"model": name, **{k: round(v, 3) for k, v in m.items()}} for name, m in result.table().iterrows()]
    return Section(
        lab="forecast", title=t("tour.forecast.title"), question=t("tour.forecast.question"),
        text=t("tour.forecast.text", best=result.best, mase=result.metrics[result.best]["mase"],
               snaive=result.metrics["seasonal_naive"]["mase"]),
        figures=[(t("tour.forecast.fig_backtest"), result.plots["backtest"]),
                 (t("tour.forecast.fig_forecast"), fc.plot),
                 (t("tour.forecast.fig_curves"), result.plots["results"])],
        table=table, metrics={"best": result.best, **result.metrics[result.best]}, run_dir=result.run_dir)


SECTIONS = {"forecast": forecast_section}
