"""Rosenblatt's perceptron (1958): a weighted sum and a step, nudged toward every example it gets wrong.

The rule converges whenever a straight line separates the classes (Novikoff, 1962), and it can never learn XOR,
which no straight line separates (Minsky & Papert, 1969)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from aprende.core.i18n import t
from aprende.history.common import Outcome, figure, subplots
from aprende.history.data import XOR_X, XOR_Y, separable_points


@dataclass
class Trace:
    """Weights after every correction, and the errors of each epoch."""

    weights: list[tuple[np.ndarray, float]] = field(default_factory=list)
    errors: list[int] = field(default_factory=list)
    orders: list[np.ndarray] = field(default_factory=list)
    epoch_ends: list[tuple[np.ndarray, float]] = field(default_factory=list)

    @property
    def converged(self) -> bool:
        return bool(self.errors) and self.errors[-1] == 0


def predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    """The step: +1 when the weighted sum reaches the threshold, else -1. (N,)"""
    return np.where(X @ w + b >= 0, 1.0, -1.0)


def train(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, rng: np.random.Generator) -> Trace:
    """Rosenblatt's rule, one example at a time in a shuffled order: w += lr·y·x on every mistake.

    Stops after the first epoch without mistakes. Labels y are ±1; the weights start small and random."""
    w, b = rng.normal(0, 0.01, size=X.shape[1]), float(rng.normal(0, 0.01))
    trace = Trace(weights=[(w.copy(), b)])
    for _ in range(epochs):
        order = rng.permutation(len(X))
        trace.orders.append(order)
        mistakes = 0
        for i in order:
            if y[i] * (X[i] @ w + b) <= 0:  # wrong side of the line (or on it)
                w, b = w + lr * y[i] * X[i], b + lr * y[i]
                trace.weights.append((w.copy(), b))
                mistakes += 1
        trace.errors.append(mistakes)
        trace.epoch_ends.append((w.copy(), b))
        if mistakes == 0:
            break
    return trace


def _line(ax, w, b, lo=-1.6, hi=1.6, **kw) -> None:
    xs = np.linspace(lo, hi, 2)
    if abs(w[1]) > 1e-12:
        ax.plot(xs, -(w[0] * xs + b) / w[1], **kw)
    elif abs(w[0]) > 1e-12:
        ax.axvline(-b / w[0], **kw)


def _plots(out: Path, X, y, sep: Trace, xor: Trace) -> dict[str, Path]:
    fig, (a, e) = subplots(2)
    a.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=14, edgecolors="k", linewidths=0.3)
    n = len(sep.weights)
    for k, (w, b) in enumerate(sep.weights):
        last = k == n - 1
        _line(a, w, b, color="k" if last else "tab:green", lw=2 if last else 1,
              alpha=1 if last else 0.15 + 0.6 * k / max(n - 1, 1))
    a.set(xlim=(-1.1, 1.1), ylim=(-1.1, 1.1), title=t("history.perceptron.plot.moving", n=n - 1))
    e.plot(range(1, len(sep.errors) + 1), sep.errors, marker="o", label=t("history.perceptron.plot.separable"))
    e.plot(range(1, len(xor.errors) + 1), xor.errors, label="XOR")
    e.set(xlabel=t("plot.epoch"), ylabel=t("history.perceptron.plot.mistakes"),
          title=t("history.perceptron.plot.errors"))
    e.legend()
    e.grid(alpha=0.3)
    figs = {"boundary": figure(out / "boundary.png", fig)}
    fig, (a, c) = subplots(2)
    Xs = XOR_X * 2 - 1
    ys = np.where(XOR_Y > 0, 1.0, -1.0)
    a.scatter(Xs[:, 0], Xs[:, 1], c=ys, cmap="coolwarm", s=120, edgecolors="k")
    for w, b in xor.weights[-8:]:
        _line(a, w, b, color="tab:green", alpha=0.4)
    a.set(xlim=(-1.6, 1.6), ylim=(-1.6, 1.6), title=t("history.perceptron.plot.xor"))
    accs = [float((predict(w, b, Xs) == ys).mean()) for w, b in xor.epoch_ends]
    c.plot(range(1, len(accs) + 1), accs, ".", color="tab:red")
    c.axhline(1.0, ls="--", color="grey")
    c.set(ylim=(0, 1.05), xlabel=t("plot.epoch"), ylabel=t("history.plot.accuracy"),
          title=t("history.perceptron.plot.xor_accuracy"))
    c.grid(alpha=0.3)
    figs["xor"] = figure(out / "xor.png", fig)
    return figs


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """A separable cloud the rule separates without a mistake, and XOR, where it never reaches 100 %."""
    rng = np.random.default_rng(seed)
    X, y = separable_points(p["points"], p["margin"], rng)
    sep = train(X, y, p["lr"], p["epochs"], rng)
    Xs, ys = XOR_X * 2 - 1, np.where(XOR_Y > 0, 1.0, -1.0)  # XOR on ±1 corners
    xor = train(Xs, ys, p["lr"], p["epochs"], rng)
    w, b = sep.weights[-1]
    errors = int((predict(w, b, X) != y).sum())
    xor_accs = [float((predict(w, b, Xs) == ys).mean()) for w, b in xor.weights]
    metrics = {
        "separable": {"errors": errors, "accuracy": 1 - errors / len(X), "epochs": len(sep.errors),
                      "corrections": len(sep.weights) - 1, "converged": sep.converged},
        "xor": {"accuracy": xor_accs[-1], "best_accuracy": max(xor_accs), "epochs": len(xor.errors),
                "converged": xor.converged},
    }
    key = "history.perceptron.sentence" if sep.converged else "history.perceptron.sentence_not"
    sentence = t(key, n=len(X), epochs=len(sep.errors), corrections=len(sep.weights) - 1, errors=errors,
                 best=max(xor_accs) * 100, xor_epochs=len(xor.errors))
    return Outcome(metrics, _plots(out, X, y, sep, xor), sentence)
