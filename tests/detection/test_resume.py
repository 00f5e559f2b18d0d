"""`detect train --resume`: a run stopped after 2 of its 3 epochs ends with the same weights as one never stopped."""

from __future__ import annotations

import json

import yaml

from aprende.cli import main
from aprende.core.checkpoint import load_weights
from tests.detection.builders import voc_folder

ARGS = ["--img-size", "64", "--width", "0.25", "--batch-size", "4", "--scheduler", "none", "--json", "--quiet"]


def _train(data, name, epochs, capsys) -> dict:
    main(["detect", "train", "--data", str(data), "--name", name, "--epochs", str(epochs), *ARGS])
    return json.loads(capsys.readouterr().out)


def test_resume_equals_uninterrupted(tmp_path, capsys):
    data = voc_folder(tmp_path / "lego", 8)
    full = _train(data, "full", 3, capsys)
    part = _train(data, "part", 2, capsys)
    run = tmp_path / part["run"]
    config = yaml.safe_load((run / "config.yaml").read_text())
    config["train"]["epochs"] = 3  # as if the process planned for 3 epochs had died after epoch 2
    (run / "config.yaml").write_text(yaml.safe_dump(config))
    main(["detect", "train", "--resume", str(run), "--json", "--quiet"])
    resumed = json.loads(capsys.readouterr().out)
    assert tmp_path / resumed["run"] == run and resumed["metrics"]["epochs"] == 3
    assert len((run / "results.csv").read_text().strip().splitlines()) == 1 + 3
    a, _ = load_weights(tmp_path / full["run"] / "weights" / "best.safetensors")
    b, _ = load_weights(run / "weights" / "best.safetensors")
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
    assert resumed["metrics"]["map50"] == full["metrics"]["map50"]


def test_a_run_saved_before_the_pyramid_resumes_with_one_grid(tmp_path, capsys):
    """A config.yaml without `scales` (written before it existed) resumes the single-grid network it saved."""
    data = voc_folder(tmp_path / "lego", 6)
    main(["detect", "train", "--data", str(data), "--name", "old", "--epochs", "1", "--scales", "1", "--anchors", "3",
          "--no-multi-anchor", *ARGS])
    run = tmp_path / json.loads(capsys.readouterr().out)["run"]
    config = yaml.safe_load((run / "config.yaml").read_text())
    del config["settings"]["scales"], config["settings"]["multi_anchor"]  # as an older aprende wrote it
    config["train"]["epochs"] = 2
    (run / "config.yaml").write_text(yaml.safe_dump(config))
    main(["detect", "train", "--resume", str(run), "--json", "--quiet"])
    assert json.loads(capsys.readouterr().out)["metrics"]["epochs"] == 2
    assert "strides" not in json.loads((run / "model.json").read_text())
