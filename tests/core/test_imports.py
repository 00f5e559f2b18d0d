"""The house's import rules, read from the source: no circles (imports inside functions count), core knows no lab,
no lab imports another, no package face hides a submodule, and deferred imports say why."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = SRC / "aprende"
LABS = {"forecast", "vision", "detection", "transformer", "history"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PKG.rglob("*.py")}


def imports_of(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported aprende module, line, inside a function?) for every import statement of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []

    def visit(node, nested):
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            targets = []
            if isinstance(child, ast.Import):
                targets = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base]
                targets += [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in MODULES]
            for target in targets:
                while target and target not in MODULES:
                    target = target.rpartition(".")[0]
                if target.startswith("aprende") and target != name:
                    found.append((target, child.lineno, nested))
            visit(child, inner)

    visit(tree, False)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w, _, _ in GRAPH[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    import sys

    sys.setrecursionlimit(10000)
    for v in GRAPH:
        if v not in index:
            strong(v)
    return out


def test_the_graph_is_read():
    assert len(MODULES) > 80
    assert any(t == "aprende.core.train_config" for t, _, _ in GRAPH["aprende.core.lifecycle"])


def test_no_import_circles():
    found = cycles()
    assert not found, "import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_core_knows_no_lab_and_labs_keep_apart():
    for name, edges in GRAPH.items():
        top = name.split(".")[1] if "." in name else ""
        for target, line, _ in edges:
            other = target.split(".")[1] if target.count(".") else ""
            where = f"{MODULES[name].relative_to(SRC)}:{line} imports {target}"
            if top == "core":
                assert other not in LABS | {"serve", "report"}, where
            if top in LABS:
                assert other not in (LABS - {top}) | {"serve", "report"}, where


def test_deferred_imports_say_why():
    """An import inside a function is allowed only when deferred on purpose, with a `# deferred:` comment."""
    missing = []
    for path in MODULES.values():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    here = lines[node.lineno - 1]
                    first = node.lineno - 1  # a block of imports may share one comment above it
                    while first > 0 and lines[first - 1].strip().startswith(("from ", "import ")):
                        first -= 1
                    block = lines[max(0, first - 1): node.lineno]
                    if not any("# deferred" in line for line in block):
                        missing.append(f"{path.relative_to(SRC)}:{node.lineno}: {here.strip()}")
    assert not missing, f"{len(missing)} imports inside functions without a '# deferred: why' comment:\n" + \
        "\n".join(sorted(set(missing))[:60])


def test_package_faces_do_not_hide_submodules():
    for path in MODULES.values():
        if path.name != "__init__.py":
            continue
        subs = {p.stem for p in path.parent.glob("*.py")} | {p.name for p in path.parent.iterdir() if p.is_dir()}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                bound |= {a.asname or a.name for a in node.names if not (node.module or "").endswith(a.name)}
                bound -= {a.name for a in node.names if node.level and not node.module}  # `from . import sub`
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.Assign):
                bound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        shadowed = bound & (subs - {"__init__"})
        assert not shadowed, f"{path.relative_to(SRC)} binds {sorted(shadowed)} over submodules of the same name"
