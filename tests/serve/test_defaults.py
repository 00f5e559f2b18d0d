"""One code path: the web API's defaults are the labs' own, read from them, never written again in `serve/`."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from aprende.core.settings import default_of
from aprende.detection.settings import PredictSettings
from aprende.serve import schemas
from aprende.transformer import bert, gpt

SERVE = Path(__file__).resolve().parents[2] / "src" / "aprende" / "serve"
# parameters the labs define a default for: the server may bound them, never restate their default
LAB_PARAMS = {"beam", "temperature", "top_k", "top_p", "seed", "conf", "iou", "horizon", "bt_horizon", "windows"}


def _literal_defaults():
    """(file:line, parameter) for each Field/Query in serve/ whose default is a number written in place."""
    found = []
    for path in SERVE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            target = None
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                target, value = node.target.id, node.value
            elif isinstance(node, ast.arg):
                continue
            else:
                continue
            if isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Constant) \
                    and isinstance(value.args[0].value, (int, float)) and not isinstance(value.args[0].value, bool):
                found.append((f"{path.name}:{node.lineno}", target))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = fn.args.args + fn.args.kwonlyargs
                defaults = [None] * (len(fn.args.args) - len(fn.args.defaults)) + fn.args.defaults + \
                    fn.args.kw_defaults
                for arg, default in zip(args, defaults):
                    if isinstance(default, ast.Call) and default.args and isinstance(default.args[0], ast.Constant) \
                            and isinstance(default.args[0].value, (int, float)):
                        found.append((f"{path.name}:{fn.lineno}", arg.arg))
    return found


def test_no_lab_default_is_written_in_the_server():
    again = [(where, name) for where, name in _literal_defaults() if name in LAB_PARAMS]
    assert not again, f"the server restates a lab's default (read it from the lab instead): {again}"


def test_the_web_defaults_are_the_labs():
    sig = inspect.signature(gpt.pieces).parameters
    body = schemas.GPTIn()
    assert (body.temperature, body.top_k, body.top_p, body.seed) == tuple(
        sig[k].default for k in ("temperature", "top_k", "top_p", "seed"))
    assert schemas.BertIn(text="a [MASK]").top_k == inspect.signature(bert.fill).parameters["top_k"].default
    from aprende.serve import defaults

    assert (defaults.DETECT_CONF, defaults.DETECT_IOU) == (default_of(PredictSettings, "conf"),
                                                           default_of(PredictSettings, "iou"))
