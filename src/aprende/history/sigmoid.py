"""Step versus sigmoid neurons: a smooth activation has a slope, and a slope is what gradient descent follows.

The step of McCulloch & Pitts and Rosenblatt is flat everywhere except at the threshold, so its derivative is zero
and the chain rule passes nothing back; the sigmoid (Rumelhart, Hinton & Williams, 1986) is a smoothed step whose
derivative σ(1 − σ) tells every weight which way to move."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from aprende.core.i18n import t
from aprende.history.common import Outcome, figure, subplots
from aprende.history.data import separable_points


def step(z: np.ndarray) -> np.ndarray:
    return (z >= 0).astype(float)


def step_grad(z: np.ndarray) -> np.ndarray:
    """Zero everywhere (and undefined at 0): nothing for gradient descent to follow."""
    return np.zeros_like(z)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(z: np.ndarray) -> np.ndarray:
    s = sigmoid(z)
    return s * (1 - s)


ACTIVATIONS = {"step": (step, step_grad), "sigmoid": (sigmoid, sigmoid_grad)}


def train(kind: str, X: np.ndarray, y01: np.ndarray, w: np.ndarray, b: float, lr: float, epochs: int) -> dict:
    """One neuron, squared error, full-batch gradient descent with the chain rule: dL/dw = (a − y)·f'(z)·x."""
    f, df = ACTIVATIONS[kind]
    w = w.copy()
    losses, accs, norms = [], [], []
    for _ in range(epochs):
        z = X @ w + b  # (N,)
        a = f(z)
        delta = (a - y01) * df(z) / len(X)  # (N,)
        gw, gb = X.T @ delta, delta.sum()
        w, b = w - lr * gw, b - lr * gb
        losses.append(float(np.mean((a - y01) ** 2) / 2))
        accs.append(float(((z >= 0) == (y01 > 0.5)).mean()))
        norms.append(float(np.hypot(np.linalg.norm(gw), gb)))
    return {"loss": losses, "accuracy": accs, "gradient": norms}


def _plots(out: Path, runs: dict) -> dict[str, Path]:
    fig, (o, g, lc) = subplots(3)
    z = np.linspace(-6, 6, 601)
    o.plot(z, step(z), label=t("history.sigmoid.plot.step"), lw=2)
    for k in (1, 3):
        o.plot(z, sigmoid(k * z), label=f"σ({k}z)" if k > 1 else "σ(z)")
    o.set(xlabel="z = w·x + b", title=t("history.sigmoid.plot.outputs"))
    o.legend()
    g.plot(z, step_grad(z), label=t("history.sigmoid.plot.step"), lw=2)
    for k in (1, 3):
        g.plot(z, k * sigmoid_grad(k * z), label=f"σ'({k}z)·{k}" if k > 1 else "σ'(z)")
    g.set(xlabel="z", title=t("history.sigmoid.plot.gradients"))
    g.legend()
    for kind, r in runs.items():
        lc.plot(r["accuracy"], label=t(f"history.sigmoid.plot.{kind}"))
    lc.set(xlabel=t("plot.epoch"), ylabel=t("history.plot.accuracy"), ylim=(0, 1.05),
           title=t("history.sigmoid.plot.learning"))
    lc.legend()
    for ax in (o, g, lc):
        ax.grid(alpha=0.3)
    return {"activations": figure(out / "activations.png", fig)}


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """The same neuron, the same data, the same start, the same gradient descent: only the activation differs."""
    rng = np.random.default_rng(seed)
    X, y = separable_points(p["points"], 0.05, rng)
    y01 = (y > 0).astype(float)
    w0 = rng.normal(0, 1, 2)
    b0 = 0.0
    if ((X @ w0 + b0 >= 0) == (y01 > 0.5)).mean() > 0.5:
        w0 = -w0  # start on the wrong side, so there is something to learn
    runs = {kind: train(kind, X, y01, w0, b0, p["lr"], p["epochs"]) for kind in ACTIVATIONS}
    metrics = {kind: {"accuracy_start": r["accuracy"][0], "accuracy": r["accuracy"][-1], "loss": r["loss"][-1],
                      "gradient_norm": r["gradient"][0]} for kind, r in runs.items()}
    sentence = t("history.sigmoid.sentence", start=runs["step"]["accuracy"][0] * 100,
                 step=runs["step"]["accuracy"][-1] * 100, sigmoid=runs["sigmoid"]["accuracy"][-1] * 100,
                 epochs=p["epochs"])
    return Outcome(metrics, _plots(out, runs), sentence)
