"""Published ImageNet networks brought in offline: random torchvision models saved as .pth and safetensors."""

from __future__ import annotations

import json
import re
import urllib.error

import numpy as np
import pytest
import torch
import torchvision
from PIL import Image
from safetensors.torch import save_file

from aprende.cli import main
from aprende.core.errors import AprendeError
from aprende.vision import pretrained
from aprende.vision.explain import cam_map, explain_image
from aprende.vision.model import prepare
from aprende.vision.run import load_classifier
from tests.helpers import refuses


def _net(arch: str, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    net = getattr(torchvision.models, arch)(weights=None).eval()
    with torch.no_grad():  # BatchNorm statistics that are not the defaults, so a missed buffer shows
        for m in net.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
    return net


def _photo(path, size=(80, 96), seed=0):
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, (*size, 3), dtype=np.uint8)).save(path)
    return path


@pytest.mark.parametrize("arch,suffix", [("mobilenet_v3_small", ".pth"), ("resnet18", ".safetensors")])
def test_imported_logits_are_torchvision_s(tmp_path, arch, suffix):
    net = _net(arch)
    file = tmp_path / f"w{suffix}"
    if suffix == ".pth":
        torch.save(net.state_dict(), file)
    else:
        save_file({k: v.contiguous() for k, v in net.state_dict().items()}, str(file))
    result = pretrained.import_pretrained(file, arch, project=tmp_path / "runs")
    clf = load_classifier(result.run_dir)
    raw = torch.randint(0, 256, (2, 3, 64, 64), dtype=torch.uint8)
    x = prepare(raw, pretrained.IMAGENET_MEAN, pretrained.IMAGENET_STD)
    with torch.no_grad():
        assert torch.allclose(clf.logits(raw), net(x), atol=1e-5, rtol=0)
    info = json.loads((result.run_dir / "model.json").read_text())
    assert len(info["classes"]) == 1000 and info["classes"][0] == "tench"
    assert info["sha256"] == result.sha256 and "BSD-3" in info["licence"] and info["mean"][0] == 0.485


def test_a_pth_with_an_object_that_is_not_a_tensor_is_refused(tmp_path):
    file = tmp_path / "evil.pth"
    torch.save({"conv1.weight": torch.zeros(1), "x": np.dtype("float32")}, file)  # an object, no tensor
    with pytest.raises(AprendeError) as exc:
        pretrained.import_pretrained(file, "resnet18", project=tmp_path / "runs")
    assert exc.value.key == "vision.pretrained.not_tensors" and str(file) in exc.value.message()
    plain = tmp_path / "list.pth"
    torch.save({"conv1.weight": torch.zeros(1), "n": [1, 2]}, plain)  # loads, but a list is no weight
    with pytest.raises(AprendeError) as exc:
        pretrained.import_pretrained(plain, "resnet18", project=tmp_path / "runs")
    assert exc.value.key == "vision.pretrained.not_tensors"
    assert not (tmp_path / "runs").exists()


def test_another_architecture_s_file_and_an_unknown_arch_exit_2(tmp_path, capsys):
    file = tmp_path / "m.pth"
    torch.save(_net("mobilenet_v3_small").state_dict(), file)
    for arch, words in (("resnet18", "is not a resnet18 state dict"), ("vgg16", "efficientnet_b0")):
        err = refuses(capsys, ["weights", "import", file, "--arch", arch, "--project", tmp_path / "runs", "--lang",
                               "en"], empty=tmp_path / "runs", quiet_out=True)
        assert words in err.replace("\n", "")


def test_weights_get_fails_cleanly_offline(tmp_path, monkeypatch, capsys):
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr("torch.hub.download_url_to_file", no_network)
    monkeypatch.setenv("APRENDE_CACHE", str(tmp_path / "cache"))
    err = refuses(capsys, ["weights", "get", "mobilenet_v3_small", "--project", tmp_path / "runs", "--lang", "en"],
                  empty=tmp_path / "runs", quiet_out=True).replace("\n", "")
    assert "mobilenet_v3_small-047dcff4.pth" in err and "weights import" in err
    downloads = tmp_path / "cache" / "torchvision"
    assert not downloads.exists() or not any(downloads.iterdir())


def test_predict_gives_five_imagenet_classes(tmp_path, capsys):
    file = tmp_path / "m.pth"
    torch.save(_net("mobilenet_v3_small").state_dict(), file)
    run = pretrained.import_pretrained(file, "mobilenet_v3_small", project=tmp_path / "runs").run_dir
    main(["classify", "predict", "--run", str(run), str(_photo(tmp_path / "gato.png")), "--json"])
    top = json.loads(capsys.readouterr().out)["results"][0]["top"]
    assert len(top) == 5 and all(t["class"] in pretrained.weight_enum("resnet18").meta["categories"] for t in top)


def test_explain_an_imported_run_grad_cam_at_the_last_stage(tmp_path):
    file = tmp_path / "m.pth"
    torch.save(_net("mobilenet_v3_small").state_dict(), file)
    run = pretrained.import_pretrained(file, "mobilenet_v3_small", project=tmp_path / "runs").run_dir
    clf = load_classifier(run)
    result = explain_image(_photo(tmp_path / "gato.png"), clf, tmp_path / "out", "x")
    assert result.page.is_file() and result.figures["kernels"].is_file() and result.figures["gradcam"].is_file()
    stages = [k for k in result.figures if k.startswith("stage")]
    assert len(stages) == len(clf.model.features)  # every depth shown
    x = prepare(torch.randint(0, 256, (1, 3, 224, 224), dtype=torch.uint8), clf.config["mean"], clf.config["std"])
    assert cam_map(clf.model, x, 0).shape[2:] == clf.model.features(x).shape[2:] == (7, 7)


def test_serve_answers_with_an_imported_run(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from aprende.serve import create_app

    file = tmp_path / "m.pth"
    torch.save(_net("mobilenet_v3_small").state_dict(), file)
    run = pretrained.import_pretrained(file, "mobilenet_v3_small", project=tmp_path / "runs").run_dir
    photo = _photo(tmp_path / "gato.png").read_bytes()
    with TestClient(create_app({"classify": str(run)}), base_url="http://localhost") as client:
        r = client.post("/api/v1/classify?top_k=5", files={"file": ("gato.png", photo, "image/png")})
    assert r.status_code == 200, r.text
    names = [c["label"] for c in r.json()["top"]]
    assert len(names) == 5 and set(names) <= set(pretrained.weight_enum("resnet18").meta["categories"])


def test_predict_prints_its_top_five_in_the_reader_s_decimals(tmp_path, capsys):
    file = tmp_path / "m.pth"
    torch.save(_net("mobilenet_v3_small").state_dict(), file)
    run = pretrained.import_pretrained(file, "mobilenet_v3_small", project=tmp_path / "runs").run_dir
    photo = str(_photo(tmp_path / "gato.png"))
    main(["classify", "predict", "--run", str(run), photo])
    line = capsys.readouterr().out.strip()
    assert len(re.findall(r" \d+,\d\s%", line)) == 5, line  # «tabby 0,1 %», not «tabby 0.1%»
    main(["classify", "predict", "--run", str(run), photo, "--lang", "en"])
    assert len(re.findall(r" \d+\.\d%", capsys.readouterr().out)) == 5
