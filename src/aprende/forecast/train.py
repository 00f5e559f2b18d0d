"""`aprende forecast train` (`train_forecaster`): fit the three networks on data before the backtest window, then
compare them."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.checkpoint import load_into
from aprende.core.console import say, warn
from aprende.core.device import seed_everything
from aprende.core.errors import AprendeError
from aprende.core.i18n import t
from aprende.core.lifecycle import open_run, quiet_as_cfg, start_run, train_config
from aprende.core.runs import atomic_write_text, write_json
from aprende.core.trainer import TrainConfig, fit
from aprende.datasets import get as get_dataset
from aprende.datasets.registry import cache_dir, download
from aprende.forecast.backtest import (
    HORIZON,
    Backtest,
    PanelBacktest,
    backtest,
    band_residuals,
    comparison_frame,
    origins_for,
    panel_backtest,
)
from aprende.forecast.classic import classic_models
from aprende.forecast.covariates import Known, KnownScaler
from aprende.forecast.data import SalesSeries, read_sales_csv, require_length
from aprende.forecast.features import (
    CALENDARS,
    Scaler,
    Steps,
    calendar_features,
    check_country,
    fill_closed,
    level_in,
    level_out,
    take_level,
    to_steps,
    windows,
)
from aprende.forecast.forecasters import baselines, model_step
from aprende.forecast.frequency import (
    BACKTEST,
    LAGS,
    MIN_BACKTEST,
    MIN_TRAIN,
    PANEL_BATCH,
    PANEL_LAGS,
    PANEL_WINDOW_SCALE,
    VAL_STEPS,
    WIDTH,
    backtest_shape,
    settle_freq,
)
from aprende.forecast.intervals import step_band
from aprende.forecast.model import MODELS, SalesEnsemble, SalesNet, build_net, member_l1
from aprende.forecast.panel import CLOSED_RULES, SalesPanel, read_long_csv, require_series_length, static_codes
from aprende.forecast.panel_train import fit_panel_model, id_embeddings, panel_step
from aprende.forecast.plots import plot_backtest, plot_embeddings

TRAIN_DEFAULTS = dict(epochs=300, batch_size=32, lr=3e-3, optimizer="adam", scheduler="none", monitor="val_mae",
                      patience=40, grad_clip=1.0)
CLASSIC_SLOW_S = 5.0  # the classic models' refits beyond this are said (AutoETS on 2 years of days: about 4 s)
# many series: many samples per epoch, so larger batches (None: from the frequency, `PANEL_BATCH`) and epochs planned
# from core's auto_steps (or --max-time); patience 20: at 5 the noise of the pooled validation MAE stopped small
# panels early (ratio 0.794 against 0.754)
PANEL_DEFAULTS = dict(TRAIN_DEFAULTS, epochs=None, batch_size=None, patience=20, auto_steps=4000, max_epochs=60)
from aprende.forecast.settings import (  # noqa: E402  (declared once, with their ranges)
    FREQS,
    MAX_MEMBERS,
    OLD_RUNS,
    PANEL_DATASETS,
    SINGLE_LAGS,
    ForecastSettings,
)


def default_train_config(panel: bool = False, **overrides) -> TrainConfig:
    """The lab's defaults: MAE loss like the article, Adam, early stopping on the validation MAE (many series:
    batches from the frequency, settled by `train_forecaster`, and epochs planned from the data size)."""
    return train_config(PANEL_DEFAULTS if panel else TRAIN_DEFAULTS, overrides)


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
    if s.n_lags is not None and not 1 <= s.n_lags <= 364:
        raise AprendeError("forecast.bad_lags", n=s.n_lags)
    if not 1 <= s.members <= MAX_MEMBERS:
        raise AprendeError("forecast.bad_members", n=s.members, most=MAX_MEMBERS)
    if s.closed not in CLOSED_RULES:
        raise AprendeError("forecast.bad_closed", name=s.closed, choices=", ".join(CLOSED_RULES))
    if s.id_col is not None and s.calendar != "daily":
        raise AprendeError("forecast.bad_panel_calendar")
    if s.window_scale and s.center:
        raise AprendeError("forecast.center_and_window")
    if s.freq not in FREQS:
        raise AprendeError("forecast.bad_freq", name=s.freq, choices=", ".join(FREQS))
    s.country = check_country(s.country)


def split(steps: Steps, s: ForecastSettings, end_val: int | None = None) -> tuple[int, int]:
    """(end of training targets, end of validation) in steps; the last 12 weeks are the backtest (or, refitting,
    everything before the origin `end_val`)."""
    end_val = len(steps) - s.holdout if end_val is None else end_val
    end_train = end_val - s.val_steps
    return end_train, end_val


def supervised(steps: Steps, scaler: Scaler, n_lags: int, start: int, end: int,
               center: bool = False, window: bool = False, known: KnownScaler | None = None) -> TensorDataset:
    """(lags, weekday, month, holiday, y) for every open target day in [start, end); with `center`, lags and y
    less the last week's mean; with `window`, as multiples of the lag window's mean (the set keeps `.level` (N,))."""
    targets = np.arange(max(start, n_lags), end)
    targets = targets[steps.open[targets]]
    cal = calendar_features(steps.dates[targets], steps.freq, steps.country)
    lags = scaler.transform(windows(fill_closed(steps.values, steps.open), targets, n_lags))  # closed: last open
    lags, level = take_level(lags, center, window)  # (N, L), (N,)
    ahead = [] if known is None else [torch.tensor(known.transform(steps.known.at(steps.dates[targets])),
                                                   dtype=torch.float32)]  # (N, C) the target step's known values
    data = TensorDataset(torch.tensor(lags, dtype=torch.float32), torch.as_tensor(cal["weekday"]),
                         torch.as_tensor(cal["month"]), torch.as_tensor(cal["holiday"]), *ahead,
                         torch.tensor(level_in(scaler.transform(steps.values[targets]), level, window),
                                      dtype=torch.float32))
    data.level = torch.tensor(level, dtype=torch.float32)
    return data


def _loss(model, batch):
    *x, y = batch  # lags, weekday, month, holiday[, known], y
    return member_l1(model(*x[:4], each=True, known=x[4] if len(x) > 4 else None), y)


def known_scaler(steps: Steps, s: ForecastSettings, end_val: int | None = None) -> KnownScaler | None:
    """The known values' scaler, fitted on the training steps only (None without `--covariates`)."""
    if steps.known is None:
        return None
    end_train, _ = split(steps, s, end_val)
    train = np.flatnonzero(steps.open[:end_train])
    return KnownScaler.fit(steps.known.at(steps.dates[train]))


