"""The language of this process (--lang, APRENDE_LANG or the locale): one small module that messages and numbers
both read, so neither imports the other."""

from __future__ import annotations

import os

LANGS = ("es", "en")
_lang: str | None = None


def detect_lang() -> str:
    """--lang (set_lang) wins, then APRENDE_LANG, then the locale's language, else Spanish.
    The first of LC_ALL, LC_MESSAGES, LANG that is set decides, as for any program; a C/POSIX locale names no
    language, so it means Spanish (Python's locale module would report C.UTF-8 as en_US)."""
    env = os.environ.get("APRENDE_LANG", "").lower()[:2]
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def set_lang(lang: str | None) -> None:
    """Fix the language for this process (None: detect again)."""
    global _lang
    if lang is not None and lang not in LANGS:
        lang = "es"
    _lang = lang


def get_lang() -> str:
    return _lang or detect_lang()


def chosen() -> str | None:
    """The language set_lang fixed (None: detected each time), so a caller can put it back."""
    return _lang
