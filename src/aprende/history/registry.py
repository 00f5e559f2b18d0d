"""The museum's catalogue: each exhibit, its year and authors, where its code lives, and the knobs it accepts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from aprende.core.errors import AprendeError
from aprende.core.i18n import t


@dataclass(frozen=True)
class Param:
    """One knob: its default, its type (int, float or a tuple of ints) and the values it accepts."""

    default: object
    kind: type
    low: float = 0  # values must be > low (>= low when inclusive)
    inclusive: bool = False
    high: float | None = None
    count: int | None = None  # for lists: exactly this many numbers

    def parse(self, opt: str, value):
        """A user's value (a string from the CLI, or a number from Python), checked, in the knob's type."""
        if self.kind is tuple:
            return self._parse_list(opt, value)
        try:
            if isinstance(value, str):
                text = value.strip()
                number = float(text.replace(",", ".")) if self.kind is float else int(text)
            elif self.kind is int and float(value) != int(value):
                raise ValueError(value)
            else:
                number = self.kind(value)
        except (TypeError, ValueError, OverflowError):
            raise AprendeError("history.bad_number", opt=_flag(opt), value=value) from None
        if not math.isfinite(number):
            raise AprendeError("history.bad_number", opt=_flag(opt), value=value)
        self._check(opt, number, value)
        return number

    def _parse_list(self, opt: str, value) -> tuple[int, ...]:
        items = value.split(",") if isinstance(value, str) else list(value)
        try:
            numbers = tuple(int(str(v).strip()) for v in items)
        except ValueError:
            numbers = ()
        if not numbers or any(n <= 0 for n in numbers):
            example = ",".join(str(v) for v in self.default)
            raise AprendeError("history.bad_list", opt=_flag(opt), value=value, example=example)
        if self.count is not None and len(numbers) != self.count:
            raise AprendeError("history.bad_count", opt=_flag(opt), value=value, count=self.count)
        for n in numbers:
            self._check(opt, n, value)
        return numbers

    def _check(self, opt: str, number, raw) -> None:
        if number < self.low or (number == self.low and not self.inclusive):
            key = "history.bad_positive" if self.low == 0 and not self.inclusive else "history.bad_min"
            raise AprendeError(key, opt=_flag(opt), value=raw, low=self.low)
        if self.high is not None and number > self.high:
            raise AprendeError("history.bad_max", opt=_flag(opt), value=raw, high=self.high)


def _flag(opt: str) -> str:
    return "--" + opt.replace("_", "-")


def flag_text(params: dict[str, Param]) -> str:
    """`--lr 1.0 --epochs 50`: an exhibit's knobs with their defaults, as typed on the command line."""
    show = lambda v: ",".join(map(str, v)) if isinstance(v, tuple) else str(v)  # noqa: E731
    return " ".join(f"{_flag(k)} {show(p.default)}" for k, p in params.items())


# Knobs several exhibits share.
LR = lambda d: Param(d, float)  # noqa: E731
POS = lambda d, high=None: Param(d, int, high=high)  # noqa: E731


@dataclass(frozen=True)
class Exhibit:
    """An entry of the timeline; title, what it solved and what held it back come from the message catalogue."""

    name: str
    year: str
    authors: str
    target: str  # "module:function" inside aprende.history
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return t(f"history.tl.{self.name}.title")

    @property
    def solved(self) -> str:
        return t(f"history.tl.{self.name}.solved")

    @property
    def limit(self) -> str:
        return t(f"history.tl.{self.name}.limit")

    def defaults(self) -> dict:
        return {k: p.default for k, p in self.params.items()}


