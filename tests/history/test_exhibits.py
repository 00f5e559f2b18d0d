"""Each exhibit shows what its network could do and what held it back (small knobs where the behaviour still shows)."""

from __future__ import annotations

import pytest

from aprende.history import EXHIBITS, TIMELINE, run


def figures_written(result):
    assert result.figures, "an exhibit draws something"
    for path in result.figures.values():
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.parent == result.run_dir
    assert (result.run_dir / "metrics.json").is_file() and (result.run_dir / "config.yaml").is_file()


def test_timeline_is_complete_and_in_order():
    names = [e.name for e in TIMELINE]
    assert names == ["perceptron", "mlp", "sigmoid", "feedforward", "cnn", "rnn", "lstm", "rbm", "dbn",
                     "autoencoder", "gan"]
    years = [int(e.year[:4]) for e in TIMELINE]
    assert years == sorted(years) and years[0] == 1958 and years[-1] == 2014
    assert all(e.title and e.solved and e.limit and e.authors for e in TIMELINE)


def test_perceptron_separates_and_fails_xor():
    r = run("perceptron", quiet=True)
    assert r.metrics["separable"]["errors"] == 0 and r.metrics["separable"]["converged"]
    assert r.metrics["xor"]["best_accuracy"] < 1.0 and not r.metrics["xor"]["converged"]
    assert r.run_dir.as_posix() == "runs/history/perceptron"
    figures_written(r)


def test_mlp_solves_xor_and_passes_gradient_checks():
    r = run("mlp", quiet=True)
    assert r.metrics["accuracy"] == 1.0
    assert r.metrics["gradcheck_rel_error"] < 1e-6
    assert r.metrics["autograd_rel_error"] < 1e-9
    figures_written(r)


def test_sigmoid_learns_where_step_cannot():
    m = run("sigmoid", quiet=True).metrics
    assert m["step"]["gradient_norm"] == 0 and m["step"]["accuracy"] == m["step"]["accuracy_start"] < 0.5
    assert m["sigmoid"]["accuracy"] >= 0.95


def test_feedforward_moons_and_digits():
    r = run("feedforward", epochs=15, quiet=True)
    assert r.metrics["moons"]["accuracy"] >= 0.9 and r.metrics["digits"]["accuracy"] >= 0.9
    figures_written(r)


def test_cnn_against_an_mlp_of_the_same_size():
    m = run("cnn", epochs=6, quiet=True).metrics
    assert abs(m["cnn"]["parameters"] - m["mlp"]["parameters"]) / m["cnn"]["parameters"] < 0.05
    assert m["cnn"]["accuracy"] >= 0.9 and m["mlp"]["accuracy"] >= 0.9
    # measured at the defaults (25 epochs, seed 0): about equal on these tiny centred digits (CNN 98.1 %, MLP 97.8 %),
    # but the CNN keeps far more when every digit moves one pixel (64 % vs 48 %): that is the lesson that shows here
    assert m["cnn"]["shifted_accuracy"] > m["mlp"]["shifted_accuracy"]


def test_lstm_beats_rnn_at_the_longest_length():
    m = run("lstm", lengths="5,40", steps=800, quiet=True).metrics
    assert m["lstm"]["mse_40"] < 0.02, m
    assert m["rnn"]["mse_40"] > 0.1, m  # no better than always answering 1 (1/6)
    assert m["lstm"]["mse_40"] * 10 < m["rnn"]["mse_40"]
    assert m["rnn"]["mse_5"] < 0.05, "short sequences are within the RNN's reach"
    # why: the LSTM's answer moves one-for-one with the first marked number; the RNN's has forgotten it
    assert m["lstm"]["first_weight_40"] > 0.8 and m["rnn"]["first_weight_40"] < 0.5, m


def test_rnn_fails_as_length_grows():
    r = run("rnn", lengths="5,30", steps=600, quiet=True)
    assert r.metrics["rnn"]["mse_5"] < 0.05 < 0.1 < r.metrics["rnn"]["mse_30"]
    figures_written(r)


