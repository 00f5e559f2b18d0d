"""Spanish-first user-facing text: one catalogue per language, chosen by --lang, APRENDE_LANG or the locale."""

from __future__ import annotations

import os

from aprende.core.messages_en import MESSAGES as EN
from aprende.core.messages_es import MESSAGES as ES

CATALOGUES = {"es": ES, "en": EN}
_lang: str | None = None


def detect_lang() -> str:
    """--lang (set_lang) wins, then APRENDE_LANG, then the locale's language, else Spanish.
    The first of LC_ALL, LC_MESSAGES, LANG that is set decides, as for any program; a C/POSIX locale names no
    language, so it means Spanish (Python's locale module would report C.UTF-8 as en_US)."""
    env = os.environ.get("APRENDE_LANG", "").lower()[:2]
    if env in CATALOGUES:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def set_lang(lang: str | None) -> None:
    """Fix the language for this process (None: detect again)."""
    global _lang
    if lang is not None and lang not in CATALOGUES:
        lang = "es"
    _lang = lang


def get_lang() -> str:
    return _lang or detect_lang()


def t(key: str, **params) -> str:
    """The message `key` in the current language, with {placeholders} filled."""
    text = CATALOGUES[get_lang()].get(key) or ES.get(key) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text