def known_fn(steps: Steps, ks: KnownScaler | None):
    """dates -> (n, C) scaled known values, read from the steps' table (the backtest knows its windows' plans)."""
    return None if ks is None else (lambda dates: ks.transform(steps.known.at(dates)))


def build_model(kind: str, s: ForecastSettings) -> SalesNet | SalesEnsemble:
    return build_net({"kind": kind, **asdict(s)})


def fit_model(kind: str, steps: Steps, s: ForecastSettings, cfg: TrainConfig, run_dir: Path, resume: bool,
              end_val: int | None = None, folder: Path | None = None):
    """Train one network; returns (model with its best weights, scaler, fit seconds)."""
    end_train, end_val = split(steps, s, end_val)
    scaler = Scaler.fit(steps.values[:end_train][steps.open[:end_train]])
    window = bool(s.window_scale)
    ks = known_scaler(steps, s, end_val)
    train_set = supervised(steps, scaler, s.n_lags, 0, end_train, s.center, window, ks)
    val_set = supervised(steps, scaler, s.n_lags, end_train, end_val, s.center, window, ks)

    def evaluate(model):
        device = next(model.parameters()).device
        *x, y = (t.to(device) for t in val_set.tensors)
        level = val_set.level.to(device)
        pred = level_out(model(*x[:4], known=x[4] if len(x) > 4 else None).float(), level, window)
        return {"val_mae": float((scaler.inverse(pred) - scaler.inverse(level_out(y, level, window))).abs().mean())}

    seed_everything(cfg.seed)
    model = build_model(kind, s)
    config = {"lab": "forecast", "kind": kind, **{k: v for k, v in asdict(s).items() if k != "models"},
              "scaler": {"lo": scaler.lo, "hi": scaler.hi}}
    if ks is not None:
        config["known_scaler"] = asdict(ks)
    folder = run_dir / kind if folder is None else folder
    t0 = time.perf_counter()
    fit(model, train_set, cfg, folder, loss_fn=_loss, evaluate=evaluate, model_config=config,
        resume=resume, desc=kind)
    seconds = time.perf_counter() - t0
    model = build_model(kind, s)
    load_into(model, folder / "weights" / "best.safetensors")
    return model, scaler, seconds


