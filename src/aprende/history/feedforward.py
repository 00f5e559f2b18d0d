"""Feed-forward networks (1980s): layers of sigmoid-like units trained by backpropagation draw curved boundaries.

With enough hidden units one hidden layer approximates any continuous function (Cybenko, 1989); here a small
multilayer perceptron in PyTorch separates two interleaved moons and reads handwritten digits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.history.common import Outcome, bar, draw_regions, figure, fit_classifier, subplots
from aprende.history.data import digits, moons


def mlp(n_in: int, hidden: int, layers: int, n_out: int) -> nn.Sequential:
    """n_in -> [hidden, tanh] x layers -> n_out logits."""
    mods, width = [], n_in
    for _ in range(layers):
        mods += [nn.Linear(width, hidden), nn.Tanh()]
        width = hidden
    return nn.Sequential(*mods, nn.Linear(width, n_out))


def predictor(model: nn.Module, lift=None):
    """grid (M, 2) -> predicted labels (M,), optionally lifting 2-D points back to the model's input space."""
    def predict(grid: np.ndarray) -> np.ndarray:
        x = lift(grid) if lift else grid
        with torch.no_grad():
            return model(torch.as_tensor(x, dtype=torch.float32)).argmax(1).numpy()
    return predict


def _plots(out: Path, moon_data, moon_model, digit_data, digit_model, results) -> dict[str, Path]:
    from sklearn.decomposition import PCA  # deferred: scikit-learn loads in ~1 s

    fig, (m, d) = subplots(2, 5, 4.6)
    Xtr, ytr, Xte, yte = moon_data
    draw_regions(m, Xte, yte, predictor(moon_model),
                 t("history.feedforward.plot.moons", acc=results["moons"]["accuracy"] * 100))
    Xtr, ytr, Xte, yte = digit_data
    pca = PCA(2).fit(Xtr)  # a slice through 64-D input space: the plane of the first two principal components
    lift = lambda g: np.clip(pca.inverse_transform(g), 0, 1)  # noqa: E731
    Z = pca.transform(Xte)  # (N, 2)
    draw_regions(d, Z, yte, predictor(digit_model, lift),
                 t("history.feedforward.plot.digits", acc=results["digits"]["accuracy"] * 100), cmap="tab10")
    for c in range(10):  # name each cloud of digits at its centre
        x, y = Z[yte == c].mean(0)
        d.text(x, y, str(c), fontsize=13, weight="bold", ha="center", va="center",
               bbox={"boxstyle": "round", "fc": "white", "alpha": 0.8})
    d.set_xlabel(t("history.feedforward.plot.pca_plane"))
    return {"regions": figure(out / "regions.png", fig)}


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """The same recipe on two problems: 2-D moons (curved boundary) and 64-pixel digits (10 classes)."""
    moon_data = moons(p["points"], p["noise"], seed)
    digit_data = digits(seed)
    results, models = {}, {}
    with bar("history.feedforward.progress", 2 * p["epochs"]) as tick:
        for name, data, n_in, n_out in (("moons", moon_data, 2, 2), ("digits", digit_data, 64, 10)):
            torch.manual_seed(seed)
            models[name] = mlp(n_in, p["hidden"], p["layers"], n_out)
            r = fit_classifier(models[name], data, p["epochs"], p["lr"], p["batch_size"], seed, tick)
            results[name] = {"accuracy": r["accuracy"], "seconds": round(r["seconds"], 2)}
    sentence = t("history.feedforward.sentence", moons=results["moons"]["accuracy"] * 100,
                 digits=results["digits"]["accuracy"] * 100, layers=p["layers"], hidden=p["hidden"])
    return Outcome(results, _plots(out, moon_data, models["moons"], digit_data, models["digits"], results), sentence)