def test_rbm_reconstruction_error_falls_and_matches_scikit_learn():
    r = run("rbm", epochs=8, quiet=True)
    ours, ref = r.metrics["aprende"], r.metrics["sklearn"]
    assert ours["reconstruction_error"] < 0.4 * ours["reconstruction_error_start"]
    assert ours["reconstruction_error"] < 1.5 * ref["reconstruction_error"]
    figures_written(r)


def test_dbn_pretraining_helps_with_few_labels():
    m = run("dbn", labels="50,300", pretrain_epochs=10, quiet=True).metrics
    # measured with these knobs, seed 0: 50 labels 76.7 % pre-trained vs 73.3 % random, 300 labels 88.6 % vs 83.6 %.
    # Pre-training helped on every seed we tried at 50-100 labels (+2 to +9 points), so we assert it does here.
    assert m["pretrained"]["accuracy_50"] > m["random"]["accuracy_50"], m
    assert m["pretrained"]["accuracy_300"] >= m["random"]["accuracy_300"] - 0.02, m


def test_autoencoder_beats_or_matches_pca():
    m = run("autoencoder", epochs=40, quiet=True).metrics
    assert m["autoencoder"]["mse"] <= m["pca"]["mse"], m


def test_gan_covers_the_ring():
    r = run("gan", steps=1200, digit_steps=200, quiet=True)
    assert r.metrics["ring"]["modes_covered"] >= 6, r.metrics
    figures_written(r)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EXHIBITS))
def test_every_exhibit_at_its_defaults(name):
    """The promise of the docs: every exhibit at its defaults, with the behaviour the issue lists."""
    r = run(name, quiet=True)
    figures_written(r)
    m = r.metrics
    checks = {
        "perceptron": lambda: m["separable"]["errors"] == 0 and m["xor"]["best_accuracy"] < 1,
        "mlp": lambda: m["accuracy"] == 1 and m["gradcheck_rel_error"] < 1e-6,
        "sigmoid": lambda: m["sigmoid"]["accuracy"] >= 0.95 and m["step"]["gradient_norm"] == 0,
        "feedforward": lambda: m["moons"]["accuracy"] >= 0.95 and m["digits"]["accuracy"] >= 0.95,
        "cnn": lambda: m["cnn"]["accuracy"] >= 0.95 and m["cnn"]["shifted_accuracy"] > m["mlp"]["shifted_accuracy"],
        "rnn": lambda: m["rnn"]["mse_5"] < 0.05 and m["rnn"]["mse_40"] > 0.1,
        "lstm": lambda: m["lstm"]["mse_40"] < 0.02 and m["rnn"]["mse_40"] > 0.1,
        "rbm": lambda: m["aprende"]["reconstruction_error"] < 0.3 * m["aprende"]["reconstruction_error_start"],
        "dbn": lambda: m["pretrained"]["accuracy_50"] > m["random"]["accuracy_50"],
        "autoencoder": lambda: m["autoencoder"]["mse"] < m["pca"]["mse"],
        "gan": lambda: m["ring"]["modes_covered"] >= 6 and m["digits"]["classes"] >= 6,
    }
    assert checks[name](), m


def test_quiet_is_the_runs_context_and_ends_with_it(capsys, monkeypatch):
    """`quiet` reaches the exhibit's progress bar through museum.run's context, not as a parameter, and ends there."""
    from aprende.core.console import is_quiet
    from aprende.history import mlp

    run("mlp", quiet=False)
    assert "retropropagación en XOR" in capsys.readouterr().err
    run("mlp", quiet=True)
    assert "retropropagación en XOR" not in capsys.readouterr().err and is_quiet() is False

    def fails(p, out, seed):
        assert is_quiet() is True
        raise RuntimeError("boom")

    monkeypatch.setattr(mlp, "exhibit", fails)
    with pytest.raises(RuntimeError):
        run("mlp", quiet=True)
    assert is_quiet() is False
