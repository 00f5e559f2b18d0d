"""The forecasting lab's pictures: backtest against reality, and the forecast with its band."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from aprende.core.i18n import t
from aprende.core.plots import save_figure

COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]


def plot_backtest(bt, names: list[str], path: Path) -> None:
    """The last 12 weeks: actual sales (black) and each model's 7-day forecasts from every origin (bt: a Backtest)."""
    fig, ax = plt.subplots(figsize=(11, 4))
    for k, dates in enumerate(bt.dates):
        m = bt.open[k]
        ax.plot(dates[m], bt.actual[k][m], "k.-", lw=1, label=t("plot.actual") if k == 0 else None)
        for c, name in zip(COLORS, names):
            ax.plot(dates[m], bt.forecasts[name][k][m], color=c, lw=1.3, alpha=0.85,
                    label=f"{name} (MASE {bt.metrics[name]['mase']:.2f})" if k == 0 else None)
    ax.set_title(t("forecast.plot.backtest"))
    ax.set_ylabel(t("plot.units"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    save_figure(fig, path)


def plot_forecast(hist_dates, hist_values, dates, forecast, lower, upper, is_open, path: Path, level: float) -> None:
    """History (last 16 weeks), the forecast and its prediction band."""
    fig, ax = plt.subplots(figsize=(11, 4))
    ax.plot(hist_dates[-112:], hist_values[-112:], "k-", lw=1, label=t("plot.history"))
    m = np.asarray(is_open)
    ax.plot(dates[m], forecast[m], "o-", color="tab:blue", ms=3, label=t("plot.forecast"))
    ax.fill_between(dates[m], lower[m], upper[m], color="tab:blue", alpha=0.2,
                    label=t("plot.band", level=int(round(level * 100))))
    ax.set_title(t("forecast.plot.forecast"))
    ax.set_ylabel(t("plot.units"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    save_figure(fig, path)
