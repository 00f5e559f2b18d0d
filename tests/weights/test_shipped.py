"""The shipped models load from the installed package and give sensible answers without any --run."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aprende.weights import SHIPPED, available, is_shipped, resolve_run


def need(name: str) -> None:
    if not is_shipped(name):
        pytest.skip(f"the shipped model '{name}' has not been trained into src/aprende/weights yet")


def test_list_json_matches_the_folders(cli):
    proc = cli("weights", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)  # {"run": null, "results": [one object per shipped model]}
    assert out["run"] is None
    listed = {m["name"]: m for m in out["results"]}
    assert set(listed) == set(available())
    total = sum(m["bytes"] for m in listed.values())
    assert total <= 25e6, f"shipped weights take {total / 1e6:.1f} MB (limit 25)"
    for m in listed.values():
        assert m["trained_with"].startswith("scripts/train_shipped.py")


def test_unknown_or_missing_model_is_a_clear_error(monkeypatch, tmp_path):
    from aprende import weights
    from aprende.core.errors import AprendeError

    assert resolve_run("gpt", tmp_path) == tmp_path  # a --run always wins
    monkeypatch.setattr(weights, "ROOT", tmp_path)
    with pytest.raises(AprendeError) as e:
        resolve_run("gpt")
    assert "aprende gpt train" in e.value.message()
    with pytest.raises(AprendeError):
        resolve_run("nada")


def test_classify_shipped_recognises_fashion(tmp_path):
    need("classify")
    from PIL import Image

    from aprende.datasets import available_source
    from aprende.vision import load_fashion_data, predict_images

    if available_source("fashion-mnist") is None:
        pytest.skip("Fashion-MNIST is not on this machine")
    data = load_fashion_data()
    x, y = data.part("test")
    folder = tmp_path / "imgs"
    folder.mkdir()
    for i in range(100):
        Image.fromarray(x[i, 0].numpy()).save(folder / f"{i:03d}.png")
    preds = predict_images(folder, None, top_k=1, out=tmp_path / "p.csv")  # the shipped model
    accuracy = np.mean([p.top[0][0] == data.classes[int(y[i])] for i, p in enumerate(preds)])
    assert accuracy >= 0.85, accuracy


def test_detect_shipped_finds_the_bricks(tmp_path):
    need("detect")
    from aprende.datasets.lego import write_lego
    from aprende.detection import load_detection, predict_objects
    from aprende.detection.metrics import evaluate_detections

    folder = write_lego(tmp_path / "lego", n_images=12, seed=1234)  # scenes it never saw
    data = load_detection(folder)
    res = predict_objects(None, folder / "images", conf=0.05, project=tmp_path / "out")
    by_file = {d["file"].split("/")[-1]: d["detections"] for d in res.detections}
    preds, targets = [], []
    for s in data.samples:
        dets = by_file[s.image.name]
        preds.append((np.array([d["box"] for d in dets]).reshape(-1, 4), np.array([d["score"] for d in dets]),
                      np.array([data.classes.index(d["class"]) for d in dets])))
        targets.append((np.asarray(s.boxes), np.asarray(s.labels)))
    m = evaluate_detections(preds, targets, len(data.classes))
    assert m.map50 >= 0.7, m.map50


def test_gpt_and_bert_shipped_answer(cli):
    need("gpt")
    need("bert")
    proc = cli("gpt", "generate", "La vida es", "--max-new-tokens", "20", "--seed", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("La vida es") and len(proc.stdout.split()) > 5
    proc = cli("bert", "fill", "El que busca [MASK] .", "--top-k", "5")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines() if "\t" in line]
    probs = [float(r[2]) for r in rows]
    assert len(rows) == 5 and probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0001


def test_translate_shipped_translates(cli):
    need("translate")
    proc = cli("translate", "run", "En el principio creó Dios los cielos y la tierra.")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.lower()
    assert "god" in out and ("heaven" in out or "earth" in out), out


def test_every_name_has_a_training_command():
    assert set(SHIPPED) == {"classify", "detect", "translate", "gpt", "bert"}


def test_list_quiet_keeps_the_table(cli):
    proc = cli("weights", "list", "--quiet")
    assert proc.returncode == 0 and proc.stdout == ""
    assert all(name in proc.stderr for name in available())
