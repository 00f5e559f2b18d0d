"""What a forecasting run is asked, each setting declared once with its range (the CLI is made from these fields),
and the lab's fixed choices. No PyTorch or pandas here: `aprende forecast train --help` is built from this file."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.settings import setting

MODELS = ("mlp", "calendar", "embeddings")  # the article's network, with the calendar, with entity embeddings
HORIZON, N_ORIGINS = 7, 12  # the backtest: 12 forecast origins, a week ahead each
CALENDARS = ("daily", "observed")
CLOSED_RULES = ("auto", "rows", "days", "none")  # long tables: how a missing row is read (forecast.panel)
FREQS = ("auto", "D", "W", "M")  # one step is a day, a week or a month (auto: read from the dates)
# what a run made before these settings existed did: daily steps, Spain's holidays, 12 windows of 7 days
OLD_RUNS = {"freq": "D", "country": "ES", "horizon": HORIZON, "windows": N_ORIGINS}


def parse_models(text: str) -> list[str]:
    """--model calendar,mlp (or all)."""
    return list(MODELS) if text.strip() == "all" else [m.strip() for m in text.split(",") if m.strip()]


def parse_names(text: str) -> list[str]:
    """--static tienda,categoria."""
    return [c.strip() for c in text.split(",") if c.strip()]


# five networks of each kind averaged (the mean of networks that differ only in their random start beats each of
# them, on one series and on many); benchmarks/results/forecast.md
SINGLE_LAGS, MEMBERS, MAX_MEMBERS = 14, 5, 16
PANEL_DATASETS = {"supermercado": ("producto", ["tienda", "categoria"])}  # id and static columns of a named set


@dataclass
class ForecastSettings:
    """What defines the models and the split; saved in config.yaml."""

    models: list[str] = setting(factory=lambda: list(MODELS), help="forecast.opt.model", choices=MODELS, cli="--model",
                                parse=parse_models)
    # None: from the frequency (one series: 14 days, 13 weeks, 12 months; many: frequency.PANEL_LAGS)
    n_lags: int | None = setting(None, "forecast.opt.lags", range=(1, 364), cli="--lags")
    hidden: int = setting(32, "forecast.opt.hidden", range=(1, 4096))
    layers: int = setting(1, "forecast.opt.layers", range=(1, 16))
    dropout: float = setting(0.0, "forecast.opt.dropout", range=(0.0, 0.9))
    activation: str = setting("tanh", choices=("tanh", "relu"))
    calendar: str = setting("daily", "forecast.opt.calendar", choices=CALENDARS)
    # None: from the frequency (56 days, 13 weeks, 6 months)
    val_steps: int | None = setting(None, range=(1, 100_000))
    holdout: int = setting(HORIZON * N_ORIGINS, range=(1, 100_000))  # the backtest window (horizon × windows)
    # a day, a week or a month per step; auto: read from the dates (the run stores what was found)
    freq: str = setting("auto", "forecast.opt.freq", choices=FREQS)
    # whose public holidays the calendar knows: a `holidays` code (MX, AR, US…), with a subdivision (ES-MD)
    country: str = setting("ES", "forecast.opt.country")
    # the backtest: `windows` forecasts of `horizon` steps; None: 7 × 12 daily, 4 × 13 weekly, 3 × 4 monthly
    horizon: int | None = setting(None, "forecast.opt.bt_horizon", range=(1, 366))
    windows: int | None = setting(None, "forecast.opt.windows", range=(1, 520))
    level: float = setting(0.8, range=(0.01, 0.999))
    # backtest: refit the networks at every origin (12 fits) instead of once before the first
    refit: bool = setting(False, "forecast.opt.refit", flag=True)
    # a long table: the column naming each series (one global network for all)
    id_col: str | None = setting(None, "forecast.opt.id_col")
    # fixed columns of each series, embedded (shop, category)
    static_cols: list[str] = setting(factory=list, help="forecast.opt.static", cli="--static", parse=parse_names)
    # long tables: how a missing row is read (forecast.panel: auto, rows, days, none)
    closed: str = setting("auto", "forecast.opt.closed", choices=CLOSED_RULES)
    id_dim: int = setting(0, range=(0, 1024))  # width of the id embedding; 0: from the number of series
    # lags and target less the last week's mean (the recent level), added back after
    center: bool = setting(False, "forecast.opt.center", flag=True)
    # lags and target over the lag window's mean; None: on for many daily or monthly series (PANEL_WINDOW_SCALE)
    window_scale: bool | None = setting(None, "forecast.opt.window_scale", flag=True)
    # columns of the CSV also known for the steps ahead (price, promo): inputs of the step forecast
    covariates: list[str] = setting(factory=list, help="forecast.opt.covariates", cli="--covariates",
                                    parse=parse_names)
    # networks of each kind trained side by side, forecasting their mean
    members: int = setting(MEMBERS, "forecast.opt.members", range=(1, MAX_MEMBERS))
