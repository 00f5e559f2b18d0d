"""POST /forecast (a CSV in, a quick model trained on it, the forecast out), GET /history, /health and /models."""

from __future__ import annotations

import tempfile

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import Response

from aprende import __version__
from aprende.core.errors import AprendeError
from aprende.core.settings import check_value
from aprende.forecast import ForecastSettings, default_train_config, predict, read_sales_csv, train_forecaster
from aprende.forecast.panel import SalesPanel, read_long_csv
from aprende.history import TIMELINE, run
from aprende.history.registry import get
from aprende.serve.defaults import (
    FORECAST_BACKTEST,
    FORECAST_BOUNDS,
    FORECAST_COUNTRY,
    FORECAST_FREQ,
    FORECAST_FREQS,
    FORECAST_HORIZON,
)
from aprende.serve.errors import ServeError, localize, process_lang, request_lang
from aprende.serve.limits import hold
from aprende.serve.schemas import (
    BacktestShape,
    Bound,
    ErrorOut,
    Exhibit,
    ExhibitFigures,
    ForecastOut,
    ForecastRow,
    Health,
    ModelInfo,
    Point,
)
from aprende.serve.uploads import as_file

router = APIRouter(responses={422: {"model": ErrorOut}})  # our error shape, not FastAPI's
ERRORS = {code: {"model": ErrorOut} for code in (413, 422, 504)}
PNG = {200: {"content": {"image/png": {}}}}
HISTORY_POINTS = 120  # days of history drawn beside the forecast
MULTIPLES, MULTIPLE_DAYS = 12, 56  # many series: the best sellers drawn, and the days of history of each
ID_COL = Query(None, max_length=200, description="a long CSV (date, id, units): the column naming each series")
FREQ = Query(FORECAST_FREQ, pattern="^(" + "|".join(FORECAST_FREQS) + ")$",
             description="auto (read from the dates), D daily, W weekly, M monthly")
COUNTRY = Query(FORECAST_COUNTRY, min_length=2, max_length=12, description="whose public holidays: MX, AR, ES-MD…")
# the backtest's shape, bounded by the lab's declared ranges (checked in `_backtest`, with the lab's message)
BT_HORIZON = Query(None, description="backtest: steps in each window (blank: 7 days, 4 weeks or 3 months)")
WINDOWS = Query(None, description="backtest: how many windows (blank: 12 daily, 13 weekly, 4 monthly)")


def _backtest(**given) -> dict:
    """The backtest fields given (web name -> value), as the lab's settings, each checked against its range: out of
    it, the lab's own message naming the web field (422) before anything is read or trained."""
    chosen = {}
    for web, value in given.items():
        if value is None:
            continue
        try:
            check_value(ForecastSettings, FORECAST_BACKTEST[web], value)
        except AprendeError as exc:
            raise AprendeError(exc.key, **{**exc.params, "option": web}) from None
        chosen[FORECAST_BACKTEST[web]] = value
    return chosen


def _shape(bt) -> BacktestShape:
    """The backtest's windows × horizon (one series (K, H) or many (S, K, H)) and the first date of each window."""
    windows, horizon = bt.actual.shape[-2:]
    return BacktestShape(horizon=horizon, windows=windows, origins=[d[0].strftime("%Y-%m-%d") for d in bt.dates])


def _forecast(state, data: bytes, filename: str | None, horizon: int, lang: str,
              id_col: str | None = None, freq: str = FORECAST_FREQ,
              country: str = FORECAST_COUNTRY, backtest: dict | None = None) -> tuple[ForecastOut, bytes]:
    """The lab's CSV reader, its quick `calendar` network on a few seconds' budget, and its predict; a long CSV
    (id_col) trains the global `embeddings` network on every series and answers one forecast per series."""
    with hold(state.heavy), process_lang(lang), as_file(data, filename, "ventas.csv") as path, \
            tempfile.TemporaryDirectory(prefix="aprende-forecast-") as tmp:
        series = read_sales_csv(path) if id_col is None else read_long_csv(path, id_col)
        many = isinstance(series, SalesPanel)
        cfg = default_train_config(panel=many, max_time=state.limits.forecast_s, quiet=True, device="cpu")
        # one network, not the lab's default five: in a 4-s budget five share the steps one would get
        # (supermercado, 3 seeds: 0.749 with one, 0.783 with five; benchmarks/results/forecast.md)
        result = train_forecaster(series, settings=ForecastSettings(models=["embeddings" if many else "calendar"],
                                                                    members=1, freq=freq, country=country,
                                                                    **(backtest or {})),
                                  cfg=cfg, project=tmp, name="web")
        table = predict(result.run_dir, horizon=horizon, project=tmp)
        png = table.plot.read_bytes()
    level = ForecastSettings().level
    metrics = {k: float(v) for k, v in result.metrics[table.model].items() if isinstance(v, (int, float))}
    if many:
        out = _forecast_many(series, table, level, metrics)
        out.backtest = _shape(result.backtest)
        return out, png
    history = [Point(date=d.strftime("%Y-%m-%d"), value=float(v))
               for d, v in zip(series.dates[-HISTORY_POINTS:], series.values[-HISTORY_POINTS:])]
    rows = [ForecastRow(date=r.date, forecast=r.forecast, lower=r.lower, upper=r.upper, open=bool(r.open))
            for r in table.frame.itertuples()]
    return ForecastOut(model=table.model, level=level, metrics=metrics, history=history, forecast=rows,
                       backtest=_shape(result.backtest)), png


