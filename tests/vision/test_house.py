"""The command grammar (--json, --quiet, --project/--name), the one loader, defaults written once, no shadowed
modules, clean-up on failure, and the folder reader under fuzzing."""

from __future__ import annotations

import importlib
import json
import os
import shutil
from pathlib import Path
from types import ModuleType

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from aprende.cli import main
from aprende.core.errors import AprendeError
from tests.helpers import refuses
from tests.vision.builders import make_folder

FUZZ = int(os.environ.get("APRENDE_FUZZ", 25))


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """A one-epoch `fast` run on a small folder of drawn shapes (seconds)."""
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    root = make_folder(tmp_path_factory.mktemp("data") / "formas", per_class=12)
    res = train_classifier(root, settings=ClassifySettings(widths=[4, 8], hidden=8),
                           cfg=default_train_config("fast", epochs=1, batch_size=16, quiet=True),
                           project=tmp_path_factory.mktemp("runs"))
    return root, res.run_dir


def test_package_binds_no_name_over_a_submodule():
    import aprende.vision as vision

    for path in sorted(Path(vision.__file__).parent.glob("*.py")):
        if path.stem == "__init__":
            continue
        module = importlib.import_module(f"aprende.vision.{path.stem}")
        assert isinstance(module, ModuleType)
        assert getattr(vision, path.stem) is module, f"aprende.vision binds {path.stem!r} over its module"


def test_train_options_leave_the_defaults_to_the_settings():
    from dataclasses import fields

    from aprende.vision.cli import classify_group
    from aprende.vision.train import ClassifySettings

    names = {f.name for f in fields(ClassifySettings)}
    params = {p.name: p for p in classify_group().commands["train"].params}
    assert {"model", "widths", "depth", "hidden", "img_size", "label_smoothing", "shift", "flips"} <= set(params)
    for name in names & set(params):
        assert params[name].default is None, f"--{name} repeats the ClassifySettings default"


def test_article_model_keeps_the_articles_plain_loss():
    from aprende.vision.train import ClassifySettings

    assert ClassifySettings(model="article").smoothing() == 0.0
    assert ClassifySettings().smoothing() == 0.1 and ClassifySettings().smoothing(60_000) == 0.1  # Fashion-MNIST
    assert ClassifySettings().smoothing(2_600) == 0.2  # a few thousand photos
    assert ClassifySettings(model="article", label_smoothing=0.2).smoothing() == 0.2


def test_every_command_has_quiet_and_json():
    from aprende.vision.cli import classify_group, cnn_group

    for group in (classify_group(), cnn_group()):
        for name, cmd in group.commands.items():
            opts = {o for p in cmd.params if isinstance(p, click.Option) for o in p.opts}
            assert {"--quiet", "--json"} <= opts, f"{group.name} {name}"
            assert "--out" not in opts or (group.name, name) == ("classify", "predict")  # predict --out is a file


def test_one_loader_for_a_run(tiny_run):
    from aprende.vision.run import Classifier, load_classifier

    root, run = tiny_run
    clf = load_classifier(run)
    assert isinstance(clf, Classifier) and clf.run_dir == Path(run)
    assert clf.classes == ["círculo", "cuadrado", "línea horizontal"]
    image = next((root / "cuadrado").glob("*.png"))
    top = clf.classify(image.read_bytes(), k=2, name=image.name)
    assert len(top) == 2 and {c for c, _ in top} <= set(clf.classes)
    assert abs(sum(p for _, p in clf.classify(image, k=3)) - 1) < 1e-4


def test_predict_json_gives_results_per_image(tiny_run, capsys):
    root, run = tiny_run
    main(["classify", "predict", str(root / "círculo"), "--run", str(run), "--top-k", "2", "--json"])
    out = json.loads(capsys.readouterr().out)  # one JSON object on stdout, nothing else
    assert out["run"] == str(run) and len(out["results"]) == 12
    first = out["results"][0]
    assert first["file"].endswith(".png") and len(first["top"]) == 2
    assert set(first["top"][0]) == {"class", "probability"}


