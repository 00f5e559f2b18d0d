"""`aprende forecast train|predict|evaluate|article`. Option defaults are None: each default lives in its dataclass
or function, written once."""

from __future__ import annotations

import click

from aprende.core.cliopts import common_train_options, json_option, quiet_option
from aprende.core.console import err, is_quiet, print_result, say
from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.core.settings import click_options, settings_from
from aprende.forecast.settings import PANEL_DATASETS, ForecastSettings


def _table(metrics: dict, title: str, extra: dict | None = None) -> None:
    from rich.table import Table  # deferred: rich tables only when a table is printed

    from aprende.forecast.backtest import comparison_frame  # deferred: pandas and torch would slow `aprende --help`

    df = comparison_frame(metrics)
    table = Table(title=title)
    table.add_column(t("forecast.col.model"))
    for c in df.columns:
        table.add_column(c.upper() if c != "seconds" else t("forecast.col.seconds"), justify="right")
    if extra:
        table.add_column(t("forecast.col.article"), justify="right")
    for name, row in df.iterrows():
        cells = [fmt(row[c], 3 if c == "mase" else 2) for c in df.columns]  # NaN: a dash
        if extra:
            cells.append(fmt(extra.get(name, "—"), 1))  # the article's text ("≈38") as it is
        table.add_row(name, *cells)
    err.print(table)


def _title(bt) -> str:
    """The table's title: how many windows of how many days, weeks or months the backtest scored."""
    windows, horizon = bt.actual.shape[-2:]
    freq = getattr(bt, "freq", "D").lower()
    return t(f"forecast.table.{freq}", windows=windows, horizon=horizon)


def _versus_classic(metrics: dict, models: list[str]) -> None:
    """One line: did the best network beat the best classic model (AutoETS, AutoTheta) on this user's data?"""
    nets = [m for m in models if m in metrics]
    classic = [m for m in ("autoets", "autotheta") if m in metrics]
    if not classic or not nets:
        return
    best = min(nets, key=lambda m: metrics[m]["mae"])
    rival = min(classic, key=lambda m: metrics[m]["mae"])
    mae, ets = metrics[best]["mae"], metrics[rival]["mae"]
    key = "forecast.vs_classic_won" if mae < ets else "forecast.vs_classic_lost"
    say(key, best=best, classic=CLASSIC_NAMES[rival], mae=fmt(mae, 2), ets=fmt(ets, 2),
        ratio=fmt(mae / ets, 3) if ets else "—")


def _coverage(metrics: dict, models: list[str], level: float) -> None:
    """The best network's calibrated interval and the classic models' own: what share of the truth each held."""
    nets = [m for m in models if m in metrics and "coverage" in metrics[m]]
    if not nets:
        return
    best = min(nets, key=lambda m: metrics[m]["mae"])
    pct = fmt(100 * level, 0)
    say("forecast.coverage", best=best, level=pct, cov=fmt(100 * metrics[best]["coverage"], 1),
        width=fmt(metrics[best]["width"], 2))
    for name in ("autoets", "autotheta"):
        if name in metrics and "coverage" in metrics[name]:
            say("forecast.coverage_classic", classic=CLASSIC_NAMES[name], level=pct,
                cov=fmt(100 * metrics[name]["coverage"], 1), width=fmt(metrics[name]["width"], 2))


CLASSIC_NAMES = {"autoets": "AutoETS", "autotheta": "AutoTheta"}


def _given(**options) -> dict:
    """The options the user gave (a None is an option left out: the callee's default applies)."""
    return {k: v for k, v in options.items() if v is not None}


def group() -> click.Group:
    @click.group(name="forecast", help=t("forecast.help"))
    def forecast():
        pass

    @forecast.command("train", help=t("forecast.train.help"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv"))
    @click.option("--dataset", default=None, help=t("forecast.opt.dataset"))
    @click.option("--date-col", default=None, help=t("forecast.opt.date_col"))
    @click.option("--value-col", default=None, help=t("forecast.opt.value_col"))
    @click_options(ForecastSettings)
    @common_train_options
    def train_cmd(csv_path, dataset, date_col, value_col, project, name, resume, as_json, train_cfg,
                  **options):
        from aprende.core import distributed  # deferred: torch would slow `aprende --help`
        from aprende.forecast.train import default_train_config, train_forecaster  # deferred: torch

        settings = settings_from(ForecastSettings, options)
        id_col = settings.id_col
        many = id_col is not None or dataset in PANEL_DATASETS
        result = train_forecaster(csv_path, dataset, settings, default_train_config(panel=many, **train_cfg), project,
                                  name, resume, date_col, value_col)
        if not distributed.is_main():
            return  # under torchrun only rank 0 reports
        if as_json:
            print_result(result.run_dir, metrics=result.metrics)
        if not is_quiet():
            _table(result.metrics, _title(result.backtest))
            _versus_classic(result.metrics, settings.models)
            _coverage(result.metrics, settings.models, settings.level)
            say("forecast.train.done", run=str(result.run_dir), best=result.best)

    @forecast.command("predict", help=t("forecast.predict.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--horizon", type=int, default=None, help=t("forecast.opt.horizon"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_history"))
    @click.option("--model", default=None, help=t("forecast.opt.model_one"))
    @click.option("--future", "future", type=click.Path(), default=None, help=t("forecast.opt.future"))
    @click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))
    @click.option("--name", default=None, help=t("forecast.opt.name_predict"))
    @json_option
    @quiet_option
    def predict_cmd(run_dir, horizon, csv_path, model, future, project, name, as_json):
        from aprende.forecast.run import predict  # deferred: torch would slow `aprende --help`

        table = predict(run_dir, csv=csv_path, model=model, project=project, name=name, future=future,
                        **_given(horizon=horizon))
        if as_json:
            print_result(table.csv.parent, results=table.results())
        if not is_quiet():
            err.print(table.frame.to_string(index=False), markup=False)
        say("forecast.predict.done", csv=str(table.csv), plot=str(table.plot), model=table.model)

    @forecast.command("evaluate", help=t("forecast.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_history"))
    @click.option("--horizon", type=click.IntRange(1, 366), default=None, help=t("forecast.opt.bt_horizon"))
    @click.option("--windows", type=click.IntRange(1, 520), default=None, help=t("forecast.opt.windows"))
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, csv_path, horizon, windows, as_json):
        from aprende.forecast.backtest import evaluate  # deferred: torch would slow `aprende --help`

        bt = evaluate(run_dir, csv_path, horizon, windows, classic=True)
        if as_json:
            print_result(run_dir, metrics=bt.metrics)
        if not is_quiet():
            _table(bt.metrics, _title(bt))
            nets = [m for m in bt.metrics if m not in ("naive", "seasonal_naive", "mean7", *CLASSIC_NAMES)]
            _versus_classic(bt.metrics, nets)
            _coverage(bt.metrics, nets, getattr(bt, "level", 0.8))

    @forecast.command("article", help=t("forecast.article.help"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_article"))
    @click.option("--seed", type=int, default=None, help=t("opt.seed"))
    @json_option
    @quiet_option
    def article_cmd(csv_path, seed, as_json):
        from aprende.forecast.article import ARTICLE_MAE, reproduce  # deferred: torch would slow `aprende --help`

        result = reproduce(csv_path, **_given(seed=seed))
        if as_json:
            print_result(None, metrics=result)
        if not is_quiet():
            _table(result, t("forecast.article.title"), ARTICLE_MAE)
            say("forecast.article.note")

    return forecast
