"""The lab keeps the house rules: no module hidden by its package, no import circle, each default written once."""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import click

import aprende.transformer as package

LAB = Path(package.__file__).parent


def test_no_name_of_the_package_hides_a_submodule():
    names = {p.stem for p in LAB.glob("*.py")} - {"__init__"}
    for name in names:
        importlib.import_module(f"aprende.transformer.{name}")
        assert isinstance(getattr(package, name), types.ModuleType), name
    import aprende.transformer.attention as m

    assert isinstance(m, types.ModuleType) and callable(m.attend)


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of aprende in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out += [(node.module, node.lineno, id(node) in inner)]
            out += [(f"{node.module}.{a.name}", node.lineno, id(node) in inner) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno, id(node) in inner) for a in node.names]
    return out


def test_no_import_circle_and_inner_imports_say_why():
    modules = {f"aprende.transformer.{p.stem}": p for p in LAB.glob("*.py") if p.stem != "__init__"}
    graph = {}
    for name, path in modules.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        found = _imports(path)
        graph[name] = {m for m, _, _ in found if m in modules and m != name}
        for module, line, inner in found:
            if inner:
                assert "# deferred:" in lines[line - 1] + lines[line - 2], f"{path.name}:{line} {module}"
            assert not module.startswith(("aprende.vision", "aprende.detection", "aprende.forecast",
                                          "aprende.history", "aprende.report", "aprende.serve")), (path.name, module)

    def visit(node, path):
        assert node not in path, " -> ".join([*path, node])
        for nxt in graph[node]:
            visit(nxt, [*path, node])

    for name in graph:
        visit(name, [])


def test_every_option_default_is_written_once_in_the_lab():
    """Options default to None, so the settings dataclass (or the function called) holds the one default."""
    from aprende.transformer.cli import bert_group, gpt_group
    from aprende.transformer.translate_cli import group

    for grp in (gpt_group(), bert_group(), group()):
        for cmd in grp.commands.values():
            for p in cmd.params:
                if not isinstance(p, click.Option) or (p.is_flag and p.name in ("as_json", "quiet", "no_cache")):
                    continue
                if cmd.name == "train" and p.name == "seed":
                    continue  # core's common training option
                assert p.default is None, f"{grp.name} {cmd.name} {p.opts[0]} = {p.default!r}"
            names = {p.name for p in cmd.params}
            assert {"quiet", "as_json"} <= names, f"{grp.name} {cmd.name}"


def test_a_one_field_line_speaks_in_the_singular():
    from aprende.core.i18n import localize

    assert "tiene 1 campo separado por" in localize("es", "translate.tsv_fields", path="p.tsv", line=2, n=1)
    assert "it has 1 tab-separated field;" in localize("en", "translate.tsv_fields", path="p.tsv", line=2, n=1)
    assert "tiene 3 campos separados" in localize("es", "translate.tsv_fields", path="p.tsv", line=2, n=3)
