"""The six chapters: stored with outputs that match their code and the shipped weights, and runnable top to bottom."""

from __future__ import annotations

import importlib.util
import os
import re
import warnings
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTICLES = "https://www.aprendemachinelearning.com/"


def _generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", ROOT / "scripts" / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def test_six_chapters_from_six_sources():
    assert [p.stem for p in NOTEBOOKS] == gen.chapter_names()
    assert len(NOTEBOOKS) == 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_is_what_the_script_writes(path):
    """A chapter whose cells differ from its source shows outputs of code that no longer exists: regenerate it."""
    nb = nbformat.read(path, as_version=4)
    fresh = gen.cells_of(path.stem)
    redo = f"python scripts/make_notebooks.py --execute --only {path.stem[:2]}"
    assert [c.source for c in nb.cells] == [c.source for c in fresh], f"{path.name} differs from its source: {redo}"
    stamp = nb.metadata.get("aprende")
    assert stamp, f"{path.name} was never executed: {redo}"
    assert stamp["source"] == gen.source_hash(fresh)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_outputs_match_the_shipped_weights(path):
    """Outputs computed with other shipped models than today's are wrong: the chapter must be executed again."""
    stamp = nbformat.read(path, as_version=4).metadata.get("aprende") or {}
    assert stamp.get("weights") == gen.weights_hash(), \
        f"the shipped weights changed since {path.name} was executed: python scripts/make_notebooks.py --execute"


class StaleChapters(UserWarning):
    """Chapters executed before the last change in src/aprende: their outputs may no longer be what the code gives."""


def stale_chapters(package_hash: str) -> list[str]:
    """The chapters whose stamp holds another package hash than PACKAGE_HASH."""
    stamps = {p.stem: nbformat.read(p, as_version=4).metadata.get("aprende") or {} for p in NOTEBOOKS}
    return [name for name, stamp in stamps.items() if stamp.get("package") != package_hash]


def test_chapters_executed_before_a_package_change_are_named_once():
    """A change in src/aprende alone may leave outputs stale: one warning in pytest's summary names every chapter
    to re-run and the command that does it (the chapters' code and the weights fail the tests above instead)."""
    stale = stale_chapters(gen.package_hash())
    assert stale_chapters("no such hash") == [p.stem for p in NOTEBOOKS]  # the check sees every stamp
    if stale:
        only = "--only " + " ".join(name[:2] for name in stale)
        warnings.warn(StaleChapters(f"src/aprende changed since these chapters were executed: {', '.join(stale)}; "
                                    f"re-run them: python scripts/make_notebooks.py --execute {only}"), stacklevel=1)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_reads_like_a_lesson(path):
    """Title and link to its article first, outputs stored (every code cell that runs has one), exercises last."""
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# ") and ARTICLES in first and "podrás" in first
    assert any(c.cell_type == "markdown" and c.source.startswith("## Prueba tú") for c in nb.cells[-2:])
    code = [c for c in nb.cells if c.cell_type == "code"]
    run = [c for c in code if "skip-execution" not in c.metadata.get("tags", [])]
    silent = [c.source[:60] for c in run if not c.outputs and not c.source.startswith(("def ", "import ", "from "))]
    assert not silent, f"every executed cell shows what it did (a definition may not): {silent}"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
    assert sum(1 for c in code for o in c.outputs if "image/png" in o.get("data", {})) >= 3
    links = re.findall(r"\]\((\.\./docs/[^)#]+)", "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    assert links, "each chapter points to its guide"
    assert all((ROOT / "notebooks" / link).resolve().is_file() for link in links), links


def test_chapters_stay_small():
    assert sum(p.stat().st_size for p in NOTEBOOKS) < 15 * 2**20


def test_a_changed_source_drops_the_stamp(tmp_path, monkeypatch):
    """Editing a source and regenerating without --execute leaves a chapter that the tests above refuse."""
    chapters = tmp_path / "notebooks" / "chapters"
    chapters.mkdir(parents=True)
    (chapters / "01_x.md").write_text("# T\n\n```python\nprint(1)\n```\n\nfin\n", encoding="utf-8")
    monkeypatch.setattr(gen, "SOURCES", chapters)
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    nb = gen.build("01_x")
    gen.stamp(nb, 1.0)
    nbformat.write(nb, tmp_path / "notebooks" / "01_x.ipynb")
    assert gen.build("01_x").metadata["aprende"]["source"] == gen.source_hash(nb.cells)  # unchanged: kept
    (chapters / "01_x.md").write_text("# T\n\n```python\nprint(2)\n```\n\nfin\n\n## Prueba tú\n\n1. x\n",
                                      encoding="utf-8")
    assert "aprende" not in gen.build("01_x").metadata
    cells = gen.cells_of("01_x")
    assert [c.cell_type for c in cells] == ["markdown", "code", "markdown", "markdown"]
    assert cells[-1].source == "## Prueba tú\n\n1. x"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    """Every chapter runs top to bottom in tiny mode (APRENDE_TINY=1: seconds per cell)."""
    from nbclient import NotebookClient

    monkeypatch.setenv("APRENDE_TINY", "1")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the chapters draw inline
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
    assert images >= 3, "each chapter shows its article's figures"
    assert os.environ["APRENDE_TINY"] == "1"
