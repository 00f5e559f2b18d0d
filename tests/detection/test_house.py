"""The lab's house rules: each default written once (in settings.py), no package name hiding a module, one box
decoder, counts that read right when they are 1, and `predict --json` answering per image."""

from __future__ import annotations

import importlib
import json
import pkgutil
from dataclasses import fields

import click
import pytest
import torch

import aprende.detection as lab
from aprende.cli import main
from aprende.core.errors import AprendeError
from aprende.core.i18n import localize
from aprende.detection.cli import group
from aprende.detection.settings import TRAIN_DEFAULTS, AnchorSettings, DetectSettings, PredictSettings
from tests.detection.builders import fake_run, voc_folder
from tests.helpers import refuses


def test_no_option_repeats_a_settings_default():
    names = {f.name for cls in (DetectSettings, AnchorSettings, PredictSettings) for f in fields(cls)}
    names |= {"size"}  # --model
    for command in group().commands.values():
        for p in command.params:
            if isinstance(p, click.Option) and p.name in names:
                assert p.default is None, (command.name, p.name, p.default)


def test_defaults_come_from_the_dataclasses(monkeypatch):
    """`detect train` with no options trains with DetectSettings() (a stand-in trainer records what it got)."""
    seen = []

    def stand_in(data, dataset, fmt, settings, cfg, *rest):
        seen.append((settings, cfg))
        raise SystemExit(0)

    monkeypatch.setattr("aprende.detection.train.train_detector", stand_in)  # the command imports it on use
    with pytest.raises(SystemExit):
        main(["detect", "train", "--quiet"])
    assert seen[0][0] == DetectSettings() and seen[0][1].epochs is None and seen[0][1].monitor == "map50"
    assert seen[0][1].auto_steps == TRAIN_DEFAULTS["auto_steps"]  # epochs follow the data size (or --max-time)
    with pytest.raises(SystemExit):
        main(["detect", "train", "--img-size", "416", "--model", "small", "--quiet"])
    assert seen[1][0] == DetectSettings(img_size=416, size="small")


def test_the_size_check_lives_in_the_settings():
    for bad in (0, 31, 100, 330):
        with pytest.raises(AprendeError) as exc:
            DetectSettings(img_size=bad).check()
        assert exc.value.key == "detect.bad_size"
        with pytest.raises(AprendeError):
            AnchorSettings(img_size=bad).check()
    with pytest.raises(AprendeError):
        DetectSettings(size="huge").check()
    with pytest.raises(AprendeError):
        PredictSettings(conf=float("nan")).check()


def test_package_names_do_not_hide_modules():
    for info in pkgutil.iter_modules(lab.__path__):
        module = importlib.import_module(f"aprende.detection.{info.name}")
        assert vars(lab).get(info.name, module) is module, f"aprende.detection.{info.name} is hidden by a name"


def test_loss_boxes_are_the_decoder_boxes(monkeypatch):
    """The CIoU term goes through model.decode: replacing the decoder changes the loss."""
    from aprende.detection import loss, model

    assert loss.decode is model.decode
    anchors = torch.tensor([[20.0, 16.0], [40.0, 40.0]])
    out = torch.randn(1, 2, 3, 3, 7)
    targets = torch.tensor([[[0, 10, 12, 40, 30]]], dtype=torch.float32)
    only_box = loss.LossScales(coord=0, obj=0, noobj=0, cls=0, box=1)
    assert loss.yolo_loss(out, targets, anchors, 32, only_box) > 0.1  # random outputs: poor boxes
    truth = targets[0, :, 1:]  # (1, 4): the ground truth, x1 y1 x2 y2
    monkeypatch.setattr(loss, "decode", lambda t, *a: truth.expand(len(t), 4))  # a decoder that is always right
    assert loss.yolo_loss(out, targets, anchors, 32, only_box).abs() < 1e-6


@pytest.mark.parametrize("lang", ["es", "en"])
def test_counts_of_one_read_right(lang):
    one = localize(lang, "detect.predict.done", images=1, boxes=1, fps=1.0, runtime="pytorch", path="p")
    many = localize(lang, "detect.predict.done", images=2, boxes=3, fps=1.0, runtime="pytorch", path="p")
    assert ("1 imagen, 1 objeto," if lang == "es" else "1 image, 1 object,") in one
    assert ("2 imágenes, 3 objetos," if lang == "es" else "2 images, 3 objects,") in many
    frames = localize(lang, "detect.video.done", frames=1, boxes=1, fps=1.0, net_fps=1.0, runtime="x", path="p")
    assert ("1 fotograma, 1 objeto," if lang == "es" else "1 frame, 1 object,") in frames
    summary = localize(lang, "detect.data_summary", path="d", n=1, boxes=1, k=1, train=1, val=1)
    assert ("1 imagen, 1 caja, 1 clase" if lang == "es" else "1 image, 1 box, 1 class") in summary


def test_predict_json_answers_per_image(tmp_path, capsys):
    run = fake_run(tmp_path / "run")
    data = voc_folder(tmp_path / "lego", 2)
    main(["detect", "predict", "--run", str(run), "--source", str(data / "images"), "--conf", "0.1", "--json",
          "--project", str(tmp_path / "out"), "--name", "mias"])
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["run"] == str(tmp_path / "out" / "detect" / "mias") and len(out["results"]) == 2
    for rec in out["results"]:
        assert rec["file"].endswith(".jpg")
        for det in rec["detections"]:
            assert set(det) == {"class", "score", "box"} and len(det["box"]) == 4
    saved = json.loads((tmp_path / "out" / "detect" / "mias" / "detections.json").read_text())
    assert saved == out["results"]
    # the name is taken: a clear error, nothing overwritten
    refuses(capsys, ["detect", "predict", "--run", run, "--source", data / "images", "--quiet",
                     "--project", tmp_path / "out", "--name", "mias"], "mias", quiet_out=True)
    assert json.loads((tmp_path / "out" / "detect" / "mias" / "detections.json").read_text()) == saved


def test_evaluate_with_a_name_writes_its_own_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("aprende.detection.evaluate.HELDOUT_IMAGES", 6)
    run = fake_run(tmp_path / "mio")
    main(["detect", "evaluate", "--run", str(run), "--project", str(tmp_path / "out"), "--name", "prueba", "--json",
          "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"] == str(tmp_path / "out" / "detect" / "prueba")
    assert (tmp_path / "out" / "detect" / "prueba" / "metrics.json").is_file() and not (run / "evaluate").exists()
