"""`aprende forecast train|predict|evaluate|article`."""

from __future__ import annotations

import click

from aprende.core.console import err, print_json, say
from aprende.core.i18n import t
from aprende.core.cliopts import common_train_options, json_option, quiet_option


def _table(metrics: dict, title: str, extra: dict | None = None) -> None:
    from rich.table import Table

    from aprende.forecast.evaluate import comparison_frame

    df = comparison_frame(metrics)
    table = Table(title=title)
    table.add_column(t("forecast.col.model"))
    for c in df.columns:
        table.add_column(c.upper() if c != "seconds" else t("forecast.col.seconds"), justify="right")
    if extra:
        table.add_column(t("forecast.col.article"), justify="right")
    for name, row in df.iterrows():
        cells = [f"{row[c]:.3f}" if c in ("mase",) else f"{row[c]:.2f}" if row[c] == row[c] else "—" for c in df.columns]
        if extra:
            cells.append(extra.get(name, "—"))
        table.add_row(name, *cells)
    err.print(table)


def group() -> click.Group:
    @click.group(name="forecast", help=t("forecast.help"))
    def forecast():
        pass

    @forecast.command("train", help=t("forecast.train.help"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv"))
    @click.option("--dataset", default=None, help=t("forecast.opt.dataset"))
    @click.option("--date-col", default=None, help=t("forecast.opt.date_col"))
    @click.option("--value-col", default=None, help=t("forecast.opt.value_col"))
    @click.option("--model", "models", default="all", help=t("forecast.opt.model"))
    @click.option("--lags", type=int, default=14, help=t("forecast.opt.lags"))
    @click.option("--hidden", type=int, default=32, help=t("forecast.opt.hidden"))
    @click.option("--layers", type=int, default=1, help=t("forecast.opt.layers"))
    @click.option("--dropout", type=float, default=0.0, help=t("forecast.opt.dropout"))
    @click.option("--calendar", type=click.Choice(["daily", "observed"]), default="daily",
                  help=t("forecast.opt.calendar"))
    @common_train_options
    def train_cmd(csv_path, dataset, date_col, value_col, models, lags, hidden, layers, dropout, calendar,
                  project, name, resume, as_json, quiet, train_cfg):
        from aprende.forecast.model import MODELS
        from aprende.forecast.train import ForecastSettings, default_train_config, train

        chosen = list(MODELS) if models == "all" else [m.strip() for m in models.split(",")]
        settings = ForecastSettings(models=chosen, n_lags=lags, hidden=hidden, layers=layers, dropout=dropout,
                                    calendar=calendar)
        result = train(csv_path, dataset, settings, default_train_config(**train_cfg), project, name, resume,
                       date_col, value_col)
        from aprende.core import distributed

        if not distributed.is_main():
            return  # under torchrun only rank 0 reports
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
        if not quiet:
            _table(result.metrics, t("forecast.table.title"))
            say("forecast.train.done", run=str(result.run_dir), best=result.best)

    @forecast.command("predict", help=t("forecast.predict.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--horizon", type=int, default=14, help=t("forecast.opt.horizon"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_history"))
    @click.option("--model", default=None, help=t("forecast.opt.model_one"))
    @click.option("--out", type=click.Path(file_okay=False), default=None, help=t("forecast.opt.out"))
    @quiet_option
    def predict_cmd(run_dir, horizon, csv_path, model, out, quiet):
        from aprende.forecast.predict import predict

        result = predict(run_dir, horizon, csv_path, model, out)
        if not quiet:
            err.print(result.frame.to_string(index=False))
        say("forecast.predict.done", quiet, csv=str(result.csv), plot=str(result.plot), model=result.model)

    @forecast.command("evaluate", help=t("forecast.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), required=True, help=t("opt.run"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_history"))
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, csv_path, as_json, quiet):
        from aprende.forecast.predict import evaluate

        bt = evaluate(run_dir, csv_path)
        if as_json:
            print_json({"run": str(run_dir), "metrics": bt.metrics})
        if not quiet:
            _table(bt.metrics, t("forecast.table.title"))

    @forecast.command("article", help=t("forecast.article.help"))
    @click.option("--csv", "csv_path", type=click.Path(), default=None, help=t("forecast.opt.csv_article"))
    @click.option("--seed", type=int, default=0, help=t("opt.seed"))
    @json_option
    @quiet_option
    def article_cmd(csv_path, seed, as_json, quiet):
        from aprende.forecast.article import ARTICLE_MAE, reproduce

        result = reproduce(csv_path, seed=seed, quiet=quiet)
        if as_json:
            print_json({"run": None, "metrics": result})
        if not quiet:
            _table(result, t("forecast.article.title"), ARTICLE_MAE)
            say("forecast.article.note")

    return forecast
