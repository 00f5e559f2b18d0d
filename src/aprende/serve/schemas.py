"""Request and response bodies of /api/v1, so the OpenAPI schema documents every field."""

from __future__ import annotations

from pydantic import BaseModel, Field

from aprende.serve.defaults import BERT_TOP_K, GPT, TRANSLATE_BEAM

MAX_TEXT = 500  # characters of a sentence, prompt or masked sentence


class ErrorOut(BaseModel):
    error: str = Field(description="message key, the same as the command line's")
    message: str = Field(description="the message in the request's language (?lang=es|en or Accept-Language)")


class Health(BaseModel):
    status: str
    version: str


class ModelInfo(BaseModel):
    name: str
    source: str = Field(description="'run' (a --run-NAME folder) or 'shipped' (the weights inside the package)")
    available: bool
    loaded: bool
    metrics: dict


class Point(BaseModel):
    date: str
    value: float
    id: str | None = Field(None, description="the series (a long CSV with id_col)")


class ForecastRow(BaseModel):
    date: str
    forecast: float
    lower: float
    upper: float
    open: bool
    id: str | None = Field(None, description="the series (a long CSV with id_col)")


class BacktestShape(BaseModel):
    horizon: int = Field(description="steps in each backtest window")
    windows: int = Field(description="how many windows, one after another up to the last step")
    origins: list[str] = Field(description="the first date of each window")


class ForecastOut(BaseModel):
    model: str
    level: float = Field(description="coverage of the interval [lower, upper]")
    metrics: dict[str, float] = Field(description="the quick model's backtest (mae, mase, …)")
    history: list[Point] = Field(description="the last observed days, for the chart")
    forecast: list[ForecastRow]
    series: list[str] = Field(default_factory=list, description="many series: those drawn, best sellers first")
    left_out: int = Field(0, description="many series: how many are not drawn (their rows are in forecast)")
    backtest: BacktestShape | None = Field(None, description="the backtest the metrics come from")


class Bound(BaseModel):
    """A field's range (either end null: open) and default as its lab declares it."""

    min: int | None
    max: int | None
    default: int | None = Field(description="null: the lab picks it from the data's frequency")


class ClassScore(BaseModel):
    label: str
    probability: float


class ClassifyOut(BaseModel):
    top: list[ClassScore]
    classes: list[str]


class Box(BaseModel):
    label: str
    score: float
    box: list[float] = Field(description="x0, y0, x1, y1 in the image's own pixels")


class DetectOut(BaseModel):
    width: int
    height: int
    boxes: list[Box]
    classes: list[str]


class TranslateIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, examples=["El gato duerme en la casa."])
    beam: int = Field(TRANSLATE_BEAM, ge=1, le=5)
    attention: bool = Field(False, description="also return the last layer's cross-attention (mean of the heads)")


class Attention(BaseModel):
    source: list[str]
    target: list[str]
    weights: list[list[float]] = Field(description="one row per target token, one column per source token")


class TranslateOut(BaseModel):
    translation: str
    attention: Attention | None = None


class GPTIn(BaseModel):
    prompt: str = Field("", max_length=MAX_TEXT, examples=["Había una vez"])
    max_new_tokens: int = Field(60, ge=1, le=200)  # the server's own: a web page's short budget, not the lab's 100
    # lower overflows the softmax; 0.05 is already near greedy
    temperature: float = Field(GPT["temperature"], ge=0.05, le=2)
    top_k: int | None = Field(GPT["top_k"], ge=1, le=1000)
    top_p: float | None = Field(GPT["top_p"], gt=0, le=1)
    seed: int = Field(GPT["seed"], ge=0, le=2**31 - 1)
    stream: bool = Field(True, description="text/plain chunks as they are written; false: one JSON object")


class GPTOut(BaseModel):
    prompt: str
    text: str


class BertIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, examples=["El gato [MASK] en la casa."])
    top_k: int = Field(BERT_TOP_K, ge=1, le=20)


class Word(BaseModel):
    word: str
    probability: float


class BertOut(BaseModel):
    masks: list[list[Word]] = Field(description="for each [MASK], the likeliest words")


class Exhibit(BaseModel):
    name: str
    year: str
    title: str


class ExhibitFigures(BaseModel):
    name: str
    figures: list[str]
    metrics: dict
    sentence: str
