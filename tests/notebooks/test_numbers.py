"""The prose of each chapter agrees with its stored outputs: a number the text states is the number the code printed.

A chapter source marks a claim by putting `<!-- cifra NAME -->` right after the number in its prose (invisible once
rendered); CLAIMS below says, for each NAME, the regex that finds the same number in the chapter's stored outputs
(its first group). The prose number is read the Spanish way (decimal comma, thin-space thousands, `%`), the output
the way core.numbers.fmt or Python writes it; they must agree to the prose's decimals. A marked claim with no entry,
an entry with no marked claim, or an output the regex cannot find fails: the last one means the chapter was not
re-executed since the cell that prints it changed (python scripts/make_notebooks.py --execute --only NN).

Checks that pass only after the final re-execution (their cells changed after the stored run): 02 epocas_cortas,
04 campo_conv2, 05 epocas_articulo (the stored run stopped at 5 of 6 epochs on a loaded machine)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "notebooks" / "chapters"
MARK = re.compile(r"<!-- cifra (\w+) -->")
NUMBER = re.compile(r"\d[\d\u202f\u00a0.]*(?:,\d+)?")

# chapter prefix -> claim name -> regex over the stored outputs (group 1 is the number)
CLAIMS: dict[str, dict[str, str]] = {
    "02": {"epocas_cortas": r"(\d+) épocas · mAP@0,5"},
    "03": {"mase_estacional": r"seasonal_naive\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+1\.000"},
    "04": {"campo_conv2": r"MaxPool2d 2×2: campo receptivo \d+×\d+ píxeles de la imagen\n"
                          r"\s*Conv2d 3×3: campo receptivo (\d+)×"},
    "05": {"epocas_articulo": r"(\d+) épocas? · acierto en prueba"},
    "06": {"cnn_acierto": r"la red convolucional acierta el ([\d,]+) %"},
}


def spanish_number(text: str) -> tuple[float, int]:
    """`1 295 362`, `83,1`, `1.295.362` -> (value, decimals written)."""
    text = text.replace("\u202f", "").replace("\u00a0", "").rstrip(".")
    whole, _, frac = text.partition(",")
    return float(whole.replace(".", "") + ("." + frac if frac else "")), len(frac)


def output_number(text: str) -> float:
    """A printed number, Spanish (`0,887`, `83,1`) or Python's (`0.887`, `1,295,362`)."""
    text = text.replace("\u202f", "").replace("\u00a0", "")
    whole, _, frac = text.rpartition(",")
    if "," in text and "." not in text and (len(frac) != 3 or whole in ("0", "-0")):  # `1,295` reads as Python's
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def prose_claims(prefix: str) -> dict[str, tuple[float, int]]:
    """Each marked claim of chapter `prefix`'s source: the last number written before its mark."""
    source = next(SOURCES.glob(f"{prefix}_*.md")).read_text(encoding="utf-8")
    claims = {}
    for m in MARK.finditer(source):
        before = re.findall(NUMBER, source[max(0, m.start() - 80):m.start()])
        assert before, f"chapter {prefix}: no number before the mark of {m.group(1)}"
        claims[m.group(1)] = spanish_number(before[-1])
    return claims


def stored_text(prefix: str) -> str:
    """Everything chapter `prefix` printed when it was last executed."""
    nb = nbformat.read(next((ROOT / "notebooks").glob(f"{prefix}_*.ipynb")), as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") if out.get("output_type") == "stream"
                         else out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


CHAPTERS = sorted(p.name[:2] for p in SOURCES.glob("[0-9][0-9]_*.md"))


@pytest.mark.parametrize("prefix", CHAPTERS)
def test_every_marked_claim_has_its_output(prefix):
    """A mark in the prose without a CLAIMS entry (or the reverse) checks nothing: both must exist."""
    assert set(prose_claims(prefix)) == set(CLAIMS.get(prefix, {}))


@pytest.mark.parametrize("prefix,name", [(c, n) for c, names in CLAIMS.items() for n in names])
def test_prose_number_equals_the_output(prefix, name):
    value, decimals = prose_claims(prefix)[name]
    found = re.search(CLAIMS[prefix][name], stored_text(prefix))
    assert found, (f"chapter {prefix}: the output for {name} is not in the stored chapter: "
                   f"python scripts/make_notebooks.py --execute --only {prefix}")
    printed = output_number(found.group(1))
    assert round(printed, decimals) == value, f"chapter {prefix}: the prose says {value}, the output {printed} ({name})"


def test_the_readers_agree_with_the_formatter():
    """The parsers read what core.numbers.fmt writes, and an older dot-grouped prose number."""
    from aprende.core.numbers import fmt

    assert spanish_number(fmt(1295362)) == (1295362.0, 0)
    assert spanish_number("1.295.362") == (1295362.0, 0)
    assert spanish_number(fmt(0.831, percent=True).rstrip("%").strip()) == (83.1, 1)
    assert output_number(fmt(0.887, 3)) == 0.887 and output_number("1,295,362") == 1295362.0
    assert output_number("0.887") == 0.887
