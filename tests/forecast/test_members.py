"""Several networks averaged (`--members`): the forecast is the members' mean, each member learns as if alone, the
defaults (5 members; 28 lags with many series, 14 with one), and old runs still load as one network."""

from __future__ import annotations

import json

import pytest
import torch

from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster
from aprende.forecast.model import SalesEnsemble, SalesNet, build_net, member_l1
from aprende.forecast.panel_train import id_embeddings
from tests.helpers import aprende, assert_refused, series_text, write
from tests.helpers import small_panel as small


def inputs(b=16, lags=14, codes=True):
    g = torch.Generator().manual_seed(0)
    x = (torch.rand(b, lags, generator=g) * 2 - 1, torch.randint(0, 7, (b,), generator=g),
         torch.randint(0, 12, (b,), generator=g), torch.zeros(b))
    return (*x, torch.stack([torch.randint(0, 6, (b,), generator=g), torch.randint(0, 2, (b,), generator=g)], 1)) \
        if codes else x


def test_the_forecast_is_the_mean_of_the_members():
    torch.manual_seed(0)
    ens = SalesEnsemble(3, "embeddings", 14, 8, entities=(6, 2), entity_dims=(3, 2))
    x = inputs()
    alone = torch.stack([m(*x) for m in ens.members], dim=1)  # (B, 3), each member on its own
    assert torch.allclose(ens(*x, each=True), alone)
    assert torch.allclose(ens(*x), alone.mean(dim=1))
    assert not torch.allclose(alone[:, 0], alone[:, 1])  # different random starts, different members


def test_each_member_gets_the_gradient_it_would_get_alone():
    """The ensemble's loss moves each member as its own L1 loss would, divided by the number of members."""
    torch.manual_seed(0)
    ens = SalesEnsemble(2, "mlp", 14, 8)
    x, y = inputs(codes=False), torch.rand(16) * 2 - 1
    member_l1(ens(*x, each=True), y).backward()
    for m in ens.members:
        solo = SalesNet("mlp", 14, 8)
        solo.load_state_dict(m.state_dict())
        torch.nn.functional.l1_loss(solo(*x), y).backward()
        assert torch.allclose(m.head.weight.grad * 2, solo.head.weight.grad, atol=1e-6)


def test_build_net_reads_members_and_old_configs_load_one_network():
    config = {"kind": "embeddings", "n_lags": 28, "hidden": 8, "layers": 1, "dropout": 0.0, "activation": "tanh",
              "entities": [6, 2], "entity_dims": [3, 2]}
    assert isinstance(build_net(config), SalesNet)  # a model.json written before members existed
    ens = build_net({**config, "members": 4})
    assert isinstance(ens, SalesEnsemble) and len(ens.members) == 4
    assert id_embeddings(ens).shape == (6, 3 * 4)  # every member's id embedding, side by side, for the 2-D map


def test_five_members_by_default_and_28_lags_with_many_series_14_with_one(tmp_path):

    many = train_forecaster(small(tmp_path), settings=ForecastSettings(id_col="producto", models=["embeddings"],
                                                                        hidden=4),
                            cfg=default_train_config(panel=True, epochs=1, quiet=True), project=tmp_path / "runs")
    config = json.loads((many.run_dir / "embeddings" / "model.json").read_text())
    assert (config["members"], config["n_lags"]) == (5, 28)
    fc = predict(many.run_dir, horizon=3)
    assert len(fc.frame) == 6 * 3 and (fc.frame["forecast"] >= 0).all()
    one = train_forecaster(write(tmp_path, series_text(220)), settings=ForecastSettings(models=["mlp"], hidden=4),
                           cfg=default_train_config(epochs=1, quiet=True), project=tmp_path / "runs")
    config = json.loads((one.run_dir / "mlp" / "model.json").read_text())
    assert (config["members"], config["n_lags"]) == (5, 14)


def test_members_from_the_command_line_and_out_of_range(tmp_path, capsys):
    csv = small(tmp_path)
    code = aprende("forecast", "train", "--csv", csv, "--id-col", "producto", "--model", "mlp", "--members", "2",
                   "--lags", "7", "--epochs", "1", "--project", tmp_path / "runs", "--name", "dos", "--quiet")
    config = json.loads((tmp_path / "runs" / "forecast" / "dos" / "mlp" / "model.json").read_text())
    assert code == 0 and (config["members"], config["n_lags"]) == (2, 7)
    code = aprende("forecast", "train", "--csv", csv, "--id-col", "producto", "--members", "0",
                   "--project", tmp_path / "bad", "--quiet")
    assert_refused(code, capsys.readouterr().err, "--members", empty=tmp_path / "bad")


@pytest.mark.parametrize("lang, word", [("es", "Redes de cada tipo"), ("en", "Networks of each kind")])
def test_members_option_is_documented_in_both_languages(lang, word, capsys):
    aprende("--lang", lang, "forecast", "train", "--help")
    assert word in capsys.readouterr().out


def test_the_product_map_is_pca_drawn_the_same_way_round():
    """project_2d is PCA (the SVD's first two directions, up to sign) and a mirrored embedding draws the same map."""
    from aprende.forecast.plots import project_2d

    v = torch.randn(30, 8, generator=torch.Generator().manual_seed(1)).numpy()
    xy = project_2d(v)
    centred = v - v.mean(axis=0)
    _, _, vt = torch.linalg.svd(torch.as_tensor(centred), full_matrices=False)
    ref = centred @ vt[:2].T.numpy()
    assert abs(abs(xy) - abs(ref)).max() < 1e-5
    assert abs(project_2d(-v) - xy).max() < 1e-5  # the same map, not its mirror image
    far = abs(xy).argmax(axis=0)
    assert (xy[far, [0, 1]] > 0).all()  # each axis points to its farthest product
