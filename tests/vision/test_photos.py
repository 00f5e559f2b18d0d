"""Small photo folders: the plan that fits the data, photo augmentation, mirrored test answers, --test-data and the
split options, as a user with a few hundred photos meets them."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from aprende.cli import main
from aprende.core.trainer import plan_epochs
from aprende.vision.augment import color_jitter, mix, random_resized_crop
from tests.helpers import refuses
from tests.vision.builders import make_folder


def test_the_plan_fits_the_data():
    """Fashion-MNIST keeps about its dozen epochs; a few hundred photos get hundreds of passes in smaller batches."""
    from aprende.vision.train import default_train_config, fit_to_data

    fashion = fit_to_data(default_train_config("fast"), 54_000)
    assert (fashion.batch_size, fashion.lr, fashion.ema) == (256, 0.3, False)  # EMA for small sets only
    assert plan_epochs(fashion, 54_000 // 256 + 1) == (12, "data")
    photos = fit_to_data(default_train_config("fast"), 300)
    assert photos.batch_size == 32 and photos.lr == pytest.approx(0.0375) and photos.ema
    assert not fit_to_data(default_train_config("fast", ema=False), 300).ema  # the user's --no-ema stays
    epochs, why = plan_epochs(photos, 10)
    assert why == "data" and epochs >= 200
    mine = fit_to_data(default_train_config("fast", batch_size=64, lr=0.1), 300)
    assert (mine.batch_size, mine.lr) == (64, 0.1)  # what the user gives stays
    timed = default_train_config("fast", max_time=60)
    assert plan_epochs(fit_to_data(timed, 300), 10)[1] == "clock"
    assert default_train_config("article").epochs == 6  # the article's model as the article had it


def test_crop_without_change_is_the_image_and_mirrors_exactly():
    x = torch.rand(3, 3, 8, 10)
    same = random_resized_crop(x, scale=(1.0, 1.0), degrees=0, flip=False, ratio=(1.0, 1.0))
    assert torch.allclose(same, x, atol=1e-5)
    torch.manual_seed(0)
    out = random_resized_crop(x, scale=(1.0, 1.0), degrees=0, flip=True, ratio=(1.0, 1.0))
    for a, b in zip(out, x):
        assert torch.allclose(a, b, atol=1e-5) or torch.allclose(a, b.flip(-1), atol=1e-5)


def test_crops_zoom_and_jitter_keeps_range():
    x = torch.zeros(64, 1, 16, 16)
    x[:, :, :, 8:] = 1.0  # left half dark, right half light
    out = random_resized_crop(x, scale=(0.1, 0.1), degrees=0, flip=False)
    assert out.shape == x.shape and (out.mean(dim=(1, 2, 3)) < 0.05).any() and (out.mean(dim=(1, 2, 3)) > 0.95).any()
    j = color_jitter(torch.rand(8, 3, 5, 5))
    assert j.shape == (8, 3, 5, 5) and j.min() >= 0 and j.max() <= 1


def test_cutmix_labels_share_the_pasted_area():
    torch.manual_seed(1)
    x = torch.zeros(4, 1, 10, 10)
    x[1] = 1.0
    y = torch.arange(4)
    for _ in range(5):
        mixed, ya, yb, lam = mix(x, y, "cutmix")
        assert (ya == y).all() and 0 <= lam <= 1
        for i in range(4):  # image i is itself outside the box, image yb[i] inside it
            inside = 1 - lam
            expect = (1 - inside) * float(i == 1) + inside * float(yb[i] == 1)
            assert float(mixed[i].mean()) == pytest.approx(expect, abs=1e-6)
    blend, _, _, lam = mix(x, y, "mixup")
    assert 0 <= lam <= 1 and blend.shape == x.shape


def test_test_time_flips_average_the_mirror():
    from aprende.vision.run import predict_logits

    class LeftRight(torch.nn.Module):  # says "left" when the left half is brighter
        def __init__(self):
            super().__init__()
            self.w = torch.nn.Parameter(torch.zeros(1))

        def forward(self, x):
            d = x[..., :4].mean(dim=(1, 2, 3)) - x[..., 4:].mean(dim=(1, 2, 3))
            return torch.stack([d, -d], 1)

    x = torch.zeros(2, 1, 8, 8, dtype=torch.uint8)
    x[:, :, :, :4] = 255
    cfg = {"mean": [0.0], "std": [1.0], "classes": ["left", "right"], "flips": True}
    plain = predict_logits(LeftRight(), x, {**cfg, "tta": False})
    mirrored = predict_logits(LeftRight(), x, {**cfg, "tta": True})
    assert plain[0, 0] > 0.9 and torch.allclose(mirrored, torch.zeros(2, 2))  # a mirror-symmetric answer
    assert torch.equal(predict_logits(LeftRight(), x, {**cfg, "tta": True, "flips": False}), plain)


@pytest.fixture(scope="module")
def test_data_run(tmp_path_factory):
    """Train on one folder and test on another: the run keeps the other folder's files as its test part."""
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    base = tmp_path_factory.mktemp("data")
    train = make_folder(base / "fotos", per_class=20, modes=("RGB",))
    test = make_folder(base / "prueba", per_class=6, modes=("RGB",), seed=7)
    res = train_classifier(train, settings=ClassifySettings(widths=[8, 16], hidden=16),
                           cfg=default_train_config("fast", epochs=3, quiet=True),
                           project=tmp_path_factory.mktemp("runs"), test_data=test)
    return train, test, res


