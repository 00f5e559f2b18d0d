"""Each setting declared once: options are made from the settings' fields, their ranges are refused before anything
runs, and the help of every command is built without importing PyTorch."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import click
import pytest

from aprende.core.errors import AprendeError
from aprende.core.settings import check, declared, settings_from
from aprende.core.train_config import TrainConfig
from aprende.detection.settings import AnchorSettings, DetectSettings, PredictSettings
from aprende.forecast.settings import ForecastSettings
from aprende.vision.settings import ClassifySettings
from tests.helpers import proc_refused

SETTINGS = (TrainConfig, ClassifySettings, ForecastSettings, DetectSettings, AnchorSettings, PredictSettings)
LABS = ("tour", "forecast", "classify", "cnn", "detect", "translate", "gpt", "bert", "history", "data", "weights",
        "serve")


def _outside(spec: dict):
    """A value just outside a declared range (None where the range is open on both sides)."""
    lo, hi = spec["range"]
    if hi is not None:
        return hi * 2 + 1 if isinstance(hi, int) else float(hi) * 2 + 1.0
    return lo - 1 if isinstance(lo, int) else float(lo) - 1.0


@pytest.mark.parametrize("cls", SETTINGS, ids=lambda c: c.__name__)
def test_every_declared_range_is_refused_when_crossed(cls):
    for name, spec in declared(cls).items():
        if spec["range"]:
            with pytest.raises(AprendeError) as exc:
                settings_from(cls, {name: _outside(spec)})
            assert exc.value.key == "settings.bad_range"
        if spec["choices"]:
            with pytest.raises(AprendeError) as exc:
                settings_from(cls, {name: "no-such-choice"})
            assert exc.value.key == "settings.bad_choice"
    check(cls())  # and every default is inside its own range


def test_nan_is_out_of_every_range():
    with pytest.raises(AprendeError):
        settings_from(TrainConfig, {"lr": float("nan")})


@pytest.mark.parametrize("argv", [
    ["classify", "train", "--batch-size", "0"],
    ["classify", "train", "--lr", "nan"],
    ["classify", "train", "--epochs", "-1"],
    ["classify", "train", "--max-time", "-5"],
    ["classify", "train", "--widths", "0,64"],
    ["forecast", "train", "--hidden", "0"],
    ["forecast", "train", "--members", "99"],
    ["forecast", "train", "--model", "mlp,nope"],
    ["detect", "train", "--width", "9"],
    ["detect", "predict", "--source", "x.jpg", "--conf", "2"],
    ["detect", "anchors", "-k", "0"],
])
def test_a_value_out_of_range_stops_before_any_folder(argv, tmp_path, cli):
    proc = cli(*argv, "--project", tmp_path / "runs", cwd=tmp_path) if argv[1] != "predict" else cli(*argv,
                                                                                                     cwd=tmp_path)
    proc_refused(proc, argv[-2], empty=tmp_path / "runs")  # the message names the option


def test_options_are_made_from_the_fields():
    """Each declared field with a help key is an option of its command, and defaults to None (the field holds it)."""
    from aprende.cli import build_cli

    root = build_cli()
    commands = {("classify", "train"): ClassifySettings, ("forecast", "train"): ForecastSettings,
                ("detect", "train"): DetectSettings, ("detect", "anchors"): AnchorSettings,
                ("detect", "predict"): PredictSettings}
    for (lab, name), cls in commands.items():
        command = root.get_command(None, lab).get_command(None, name)
        params = {p.name: p for p in command.params if isinstance(p, click.Option)}
        for field in dataclasses.fields(cls):
            spec = declared(cls).get(field.name)
            if spec and spec["help"]:
                assert field.name in params, (lab, name, field.name)
                assert params[field.name].default is None


@pytest.mark.parametrize("lab", [None, *LABS, "classify train", "forecast train", "detect train", "gpt train"])
def test_help_imports_no_torch(lab):
    """`aprende --help`, `aprende LAB --help` and a train's help answer without loading PyTorch."""
    argv = ["--help"] if lab is None else [*lab.split(), "--help"]
    code = (f"import sys\nfrom aprende.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')")
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    assert proc.stdout.strip().endswith("NO-TORCH"), (lab, proc.stdout[-300:], proc.stderr[-500:])
