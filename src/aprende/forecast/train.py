"""`aprende forecast train` (`train_forecaster`): fit the three networks on data before the backtest window, then
compare them."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.checkpoint import load_into
from aprende.core.device import seed_everything
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import open_run, start_run, train_config
from aprende.core.runs import atomic_write_text, write_json
from aprende.core.trainer import TrainConfig, fit
from aprende.datasets import get as get_dataset
from aprende.datasets.registry import cache_dir, download
from aprende.forecast.backtest import HORIZON, N_ORIGINS, Backtest, backtest, comparison_frame
from aprende.forecast.data import SalesSeries, read_sales_csv, require_length
from aprende.forecast.features import CALENDARS, Scaler, Steps, calendar_features, to_steps, windows
from aprende.forecast.forecasters import BASELINES, WIDTH, model_step
from aprende.forecast.model import MODELS, SalesNet
from aprende.forecast.plots import plot_backtest

TRAIN_DEFAULTS = dict(epochs=300, batch_size=32, lr=3e-3, optimizer="adam", scheduler="none", monitor="val_mae",
                      patience=40, grad_clip=1.0)


@dataclass
class ForecastSettings:
    """What defines the models and the split; saved in config.yaml."""

    models: list[str] = field(default_factory=lambda: list(MODELS))
    n_lags: int = 14
    hidden: int = 32
    layers: int = 1
    dropout: float = 0.0
    activation: str = "tanh"
    calendar: str = "daily"
    val_steps: int = 56
    holdout: int = HORIZON * N_ORIGINS  # the backtest window, never trained on
    level: float = 0.8


def default_train_config(**overrides) -> TrainConfig:
    """The lab's defaults: MAE loss like the article, Adam, early stopping on the validation MAE."""
    return train_config(TRAIN_DEFAULTS, overrides)


@dataclass
class ForecastResult:
    """Run folder, metrics of every model and baseline on the backtest, and the chosen model."""

    run_dir: Path
    metrics: dict[str, dict[str, float]]
    best: str
    backtest: Backtest
    plots: dict[str, Path]

    def table(self):
        return comparison_frame(self.metrics)


def check_settings(s: ForecastSettings) -> None:
    for m in s.models:
        if m not in MODELS:
            raise AprendeError("forecast.bad_model", name=m, choices=", ".join(MODELS) + ", all")
    if s.calendar not in CALENDARS:
        raise AprendeError("forecast.bad_calendar", name=s.calendar)
    if not 1 <= s.n_lags <= 364:
        raise AprendeError("forecast.bad_lags", n=s.n_lags)


def split(steps: Steps, s: ForecastSettings) -> tuple[int, int]:
    """(end of training targets, end of validation) in steps; the last 12 weeks are the backtest."""
    end_val = len(steps) - s.holdout
    end_train = end_val - s.val_steps
    return end_train, end_val


def supervised(steps: Steps, scaler: Scaler, n_lags: int, start: int, end: int) -> TensorDataset:
    """(lags, weekday, month, holiday, y) for every open target day in [start, end)."""
    targets = np.arange(max(start, n_lags), end)
    targets = targets[steps.open[targets]]
    cal = calendar_features(steps.dates[targets])
    lags = scaler.transform(windows(steps.values, targets, n_lags))
    return TensorDataset(torch.tensor(lags, dtype=torch.float32), torch.as_tensor(cal["weekday"]),
                         torch.as_tensor(cal["month"]), torch.as_tensor(cal["holiday"]),
                         torch.tensor(scaler.transform(steps.values[targets]), dtype=torch.float32))


def _loss(model, batch):
    lags, wd, mo, hol, y = batch
    return torch.nn.functional.l1_loss(model(lags, wd, mo, hol).float(), y)


def build_model(kind: str, s: ForecastSettings) -> SalesNet:
    return SalesNet(kind, s.n_lags, s.hidden, s.layers, s.dropout, s.activation)


def fit_model(kind: str, steps: Steps, s: ForecastSettings, cfg: TrainConfig, run_dir: Path, resume: bool):
    """Train one network; returns (model with its best weights, scaler, fit seconds)."""
    end_train, end_val = split(steps, s)
    scaler = Scaler.fit(steps.values[:end_train][steps.open[:end_train]])
    train_set = supervised(steps, scaler, s.n_lags, 0, end_train)
    val_set = supervised(steps, scaler, s.n_lags, end_train, end_val)

    def evaluate(model):
        device = next(model.parameters()).device
        lags, wd, mo, hol, y = (t.to(device) for t in val_set.tensors)
        pred = model(lags, wd, mo, hol).float()
        return {"val_mae": float((scaler.inverse(pred) - scaler.inverse(y)).abs().mean())}  # units

    seed_everything(cfg.seed)
    model = build_model(kind, s)
    config = {"lab": "forecast", "kind": kind, **{k: v for k, v in asdict(s).items() if k != "models"},
              "scaler": {"lo": scaler.lo, "hi": scaler.hi}}
    t0 = time.perf_counter()
    fit(model, train_set, cfg, run_dir / kind, loss_fn=_loss, evaluate=evaluate, model_config=config,
        settings={"lab": "forecast", "model": kind}, resume=resume, desc=kind)
    seconds = time.perf_counter() - t0
    model = build_model(kind, s)
    load_into(model, run_dir / kind / "weights" / "best.safetensors")
    return model, scaler, seconds


