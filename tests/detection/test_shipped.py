"""Without --run, predict and evaluate use the shipped detector: a folder with only best.safetensors, model.json,
config.yaml and metrics.json, which they never write into."""

from __future__ import annotations

import json
import shutil

from aprende.cli import main
from aprende.weights import ROOT as WEIGHTS
from tests.detection.builders import fake_run, voc_folder
from tests.helpers import refuses

SHIPPED = WEIGHTS / "detect"  # read before any test points aprende.weights.ROOT elsewhere


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_shipped_detector_predicts_and_evaluates(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("aprende.weights.ROOT", tmp_path / "shipped")
    monkeypatch.setattr("aprende.detection.evaluate.HELDOUT_IMAGES", 12)  # 200 by default
    data = voc_folder(tmp_path / "lego", 2)
    # nothing shipped yet: a clear error that says how to get a model
    refuses(capsys, ["detect", "predict", "--source", data / "images"], ("«detect»", "aprende detect train", "--run"),
            empty=tmp_path / "runs", quiet_out=True)
    shipped = tmp_path / "shipped" / "detect"
    shutil.copytree(SHIPPED, shipped)  # the real shipped detector, where the package would find it
    before = _files(shipped)
    main(["detect", "predict", "--source", str(data / "images"), "--conf", "0.1", "--quiet"])
    assert len(json.loads((tmp_path / "runs" / "detect" / "predict" / "detections.json").read_text())) == 2
    main(["detect", "evaluate", "--json", "--quiet"])  # no split kept: fresh lego scenes no training has seen
    out = json.loads(capsys.readouterr().out)
    assert tmp_path / out["run"] == tmp_path / "runs" / "detect" / "evaluate"
    # it finds the pieces (0.92 on 200 scenes when trained, 0.98 on these 12); an untrained network scores about 0
    assert out["metrics"]["map50"] > 0.6, out["metrics"]
    assert (tmp_path / "runs" / "detect" / "evaluate" / "pr_curve.png").is_file()
    main(["detect", "evaluate", "--data", str(data), "--json", "--quiet"])
    assert tmp_path / json.loads(capsys.readouterr().out)["run"] == tmp_path / "runs" / "detect" / "evaluate2"
    assert _files(shipped) == before  # the installed package is never written into


def test_run_folder_without_split_or_results(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("aprende.detection.evaluate.HELDOUT_IMAGES", 12)
    run = fake_run(tmp_path / "mio")
    main(["detect", "evaluate", "--run", str(run), "--json", "--quiet"])
    assert json.loads(capsys.readouterr().out)["run"] == str(run)
    assert (run / "evaluate" / "metrics.json").is_file()
    (run / "model.json").write_text(json.dumps({**json.loads((run / "model.json").read_text()), "classes": ["a"]}))
    refuses(capsys, ["detect", "evaluate", "--run", run], "--data", quiet_out=True)
