"""`aprende tour --tiny` writes one self-contained report with every lab's section."""

from __future__ import annotations

import json
import re


def test_tiny_tour_report(cli, tmp_path):
    proc = cli("tour", "--tiny", "--json", "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    from aprende.report.sections import SECTIONS

    assert data["run"] == "runs/tour" and set(data["metrics"]) == set(SECTIONS)
    report = (tmp_path / "runs" / "tour" / "report.html").read_text(encoding="utf-8")
    for lab in SECTIONS:
        assert f"<h2 id='{lab}'>" in report, lab
    assert "Pronóstico de ventas" in report and "Matriz de confusión" in report
    assert report.count("data:image/png;base64,") >= 7
    # self-contained: nothing loaded from elsewhere
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", report)


def test_tour_english_and_unknown_lab(cli, tmp_path):
    proc = cli("tour", "--labs", "nada", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2 and "Unknown lab" in proc.stderr
