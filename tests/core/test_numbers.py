"""Every number a reader sees is written one way: decimal comma and grouped thousands in Spanish, as in English."""

import numpy as np

from aprende.core.i18n import localize, set_lang
from aprende.core.numbers import NBSP, THIN, fmt, format_spec


def test_spanish_numbers():
    assert fmt(0.841, percent=True, lang="es") == f"84,1{NBSP}%"
    assert fmt(63_082_496, lang="es") == f"63{THIN}082{THIN}496"
    assert fmt(0.887, lang="es") == "0,887"
    assert fmt(0.8871234, digits=3, lang="es") == "0,887"
    assert fmt(1234, lang="es") == "1234"  # four digits are not grouped (RAE)
    assert fmt(-12_345.678, digits=1, lang="es") == f"-12{THIN}345,7"
    assert fmt(np.float32(0.5), lang="es") == "0,5"
    assert fmt(3.0, lang="es") == "3"


def test_english_numbers():
    assert fmt(0.841, percent=True, lang="en") == "84.1%"
    assert fmt(63_082_496, lang="en") == "63,082,496"
    assert fmt(0.887, lang="en") == "0.887"
    assert fmt(1234, lang="en") == "1,234"


def test_missing_values_are_a_dash():
    assert fmt(float("nan")) == "—" and fmt(None) == "—"


def test_current_language_is_the_default():
    set_lang("en")
    try:
        assert fmt(1234.5, digits=1) == "1,234.5"
    finally:
        set_lang("es")
    try:
        assert fmt(1234.5, digits=1) == "1234,5"
    finally:
        set_lang(None)


def test_padding_and_exponents_survive():
    assert format_spec(3.14159, ">8.2f", "es") == "    3,14"
    assert format_spec(1e-5, ".2e", "es") == "1,00e-05"
    assert format_spec("a.b", "", "es") == "a.b"


def test_catalogue_messages_use_the_same_formatter():
    text = localize("es", "no.such.key")
    assert text == "no.such.key"
    from aprende.core.i18n import _FORMATTERS

    assert _FORMATTERS["es"].format("{p:.1%} {n:,}", p=0.841, n=63_082_496) == (
        fmt(0.841, percent=True, lang="es") + " " + fmt(63_082_496, lang="es"))


def test_web_page_writes_numbers_the_same_way(tmp_path):
    """serve/static/i18n.js's fmt (Intl.NumberFormat) gives what core.numbers.fmt gives, in both languages."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    js = (Path(__file__).parents[2] / "src/aprende/serve/static/i18n.js").read_text(encoding="utf-8")
    cases = [(0.841, None, True), (63_082_496, None, False), (0.887, None, False), (1234, None, False),
             (12_345.5, 1, False), (0.93, 2, False), (float("nan"), None, False)]
    script = tmp_path / "fmt.js"
    script.write_text("global.localStorage = {getItem: () => null}; global.navigator = {language: 'es'};\n"
                      + js.replace("let LANG =", "var LANG =") + "\nconst out = {};\n"
                      + "for (const l of ['es', 'en']) { LANG = l; out[l] = CASES.map(c => fmt(c[0], c[1], c[2])); }\n"
                      + "console.log(JSON.stringify(out));\n", encoding="utf-8")
    script.write_text(f"const CASES = {json.dumps(cases)};\n" + script.read_text(encoding="utf-8"))
    out = json.loads(subprocess.run([node, str(script)], capture_output=True, text=True, check=True).stdout)
    for lang in ("es", "en"):
        assert out[lang] == [fmt(v, digits=d, percent=p, lang=lang) for v, d, p in cases]
