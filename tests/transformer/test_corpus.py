"""corpus-es: markup stripped from small generated man pages and HTML, duplicates dropped, a split by name, the card,
and the default text falling back to fortunes-es where the other packages are missing. Nothing is downloaded."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aprende.datasets import corpus, corpus_readers
from aprende.datasets.corpus import Source, clean_paragraph, is_held_out, read_corpus, write_corpus
from aprende.datasets.corpus_readers import chapters, html_paragraphs, man_paragraphs, read_man
from aprende.transformer.text import load_corpus

MAN = r""".\" -*- coding: UTF-8 -*-
.TH LS 1 "Septiembre de 2022" "GNU coreutils 9.1" "Órdenes de usuario"
.SH NOMBRE
ls \- lista el contenido de un directorio
.SH SINOPSIS
\fBls\fP [\fI\,OPCIÓN\/\fP]... [\fI\,ARCHIVO\/\fP]...
.SH DESCRIPCIÓN
.PP
Por defecto, muestra información de los ARCHIVO \(em uno o varios \(em
del directorio actual, en orden \fBalfabético\fR.
.TP
\fB\-a\fP, \fB\-\-all\fP
no oculta las entradas que comienzan con un punto
.nf
ls \-l /tmp | sort
.fi
.SH "VÉASE TAMBIÉN"
La documentación completa está en otra parte del sistema.
"""

HTML = """<html><head><title>Capas</title><script>alert("no")</script></head><body>
<div class="navheader"><p>Anterior Siguiente Inicio del manual</p></div>
<h1>Capas</h1>
<p>Una imagen de GIMP puede tener muchas capas &amp; cada una es como una transparencia.</p>
<pre>gimp --batch '(script)' con código que no es prosa</pre>
<table><tr><td><p>Tabla de atajos de teclado que no es prosa</p></td></tr></table>
<ul><li>Las capas se ordenan en una pila, la de arriba tapa a las demás.</li></ul>
<p>Una imagen de GIMP puede tener muchas capas &amp; cada una es como una transparencia.</p>
</body></html>"""


def _sources(tmp_path: Path) -> list[Source]:
    """The real sources, pointed at small generated files; the Bible is two chapters from a stand-in reader."""
    man = tmp_path / "man" / "man1"
    man.mkdir(parents=True)
    (man / "ls.1.gz").write_bytes(gzip.compress(MAN.encode()))
    (man / "dir.1.gz").write_bytes(gzip.compress(b".so man1/ls.1\n"))
    web = tmp_path / "gimp"
    web.mkdir()
    (web / "capas.html").write_text(HTML, encoding="utf-8")
    fortunes = tmp_path / "fortunes"
    fortunes.mkdir()
    (fortunes / "vida").write_text("La vida es lo que pasa mientras haces otros planes.\n%\n"
                                   "Por defecto, muestra información de los ARCHIVO — uno o varios — del directorio "
                                   "actual, en orden alfabético.\n%\n", encoding="utf-8")
    bible = tmp_path / "bible"
    bible.mkdir()
    verses = {"Gen.1.1": "EN el principio crió Dios los cielos y la tierra.", "Gen.1.2": "Y la tierra estaba vacía.",
              "Gen.2.1": "Y fueron acabados los cielos y la tierra, y todo su ornamento."}
    by_name = {s.name: s for s in corpus.SOURCES}
    return [replace(by_name["biblia-rv1909"], path=bible, read=lambda _: chapters(verses)),
            replace(by_name["manpages-es"], path=tmp_path / "man"),
            replace(by_name["debian-reference-es"], path=tmp_path / "missing"),
            replace(by_name["gimp-help-es"], path=web),
            replace(by_name["fortunes-es"], path=fortunes)]


def test_man_page_prose_without_roff():
    paras = man_paragraphs(MAN)
    assert paras[0] == "ls - lista el contenido de un directorio"
    assert ("Por defecto, muestra información de los ARCHIVO — uno o varios — del directorio actual, en orden "
            "alfabético.") in paras
    assert "no oculta las entradas que comienzan con un punto" in paras  # the option's tag line is dropped
    text = " ".join(paras)
    assert "\\" not in text and "sort" not in text and "OPCIÓN" not in text and "documentación completa" not in text


def test_html_prose_without_navigation_code_or_tables():
    paras = html_paragraphs(HTML)
    assert paras == ["Una imagen de GIMP puede tener muchas capas & cada una es como una transparencia.",
                     "Las capas se ordenan en una pila, la de arriba tapa a las demás.",
                     "Una imagen de GIMP puede tener muchas capas & cada una es como una transparencia."]


def test_clean_paragraph_keeps_prose_only():
    assert clean_paragraph("  Una  frase\u200b con\tcuatro palabras. ") == "Una frase con cuatro palabras."
    assert clean_paragraph("muy corta") is None
    assert clean_paragraph("0x1F 0x20 /usr/lib/x86_64 --a=1 --b=2 {}") is None


def test_bible_chapters_lose_their_printed_capitals():
    docs = dict(chapters({"Gen.1.1": "EN el principio.", "Gen.1.2": "Y la tierra.", "Exod.1.1": "ESTOS son."}))
    assert docs == {"Gen.1": "En el principio. Y la tierra.", "Exod.1": "Estos son."}


def test_build_deduplicates_splits_by_name_and_writes_a_card(tmp_path):
    sources = _sources(tmp_path)
    write_corpus(tmp_path / "out", sources)
    docs = read_corpus(tmp_path / "out")
    names = [(d.source, d.name) for d in docs]
    assert names == [("biblia-rv1909", "Gen.1"), ("biblia-rv1909", "Gen.2"), ("manpages-es", "man1/ls.1"),
                     ("gimp-help-es", "capas.html"), ("fortunes-es", "vida#0")]  # the .so link and the duplicates go
    assert docs[0].text == "En el principio crió Dios los cielos y la tierra. Y la tierra estaba vacía."
    assert docs[3].text.count("muchas capas") == 1  # the same paragraph twice in a page is kept once
    rows = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["split"] == "held_out" for r in rows] == [is_held_out(d.source, d.name) for d in docs]
    card = (tmp_path / "out" / "corpus.md").read_text(encoding="utf-8")
    for needle in ("GPL-3+", "GFDL-1.2+", "dominio público", "`manpages-es`", "not installed", "**total**"):
        assert needle in card, needle
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["sources"] == sorted(
        ["biblia-rv1909", "manpages-es", "gimp-help-es", "fortunes-es"])


def test_split_is_fixed_by_name_and_near_one_in_twenty():
    flags = [is_held_out("manpages-es", f"man1/page{i}.1") for i in range(4000)]
    assert 0.04 < sum(flags) / len(flags) < 0.06
    assert flags == [is_held_out("manpages-es", f"man1/page{i}.1") for i in range(4000)]


def test_long_documents_are_cut_into_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "PART_WORDS", 12)
    sources = _sources(tmp_path)
    docs, _ = corpus.documents(sources[1:2])
    assert [d.name for d in docs] == ["man1/ls.1", "man1/ls.1#1"]


def test_default_text_is_corpus_es_built_once_else_fortunes(tmp_path, monkeypatch):
    sources = _sources(tmp_path)
    monkeypatch.setattr(corpus, "SOURCES", [sources[-1]])  # only fortunes-es installed
    assert load_corpus().source == "fortunes-es"  # read from the package, where `data list` finds it
    monkeypatch.setattr(corpus, "SOURCES", sources)
    built = load_corpus()
    assert built.source == "corpus-es" and len(built.docs) == 5 and len(built.held_out) == 5
    folder = Path(os.environ["APRENDE_CACHE"]) / "corpus-es"
    assert (folder / "corpus.md").is_file()
    stamp = (folder / "corpus.jsonl").stat().st_mtime_ns
    assert load_corpus().docs == built.docs and (folder / "corpus.jsonl").stat().st_mtime_ns == stamp  # cached
    (folder / "corpus.jsonl").write_text('{"source": "x"}\n[1, 2\n', encoding="utf-8")  # a damaged cache
    assert load_corpus().docs == built.docs  # built again
    monkeypatch.setattr(corpus, "SOURCES", sources[:-1])  # a package removed: rebuilt without it
    assert len(load_corpus().docs) == 4
    assert load_corpus(source="fortunes-es").source == "fortunes-es"


def test_data_list_names_the_corpus(capsys):
    from aprende.cli import main

    main(["data", "list", "--json"])
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)["results"]}
    assert "corpus.md" in rows["corpus-es"]["about"] and rows["corpus-es"]["lab"] == "gpt"


PROSE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ ,.;:¿?", min_size=1, max_size=40)


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(cut=st.integers(0, MAN.count("\n")), junk=st.text(max_size=40))
def test_damage_in_a_man_page_never_changes_what_was_read_before_it(cut, junk):
    """A page damaged after a paragraph break still gives, first, the paragraphs of its intact part."""
    head = "".join(MAN.splitlines(keepends=True)[:cut]) + ".PP\n"
    intact = man_paragraphs(head)
    assert man_paragraphs(head + junk)[:len(intact)] == intact


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(prose=PROSE.filter(lambda s: s[0].isalpha()))  # a line opening with "." or "'" is a request, not text
def test_a_paragraph_added_to_a_man_page_reaches_the_corpus_as_written(prose):
    page = MAN.replace('.SH "VÉASE TAMBIÉN"', f".SH NOTAS\n.PP\n{prose}\n" + '.SH "VÉASE TAMBIÉN"')
    assert man_paragraphs(page) == [*man_paragraphs(MAN), prose.strip()]


@settings(max_examples=int(os.environ.get("APRENDE_FUZZ", 25)), deadline=None)
@given(at=st.sampled_from([i + 1 for i, c in enumerate(HTML) if c == ">"]),
       junk=PROSE.filter(lambda s: "alert" not in s))
def test_text_between_tags_never_hides_the_prose_or_lets_a_script_in(at, junk):
    """Junk text between two tags: every paragraph of the clean page is still read, and no script text comes in."""
    damaged = html_paragraphs(HTML[:at] + junk + HTML[at:])
    assert all(any(para in got for got in damaged) for para in html_paragraphs(HTML)), damaged
    assert not any("alert" in got for got in damaged)


def test_unreadable_or_huge_files_are_skipped(tmp_path, monkeypatch):
    man = tmp_path / "man" / "man1"
    man.mkdir(parents=True)
    (man / "roto.1.gz").write_bytes(b"\x1f\x8b not gzip")
    (man / "grande.1").write_text(MAN * 50, encoding="utf-8")
    monkeypatch.setattr(corpus_readers, "MAX_FILE", len(MAN) * 10)
    assert list(read_man(tmp_path / "man")) == []


@pytest.mark.skipif(not corpus.SOURCES[1].here(), reason="manpages-es is not installed")
def test_real_man_page_reads_as_prose():
    name, text = next(read_man(corpus.SOURCES[1].path))
    assert name.startswith("man") and "\\f" not in text


def test_gpt_trains_on_the_corpus_and_evaluates_its_held_out_split(tmp_path, monkeypatch, capsys):
    from aprende.cli import main
    from aprende.transformer.gpt import GPTSettings, default_train_config, train

    assert GPTSettings().context >= 256
    sources = _sources(tmp_path)
    quotes = [f"La cita número {i} dice que el gato duerme en la casa {i % 7} veces." for i in range(200)]
    (sources[-1].path / "vida").write_text("\n%\n".join(quotes) + "\n%\n", encoding="utf-8")
    monkeypatch.setattr(corpus, "SOURCES", sources)
    settings = GPTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64, context=32, dropout=0.0)
    res = train(None, settings, default_train_config(epochs=1, batch_size=16, quiet=True), project=tmp_path / "runs")
    assert res.source == "corpus-es"
    held = sum(is_held_out("fortunes-es", f"vida#{i}") for i in range(200))
    assert 0 < held < 200
    main(["gpt", "evaluate", "--run", str(res.run_dir), "--json", "--quiet"])
    report = json.loads(capsys.readouterr().out)
    assert report["metrics"]["perplexity"] == pytest.approx(res.metrics["perplexity"], rel=1e-4)
    assert report["metrics"]["tokens"] == res.metrics["tokens"]  # the same held-out tokens
