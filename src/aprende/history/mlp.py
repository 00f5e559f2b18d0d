"""The multilayer perceptron with backpropagation (Ivakhnenko 1965; Rumelhart, Hinton & Williams 1986), by hand.

A hidden layer bends the plane so XOR becomes separable; backpropagation is the chain rule applied layer by layer
from the loss back to every weight. Both are written here in NumPy and checked against finite differences and
against PyTorch's autograd."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.history.common import Outcome, bar, figure, subplots
from aprende.history.data import XOR_X, XOR_Y

NAMES = ("W1", "b1", "W2", "b2")


def init(hidden: int, rng: np.random.Generator, n_in: int = 2) -> dict[str, np.ndarray]:
    """Small random weights (float64, so the gradient check can reach 1e-6)."""
    return {"W1": rng.normal(0, 1, (n_in, hidden)), "b1": np.zeros(hidden),
            "W2": rng.normal(0, 1 / np.sqrt(hidden), (hidden, 1)), "b2": np.zeros(1)}


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def forward(P: dict, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
    """tanh hidden layer, sigmoid output, mean binary cross-entropy; returns the loss and what backward needs."""
    h = np.tanh(X @ P["W1"] + P["b1"])  # (N, H)
    p = sigmoid(h @ P["W2"] + P["b2"])[:, 0]  # (N,)
    eps = 1e-12
    loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    return float(loss), {"X": X, "y": y, "h": h, "p": p}


def backward(P: dict, cache: dict) -> dict[str, np.ndarray]:
    """The chain rule from the loss to every weight, written out."""
    X, y, h, p = cache["X"], cache["y"], cache["h"], cache["p"]
    dz2 = ((p - y) / len(y))[:, None]  # (N, 1): d loss / d output logit (sigmoid + cross-entropy)
    dh = dz2 @ P["W2"].T  # (N, H)
    dz1 = dh * (1 - h ** 2)  # (N, H): tanh' = 1 - tanh²
    return {"W1": X.T @ dz1, "b1": dz1.sum(0), "W2": h.T @ dz2, "b2": dz2.sum(0)}


def numeric_grads(P: dict, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> dict[str, np.ndarray]:
    """Central finite differences, one weight at a time: slow, obviously right."""
    grads = {}
    for name in NAMES:
        g = np.zeros_like(P[name])
        for idx in np.ndindex(P[name].shape):
            old = P[name][idx]
            P[name][idx] = old + eps
            up = forward(P, X, y)[0]
            P[name][idx] = old - eps
            down = forward(P, X, y)[0]
            P[name][idx] = old
            g[idx] = (up - down) / (2 * eps)
        grads[name] = g
    return grads


def torch_grads(P: dict, X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """The same network and loss in PyTorch (float64); autograd does the backward pass."""
    T = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in P.items()}
    Xt, yt = torch.tensor(X, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    h = torch.tanh(Xt @ T["W1"] + T["b1"])
    p = torch.sigmoid(h @ T["W2"] + T["b2"])[:, 0]
    loss = -torch.mean(yt * torch.log(p + 1e-12) + (1 - yt) * torch.log(1 - p + 1e-12))
    loss.backward()
    return {k: v.grad.numpy() for k, v in T.items()}


def rel_error(a: dict, b: dict) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖) over all weights together."""
    va = np.concatenate([a[k].ravel() for k in NAMES])
    vb = np.concatenate([b[k].ravel() for k in NAMES])
    return float(np.linalg.norm(va - vb) / max(np.linalg.norm(va) + np.linalg.norm(vb), 1e-300))


def train(P: dict, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, tick=None) -> list[float]:
    """Full-batch gradient descent with the hand-written gradients; the loss of every epoch."""
    losses = []
    for epoch in range(epochs):
        loss, cache = forward(P, X, y)
        grads = backward(P, cache)
        for k in NAMES:
            P[k] -= lr * grads[k]
        losses.append(loss)
        if tick and ((epoch + 1) % 100 == 0 or epoch + 1 == epochs):
            tick((epoch + 1) - 100 * (epoch // 100), info=fmt(loss, 4))
    return losses


def _plots(out: Path, P: dict, losses: list[float], analytic: dict, numeric: dict) -> dict[str, Path]:
    fig, (r, lc, gc) = subplots(3, 4.7, 3.9)
    xx, yy = np.meshgrid(np.linspace(-0.5, 1.5, 200), np.linspace(-0.5, 1.5, 200))
    grid = np.c_[xx.ravel(), yy.ravel()]
    prob = forward(P, grid, np.zeros(len(grid)))[1]["p"].reshape(xx.shape)
    r.contourf(xx, yy, prob, levels=20, cmap="coolwarm", alpha=0.6)
    r.contour(xx, yy, prob, levels=[0.5], colors="k", linewidths=2)
    for j in range(P["W1"].shape[1]):  # each hidden unit's own line: tanh(w·x + b) = 0
        w, b = P["W1"][:, j], P["b1"][j]
        if abs(w[1]) > 1e-9:
            xs = np.linspace(-0.5, 1.5, 2)
            r.plot(xs, -(w[0] * xs + b) / w[1], "--", color="grey", lw=1)
    r.scatter(XOR_X[:, 0], XOR_X[:, 1], c=XOR_Y, cmap="coolwarm", s=120, edgecolors="k")
    r.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=t("history.mlp.plot.regions"))
    lc.plot(losses)
    lc.set(yscale="log", xlabel=t("plot.epoch"), ylabel=t("plot.loss"), title=t("history.mlp.plot.loss"))
    lc.grid(alpha=0.3)
    a = np.concatenate([analytic[k].ravel() for k in NAMES])
    n = np.concatenate([numeric[k].ravel() for k in NAMES])
    gc.scatter(n, a, s=18)
    lim = [min(a.min(), n.min()), max(a.max(), n.max())]
    gc.plot(lim, lim, color="grey", lw=1)
    gc.set(xlabel=t("history.mlp.plot.numeric"), ylabel=t("history.mlp.plot.analytic"),
           title=t("history.mlp.plot.gradcheck"))
    gc.grid(alpha=0.3)
    return {"xor": figure(out / "xor.png", fig)}


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """Train on XOR, then check the hand-written gradients two ways on the trained and on fresh weights."""
    rng = np.random.default_rng(seed)
    X, y = XOR_X, XOR_Y
    check_P = init(p["hidden"], rng)  # the check is made on fresh weights, where gradients are large
    analytic = backward(check_P, forward(check_P, X, y)[1])
    numeric = numeric_grads(check_P, X, y)
    autograd = torch_grads(check_P, X, y)
    P = init(p["hidden"], rng)
    with bar("history.mlp.progress", p["epochs"]) as tick:
        losses = train(P, X, y, p["lr"], p["epochs"], tick)
    loss, cache = forward(P, X, y)
    acc = float(((cache["p"] > 0.5) == (y > 0.5)).mean())
    fd_err, torch_err = rel_error(analytic, numeric), rel_error(analytic, autograd)
    metrics = {"accuracy": acc, "loss": loss, "gradcheck_rel_error": fd_err, "autograd_rel_error": torch_err,
               "epochs": p["epochs"]}
    sentence = t("history.mlp.sentence", acc=acc * 100, hidden=p["hidden"], epochs=p["epochs"], loss=loss,
                 fd=fd_err, torch=torch_err)
    return Outcome(metrics, _plots(out, P, losses, analytic, numeric), sentence)