def load_series(csv: str | Path | SalesSeries | SalesPanel | None, dataset: str | None, date_col=None,
                value_col=None, settings: ForecastSettings | None = None) -> SalesSeries | SalesPanel:
    """The user's CSV (or an already read series or panel), or a named data set (`tienda` by default). With an id
    column (settings.id_col) a long table of many series; one id only is a single series (settings then say so)."""
    s = settings or ForecastSettings()
    if isinstance(csv, (SalesSeries, SalesPanel)):
        return _settle(csv, s)
    if csv is not None:
        return _read(csv, s, date_col, value_col)
    name = dataset or "tienda"
    if name in PANEL_DATASETS and s.id_col is None:
        s.id_col, s.static_cols = PANEL_DATASETS[name][0], list(PANEL_DATASETS[name][1])
    ds = get_dataset(name)
    if ds.lab != "forecast":
        raise AprendeError("forecast.bad_dataset", name=name)
    folder = ds.cached() or download(name, quiet=True)
    csvs = sorted(Path(folder).glob("*.csv"))
    if not csvs:
        raise AprendeError("data.not_available", name=name, where=str(cache_dir()))
    return _read(csvs[0], s)


def _read(csv, s: ForecastSettings, date_col=None, value_col=None) -> SalesSeries | SalesPanel:
    if s.id_col is None:
        return _settle(read_sales_csv(csv, date_col, value_col, covariates=s.covariates), s)
    if s.covariates:
        raise AprendeError("forecast.covariates_panel", path=str(csv))
    return _settle(read_long_csv(csv, s.id_col, date_col, value_col, closed=s.closed, static_cols=s.static_cols), s)


def _settle(data: SalesSeries | SalesPanel, s: ForecastSettings) -> SalesSeries | SalesPanel:
    """Settings follow the data: a single series drops the id; a panel records its id column and closed-day rule."""
    if isinstance(data, SalesSeries):
        s.freq = settle_freq(s.freq, data.dates, data.source)
        s.id_col, s.static_cols, s.window_scale = None, [], bool(s.window_scale)  # one series: off unless asked
        s.n_lags = (SINGLE_LAGS if s.freq == "D" else LAGS[s.freq]) if s.n_lags is None else s.n_lags
    else:
        if s.freq not in ("auto", None) and s.freq != data.freq:  # the long table's calendar came from its dates
            raise AprendeError("csv.freq_mismatch", path=data.source, asked=s.freq, found=data.freq)
        s.freq = data.freq
        s.id_col, s.static_cols = data.id_col, list(data.statics)
        s.window_scale = (not s.center and PANEL_WINDOW_SCALE[s.freq]) if s.window_scale is None else s.window_scale
        if s.n_lags is None:
            s.n_lags = panel_lags(len(data), s)
    return data


