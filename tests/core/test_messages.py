"""Both catalogues say the same things, and every key the code uses exists."""

import re
import string
from pathlib import Path

from aprende.core.messages_en import MESSAGES as EN
from aprende.core.messages_es import MESSAGES as ES

SRC = Path(__file__).resolve().parents[2] / "src" / "aprende"


def test_same_keys():
    assert set(ES) == set(EN), set(ES) ^ set(EN)


def test_same_placeholders():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key in ES:
        assert fields(ES[key]) == fields(EN[key]), key


def test_every_used_key_exists():
    pattern = re.compile(r"""(?:\bt|\bsay|\bwarn|AprendeError)\(\s*["']([a-z_]+\.[a-z0-9_.]*[a-z0-9_])["']""")
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no keys"
    assert not used - set(ES), used - set(ES)


def test_language_switch(monkeypatch):
    from aprende.core import AprendeError, set_lang

    err = AprendeError("csv.missing", path="x.csv")
    set_lang("es")
    assert "No existe" in err.message()
    set_lang("en")
    assert "does not exist" in err.message()
    set_lang(None)
    monkeypatch.setenv("APRENDE_LANG", "en")
    assert "does not exist" in err.message()


def test_locale_decides_after_aprende_lang(monkeypatch):
    from aprende.core.i18n import detect_lang

    monkeypatch.delenv("APRENDE_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect_lang() == "es"  # no locale at all: Spanish
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert detect_lang() == "es"  # C names no language
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert detect_lang() == "en"
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")
    assert detect_lang() == "es"  # LC_ALL wins over LANG
    monkeypatch.setenv("APRENDE_LANG", "en")
    assert detect_lang() == "en"