def test_explain_and_demo_json_with_project_and_name(tiny_run, tmp_path, capsys):
    root, run = tiny_run
    image = str(next((root / "cuadrado").glob("*.png")))
    main(["cnn", "explain", image, "--run", str(run), "--project", str(tmp_path / "p"), "--name", "mira", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"] == str(tmp_path / "p" / "cnn" / "mira")
    assert Path(out["results"][0]["page"]).is_file() and len(out["results"][0]["top"]) == 3
    main(["cnn", "demo", image, "--size", "24", "--project", str(tmp_path / "p"), "--name", "a-mano", "--json",
          "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"] == str(tmp_path / "p" / "cnn" / "a-mano")
    assert out["results"][0]["shapes"]["pool"] == [12, 12]
    page = sorted((tmp_path / "p" / "cnn" / "mira").rglob("*"))
    # the name is taken: a clear error, nothing overwritten
    refuses(capsys, ["cnn", "explain", image, "--run", run, "--project", tmp_path / "p", "--name", "mira"], "mira",
            quiet_out=True)
    assert sorted((tmp_path / "p" / "cnn" / "mira").rglob("*")) == page


def test_a_failed_explanation_leaves_no_folder(tiny_run, tmp_path, monkeypatch):
    from aprende.vision import explain

    root, run = tiny_run

    def broken(*args, **kwargs):
        raise RuntimeError("stopped half-way")

    monkeypatch.setattr(explain, "grad_cam", broken)
    with pytest.raises(RuntimeError):
        explain.explain_image(next((root / "cuadrado").glob("*.png")), run, project=tmp_path / "p")
    cnn = tmp_path / "p" / "cnn"  # core may remove the empty parents it made, too
    assert not cnn.exists() or list(cnn.iterdir()) == []


def test_predict_refuses_a_format_outside_the_allow_list(tiny_run, tmp_path, capsys):
    _, run = tiny_run
    Image.new("L", (24, 24)).save(tmp_path / "foto.ppm")
    refuses(capsys, ["classify", "predict", tmp_path / "foto.ppm", "--run", run],
            "foto.ppm no es una imagen en un formato admitido", empty=tmp_path / "runs", quiet_out=True)


def test_a_damaged_split_file_is_a_clear_error(tiny_run, tmp_path, capsys):
    _, run = tiny_run
    copy = tmp_path / "copia"
    shutil.copytree(run, copy)
    (copy / "splits" / "test.txt").write_text("sin tabulador\n", encoding="utf-8")
    refuses(capsys, ["classify", "evaluate", "--run", copy, "--quiet"], str(copy / "splits" / "test.txt"),
            empty=copy / "evaluate", quiet_out=True)


def test_another_labs_run_is_refused(tiny_run, tmp_path, capsys):
    root, run = tiny_run
    copy = tmp_path / "otra"
    shutil.copytree(run, copy)
    text = (copy / "config.yaml").read_text(encoding="utf-8").replace("lab: classify", "lab: detect")
    (copy / "config.yaml").write_text(text, encoding="utf-8")
    refuses(capsys, ["classify", "predict", next(root.rglob("*.png")), "--run", copy], ("otra", "detect"),
            empty=tmp_path / "runs", quiet_out=True)


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("seed") / "formas", per_class=10, modes=("L", "RGB", "P"))


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(which=st.integers(0, 29), cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), min_size=1,
                                                  max_size=8), truncate=st.integers(0, 1000))
def test_folder_reader_under_mutated_images(seed_folder, tmp_path_factory, which, cuts, truncate):
    """One image of a valid folder damaged at random: the reader loads the folder or gives our error."""
    from aprende.vision.data import load_folder

    folder = tmp_path_factory.mktemp("fuzz") / "formas"
    shutil.copytree(seed_folder, folder)
    victim = sorted(folder.rglob("*.png"))[which]
    data = bytearray(victim.read_bytes())
    for i, byte in cuts:
        if i < len(data):
            data[i] = byte
    victim.write_bytes(bytes(data[: max(1, len(data) - truncate)]))
    try:
        d = load_folder(folder)
    except AprendeError as exc:
        assert exc.key.startswith(("image.", "vision.")), exc.key
        return
    assert len(d.y) == 30 and d.x.dtype.__str__() == "torch.uint8"


def test_evaluating_the_shipped_model_writes_nothing_into_the_package(tmp_path, monkeypatch):
    """`classify evaluate` without --run scores the shipped model; its plots go to runs/, not into the package."""
    from aprende.vision.evaluate import evaluate_run
    from aprende.weights import ROOT

    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "classify").rglob("*") if p.is_file()}
    from aprende.vision.run import load_classifier

    clf = load_classifier(None)
    import torch

    from aprende.vision.data import ImageData  # noqa: F401 (the shape of what evaluate_run takes)

    classes = clf.config["classes"]
    x = torch.zeros(4, clf.config["channels"], *clf.config["size"], dtype=torch.uint8)
    data = type("D", (), {"part": lambda self, name: (x, torch.zeros(4, dtype=torch.long))})()
    result = evaluate_run(None, data=data)
    assert len(classes) > 1 and (tmp_path / "runs" / "classify" / "evaluate" / "metrics.json").is_file()
    after = {p: p.stat().st_mtime_ns for p in (ROOT / "classify").rglob("*") if p.is_file()}
    assert before == after and result.metrics["accuracy"] >= 0
