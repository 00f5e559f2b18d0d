"""`aprende tour --tiny` writes one self-contained report with every lab's section."""

from __future__ import annotations

import re

import pytest

from tests.helpers import proc_refused


def test_tiny_tour_report(tiny_tour):
    from aprende.report.articles import ARTICLES, URLS
    from aprende.report.sections import SECTIONS

    _, data, path = tiny_tour
    assert data["run"] == "runs/tour/exp" and set(data["metrics"]) == set(SECTIONS)
    report = path.read_text(encoding="utf-8")
    for lab in SECTIONS:
        assert f"<h2 id='{lab}'>" in report and f"<a href='#{lab}'>" in report, lab  # the contents reach it
        a = ARTICLES[lab]
        assert a.url in report and a.chapter in report and f"docs/es/{a.guide}" in report, lab
    assert "Pronóstico de ventas" in report and "Matriz de confusión" in report and "Para seguir" in report
    assert report.count("data:image/png;base64,") >= 7
    assert "El perro come pan." in report  # --translate's sentence, translated with its attention map
    # self-contained: nothing loaded from elsewhere; the only links out are the articles'
    assert not re.search(r"""src=["']?(https?:|//)""", report)
    assert not re.search(r"<(script|link|iframe|object|embed)\b", report)
    outbound = set(re.findall(r"""href=["']?((?:https?:)?//[^"' >]+)""", report))
    assert outbound and outbound <= URLS
    assert not re.search(r"url\(", report)  # no CSS fetches either


def test_toy_translation_task_is_sound():
    """The numbers are written as a Spanish speaker reads them; the held-out ones never reach the training file."""
    from aprende.report.toy_numbers import held_out, spanish, write_pairs

    assert [spanish(n) for n in (0, 16, 21, 30, 31, 100, 101, 342, 500, 999)] == [
        "cero", "dieciséis", "veintiuno", "treinta", "treinta y uno", "cien", "ciento uno",
        "trescientos cuarenta y dos", "quinientos", "novecientos noventa y nueve"]
    assert len({spanish(n) for n in range(1000)}) == 1000
    hidden = held_out()
    assert hidden == held_out() and len(set(hidden)) == 100 and min(hidden) >= 100
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        lines = write_pairs(Path(tmp) / "n.tsv").read_text(encoding="utf-8").splitlines()
    # every number but the hidden ones, once each, as words<TAB>digits
    assert lines == [f"{spanish(n)}\t{' '.join(str(n))}" for n in range(1000) if n not in set(hidden)]
    assert ("trescientos cuarenta y dos\t3 4 2" in lines) == (342 not in hidden)
    sources = {line.split("\t")[0] for line in lines}
    assert len(sources) == 900 and not sources & {spanish(n) for n in hidden}


def test_the_shipped_translator_is_shown_verses_it_never_trained_on():
    from aprende.report.transformer_section import VERSES
    from aprende.transformer.pairs import split_of

    assert all(split_of(key) == "test" for key, _, _ in VERSES)


@pytest.mark.parametrize("text, bad", [
    ("Moses and Aaron came before the Tent of Meeting.", False),
    ("the king of Libnah, one; the king of Adullam, one;", False),
    ("The children of the children of the children of the people.", True),
    ("For the land of the land of the land.", True),
    ("encamped in Tahathathathath.", True),
    ("The father of Boooooz", True),
    ("one young bull, one ram, one ram, one male lamb", True),
    ("", False),
])
def test_loops_finds_degenerate_output(text, bad):
    from aprende.report.quality import loops

    assert loops(text) is bad


def test_tour_english_and_unknown_lab(cli, tmp_path):
    proc = cli("tour", "--labs", "nada", "--lang", "en", cwd=tmp_path)
    proc_refused(proc, ("Unknown lab", "nada"))


def test_a_failed_tour_leaves_no_folder_and_names_are_kept(monkeypatch, tmp_path):
    """The tour's folder is a run folder: new each time (exp, exp2 or --name), removed when a section fails."""
    from aprende.report import runner, tour
    from aprende.report.section import Section

    def ok(project, plan):
        return Section(lab="ok", title="t", question="q", text="x")

    def broken(project, plan):
        (project / "half-written.txt").write_text("x")
        raise RuntimeError("a lab failed")

    monkeypatch.setattr(runner, "SECTIONS", {"ok": ok, "broken": broken})
    assert tour(["ok"], quiet=True).report.resolve() == tmp_path / "runs" / "tour" / "exp" / "report.html"
    assert tour(["ok"], quiet=True, name="mio").report.parent.name == "mio"
    with pytest.raises(RuntimeError):
        tour(["ok", "broken"], quiet=True)
    assert sorted(p.name for p in (tmp_path / "runs" / "tour").iterdir()) == ["exp", "mio"]


def test_english_report_links_the_english_guides(monkeypatch, tmp_path):
    """--lang en: the whole page in English, the guides under docs/en/, the articles' own (Spanish) titles kept."""
    from aprende.core.i18n import set_lang
    from aprende.report import runner, tour
    from aprende.report.section import Note, Section, Table

    def fake(project, plan):
        return Section(lab="forecast", title="Forecast", question="q?", text="ok",
                       parts=[Note("a note"), Note("a lesson", warning=True), Table("cap", [{"a": 1, "b": "x"}])])

    monkeypatch.setattr(runner, "SECTIONS", {"forecast": fake})
    set_lang("en")
    report = tour(["forecast"], quiet=True).report.read_text(encoding="utf-8")
    assert "<html lang='en'>" in report and "Where to go next" in report and "docs/en/forecasting.md" in report
    assert "Pronóstico de Ventas con Redes Neuronales" in report and "class='warn'" in report
    assert "<td class='n'>1</td>" in report and "<td>x</td>" in report


@pytest.mark.parametrize(("lang", "cells"), [("es", ["0,937", "—", "12", "63\u202f082\u202f496"]),
                                             ("en", ["0.937", "—", "12", "63,082,496"])])
def test_report_tables_write_numbers_as_the_reader_does(lang, cells):
    """A Spanish report shows 0,937 (not 0.937), a missing value as a dash (not nan), and whole numbers as they are."""
    from aprende.core.i18n import set_lang
    from aprende.report.html import table_html

    set_lang(lang)
    try:
        page = table_html([{"ratio": 0.937, "segundos": float("nan"), "n": 12, "pesos": 63_082_496}])
    finally:
        set_lang(None)
    assert [f"<td class='n'>{c}</td>" in page for c in cells] == [True] * 4
    assert "nan" not in page


def test_where_to_go_next_names_files_that_exist():
    """Each section's chapter and guides are real paths in the repository."""
    from aprende.report.articles import ARTICLES
    from tests.helpers import ROOT

    for lab, a in ARTICLES.items():
        for path in (a.chapter, f"docs/es/{a.guide}", f"docs/en/{a.guide_en}"):
            assert (ROOT / path).is_file(), (lab, path)
        assert a.url.startswith("https://www.aprendemachinelearning.com/") and all(
            c.startswith("aprende ") for c in a.commands)