TIMELINE: tuple[Exhibit, ...] = (
    Exhibit("perceptron", "1958", "Frank Rosenblatt", "perceptron:exhibit",
            {"lr": LR(1.0), "epochs": POS(100, 100_000), "points": Param(100, int, low=4, inclusive=True, high=100_000),
             "margin": Param(0.1, float, inclusive=True, high=0.9)}),
    Exhibit("mlp", "1965 / 1986", "Ivakhnenko & Lapa; Rumelhart, Hinton & Williams", "mlp:exhibit",
            {"hidden": POS(4, 1024), "lr": LR(2.0), "epochs": POS(3000, 1_000_000)}),
    Exhibit("sigmoid", "1986", "Rumelhart, Hinton & Williams", "sigmoid:exhibit",
            {"lr": LR(2.0), "epochs": POS(300, 1_000_000), "points": Param(100, int, low=4, inclusive=True,
                                                                            high=100_000)}),
    Exhibit("feedforward", "1986 / 1989", "Rumelhart, Hinton & Williams; Cybenko", "feedforward:exhibit",
            {"hidden": POS(32, 4096), "layers": POS(2, 16), "lr": LR(0.01), "epochs": POS(60, 100_000),
             "batch_size": POS(64, 100_000), "points": Param(500, int, low=20, inclusive=True, high=1_000_000),
             "noise": Param(0.2, float, inclusive=True, high=5.0)}),
    Exhibit("cnn", "1989", "Yann LeCun et al.", "cnn:exhibit",
            {"filters": Param((6, 16), tuple, high=512, count=2), "lr": LR(0.01), "epochs": POS(25, 100_000),
             "batch_size": POS(32, 100_000)}),
    Exhibit("rnn", "1989", "Michael Jordan (1986); Jeffrey Elman (1990)", "recurrent:rnn_exhibit",
            {"lengths": Param((5, 10, 20, 40), tuple, low=2, inclusive=True, high=2000), "hidden": POS(32, 1024),
             "lr": LR(0.01),
             "steps": POS(800, 1_000_000), "batch_size": POS(64, 100_000)}),
    Exhibit("lstm", "1997", "Sepp Hochreiter & Jürgen Schmidhuber", "recurrent:lstm_exhibit",
            {"lengths": Param((5, 10, 20, 40), tuple, low=2, inclusive=True, high=2000), "hidden": POS(32, 1024),
             "lr": LR(0.01),
             "steps": POS(800, 1_000_000), "batch_size": POS(64, 100_000)}),
    Exhibit("rbm", "2006", "Paul Smolensky (1986); Geoffrey Hinton (2002)", "rbm:exhibit",
            {"hidden": POS(64, 4096), "lr": LR(0.1), "epochs": POS(30, 100_000), "batch_size": POS(10, 100_000),
             "cd_k": POS(1, 1000)}),
    Exhibit("dbn", "2006", "Geoffrey Hinton, Simon Osindero & Yee-Whye Teh", "dbn:exhibit",
            {"layers": Param((128, 64), tuple, high=4096),
             "labels": Param((50, 100, 300, 1000), tuple, low=10, inclusive=True, high=1400),
             "pretrain_epochs": POS(20, 100_000), "epochs": POS(100, 100_000), "lr": LR(0.01)}),
    Exhibit("autoencoder", "2006", "Geoffrey Hinton & Ruslan Salakhutdinov", "autoencoder:exhibit",
            {"code": POS(2, 64), "hidden": POS(64, 4096), "lr": LR(0.003), "epochs": POS(150, 100_000),
             "batch_size": POS(64, 100_000)}),
    Exhibit("gan", "2014", "Ian Goodfellow et al.", "gan:exhibit",
            {"steps": POS(2000, 1_000_000), "digit_steps": POS(2000, 1_000_000), "hidden": POS(128, 4096),
             "lr": LR(0.001), "batch_size": POS(256, 100_000)}),
)

EXHIBITS: dict[str, Exhibit] = {e.name: e for e in TIMELINE}
ALL_PARAMS: list[str] = sorted({k for e in TIMELINE for k in e.params})


def get(name: str) -> Exhibit:
    """The exhibit called `name`, or a user error listing them."""
    try:
        return EXHIBITS[name]
    except KeyError:
        raise AprendeError("history.unknown_exhibit", name=name, choices=", ".join(EXHIBITS)) from None


def resolve(exhibit: Exhibit, options: dict) -> dict:
    """The exhibit's defaults with the user's options on top, each one checked; None means 'not given'."""
    values = exhibit.defaults()
    for key, value in options.items():
        if value is None:
            continue
        if key not in exhibit.params:
            raise AprendeError("history.unused_option", opt=_flag(key), name=exhibit.name,
                               choices=flag_text(exhibit.params))
        values[key] = exhibit.params[key].parse(key, value)
    return values
