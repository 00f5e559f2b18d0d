"""The restricted Boltzmann machine (Smolensky 1986) trained by contrastive divergence (Hinton 2002), in NumPy.

Visible pixels and hidden features are connected only across the two layers, so each layer given the other is a
set of independent coin flips. Contrastive divergence raises the probability of the data and lowers that of the
machine's own reconstructions after k steps of Gibbs sampling, a cheap stand-in for the intractable gradient."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.history.common import Outcome, bar, figure, image_grid, subplots
from aprende.history.data import binarise, digits


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


class RBM:
    """Binary visible units v (V,), binary hidden units h (H,), energy E(v, h) = −v·b − h·c − vᵀWh."""

    def __init__(self, n_visible: int, n_hidden: int, rng: np.random.Generator):
        self.W = rng.normal(0, 0.01, (n_visible, n_hidden))  # (V, H)
        self.b = np.zeros(n_visible)  # visible biases (V,)
        self.c = np.zeros(n_hidden)  # hidden biases (H,)
        self.rng = rng

    def hidden_probs(self, v: np.ndarray) -> np.ndarray:
        return sigmoid(v @ self.W + self.c)  # (B, H)

    def visible_probs(self, h: np.ndarray) -> np.ndarray:
        return sigmoid(h @ self.W.T + self.b)  # (B, V)

    def sample(self, p: np.ndarray) -> np.ndarray:
        return (self.rng.random(p.shape) < p).astype(p.dtype)

    def cd_step(self, v0: np.ndarray, lr: float, k: int) -> None:
        """One contrastive-divergence update: ⟨v hᵀ⟩ of the data minus ⟨v hᵀ⟩ after k Gibbs steps."""
        ph0 = self.hidden_probs(v0)  # (B, H)
        h = self.sample(ph0)
        for _ in range(k):
            vk = self.sample(self.visible_probs(h))  # (B, V)
            phk = self.hidden_probs(vk)
            h = self.sample(phk)
        n = len(v0)
        self.W += lr * (v0.T @ ph0 - vk.T @ phk) / n
        self.b += lr * (v0 - vk).mean(0)
        self.c += lr * (ph0 - phk).mean(0)

    def fit(self, V: np.ndarray, epochs: int, lr: float, batch_size: int, k: int = 1, V_test=None, tick=None) -> dict:
        """Shuffled mini-batches; the test reconstruction error before training and after every epoch."""
        errors = [reconstruction_error(self, V_test if V_test is not None else V)]
        seconds = 0.0
        for _ in range(epochs):
            t0 = time.perf_counter()
            order = self.rng.permutation(len(V))
            for start in range(0, len(V), batch_size):
                self.cd_step(V[order[start:start + batch_size]], lr, k)
            seconds += time.perf_counter() - t0
            errors.append(reconstruction_error(self, V_test if V_test is not None else V))
            if tick:
                tick(info=fmt(errors[-1], 4))
        return {"errors": errors, "seconds": seconds}

    def gibbs(self, v: np.ndarray, steps: int) -> np.ndarray:
        """Let the machine dream: alternate h ~ p(h|v), v ~ p(v|h); return the last p(v|h)."""
        for _ in range(steps):
            h = self.sample(self.hidden_probs(v))
            p = self.visible_probs(h)
            v = self.sample(p)
        return p


def reconstruction_error(model, V: np.ndarray) -> float:
    """Mean squared difference between the pixels and p(v | h = p(h | v)): one deterministic up-down pass."""
    return float(np.mean((V - model.visible_probs(model.hidden_probs(V))) ** 2))


class SklearnView:
    """scikit-learn's BernoulliRBM seen through the same two functions, so both are measured the same way."""

    def __init__(self, est):
        self.W, self.b, self.c = est.components_.T, est.intercept_visible_, est.intercept_hidden_

    hidden_probs = RBM.hidden_probs
    visible_probs = RBM.visible_probs


def sklearn_rbm(Vtr: np.ndarray, Vte: np.ndarray, p: dict, seed: int) -> dict:
    """The reference: BernoulliRBM (persistent CD) with the same units, learning rate, batch size and epochs."""
    from sklearn.neural_network import BernoulliRBM  # deferred: scikit-learn loads in ~1 s, only for this comparison

    est = BernoulliRBM(n_components=p["hidden"], learning_rate=p["lr"], batch_size=p["batch_size"],
                       n_iter=p["epochs"], random_state=seed)
    t0 = time.perf_counter()
    est.fit(Vtr)
    seconds = time.perf_counter() - t0
    view = SklearnView(est)
    return {"view": view, "error": reconstruction_error(view, Vte), "seconds": seconds}


def _plots(out: Path, Vte, ours: RBM, ref, ref_error: float, curve, samples) -> dict[str, Path]:
    fig, ax = subplots(1, 9, 3.2)
    show = Vte[:12]
    rows = np.concatenate([show, ours.visible_probs(ours.hidden_probs(show)),
                           ref.visible_probs(ref.hidden_probs(show))])
    image_grid(ax[0], rows, 12, t("history.rbm.plot.reconstructions"))
    figs = {"reconstructions": figure(out / "reconstructions.png", fig)}
    fig, (s, f, e) = subplots(3, 4.2, 4.0)
    image_grid(s, samples, 6, t("history.rbm.plot.samples"))
    w = ours.W.T[:36]  # (36, V): each hidden unit's receptive field
    image_grid(f, (w - w.min(1, keepdims=True)) / (np.ptp(w, 1, keepdims=True) + 1e-9), 6,
               t("history.rbm.plot.filters"))
    e.plot(range(len(curve)), curve, marker=".", label="aprende (CD)")
    e.scatter([len(curve) - 1], [ref_error], color="tab:red", zorder=3, label="scikit-learn (PCD)")
    e.set(xlabel=t("plot.epoch"), ylabel=t("history.rbm.plot.error"), title=t("history.rbm.plot.falling"))
    e.legend()
    e.grid(alpha=0.3)
    figs["samples"] = figure(out / "samples.png", fig)
    return figs


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """Ours and scikit-learn's on the same binarised digits, measured with the same reconstruction error."""
    Xtr, ytr, Xte, yte = digits(seed)
    Vtr, Vte = binarise(Xtr).astype(np.float64), binarise(Xte).astype(np.float64)
    rng = np.random.default_rng(seed)
    rbm = RBM(Vtr.shape[1], p["hidden"], rng)
    with bar("history.rbm.progress", p["epochs"]) as tick:
        fit = rbm.fit(Vtr, p["epochs"], p["lr"], p["batch_size"], p["cd_k"], Vte, tick)
    ref = sklearn_rbm(Vtr, Vte, p, seed)
    samples = rbm.gibbs(rng.integers(0, 2, (30, Vtr.shape[1])).astype(np.float64), 1000)
    errors = fit["errors"]
    metrics = {"aprende": {"reconstruction_error_start": errors[0], "reconstruction_error": errors[-1],
                           "seconds": round(fit["seconds"], 3)},
               "sklearn": {"reconstruction_error": ref["error"], "seconds": round(ref["seconds"], 3)}}
    sentence = t("history.rbm.sentence", start=errors[0], end=errors[-1], epochs=p["epochs"], ref=ref["error"],
                 ours_s=fit["seconds"], ref_s=ref["seconds"])
    return Outcome(metrics, _plots(out, Vte, rbm, ref["view"], ref["error"], errors, samples), sentence)
