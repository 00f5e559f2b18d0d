"""Spanish-first user-facing text: each package keeps its catalogue (`messages.py`, both languages side by side),
chosen by --lang, APRENDE_LANG or the locale."""

from __future__ import annotations

import importlib.util
import numbers
import string
from pathlib import Path

from aprende.core.lang import LANGS, chosen, detect_lang, get_lang, set_lang  # noqa: F401 (the language lives in core.lang)
from aprende.core.numbers import format_spec as format_spec_es

PACKAGE = Path(__file__).resolve().parents[1]  # src/aprende
_catalogue: dict[str, tuple[str, str]] | None = None


def catalogues() -> dict[str, dict[str, tuple[str, str]]]:
    """Every package's MESSAGES by package folder name (a lab's sub-package may keep its own, e.g.
    transformer.published). Read from the files directly, without importing the labs (core knows no lab by name,
    and `aprende --help` must not pay for importing torch)."""
    out = {}
    for path in sorted([*PACKAGE.glob("*/messages.py"), *PACKAGE.glob("*/*/messages.py")]):
        name = path.parent.relative_to(PACKAGE).as_posix().replace("/", ".")  # e.g. transformer.published
        spec = importlib.util.spec_from_file_location(f"aprende._messages_{name.replace('.', '_')}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out[name] = module.MESSAGES
    return out


def messages() -> dict[str, tuple[str, str]]:
    """All catalogues merged: key -> (Spanish, English)."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for cat in catalogues().values():
            merged.update(cat)
        _catalogue = merged
    return _catalogue




class _Formatter(string.Formatter):
    """str.format plus plurals: `{n:plural:objeto|objetos}` gives the first word when n == 1, else the second.
    In Spanish, numbers formatted with a spec (`{mae:.2f}`, `{n:,}`, `{p:.1%}`) are written as core.numbers writes
    them: a decimal comma, a narrow space between thousands from five digits on, a space before % (0,62; 12 345;
    84,1 %)."""

    def __init__(self, decimal_comma: bool = False):
        super().__init__()
        self.decimal_comma = decimal_comma

    def format_field(self, value, format_spec: str):
        if format_spec.startswith("plural:"):
            one, _, other = format_spec[len("plural:"):].partition("|")
            return one if value == 1 else other
        if self.decimal_comma and format_spec and isinstance(value, numbers.Real) and not isinstance(value, bool):
            return format_spec_es(value, format_spec, "es")
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()
_FORMATTERS = {"es": _Formatter(decimal_comma=True), "en": _FORMATTER}


def plural(n: int, one: str, other: str) -> str:
    """`one` when n is 1, else `other`: for text built in code rather than in a catalogue."""
    return one if n == 1 else other


def t(key: str, **params) -> str:
    """The message `key` in the current language, with {placeholders} filled."""
    return localize(get_lang(), key, **params)


def localize(lang: str, key: str, **params) -> str:
    """The message `key` in `lang` (the server's per-request language, without touching the process-wide one)."""
    pair = messages().get(key)
    if pair is None:
        return key
    text = pair[LANGS.index(lang) if lang in LANGS else 0] or pair[0]
    try:
        return _FORMATTERS.get(lang, _FORMATTER).format(text, **params)
    except (KeyError, IndexError, ValueError):
        return text