def load_series(csv: str | Path | SalesSeries | None, dataset: str | None, date_col=None,
                value_col=None) -> SalesSeries:
    """The user's CSV (or an already read SalesSeries), or a named data set (`tienda` by default)."""
    if isinstance(csv, SalesSeries):
        return csv
    if csv is not None:
        return read_sales_csv(csv, date_col, value_col)
    name = dataset or "tienda"
    ds = get_dataset(name)
    if ds.lab != "forecast":
        raise AprendeError("forecast.bad_dataset", name=name)
    folder = ds.cached() or download(name, quiet=True)
    csvs = sorted(Path(folder).glob("*.csv"))
    if not csvs:
        raise AprendeError("data.not_available", name=name, where=str(cache_dir()))
    return read_sales_csv(csvs[0])


def train_forecaster(csv: str | Path | SalesSeries | None = None, dataset: str | None = None,
                     settings: ForecastSettings | None = None, cfg: TrainConfig | None = None,
                     project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None,
                     date_col: str | None = None, value_col: str | None = None) -> ForecastResult:
    """Train the chosen networks, backtest them beside the baselines, and write the run folder."""
    cfg = cfg or default_train_config()
    series = steps = None
    if resume is None:  # every check of the settings and the data before a folder exists
        settings = settings or ForecastSettings()
        check_settings(settings)
        series = load_series(csv, dataset, date_col, value_col)
        steps = training_steps(series, settings)
    start = start_run("forecast", ForecastSettings, settings, cfg, project=project, name=name, resume=resume,
                      check=check_settings)
    settings, cfg = start.settings, start.cfg
    if start.resumed:
        series = read_sales_csv(start.run_dir / "data.csv")
        steps = training_steps(series, settings)
    with open_run(start, source=series.source) as run_dir:
        if not start.resumed and dist.is_main():
            atomic_write_text(run_dir / "data.csv", series.to_frame().to_csv(index=False))
        dist.barrier()
        steppers, seconds = {}, {}
        for kind in settings.models:
            model, scaler, secs = fit_model(kind, steps, settings, cfg, run_dir, start.resumed)
            steppers[kind], seconds[kind] = model_step(model, scaler, settings.n_lags), secs
        bt = backtest(steps, {**steppers, **BASELINES}, width=max(WIDTH, settings.n_lags))
        for kind, secs in seconds.items():
            bt.metrics[kind]["seconds"] = round(secs, 2)
        best = min(settings.models, key=lambda k: bt.metrics[k]["mase"])
        plots = write_summary(run_dir, bt, best, settings) if dist.is_main() else {}
    return ForecastResult(run_dir, bt.metrics, best, bt, plots)


def training_steps(series: SalesSeries, s: ForecastSettings) -> Steps:
    """The series on the run's calendar, long enough for the lags, a month of training, validation and backtest."""
    steps = to_steps(series, s.calendar)
    require_length(steps, s.n_lags + 30 + s.val_steps + s.holdout, "train")
    return steps


def write_summary(run_dir: Path, bt: Backtest, best: str, s: ForecastSettings) -> dict[str, Path]:
    """comparison.csv, summary.json (metrics, chosen model, residual quantiles for intervals), backtest.png."""
    atomic_write_text(run_dir / "comparison.csv", comparison_frame(bt.metrics).to_csv(index_label="model"))
    lo, hi = (1 - s.level) / 2, (1 + s.level) / 2
    quant = {name: [float(np.quantile(bt.residuals(name), lo)), float(np.quantile(bt.residuals(name), hi))]
             for name in bt.forecasts}
    write_json(run_dir / "summary.json", {"best": best, "metrics": bt.metrics, "residual_quantiles": quant,
                                          "level": s.level, "horizon": HORIZON})
    plot_backtest(bt, [best, "seasonal_naive", "mean7"], run_dir / "backtest.png")
    return {"backtest": run_dir / "backtest.png", "results": run_dir / best / "results.png"}