def panel_lags(steps: int, s: ForecastSettings) -> int:
    """Many series' default lags; weekly: a year, unless the history then leaves too few backtest windows (13 weeks,
    said)."""
    lags = PANEL_LAGS[s.freq]
    horizon = s.horizon or BACKTEST[s.freq][0]
    if s.freq == "W" and steps < lags + MIN_TRAIN["W"] + VAL_STEPS["W"] + MIN_BACKTEST * horizon:
        warn("forecast.short_lags", lags=lags, used=LAGS["W"], steps=steps)
        return LAGS["W"]
    return lags


@quiet_as_cfg
def train_forecaster(csv: str | Path | SalesSeries | SalesPanel | None = None, dataset: str | None = None,
                     settings: ForecastSettings | None = None, cfg: TrainConfig | None = None,
                     project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None,
                     date_col: str | None = None, value_col: str | None = None) -> ForecastResult:
    """Train the chosen networks, backtest them beside the baselines, and write the run folder. With many series
    (a long table) the networks are global and the run also writes backtest_series.csv and embeddings.png."""
    series = steps = None
    if resume is None:  # every check of the settings and the data before a folder exists
        settings = settings or ForecastSettings()
        check_settings(settings)
        series = load_series(csv, dataset, date_col, value_col, settings)
        steps = training_steps(series, settings)
        cfg = cfg or default_train_config(panel=isinstance(series, SalesPanel))
        if cfg.batch_size is None:  # many series: from the frequency, stored in config.yaml
            panel = isinstance(series, SalesPanel)
            cfg = replace(cfg, batch_size=PANEL_BATCH[settings.freq] if panel else TRAIN_DEFAULTS["batch_size"])
    cfg = cfg or default_train_config()
    if resume is None:
        freq = settings.freq.lower()
        say("forecast.freq_found", freq=settings.freq, name=t(f"forecast.freq.{freq}"),
            country=settings.country, windows=settings.windows, horizon=settings.horizon)
    start = start_run("forecast", ForecastSettings, settings, cfg, project=project, name=name, resume=resume,
                      check=check_settings, before={"window_scale": False, "members": 1, **OLD_RUNS})
    settings, cfg = start.settings, start.cfg
    if start.resumed:
        kept = ForecastSettings(**{**asdict(settings), "closed": "rows"})  # data.csv writes its zeros
        series = load_series(start.run_dir / "data.csv", None, settings=kept)
        steps = training_steps(series, settings)
    with open_run(start, source=series.source) as run_dir:
        if not start.resumed and dist.is_main():
            atomic_write_text(run_dir / "data.csv", series.to_frame().to_csv(index=False))
        dist.barrier()
        if isinstance(steps, SalesPanel):
            bt, seconds, models = _fit_panel(steps, settings, cfg, run_dir, start.resumed)
        else:
            bt, seconds = _fit_single(steps, settings, cfg, run_dir, start.resumed)
            models = {}
        for kind, secs in seconds.items():
            bt.metrics[kind]["seconds"] = round(secs, 2)
        by = "mae" if isinstance(steps, SalesPanel) else "mase"  # many series: the pooled MAE (and its ratio)
        best = min(settings.models, key=lambda k: bt.metrics[k][by])
        plots = write_summary(run_dir, bt, best, settings, steps, models) if dist.is_main() else {}
    return ForecastResult(run_dir, bt.metrics, best, bt, plots)


