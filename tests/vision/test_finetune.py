"""`classify train --init`: fine-tuning an imported (random-weights) torchvision network on a tiny folder."""

from __future__ import annotations

import csv
import json
import re

import pytest
import torch
import torchvision

from aprende.core.device import seed_everything
from aprende.core.runs import read_yaml, write_yaml
from aprende.vision.finetune import finetune_train_config, set_frozen
from aprende.vision.model import normalize
from aprende.vision.pretrained import IMAGENET_MEAN, IMAGENET_STD, Pretrained, import_pretrained, replace_head
from aprende.vision.run import dataset_for_run, load_classifier
from aprende.vision.train import ClassifySettings, train_classifier
from tests.helpers import refuses
from tests.vision.builders import make_folder


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("ft")
    torch.manual_seed(0)
    net = torchvision.models.resnet18(weights=None)
    torch.save(net.state_dict(), root / "r.pth")
    run = import_pretrained(root / "r.pth", "resnet18", project=root / "runs").run_dir
    return root, run, make_folder(root / "formas", per_class=12)


def _rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def _cfg(**kw):
    return finetune_train_config(precision="fp32", ema=False, quiet=True, **kw)


def test_one_step_has_plain_pytorch_s_loss(imported, tmp_path):
    root, run, folder = imported
    settings = ClassifySettings(img_size=[32, 32], crops=False, label_smoothing=0.0, freeze=True)
    res = train_classifier(folder, settings=settings, cfg=_cfg(epochs=1, batch_size=10_000),
                           project=tmp_path, init=run)
    ours = float(_rows(res.run_dir / "results.csv")[0]["train_loss"])
    # plain PyTorch from the same start: the imported weights, a new head drawn from the same seed, backbone fixed
    model = Pretrained("resnet18")
    model.load_state_dict(load_classifier(run).model.state_dict())
    seed_everything(0)
    replace_head(model, 3)
    set_frozen(model, True)
    model.train()
    x, y = dataset_for_run(res.run_dir).part("train")
    loss = torch.nn.functional.cross_entropy(model(normalize(x.float() / 255, IMAGENET_MEAN, IMAGENET_STD)), y)
    assert ours == pytest.approx(loss.item(), abs=1e-4)
    assert res.classes == ["círculo", "cuadrado", "línea horizontal"]
    model_json = json.loads((res.run_dir / "model.json").read_text())
    assert model_json["classes"] == res.classes and model_json["arch"] == "resnet18"


def test_two_phases_then_resume_continues_exactly(imported, tmp_path):
    root, run, folder = imported
    settings = ClassifySettings(img_size=[32, 32])
    full = train_classifier(folder, settings=settings, cfg=_cfg(epochs=4, scheduler="none"), project=tmp_path,
                            name="full", init=run)
    assert (full.run_dir / "phase1" / "done").is_file() and len(_rows(full.run_dir / "results.csv")) == 3
    part = train_classifier(folder, settings=settings, cfg=_cfg(epochs=2, scheduler="none"), project=tmp_path,
                            name="part", init=run)
    config = read_yaml(part.run_dir / "config.yaml")
    config["train"]["epochs"] = 4
    write_yaml(part.run_dir / "config.yaml", config)
    resumed = train_classifier(resume=part.run_dir, cfg=_cfg())
    a, b = _rows(full.run_dir / "results.csv"), _rows(resumed.run_dir / "results.csv")
    assert [r["train_loss"] for r in a] == [r["train_loss"] for r in b]
    assert resumed.metrics["accuracy"] == full.metrics["accuracy"]


def test_init_that_is_not_an_imported_network_exits_2(imported, tmp_path, capsys):
    root, run, folder = imported
    ours = train_classifier(folder, settings=ClassifySettings(), cfg=finetune_train_config(epochs=1, quiet=True),
                            project=tmp_path, name="ours")  # a run of our own CNN
    err = refuses(capsys, ["classify", "train", "--init", ours.run_dir, "--data", folder, "--project", tmp_path / "new",
                           "--lang", "en"], empty=tmp_path / "new", quiet_out=True)
    assert "not an imported ImageNet network" in err.replace("\n", "")


def test_an_imported_run_without_init_says_how_to_fine_tune(imported, tmp_path, capsys):
    root, run, folder = imported
    for args in (["classify", "evaluate", "--run", str(run), "--data", str(folder)],
                 ["classify", "train", "--resume", str(run)]):
        err = refuses(capsys, [*args, "--lang", "en"], quiet_out=True).replace("\n", "")
        assert f"--init {run}" in err and "tench" not in err


def test_auto_precision_on_a_bf16_cpu_times_a_step_and_the_run_keeps_the_choice(imported, tmp_path, monkeypatch,
                                                                                   capsys):
    import aprende.vision.finetune as ft

    root, run, folder = imported
    seen = []

    def fake(step):
        step(None)  # the trial step runs on the real network, fp32
        seen.append(True)
        return "bf16", {"fp32": 0.5, "bf16": 0.25}

    monkeypatch.setattr(ft, "cpu_has_bf16", lambda: True)
    monkeypatch.setattr(ft, "faster_precision", fake)
    settings = ClassifySettings(img_size=[32, 32], crops=False, freeze=True)
    cfg = finetune_train_config(ema=False, epochs=1)
    res = train_classifier(folder, settings=settings, cfg=cfg, project=tmp_path, init=run)
    assert seen and read_yaml(res.run_dir / "config.yaml")["train"]["precision"] == "bf16"
    err = capsys.readouterr().err
    assert "bf16 (un paso de prueba tardó 0,50 s en fp32 y 0,25 s en bf16)" in err
    assert re.search(r"val_loss=\d+,\d", err)  # the bar's metrics with the reader's decimal comma
    monkeypatch.setattr(ft, "cpu_has_bf16", lambda: False)  # a CPU without it: "auto" stays fp32, nothing timed
    seen.clear()
    res = train_classifier(folder, settings=settings, cfg=cfg, project=tmp_path, init=run)
    assert not seen and read_yaml(res.run_dir / "config.yaml")["train"]["precision"] == "auto"