def test_test_data_folder_is_the_test_and_the_rest_trains(test_data_run, capsys):
    train, test, res = test_data_run
    run = res.run_dir
    rows = [ln.split("\t") for ln in (run / "splits" / "test.txt").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 18 and all((test / f).is_file() for f, _ in rows)
    n_train = len((run / "splits" / "train.txt").read_text().splitlines())
    n_val = len((run / "splits" / "val.txt").read_text().splitlines())
    assert (n_train, n_val) == (54, 6)  # all 60 images of the training folder but a 10 % validation share
    assert sum(r["support"] for r in res.metrics["per_class"].values()) == 18
    main(["classify", "evaluate", "--run", str(run), "--json", "--quiet"])  # the saved test part, reloaded
    assert json.loads(capsys.readouterr().out)["metrics"]["accuracy"] == pytest.approx(res.metrics["accuracy"])
    model = json.loads((run / "model.json").read_text())
    assert model["tta"] is True and model["flips"] is True


def test_resume_keeps_the_test_folder(test_data_run, capsys):
    _, _, res = test_data_run
    main(["classify", "train", "--resume", str(res.run_dir), "--json", "--quiet"])
    out = json.loads(capsys.readouterr().out)
    assert out["metrics"]["accuracy"] == pytest.approx(res.metrics["accuracy"])


def test_a_run_saved_before_pool_first_resumes_with_its_own_network(tmp_path):
    """Its config.yaml has no `pool_first` and widths None: resumed, it is rebuilt with the old order and two stages
    (what its checkpoint holds), even on 32 px images that a new run gives three."""
    from aprende.core.runs import read_yaml, write_yaml
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    root = make_folder(tmp_path / "d", per_class=12)
    old = ClassifySettings(pool_first=False, widths=[32, 64], whiten=False)
    res = train_classifier(root, settings=old, cfg=default_train_config("fast", epochs=1, quiet=True),
                           project=tmp_path / "runs")
    config = read_yaml(res.run_dir / "config.yaml")
    del config["settings"]["pool_first"], config["settings"]["whiten"]
    config["settings"]["widths"] = None
    config["train"]["epochs"] = 2
    write_yaml(res.run_dir / "config.yaml", config)
    resumed = train_classifier(resume=res.run_dir, cfg=default_train_config("fast", quiet=True))
    model = json.loads((resumed.run_dir / "model.json").read_text())
    assert model["pool_first"] is False and model["widths"] == [32, 64] and model["whiten"] is False
    assert resumed.metrics["epochs"] == 2


@pytest.mark.parametrize("args, expected", [
    (["--val-split", "0"], "--val-split"),
    (["--test-split", "0.9"], "--test-split"),
    (["--val-split", "0.5", "--test-split", "0.5"], "0.9"),
])
def test_bad_splits_are_refused(tmp_path, capsys, args, expected):
    root = make_folder(tmp_path / "d", per_class=12)
    refuses(capsys, ["classify", "train", "--data", root, *args, "--project", tmp_path / "runs", "--quiet"], expected,
            empty=tmp_path / "runs")


def test_test_data_needs_data_and_known_classes(tmp_path, capsys):
    root = make_folder(tmp_path / "d", per_class=12)
    other = make_folder(tmp_path / "o", per_class=2, classes=("círculo", "estrella"))
    for args, expected in ((["--test-data", str(other)], "--data"),
                           (["--data", str(root), "--test-data", str(other)], "estrella")):
        refuses(capsys, ["classify", "train", *args, "--project", tmp_path / "runs", "--quiet"], expected,
                empty=tmp_path / "runs")


def test_the_output_says_the_plan_and_the_augmentation(tmp_path, capsys, monkeypatch):
    """No --epochs, no --max-time: the run says how many epochs and why, and which augmentation it uses."""
    from aprende.vision import train

    defaults = train.train_defaults
    monkeypatch.setattr(train, "train_defaults", lambda model=None: {**defaults(model), "auto_steps": 20})
    root = make_folder(tmp_path / "d", per_class=12, modes=("RGB",))
    main(["classify", "train", "--data", str(root), "--widths", "4", "--hidden", "4", "--model", "wide",
          "--project", str(tmp_path / "runs"), "--lang", "en", "--json"])
    captured = capsys.readouterr()
    assert "to take about 20 steps" in captured.err and "the less data, the more passes" in captured.err
    assert "crops yes" in captured.err and "mirrored test yes" in captured.err
    out = json.loads(captured.out)
    assert out["metrics"]["epochs"] == 20  # 25 training images, one batch of 32 each epoch
    assert np.isfinite(out["metrics"]["accuracy"])


def test_mixing_only_when_asked():
    from aprende.vision.train import ClassifySettings

    assert ClassifySettings().mixing() == "none"
    assert ClassifySettings(mix="cutmix").mixing() == "cutmix"
    assert ClassifySettings(mix="mixup").mixing() == "mixup"


def test_grey_images_fill_the_filters_beyond_their_nine_directions_with_mixtures():
    """A grey 3x3 patch has 9 directions: 18 filters whiten, the other 14 are mixtures of those, all frozen."""
    from aprende.vision.model import FastCNN, whiten

    x = torch.nn.functional.avg_pool2d(torch.randn(64, 1, 16, 16, generator=torch.Generator().manual_seed(1)), 3, 1, 1)
    conv = FastCNN(1, 4, (16, 16), (32,), 1, 0).features[0]
    whiten(conv, x, eps=0.0)
    out = torch.nn.functional.conv2d(x, conv.weight).permute(0, 2, 3, 1).reshape(-1, 32).double()
    cov = out.T @ out / len(out)
    assert torch.allclose(cov[:9, :9], torch.eye(9, dtype=torch.float64), atol=1e-3)
    assert torch.allclose(out[:, 9:18], -out[:, :9])
    w = conv.weight.reshape(32, 9).double()
    assert torch.linalg.matrix_rank(w) == 9 and not conv.weight.requires_grad  # the extras add no new direction


def test_whitening_filters_decorrelate_the_patches_and_stay_fixed():
    """The first convolution's responses to the training patches have unit variance and no correlation (the top
    directions of a PCA, as NumPy's eigendecomposition gives them); each filter comes with its negative; training
    does not move them."""
    from aprende.vision.model import FastCNN, whiten

    g = torch.Generator().manual_seed(0)
    mix_ = torch.randn(3, 3, generator=g)
    x = torch.einsum("dc,nchw->ndhw", mix_, torch.randn(64, 3, 16, 16, generator=g))  # correlated channels
    x = torch.nn.functional.avg_pool2d(x, 3, 1, 1)  # correlated neighbours
    model = FastCNN(3, 4, (16, 16), (32, 64), 1, 0)
    whiten(model.features[0], x, eps=0.0)
    out = torch.nn.functional.conv2d(x, model.features[0].weight)  # (64, 32, 14, 14)
    r = out[:, :16].permute(0, 2, 3, 1).reshape(-1, 16).double()
    assert torch.allclose(r.T @ r / len(r), torch.eye(16, dtype=torch.float64), atol=1e-3)
    assert torch.allclose(out[:, 16:], -out[:, :16])
    patches = torch.nn.functional.unfold(x, 3).transpose(1, 2).reshape(-1, 27).double().numpy()
    top = np.sort(np.linalg.eigvalsh(patches.T @ patches / len(patches)))[::-1][:16]
    w = model.features[0].weight[:16].reshape(16, 27).double().numpy()
    assert np.allclose(np.sort(1 / (w**2).sum(1))[::-1], top, rtol=1e-4)  # |filter|² = 1 / its variance
    assert not model.features[0].weight.requires_grad
    before = model.features[0].weight.clone()
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    model(x).sum().backward()
    opt.step()
    assert torch.equal(model.features[0].weight, before)


def test_whitening_is_on_by_default_and_saved_in_model_json(tmp_path):
    """Our models get the whitening first layer, frozen when the model is rebuilt; the article's CNN and --no-whiten
    do not."""
    from aprende.vision.model import build_model
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    assert ClassifySettings().whitening() and ClassifySettings(model="wide").whitening()
    assert not ClassifySettings(model="article").whitening() and not ClassifySettings(whiten=False).whitening()
    root = make_folder(tmp_path / "d", per_class=12, modes=("RGB",))
    res = train_classifier(root, cfg=default_train_config("fast", epochs=1, quiet=True), project=tmp_path / "runs")
    cfg = json.loads((res.run_dir / "model.json").read_text())
    assert cfg["whiten"] is True
    assert not build_model(cfg).features[0].weight.requires_grad