def _fit_single(steps: Steps, s: ForecastSettings, cfg: TrainConfig, run_dir: Path, resumed: bool):
    steppers, seconds = {}, {}
    origins = origins_for(steps, s.horizon, s.windows)
    for kind in s.models:
        model, scaler, secs = fit_model(kind, steps, s, cfg, run_dir, resumed)
        steppers[kind] = model_step(model, scaler, s.n_lags, s.center, s.freq, s.country, s.window_scale,
                                    known_fn(steps, known_scaler(steps, s)))
        seconds[kind] = secs
        if s.refit:  # origin 0's model is the one just fitted; the others learn from everything before theirs
            fns = [steppers[kind]]
            for k, origin in enumerate(origins[1:], start=1):
                m, sc, secs = fit_model(kind, steps, s, _refit_cfg(cfg), run_dir, False, end_val=int(origin),
                                        folder=run_dir / ".refit" / f"{kind}{k}")
                fns.append(model_step(m, sc, s.n_lags, s.center, s.freq, s.country, s.window_scale,
                                      known_fn(steps, known_scaler(steps, s, int(origin)))))
                seconds[kind] += secs
            steppers[kind] = fns
    _drop_refits(run_dir)
    classic = classic_models(s.freq)
    if not classic:
        say("forecast.ets_missing")
    bt = backtest(steps, {**steppers, **baselines(s.freq)}, s.horizon, s.windows,
                  width=max(WIDTH[s.freq], s.n_lags), direct=classic, level=s.level)
    spent = sum(bt.metrics[name]["seconds"] for name in classic)  # their fits at every origin and their forecasts
    if spent > CLASSIC_SLOW_S:
        say("forecast.classic_slow", seconds=f"{spent:.0f}", windows=s.windows)
    return bt, seconds


def _fit_panel(panel: SalesPanel, s: ForecastSettings, cfg: TrainConfig, run_dir: Path, resumed: bool):
    """Global networks over every series; the report of all-zero series; the panel backtest."""
    say("forecast.closed_rule", n=panel.n_series, rule=panel.closed)
    zero = [i for i, v in zip(panel.ids, panel.values) if not v.any()]
    if zero and dist.is_main():
        warn("forecast.all_zero", n=len(zero), first=zero[0])
    codes, _ = static_codes(panel)
    steppers, seconds, models = {}, {}, {}
    origins = origins_for(panel, s.horizon, s.windows)
    for kind in s.models:
        model, scaler, secs = fit_panel_model(kind, panel, s, cfg, run_dir / kind, resumed, id_dim=s.id_dim)
        models[kind] = model
        steppers[kind], seconds[kind] = panel_step(model, scaler, s.n_lags, codes, s.center, s.window_scale,
                                                   s.country, s.freq), secs
        if s.refit:
            fns = [steppers[kind]]
            for k, origin in enumerate(origins[1:], start=1):
                m, sc, secs = fit_panel_model(kind, panel, s, _refit_cfg(cfg), run_dir / ".refit" / f"{kind}{k}",
                                              False, end_val=int(origin), id_dim=s.id_dim)
                fns.append(panel_step(m, sc, s.n_lags, codes, s.center, s.window_scale, s.country, s.freq))
                seconds[kind] += secs
            steppers[kind] = fns
    _drop_refits(run_dir)
    bt = panel_backtest(panel, {**steppers, **baselines(s.freq)}, s.horizon, s.windows,
                        width=max(WIDTH[s.freq], s.n_lags), level=s.level)
    return bt, seconds, models


def _refit_cfg(cfg: TrainConfig) -> TrainConfig:
    return TrainConfig(**{**asdict(cfg), "quiet": True})


def _drop_refits(run_dir: Path) -> None:
    """The per-origin fits served the backtest only: their checkpoints go."""
    import shutil  # deferred: only when refitting

    if dist.is_main() and (run_dir / ".refit").exists():
        shutil.rmtree(run_dir / ".refit", ignore_errors=True)
    dist.barrier()


