"""`aprende tour --tiny` writes one self-contained report with every lab's section."""

from __future__ import annotations

import json
import re


def test_tiny_tour_report(cli, tmp_path):
    proc = cli("tour", "--tiny", "--json", "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    from aprende.report.sections import SECTIONS

    assert data["run"] == "runs/tour/exp" and set(data["metrics"]) == set(SECTIONS)
    report = (tmp_path / "runs" / "tour" / "exp" / "report.html").read_text(encoding="utf-8")
    for lab in SECTIONS:
        assert f"<h2 id='{lab}'>" in report, lab
    assert "Pronóstico de ventas" in report and "Matriz de confusión" in report
    assert report.count("data:image/png;base64,") >= 7
    # self-contained: nothing loaded from elsewhere
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", report)


def test_tour_english_and_unknown_lab(cli, tmp_path):
    proc = cli("tour", "--labs", "nada", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2 and "Unknown lab" in proc.stderr


def test_a_failed_tour_leaves_no_folder_and_names_are_kept(monkeypatch, tmp_path):
    """The tour's folder is a run folder: new each time (exp, exp2 or --name), removed when a section fails."""
    import pytest

    from aprende.report import runner, tour
    from aprende.report.section import Section

    def ok(project, mode, quiet):
        return Section(lab="ok", title="t", question="q", text="x")

    def broken(project, mode, quiet):
        (project / "half-written.txt").write_text("x")
        raise RuntimeError("a lab failed")

    monkeypatch.setattr(runner, "SECTIONS", {"ok": ok, "broken": broken})
    assert tour(["ok"], quiet=True).report.resolve() == tmp_path / "runs" / "tour" / "exp" / "report.html"
    assert tour(["ok"], quiet=True, name="mio").report.parent.name == "mio"
    with pytest.raises(RuntimeError):
        tour(["ok", "broken"], quiet=True)
    assert sorted(p.name for p in (tmp_path / "runs" / "tour").iterdir()) == ["exp", "mio"]