def _forecast_many(panel: SalesPanel, table, level: float, metrics: dict) -> ForecastOut:
    """Every series' forecast; the history of the best sellers only (the page draws them as small multiples)."""
    order = [int(i) for i in panel.volume().argsort(kind="stable")[::-1][:MULTIPLES]]
    history = [Point(date=panel.dates[t].strftime("%Y-%m-%d"), value=float(panel.values[i, t]), id=panel.ids[i])
               for i in order for t in range(max(0, len(panel) - MULTIPLE_DAYS), len(panel)) if panel.open[i, t]]
    col = table.id_col
    rows = [ForecastRow(date=r["date"], forecast=r["forecast"], lower=r["lower"], upper=r["upper"],
                        open=bool(r["open"]), id=str(r[col])) for r in table.frame.to_dict("records")]
    return ForecastOut(model=table.model, level=level, metrics=metrics, history=history, forecast=rows,
                       series=[panel.ids[i] for i in order], left_out=panel.n_series - len(order))


CSV_FILE = File(description="date and quantity columns, as `aprende forecast train --csv` reads them")


@router.post("/forecast", response_model=ForecastOut, responses=ERRORS,
             summary="Sales CSV → a quick model trained on it → forecast with intervals")
async def forecast(request: Request, file: UploadFile = CSV_FILE, horizon: int = Query(FORECAST_HORIZON, ge=1, le=90),
                   id_col: str | None = ID_COL, freq: str = FREQ, country: str = COUNTRY,
                   bt_horizon: int | None = BT_HORIZON, windows: int | None = WINDOWS):
    backtest = _backtest(bt_horizon=bt_horizon, windows=windows)
    state = request.app.state.serve
    data = await file.read()
    out, _ = await state.runner(_forecast, state, data, file.filename, horizon, request_lang(request), id_col,
                                freq, country, backtest, heavy=True)
    return out


@router.get("/forecast/options", response_model=dict[str, Bound],
            summary="The backtest fields (bt_horizon, windows): their ranges and defaults, as the lab declares")
async def forecast_options():
    return FORECAST_BOUNDS


@router.post("/forecast/plot", response_class=Response, responses={**PNG, **ERRORS},
             summary="Sales CSV → the forecast plot (PNG)")
async def forecast_plot(request: Request, file: UploadFile = CSV_FILE,
                        horizon: int = Query(FORECAST_HORIZON, ge=1, le=90), id_col: str | None = ID_COL,
                        freq: str = FREQ, country: str = COUNTRY, bt_horizon: int | None = BT_HORIZON,
                        windows: int | None = WINDOWS):
    backtest = _backtest(bt_horizon=bt_horizon, windows=windows)
    state = request.app.state.serve
    data = await file.read()
    _, png = await state.runner(_forecast, state, data, file.filename, horizon, request_lang(request), id_col,
                                freq, country, backtest, heavy=True)
    return Response(png, media_type="image/png")


@router.get("/history", response_model=list[Exhibit], summary="The museum's exhibits, oldest first")
async def exhibits(request: Request):
    lang = request_lang(request)
    return [Exhibit(name=e.name, year=e.year, title=localize(lang, f"history.tl.{e.name}.title")) for e in TIMELINE]


def _exhibit(state, name: str, lang: str):
    """Run an exhibit once per language (seeded: always the same figures) and keep it for every later request."""
    get(name)  # an unknown name is a 404 before anything runs
    with hold(state.heavy):
        if (name, lang) not in state.exhibits:
            with process_lang(lang):
                state.exhibits[name, lang] = run(name, project=state.scratch, quiet=True)
    return state.exhibits[name, lang]


EXHIBIT = Path(pattern=r"^[a-z_]{1,40}$", description="perceptron, mlp, sigmoid, feedforward, cnn, rnn, lstm, …")


@router.get("/history/{exhibit}", response_class=Response,
            responses={**PNG, 404: {"model": ErrorOut}, 504: {"model": ErrorOut}},
            summary="An exhibit's figure (PNG); ?figure= picks one of /history/{exhibit}/info's figures")
async def exhibit_figure(request: Request, exhibit: str = EXHIBIT,
                         figure: str | None = Query(None, pattern=r"^[A-Za-z0-9_-]{1,60}$")):
    state = request.app.state.serve
    result = await state.runner(_exhibit, state, exhibit, request_lang(request), heavy=True)
    name = figure or next(iter(result.figures), None)
    if name not in result.figures:
        raise ServeError(404, "serve.not_found", what=f"{exhibit}/{figure}")
    return Response(result.figures[name].read_bytes(), media_type="image/png")


@router.get("/history/{exhibit}/info", response_model=ExhibitFigures, responses={404: {"model": ErrorOut}},
            summary="An exhibit's figures, numbers and one-sentence result")
async def exhibit_info(request: Request, exhibit: str = EXHIBIT):
    state = request.app.state.serve
    r = await state.runner(_exhibit, state, exhibit, request_lang(request), heavy=True)
    metrics = {k: v for k, v in r.metrics.items() if isinstance(v, (int, float, str))}
    return ExhibitFigures(name=r.name, figures=list(r.figures), metrics=metrics, sentence=r.sentence)


@router.get("/health", response_model=Health, summary="The server is up")
async def health():
    return Health(status="ok", version=__version__)


@router.get("/models", response_model=list[ModelInfo], summary="Which models are available and loaded, with metrics")
async def models(request: Request):
    return request.app.state.serve.models.status()
