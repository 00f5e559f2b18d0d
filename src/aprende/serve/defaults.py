"""The labs' defaults, read from the labs: a web request left blank gets what the command line gives, and each
default stays written once, in the lab (tests/serve/test_defaults.py fails if the server writes one again)."""

from __future__ import annotations

import inspect

from aprende.core.settings import declared, default_of
from aprende.detection.settings import PredictSettings
from aprende.forecast.run import DEFAULT_HORIZON
from aprende.forecast.settings import FREQS, ForecastSettings
from aprende.transformer.bert import fill
from aprende.transformer.gpt import pieces
from aprende.transformer.run import Translator
from aprende.vision.settings import TOP_K


def _arg(fn, name: str):
    """The default of one argument of a lab's function."""
    return inspect.signature(fn).parameters[name].default


DETECT_CONF, DETECT_IOU = default_of(PredictSettings, "conf"), default_of(PredictSettings, "iou")
CLASSIFY_TOP_K = TOP_K
FORECAST_HORIZON = DEFAULT_HORIZON
FORECAST_FREQ, FORECAST_FREQS = default_of(ForecastSettings, "freq"), FREQS
FORECAST_COUNTRY = default_of(ForecastSettings, "country")
# the backtest's shape: web field -> the lab's setting (`horizon` on the web is the days to forecast)
FORECAST_BACKTEST = {"bt_horizon": "horizon", "windows": "windows"}
FORECAST_BOUNDS = {web: {"min": declared(ForecastSettings)[name]["range"][0],
                         "max": declared(ForecastSettings)[name]["range"][1],
                         "default": default_of(ForecastSettings, name)} for web, name in FORECAST_BACKTEST.items()}
TRANSLATE_BEAM = _arg(Translator.translate, "beam")
GPT = {name: _arg(pieces, name) for name in ("temperature", "top_k", "top_p", "seed")}
BERT_TOP_K = _arg(fill, "top_k")
