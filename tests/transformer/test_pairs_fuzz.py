"""The TSV pairs reader under hostile input: a line of a megabyte, and mutated valid files (fuzzed)."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aprende.core.errors import AprendeError
from aprende.transformer.pairs import MAX_LINE, load_pairs, read_tsv
from tests.helpers import refuses

VALID = "source\ttarget\nhola\thello\nel gato duerme\tthe cat sleeps\nadiós\tgoodbye\n".encode()
FUZZ = settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_a_line_of_a_megabyte_is_refused_at_once(tmp_path, capsys):
    """It used to keep the tokenizer busy for minutes; now the reader names the file, the line and the limit."""
    path = tmp_path / "grande.tsv"
    path.write_text("hola\thello\n" + "a" * 1_000_000 + "\tb\n", encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(AprendeError) as info:
        read_tsv(path)
    assert time.perf_counter() - t0 < 5
    assert info.value.key == "translate.tsv_long_line" and info.value.params["line"] == 2
    assert str(path) in info.value.message() and str(MAX_LINE) in info.value.message()
    refuses(capsys, ["translate", "train", "--pairs", path, "--project", tmp_path / "runs", "--quiet"],
            "grande.tsv, línea 2", empty=tmp_path / "runs", quiet_out=True)


def test_a_line_at_the_limit_is_read(tmp_path):
    path = tmp_path / "justo.tsv"
    path.write_text("a" * (MAX_LINE - 2) + "\tb\n", encoding="utf-8")
    assert read_tsv(path)[0].target == "b"


@st.composite
def mutated(draw) -> bytes:
    """A valid TSV with a few bytes flipped, inserted or deleted, or lines duplicated, cut or swapped."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "truncate"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from([b"\t", b"\n", b"\r\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b" ",
                                                  "ñ".encode(), b"\t\t"]))
        elif op == "delete" and data:
            del data[pos:pos + draw(st.integers(1, 8))]
        elif op == "dup":
            data += data[pos:]
        elif op == "truncate":
            data = data[:pos]
    return bytes(data)


@FUZZ
@given(data=mutated())
def test_mutated_tsv_reads_or_says_what_is_wrong(tmp_path, data):
    path = tmp_path / "pares.tsv"
    path.write_bytes(data)
    try:
        pairs = load_pairs(path)
    except AprendeError as exc:
        assert exc.message()  # a message in the user's language, not a traceback
        return
    for p in pairs.train + pairs.val + pairs.test:
        assert p.source and p.target and "\t" not in p.source + p.target
