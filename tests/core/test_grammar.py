"""One command grammar: walking the whole click tree, every command takes the options the design promises."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from aprende.cli import build_cli

NO_RESULT = {"serve"}  # runs until stopped: nothing to print as JSON
TRAIN_OPTIONS = {"--epochs", "--batch-size", "--max-time", "--device", "--seed", "--project", "--name", "--resume"}
FOLDER_OUT_ALLOWED = {"data get"}  # where a data set is cached, not a run's output


def walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):  # through click's own API: the root loads each lab on demand
        for name in command.list_commands(None):
            yield from walk(command.get_command(None, name), (*path, name))


ALL = list(walk(build_cli()))
LEAVES = [(" ".join(p), c) for p, c in ALL if not isinstance(c, click.Group)]


def options(command: click.Command) -> dict[str, click.Parameter]:
    return {opt: p for p in command.params for opt in p.opts if opt.startswith("--")}


def test_the_tree_is_walked():
    names = {name for name, _ in LEAVES}
    assert {"forecast train", "detect predict", "bert fill", "gpt generate", "translate run", "data list",
            "history list", "weights list", "serve", "tour"} <= names
    assert len(LEAVES) >= 29


@pytest.mark.parametrize("name,command", LEAVES, ids=[n for n, _ in LEAVES])
def test_quiet_and_json(name, command):
    opts = options(command)
    assert "--quiet" in opts, f"aprende {name} takes no --quiet"
    if name not in NO_RESULT:
        assert "--json" in opts, f"aprende {name} takes no --json"


@pytest.mark.parametrize("name,command", LEAVES, ids=[n for n, _ in LEAVES])
def test_output_folders_are_runs(name, command):
    out = options(command).get("--out")
    if out is not None and isinstance(out.type, click.Path) and not out.type.file_okay:
        assert name in FOLDER_OUT_ALLOWED, f"aprende {name} writes a folder with --out: use --project/--name"
    if name.endswith(" train"):
        missing = TRAIN_OPTIONS - set(options(command))
        assert not missing, f"aprende {name} lacks {sorted(missing)}"
    if name.split()[-1] in ("predict", "evaluate", "generate", "fill") or name == "translate run":
        assert "--run" in options(command), f"aprende {name} takes no --run"


def test_lang_in_every_help():
    runner = CliRunner()
    for path, _ in ALL:
        result = runner.invoke(build_cli(), [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "--lang" in result.output, f"aprende {' '.join(path)} --help does not show --lang"


def test_help_in_english_with_lang():
    """--lang is read before any command is built, so every help text (the shared options too) follows it."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "aprende", "forecast", "train", "--help", "--lang", "en"],
                         capture_output=True, text=True, check=True).stdout
    assert "Print exactly one JSON object" in out and "Number of epochs" in out, out
    out = subprocess.run([sys.executable, "-m", "aprende", "forecast", "train", "--help"], capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin", "APRENDE_LANG": "es"}).stdout
    assert "Número de épocas" in out, out
