"""Every package's catalogue says the same things in both languages, and every key the code uses exists."""

import re
import string
from pathlib import Path

from aprende.core.i18n import catalogues, messages, plural, t

SRC = Path(__file__).resolve().parents[2] / "src" / "aprende"
CALL = r"(?:\bt|\bsay|\bwarn|AprendeError|ServeError\(\s*\d+\s*,|localize\(\s*\w+\s*,)\(?\s*"
PLAIN = re.compile(CALL + r"""["']([a-z_]+\.[a-z0-9_.]*[a-z0-9_])["']""")
FSTRING = re.compile(CALL + r"""f["']([a-z_]+\.[^"']*)["']""")


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def used_keys() -> tuple[set[str], set[str]]:
    plain, templates = set(), set()
    for path in SRC.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        plain |= set(PLAIN.findall(code))
        templates |= set(FSTRING.findall(code))
    return plain, templates


def test_both_languages_side_by_side():
    for pkg, cat in catalogues().items():
        for key, pair in cat.items():
            assert isinstance(pair, tuple) and len(pair) == 2 and all(pair), (pkg, key)


def test_same_placeholders():
    for key, (es, en) in messages().items():
        assert fields(es) == fields(en), key


def test_each_prefix_lives_in_one_lab():
    """A prefix belongs to one lab; the lab may spread it over its sub-packages' catalogues (history.timeline)."""
    owner = {}
    for pkg, cat in catalogues().items():
        lab = pkg.split(".")[0]
        for key in cat:
            prefix = key.split(".")[0]
            assert owner.setdefault(prefix, lab) == lab, f"{key} in {pkg}, but its prefix belongs to {owner[prefix]}"
    assert {"history", "history.timeline", "history.exhibits"} <= set(catalogues())


def test_every_used_key_exists():
    plain, templates = used_keys()
    assert len(plain) > 300, "the pattern found too few keys"
    assert not plain - set(messages()), plain - set(messages())


def test_every_fstring_key_matches_some_key():
    """`t(f"history.tl.{name}.title")`: each template must match at least one key of the catalogue."""
    _, templates = used_keys()
    assert len(templates) >= 10, templates
    keys = list(messages())
    for template in templates:
        regex = re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_]+", re.escape(template)) + "$")
        assert any(regex.match(k) for k in keys), template


def test_plurals():
    from aprende.core.i18n import _FORMATTER

    assert _FORMATTER.format("{n} {n:plural:objeto|objetos}", n=1) == "1 objeto"
    assert _FORMATTER.format("{n} {n:plural:objeto|objetos}", n=0) == "0 objetos"
    assert _FORMATTER.format("{n} {n:plural:objeto|objetos}", n=3) == "3 objetos"
    assert plural(1, "canal", "canales") == "canal" and plural(2, "canal", "canales") == "canales"
    assert t("no.such.key") == "no.such.key"


def test_spanish_numbers_take_a_decimal_comma():
    import numpy as np

    from aprende.core.i18n import _FORMATTERS

    es, en = _FORMATTERS["es"], _FORMATTERS["en"]
    spanish = es.format("MASE {m:.3f}, {p:.1%}, {n:,}", m=np.float32(1.2271), p=0.904, n=12345)
    assert spanish == "MASE 1,227, 90,4\u00a0%, 12\u202f345"  # core.numbers' way: 90,4 %, 12 345
    assert en.format("MASE {m:.3f}, {p:.1%}, {n:,}", m=1.2271, p=0.904, n=12345) == "MASE 1.227, 90.4%, 12,345"
    assert es.format("{path} {n}", path="a.b.csv", n=3) == "a.b.csv 3"  # text and bare numbers untouched


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
