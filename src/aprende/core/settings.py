"""Each setting declared once: a dataclass field carries its default, type, range, help key and option name; the
command-line options are made from it and the ranges are checked here, before anything runs. Imports no PyTorch,
so `aprende LAB CMD --help` is built without loading a model.

    @dataclass
    class MySettings:
        hidden: int = setting(32, "lab.opt.hidden", range=(1, 4096))        # --hidden, an int from 1 to 4096
        norm: str = setting("pre", "lab.opt.norm", choices=("pre", "post"))  # --norm pre|post
        flips: bool | None = setting(None, "lab.opt.flips", flag=True)      # --flips/--no-flips

    @click_options(MySettings)           # every field that has a help key, as an option defaulting to None
    def train_cmd(..., **options): settings = settings_from(MySettings, options)
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from aprende.core.errors import AprendeError
from aprende.core.i18n import t

S = TypeVar("S")
_META = "aprende"


def setting(default: Any = None, help: str | None = None, *, range: tuple | None = None,  # noqa: A002
            choices: Iterable[str] | None = None, cli: str | None = None, flag: bool = False,
            parse: Callable[[str], Any] | None = None, metavar: str | None = None, dest: str | None = None,
            factory: Callable[[], Any] | None = None) -> Any:
    """A settings field: `range=(lo, hi)` (either end None for open) bounds a number, or every item of a list;
    `choices` a string; `flag` makes a --x/--no-x switch; `parse` turns the option's text into the value (e.g.
    "32,64" -> [32, 64]), raising ValueError with nothing else to say; `cli` renames the option (default: the field
    name with dashes); `dest` the keyword the command receives (default: the field name)."""
    meta = {_META: dict(help=help, range=range, choices=tuple(choices) if choices else None, cli=cli, flag=flag,
                        parse=parse, metavar=metavar, dest=dest)}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    if isinstance(default, (list, dict, set)):
        return dataclasses.field(default_factory=lambda: type(default)(default), metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def spec(f: dataclasses.Field) -> dict | None:
    """The declaration `setting` stored on a field (None for a plain field)."""
    return f.metadata.get(_META)


def _base_type(cls, f: dataclasses.Field) -> type:
    """int, float, bool, str or list of a field's annotation (`int | None` is int)."""
    hint = typing.get_type_hints(cls).get(f.name, str)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin is list:
        return list
    if args and origin is not list:
        inner = args[0]
        return list if typing.get_origin(inner) is list else inner
    return hint if isinstance(hint, type) else str


def _in_range(value, rng: tuple) -> bool:
    lo, hi = rng
    if isinstance(value, float) and math.isnan(value):
        return False
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def check_value(cls, name: str, value: Any) -> None:
    """Refuse a value outside its declared range or choices (AprendeError naming the option and the range)."""
    f = next((f for f in dataclasses.fields(cls) if f.name == name), None)
    s = spec(f) if f is not None else None
    if s is None or value is None:
        return
    option = option_name(f)
    if s["choices"]:
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if v not in s["choices"]:
                raise AprendeError("settings.bad_choice", option=option, value=v, choices=", ".join(s["choices"]))
    if s["range"]:
        items = value if isinstance(value, (list, tuple)) else [value]
        for v in items:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not _in_range(v, s["range"]):
                raise AprendeError("settings.bad_range", option=option, value=value, range=describe_range(s["range"]))


def check(settings: Any) -> Any:
    """Every declared field of a settings object within its range (a resumed run's config.yaml, the web API, a
    notebook pass through here as the command line does)."""
    for f in dataclasses.fields(settings):
        check_value(type(settings), f.name, getattr(settings, f.name))
    return settings


def settings_from(cls: type[S], options: dict) -> S:
    """The settings dataclass from options: one left out (None) keeps the dataclass default, so each default is
    written once; every value given is checked against its range."""
    names = {f.name for f in dataclasses.fields(cls)}
    return check(cls(**{k: v for k, v in options.items() if k in names and v is not None}))


def default_of(cls, name: str) -> Any:
    """One field's default in a settings dataclass (for a help text that shows it)."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            return f.default_factory() if callable(f.default_factory) else f.default
    raise KeyError(name)


def describe_range(rng: tuple) -> str:
    lo, hi = rng
    if hi is None:
        return f"≥ {lo}"
    if lo is None:
        return f"≤ {hi}"
    return f"{lo}–{hi}"


def option_name(f: dataclasses.Field) -> str:
    s = spec(f) or {}
    return s.get("cli") or "--" + f.name.replace("_", "-")


class _Parsed(click.ParamType):
    """An option whose text a lab parses (a list of widths, a size): a ValueError becomes click's usage error."""

    def __init__(self, parse: Callable[[str], Any], name: str):
        self.parse, self.name = parse, name

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except ValueError:
            self.fail(t("settings.bad_text", value=value), param, ctx)


def _click_type(cls, f: dataclasses.Field, s: dict):
    """The option's type: its choices, or a plain number; the range is checked by `check_value`, so a value out of
    range is refused with the lab's own message in the user's language (click's would be English)."""
    kind = _base_type(cls, f)
    if s["parse"]:
        return _Parsed(s["parse"], f.name)
    if s["choices"]:
        return click.Choice(list(s["choices"]))
    if kind is int:
        return click.INT
    if kind is float:
        return click.FLOAT
    return click.STRING


def _metavar(cls, f: dataclasses.Field, s: dict) -> str | None:
    """`INTEGER 1–4096`: the help shows each number's range beside its option."""
    if s["metavar"] or not s["range"] or s["parse"]:
        return s["metavar"]
    kind = {int: "INTEGER", float: "FLOAT"}.get(_base_type(cls, f), "VALUE")
    return f"{kind} {describe_range(s['range'])}".replace("≥ ", ">=").replace("≤ ", "<=")


def make_option(cls, f: dataclasses.Field) -> Callable:
    """One click option from one field; its default is None, so the dataclass's default stays the only one."""
    s = spec(f)
    dest = s["dest"] or f.name
    name = option_name(f)
    default = f.default_factory() if callable(f.default_factory) else f.default
    help_text = t(s["help"], default=default)  # a help text may show the default: {default}
    if s["flag"]:
        off = "--no-" + name[2:]
        return click.option(f"{name}/{off}", dest, default=None, help=help_text)
    return click.option(name, dest, type=_click_type(cls, f, s), default=None, metavar=_metavar(cls, f, s),
                        help=help_text, callback=_checked(cls, f.name))


def _checked(cls, name: str) -> Callable:
    """Click's callback: the value, once checked against its declared range (the lab's message, exit 2)."""

    def callback(ctx, param, value):
        check_value(cls, name, value)
        return value

    return callback


def click_options(cls, only: Iterable[str] | None = None, exclude: Iterable[str] = ()) -> Callable:
    """A decorator adding one option per declared field of `cls` (those with a help key), in declaration order."""
    wanted = list(only) if only is not None else None
    skip = set(exclude)
    chosen = [f for f in dataclasses.fields(cls) if spec(f) and spec(f)["help"] and f.name not in skip
              and (wanted is None or f.name in wanted)]
    if wanted is not None:
        chosen.sort(key=lambda f: wanted.index(f.name))

    def decorate(fn):
        for f in reversed(chosen):
            fn = make_option(cls, f)(fn)
        return fn

    return decorate


def declared(cls) -> dict[str, dict]:
    """name -> declaration of every declared field (for tests and the architecture page)."""
    return {f.name: spec(f) for f in dataclasses.fields(cls) if spec(f)}