def training_steps(series: SalesSeries | SalesPanel, s: ForecastSettings) -> Steps | SalesPanel:
    """The series on the run's calendar, long enough for the lags, a month of training, validation and backtest.
    Settles the backtest's shape (`horizon`, `windows`, `holdout`) and the validation stretch for the frequency."""
    freq = s.freq
    s.val_steps = VAL_STEPS[freq] if s.val_steps is None else s.val_steps
    before = max(s.n_lags + MIN_TRAIN[freq] + s.val_steps, WIDTH[freq])  # steps needed before the first origin
    if isinstance(series, SalesPanel):
        default = s.windows
        s.horizon, s.windows, shorter = backtest_shape(len(series), freq, s.horizon, s.windows, before)
        s.holdout = s.horizon * s.windows
        if shorter:
            warn("forecast.fewer_windows", default=backtest_shape(0, freq, s.horizon, default, 0)[1],
                 windows=s.windows)
        require_series_length(series, s.n_lags + 30 + s.val_steps + s.holdout if freq == "D" else before + s.holdout,
                              "train")
        return series
    steps = to_steps(series, s.calendar, freq, s.country)
    if series.known is not None:  # the plans the user knows ahead, by step
        steps.known = Known.of(series.dates, series.known, list(series.known_names), freq, series.source)
    default = s.windows
    s.horizon, s.windows, shorter = backtest_shape(len(steps), freq, s.horizon, s.windows, before)
    s.holdout = s.horizon * s.windows
    if shorter:
        warn("forecast.fewer_windows", default=backtest_shape(0, freq, s.horizon, default, 0)[1], windows=s.windows)
    require_length(steps, before + s.holdout if freq != "D" else s.n_lags + 30 + s.val_steps + s.holdout, "train")
    return steps


def write_summary(run_dir: Path, bt: Backtest | PanelBacktest, best: str, s: ForecastSettings, steps=None,
                  models: dict | None = None) -> dict[str, Path]:
    """comparison.csv, summary.json (metrics, chosen model, residual quantiles for intervals), backtest.png; with
    many series also backtest_series.csv and the entity embeddings' picture, embeddings.png."""
    atomic_write_text(run_dir / "comparison.csv", comparison_frame(bt.metrics).to_csv(index_label="model"))
    lo, hi = (1 - s.level) / 2, (1 + s.level) / 2
    quant = {name: [float(np.quantile(bt.residuals(name), lo)), float(np.quantile(bt.residuals(name), hi))]
             for name in bt.forecasts}
    unit = bt.scale[:, None, None] if isinstance(bt, PanelBacktest) else 1.0  # many series: unit-free residuals
    bands = {name: step_band(*band_residuals(bt, name, np.where(unit > 0, unit, 1.0)), s.level,
                             windows=bt.actual.shape[-2]).round(6).tolist() for name in bt.forecasts}  # (H, 2) each
    summary = {"best": best, "metrics": bt.metrics, "residual_quantiles": quant, "step_bands": bands,
               "level": s.level,
               "horizon": s.horizon or HORIZON, "freq": s.freq, "country": s.country}
    plots = {"results": run_dir / best / "results.png"}
    if isinstance(bt, PanelBacktest):
        table = bt.per_series(s.id_col or "id", t("forecast.no_mase"))
        atomic_write_text(run_dir / "backtest_series.csv", table.to_csv(index=False))
        summary.update(series=len(bt.ids), closed=steps.closed, interval_scale=bt.scale.tolist(),
                       ids=list(steps.ids), codes=static_codes(steps)[0].tolist(),
                       all_zero=[i for i, v in zip(steps.ids, steps.values) if not v.any()])
        emb = id_embeddings(models["embeddings"]) if "embeddings" in (models or {}) else None
        if emb is not None:
            groups = list(steps.statics.values())[-1] if steps.statics else None  # the last: the finest (category)
            plot_embeddings(emb, steps.ids, steps.volume(), groups, run_dir / "embeddings.png")
            plots["embeddings"] = run_dir / "embeddings.png"
    else:
        plot_backtest(bt, [best, "seasonal_naive", "mean7"], run_dir / "backtest.png")
        plots["backtest"] = run_dir / "backtest.png"
    write_json(run_dir / "summary.json", summary)
    return plots
