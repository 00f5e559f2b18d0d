"""One way to write a number for every table, figure, sentence and page: `84,1 %`, `63 082 496`, `0,887` in
Spanish (decimal comma; thousands grouped by a narrow no-break space U+202F from five digits on, as the RAE and the
SI write them; a no-break space U+00A0 before %), `84.1%`, `63,082,496`, `0.887` in English.

The web page writes the same with `Intl.NumberFormat('es-ES')`, its group separator replaced by U+202F
(`fmt` in serve/static/i18n.js)."""

from __future__ import annotations

import math
import numbers as _numbers
import re

from aprende.core.lang import get_lang

THIN = "\u202f"  # narrow no-break space: Spanish thousands separator
NBSP = "\u00a0"  # no-break space: before % in Spanish
_NUMBER = re.compile(r"-?\d[\d,]*(\.\d*)?%?")


def _lang(lang: str | None) -> str:
    if lang is None:
        lang = get_lang()
    return "en" if lang == "en" else "es"


def spanish(text: str) -> str:
    """Python's English rendering of one number (`1,234.5`, `84.1%`) written the Spanish way."""
    sign = "-" if text.startswith("-") else ""
    body = text[len(sign):]
    percent = body.endswith("%")
    body = body.rstrip("%")
    whole, dot, frac = body.partition(".")
    digits = whole.replace(",", "")
    if digits.isdigit() and len(digits) >= 5:
        groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
        whole = THIN.join(groups)
    else:
        whole = digits if digits.isdigit() else whole
    out = sign + whole + ("," + frac if dot else "")
    return out + (NBSP + "%" if percent else "")


def format_spec(value, spec: str, lang: str | None = None) -> str:
    """`format(value, spec)` in `lang`: what the message catalogue uses for `{x:.2f}`, `{n:,}`, `{p:.1%}`."""
    text = format(value, spec)
    if _lang(lang) == "en" or not isinstance(value, _numbers.Real) or isinstance(value, bool):
        return text
    match = _NUMBER.search(text)  # the number inside any padding (`{x:>8.2f}`)
    if not match:
        return text
    return text[:match.start()] + spanish(match.group()) + text[match.end():]


def fmt(value, digits: int | None = None, lang: str | None = None, percent: bool = False) -> str:
    """`value` for a reader: `digits` decimals (None: an int as it is, a float to at most 4 decimals, trailing
    zeros dropped), grouped thousands, a percentage of a fraction when `percent` (1 decimal unless told),
    a dash for a missing value (None, NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, _numbers.Integral) and not isinstance(value, bool):
        value = int(value)
    elif isinstance(value, _numbers.Real) and not isinstance(value, bool):
        value = float(value)
    else:
        return str(value)
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if percent:
        spec = f",.{1 if digits is None else digits}%"
    elif digits is not None:
        spec = f",.{digits}f"
    elif isinstance(value, int):
        spec = ","
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
        return format_spec(float(text.replace(",", "")), ",." + str(len(text.partition(".")[2])) + "f", lang)
    return format_spec(value, spec, lang)
