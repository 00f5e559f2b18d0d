"""A run's life in core: folder names, races, links, clean-up on any failure, resume of settings, loading back."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
import torch

from aprende.core.checkpoint import save_weights
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import (
    default_of,
    load_model,
    model_folder,
    open_run,
    settings_from,
    start_run,
    train_config,
)
from aprende.core.runs import fresh_run, new_run_dir, read_yaml, write_json
from aprende.core.trainer import TrainConfig


@dataclass
class ToySettings:
    hidden: int = 8
    layers: list[int] = field(default_factory=lambda: [1, 2])


def test_auto_names_count_up(tmp_path):
    names = [new_run_dir("toy", None, tmp_path).name for _ in range(3)]
    assert names == ["exp", "exp2", "exp3"]
    assert all((tmp_path / "toy" / n).is_dir() for n in names)


def test_a_name_taken_meanwhile_is_skipped(tmp_path):
    """Two runs started at once: the folder the next name would take already exists (made by the other run)."""
    new_run_dir("toy", None, tmp_path)  # exp
    (tmp_path / "toy" / "exp2").mkdir()  # the other run got there first
    (tmp_path / "toy" / "exp2" / "marker").write_text("theirs")
    assert new_run_dir("toy", None, tmp_path).name == "exp3"
    assert (tmp_path / "toy" / "exp2" / "marker").read_text() == "theirs"


@pytest.mark.parametrize("name", ["..", ".", "a/b", "", "x y"])
def test_bad_names_refused(tmp_path, name):
    with pytest.raises(AprendeError) as exc:
        new_run_dir("toy", name, tmp_path)
    assert exc.value.key == "run.bad_name"
    assert not (tmp_path / "toy").exists()  # nothing written, not even the lab's folder


def test_symlink_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "toy").mkdir()
    os.symlink(elsewhere, tmp_path / "toy" / "mine")
    with pytest.raises(AprendeError) as exc:
        new_run_dir("toy", "mine", tmp_path)
    assert exc.value.key == "run.symlink"
    assert new_run_dir("toy", None, tmp_path).name == "exp"  # an auto name never lands on a link either
    os.symlink(elsewhere, tmp_path / "toy" / "exp2")
    assert new_run_dir("toy", None, tmp_path).name == "exp3"
    assert not any(elsewhere.iterdir())


def test_named_run_must_be_free(tmp_path):
    new_run_dir("toy", "a", tmp_path)
    assert new_run_dir("toy", "a", tmp_path).name == "a"  # still empty: free
    (tmp_path / "toy" / "a" / "f").write_text("x")
    with pytest.raises(AprendeError) as exc:
        new_run_dir("toy", "a", tmp_path)
    assert exc.value.key == "run.exists"


def test_any_exception_removes_a_new_run(tmp_path):
    start = start_run("toy", ToySettings, None, TrainConfig(device="cpu", quiet=True), project=tmp_path)
    with pytest.raises(ZeroDivisionError):
        with open_run(start) as run_dir:
            assert (run_dir / "config.yaml").is_file()
            (run_dir / "half.txt").write_text("half")
            1 / 0  # noqa: B018 - an unexpected error, not ours
    assert not start.run_dir.exists()


def test_ctrl_c_keeps_a_resumable_run(tmp_path):
    start = start_run("toy", ToySettings, None, TrainConfig(device="cpu", quiet=True), project=tmp_path)
    with pytest.raises(KeyboardInterrupt):
        with open_run(start) as run_dir:
            save_weights(run_dir / "weights" / "last.safetensors", {"w": torch.zeros(1)})
            raise KeyboardInterrupt
    assert (start.run_dir / "weights" / "last.safetensors").is_file()


def test_fresh_run_keeps_other_folders(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "file").write_text("x")
    with pytest.raises(RuntimeError):
        with fresh_run(kept):
            raise RuntimeError
    assert (kept / "file").is_file()


def test_resume_takes_saved_settings(tmp_path):
    cfg = train_config({"epochs": 5, "lr": 0.1}, {"epochs": 7, "lr": None, "quiet": True, "unknown": 1})
    assert (cfg.epochs, cfg.lr, cfg.quiet) == (7, 0.1, True)
    first = start_run("toy", ToySettings, ToySettings(hidden=3), cfg, project=tmp_path)
    with open_run(first, source="x.csv") as run_dir:
        pass
    saved = read_yaml(run_dir / "config.yaml")
    assert saved["lab"] == "toy" and saved["source"] == "x.csv" and saved["settings"]["hidden"] == 3
    again = start_run("toy", ToySettings, ToySettings(hidden=99), TrainConfig(device="cpu"), resume=run_dir)
    assert again.resumed and again.settings.hidden == 3 and again.cfg.epochs == 7
    assert again.run_dir == run_dir and again.cfg.quiet is False  # this call's --quiet, the run's epochs


def test_resume_of_another_lab_refused(tmp_path):
    start = start_run("toy", ToySettings, None, TrainConfig(device="cpu"), project=tmp_path)
    with open_run(start):
        pass
    with pytest.raises(AprendeError) as exc:
        start_run("other", ToySettings, resume=start.run_dir)
    assert exc.value.key == "run.wrong_lab"


def test_check_runs_before_any_folder(tmp_path):
    def check(s):
        raise AprendeError("run.bad_name", name="x")

    with pytest.raises(AprendeError):
        start_run("toy", ToySettings, None, TrainConfig(device="cpu"), project=tmp_path, check=check)
    assert not (tmp_path / "toy").exists() or not any((tmp_path / "toy").iterdir())


def test_settings_from_cli_keeps_dataclass_defaults():
    s = settings_from(ToySettings, {"hidden": None, "layers": [4], "quiet": True})
    assert s.hidden == 8 and s.layers == [4]
    assert default_of(ToySettings, "layers") == [1, 2]


def test_load_model_round_trip(tmp_path):
    start = start_run("toy", ToySettings, None, TrainConfig(device="cpu"), project=tmp_path)
    with open_run(start) as run_dir:
        net = torch.nn.Linear(3, 2)
        save_weights(run_dir / "weights" / "best.safetensors", net.state_dict())
        write_json(run_dir / "model.json", {"inputs": 3, "outputs": 2})
    folder = model_folder("toy", run_dir)
    model, config = load_model(folder, lambda c: torch.nn.Linear(c["inputs"], c["outputs"]))
    assert config == {"inputs": 3, "outputs": 2} and not model.training
    assert torch.equal(model.weight, net.weight)
    with pytest.raises(AprendeError) as exc:
        load_model(folder, lambda c: torch.nn.Linear(c["missing"], 1))
    assert exc.value.key == "run.bad_file"
    with pytest.raises(AprendeError) as exc:
        model_folder("other", run_dir)
    assert exc.value.key == "run.wrong_lab"


def test_a_failed_command_leaves_no_empty_parents(tmp_path):
    project = tmp_path / "mine"
    with pytest.raises(RuntimeError):
        with fresh_run(new_run_dir("toy", None, project)):
            raise RuntimeError
    assert not project.exists()
    (tmp_path / "kept" / "toy").mkdir(parents=True)
    with pytest.raises(RuntimeError):
        with fresh_run(new_run_dir("toy", "a", tmp_path / "kept")):
            raise RuntimeError
    assert (tmp_path / "kept" / "toy").is_dir()  # it was there before: kept
    with pytest.raises(AprendeError):
        new_run_dir("toy", "..", tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_other_bases(tmp_path):
    assert [new_run_dir("toy", None, tmp_path, base="predict").name for _ in range(2)] == ["predict", "predict2"]


def test_max_time_without_epochs_fills_the_budget():
    cfg = train_config({"epochs": 12, "max_time": 570}, {})
    assert cfg.epochs == 12  # the lab's own budget keeps its plan
    assert train_config({"epochs": 12}, {"max_time": 60}).epochs is None  # the user's budget: fill it
    assert train_config({"epochs": 12}, {"max_time": 60, "epochs": 3}).epochs == 3
