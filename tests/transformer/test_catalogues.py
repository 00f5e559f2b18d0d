"""Debian's .mo catalogues as parallel text: the binary format read with every offset checked, pairs cleaned of
format strings and options, Spanish as the source; tested on .mo files built here, byte by byte."""

from __future__ import annotations

import os
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from aprende.transformer.catalogues import catalogue_pairs, clean_pair, read_mo
from aprende.transformer.pairs import split_of


def make_mo(messages: dict[str, str], order: str = "<") -> bytes:
    """A GNU .mo file, as msgfmt writes it: header, two tables of (length, offset), then the strings."""
    items = sorted(messages.items())
    n = len(items)
    orig, trans = 28, 28 + 8 * n
    data = 28 + 16 * n
    ids = strs = b""
    otab, ttab = [], []
    for key, _ in items:
        raw = key.encode()
        otab.append((len(raw), data + len(ids)))
        ids += raw + b"\0"
    for _, value in items:
        raw = value.encode()
        ttab.append((len(raw), data + len(ids) + len(strs)))
        strs += raw + b"\0"
    head = struct.pack(order + "7I", 0x950412DE, 0, n, orig, trans, 0, 0)
    tables = b"".join(struct.pack(order + "2I", *e) for e in otab + ttab)
    return head + tables + ids + strs


MESSAGES = {"": "Content-Type: text/plain; charset=UTF-8\n", "Cannot open the file": "No se puede abrir el archivo",
            "File not found": "No se encontró el archivo", "invalid option -- '%c'": "opción inválida -- '%c'",
            "Spain": "España", "menu\x04Open": "Abrir", "one file\x00%d files": "un archivo\x00%d archivos",
            "Untranslated": "Untranslated", "Usage: ls [OPTION]...": "Modo de empleo: ls [OPCIÓN]..."}


def test_read_mo_in_either_byte_order():
    for order in "<>":
        got = dict(read_mo(make_mo(MESSAGES, order)))
        assert got["Cannot open the file"] == "No se puede abrir el archivo"
        assert got["Open"] == "Abrir" and got["one file"] == "un archivo"  # context and plural forms dropped
        assert "" not in got  # the header is metadata


def test_pairs_are_sentences_not_format_strings():
    assert clean_pair("Cannot open the file", "No se puede abrir el archivo") == (
        "Cannot open the file", "No se puede abrir el archivo")
    assert clean_pair("invalid option -- '%c'", "opción inválida -- '%c'") is None
    assert clean_pair("Untranslated", "Untranslated") is None
    assert clean_pair("--help display this help", "--help muestra esta ayuda") is None
    assert clean_pair("Usage: ls [OPTION]...", "Modo de empleo: ls [OPCIÓN]...") is None


def test_catalogue_pairs_read_only_the_named_files(tmp_path):
    (tmp_path / "coreutils.mo").write_bytes(make_mo(MESSAGES))
    (tmp_path / "other.mo").write_bytes(make_mo({"Hello": "Hola amigo"}))
    (tmp_path / "tar.mo").write_bytes(b"\xde\x12\x04\x95 damaged")
    pairs = catalogue_pairs(tmp_path, {"coreutils": "coreutils", "tar": "tar", "missing": "x"})
    got = {p.source: p.target for p in pairs}
    assert got == {"No se puede abrir el archivo": "Cannot open the file",
                   "No se encontró el archivo": "File not found", "España": "Spain", "Abrir": "Open",
                   "un archivo": "one file"}
    assert all(p.key.startswith("mo:coreutils:") for p in pairs)
    assert all(split_of(p.key) in ("train", "val", "test") for p in pairs)


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(cut=st.integers(0, len(make_mo(MESSAGES)) - 1))
def test_a_truncated_mo_file_gives_all_its_pairs_or_none(cut):
    """A download cut short is never read as a shorter catalogue: either every pair (only padding lost) or none."""
    raw = make_mo(MESSAGES)
    assert read_mo(raw[:cut]) in ([], read_mo(raw))


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(st.data())
def test_damage_inside_one_message_costs_at_most_that_message(data):
    """Bytes changed inside the strings: every message whose bytes were untouched is still read exactly."""
    raw = bytearray(make_mo(MESSAGES))
    n = struct.unpack_from("<I", raw, 8)[0]
    spans = [tuple(struct.unpack_from("<2I", raw, table + 8 * i)) for i in range(n) for table in (28, 28 + 8 * n)]
    hit = {data.draw(st.integers(28 + 16 * n, len(raw) - 1)) for _ in range(data.draw(st.integers(1, 4)))}
    for at in hit:
        raw[at] = data.draw(st.integers(0, 255))
    untouched = {i for i in range(n) if not any(o <= at < o + ln for ln, o in spans[2 * i:2 * i + 2] for at in hit)}
    clean = make_mo(MESSAGES)
    expected = [pair for i, pair in enumerate(read_mo(clean)) if i + 1 in untouched]  # entry 0 is the header
    got = read_mo(bytes(raw))
    assert len(got) <= n - 1 and all(pair in got for pair in expected), (got, expected)
