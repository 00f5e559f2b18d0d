"""Write the six chapters in notebooks/ from their sources in notebooks/chapters/*.md, and execute them.

    python scripts/make_notebooks.py                      # regenerate the code and prose; keep stored outputs
    python scripts/make_notebooks.py --execute            # regenerate and execute all six at lesson size
    python scripts/make_notebooks.py --execute --only 03  # one chapter

A source is Markdown: each ```python fence becomes a code cell, the text between fences Markdown cells (one per
heading); a ```python skip fence is shown but not executed (camera, network); ```python setup stands for SETUP.
An executed chapter keeps a stamp in its metadata (`aprende`): hashes of its generated cells, of the shipped
weights and of src/aprende, so the tests can tell when its outputs show something that no longer exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks" / "chapters"
PACKAGE = ROOT / "src" / "aprende"
WEIGHTS = PACKAGE / "weights"

SETUP = '''# Instala aprende si falta (en un servicio de cuadernos: clona antes el repositorio) y mira si hay GPU.
import os
try:
    import aprende
except ImportError:
    %pip install -q -e ..
    import aprende
import aprende.core.plots  # aprende draws its figures to files (Agg); the cells below draw inline:
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd
import torch
from IPython.display import Image, display
from aprende.core.numbers import fmt
pd.set_option("display.float_format", fmt)      # las tablas con coma decimal, como el texto
os.environ.setdefault("TQDM_DISABLE", "1")      # sin las barras de las bibliotecas (aprende dibuja las suyas)
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # ni las de Hugging Face al guardar un modelo
import warnings
warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm sin ipywidgets: nada que avisar aquí
TINY = os.environ.get("APRENDE_TINY") == "1"   # las pruebas ejecutan cada celda en segundos
plt.rcParams.update({"figure.dpi": 72, "figure.figsize": (6, 3)})  # figuras ligeras en el cuaderno guardado
print("aprende", aprende.__version__, "| GPU:", torch.cuda.get_device_name() if torch.cuda.is_available() else "no, CPU")'''

FENCE = re.compile(r"^```python(?: (setup|skip))?\n(.*?)^```\n", re.S | re.M)


def chapter_names() -> list[str]:
    """The chapters' file stems, in order: 01_transformers, 02_deteccion_yolo, ..."""
    return sorted(p.stem for p in SOURCES.glob("[0-9][0-9]_*.md"))


def cells_of(name: str) -> list:
    """The cells of chapter `name` as its source describes them."""
    text = (SOURCES / f"{name}.md").read_text(encoding="utf-8")
    cells, pos = [], 0
    for m in FENCE.finditer(text):
        cells += prose_cells(text[pos:m.start()])
        kind, code = m.group(1), m.group(2).rstrip("\n")
        cell = new_code_cell(SETUP if kind == "setup" else code)
        if kind == "skip":
            cell.metadata["tags"] = ["skip-execution"]
        cells.append(cell)
        pos = m.end()
    cells += prose_cells(text[pos:])
    for i, cell in enumerate(cells):  # stable ids: regenerating changes only what changed
        cell.id = f"{name[:2]}-{i:02d}"
    return cells


def prose_cells(text: str) -> list:
    """Markdown cells from the prose between two code fences: each heading (## or ###) starts a new cell."""
    parts = re.split(r"^(?=#{2,3} )", text, flags=re.M)
    return [new_markdown_cell(p.strip()) for p in parts if p.strip()]


def source_hash(cells) -> str:
    """What the reader sees as code and prose, without outputs: it changes when the generator's cells change."""
    data = [(c["cell_type"], c["source"], c.get("metadata", {}).get("tags", [])) for c in cells]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


def tree_hash(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> str:
    """A hash of every file under `folder` (names and bytes), byte-compiled caches left out."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", *skip_suffixes):
            continue
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def weights_hash() -> str:
    """The shipped models only (configs, tokenizers, safetensors); the weights package's code is not a model."""
    return tree_hash(WEIGHTS, (".py",))


def package_hash() -> str:
    return tree_hash(PACKAGE)


def build(name: str) -> nbformat.NotebookNode:
    """Chapter `name` with fresh cells; the outputs and stamp of the stored chapter are kept where its cells match."""
    nb = new_notebook(cells=cells_of(name))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    path = ROOT / "notebooks" / f"{name}.ipynb"
    if path.exists():
        old = nbformat.read(path, as_version=4)
        stamp = old.metadata.get("aprende")
        if stamp and stamp.get("source") == source_hash(nb.cells):  # same cells: keep what was executed
            return old
    return nb


def execute(nb: nbformat.NotebookNode, tiny: bool = False, timeout: int = 1200) -> tuple[float, float]:
    """Run every cell in a scratch folder (runs/ and figures stay out of the repository): (wall seconds, CPU seconds
    of the kernel, which a busy machine does not inflate)."""
    from nbclient import NotebookClient

    os.environ.pop("MPLBACKEND", None)  # the chapters draw inline; an Agg backend would drop every figure
    if tiny:
        os.environ["APRENDE_TINY"] = "1"
    else:
        os.environ.pop("APRENDE_TINY", None)
    t0, c0 = time.perf_counter(), _children_cpu()
    with tempfile.TemporaryDirectory(prefix="aprende-chapter-") as tmp:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()
    return time.perf_counter() - t0, _children_cpu() - c0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the kernel, once it has exited
    return usage.ru_utime + usage.ru_stime


def stamp(nb: nbformat.NotebookNode, seconds: float, cpu: float | None = None) -> None:
    nb.metadata["aprende"] = {"source": source_hash(nb.cells), "weights": weights_hash(), "package": package_hash(),
                              "seconds": round(seconds, 1), "executed": time.strftime("%Y-%m-%d")}
    if cpu is not None:
        nb.metadata["aprende"]["cpu_seconds"] = round(cpu, 1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--execute", action="store_true", help="execute at lesson size and store the outputs")
    ap.add_argument("--only", nargs="*", default=None, help="chapter numbers or names (default: all six)")
    args = ap.parse_args(argv)
    names = [n for n in chapter_names() if not args.only or any(n.startswith(o) for o in args.only)]
    for name in names:
        nb = build(name)
        if args.execute:
            nb = new_notebook(cells=cells_of(name), metadata=nb.metadata)
            seconds, cpu = execute(nb)
            stamp(nb, seconds, cpu)
            size = len(nbformat.writes(nb).encode()) / 2**20
            print(f"{name}: {seconds:.0f} s ({cpu:.0f} s of CPU), {size:.1f} MB", file=sys.stderr)
        nbformat.write(nb, ROOT / "notebooks" / f"{name}.ipynb")


if __name__ == "__main__":
    main()
