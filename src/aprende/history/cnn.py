"""LeCun's convolutional network (1989): small filters shared across the image, then subsampling, then a classifier.

Sharing one filter at every position means far fewer weights than a fully connected layer and the same detector
wherever the stroke appears; here a LeNet-style network reads 8x8 digits beside an MLP with as many weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.history.common import Outcome, accuracy, bar, count_params, figure, fit_classifier, image_grid, subplots
from aprende.history.data import digits


class LeNet(nn.Module):
    """conv 3x3 -> tanh -> pool -> conv 3x3 -> tanh -> pool -> tanh layer -> 10.

    LeNet subsampled by averaging; max pooling (tried here too) reads these tiny digits slightly better."""

    def __init__(self, c1: int = 6, c2: int = 16, hidden: int = 32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1), nn.Tanh(), nn.MaxPool2d(2),  # (B, c1, 4, 4)
            nn.Conv2d(c1, c2, 3, padding=1), nn.Tanh(), nn.MaxPool2d(2),  # (B, c2, 2, 2)
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(c2 * 4, hidden), nn.Tanh(), nn.Linear(hidden, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x.view(-1, 1, 8, 8)))  # (B, 64) -> (B, 10)


def matching_mlp(n_params: int) -> nn.Sequential:
    """64 -> H -> 10 with H chosen so the weight count is as close as possible to `n_params`."""
    hidden = max(1, round((n_params - 10) / 75))  # 64H + H + 10H + 10 weights
    return nn.Sequential(nn.Linear(64, hidden), nn.Tanh(), nn.Linear(hidden, 10))


def shift(X: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Every image moved one pixel up, down, left or right (zeros fill in): the same digits, elsewhere."""
    imgs = X.reshape(-1, 8, 8)
    out = np.zeros_like(imgs)
    for i, d in enumerate(rng.integers(0, 4, len(imgs))):
        if d == 0:
            out[i, :-1] = imgs[i, 1:]
        elif d == 1:
            out[i, 1:] = imgs[i, :-1]
        elif d == 2:
            out[i, :, :-1] = imgs[i, :, 1:]
        else:
            out[i, :, 1:] = imgs[i, :, :-1]
    return out.reshape(len(X), 64)


def _plots(out: Path, cnn: LeNet, sample: np.ndarray, curves: dict, results: dict) -> dict[str, Path]:
    fig, (c, s) = subplots(2)
    for name, curve in curves.items():
        c.plot(range(1, len(curve) + 1), np.array(curve) * 100,
               label=f"{name} ({results[name]['parameters']} {t('history.cnn.plot.weights')})")
    c.set(xlabel=t("plot.epoch"), ylabel=t("history.plot.accuracy_pct"), title=t("history.cnn.plot.curves"))
    c.legend()
    c.grid(alpha=0.3)
    names = list(results)
    x = np.arange(len(names))
    for dx, key, label in ((-0.2, "accuracy", "original"), (0.2, "shifted_accuracy", "shifted")):
        bars = s.bar(x + dx, [results[n][key] * 100 for n in names], 0.4, label=t(f"history.cnn.plot.{label}"))
        s.bar_label(bars, fmt="%.1f")
    s.set(xticks=x, xticklabels=names, ylim=(0, 119), title=t("history.cnn.plot.shift"))
    s.legend(loc="upper right", ncol=2)
    figs = {"curves": figure(out / "curves.png", fig)}
    weight = cnn.features[0].weight.detach()  # (c1, 1, 3, 3)
    with torch.no_grad():
        maps = cnn.features[1](cnn.features[0](torch.as_tensor(sample).view(1, 1, 8, 8)))[0]  # (c1, 8, 8)
    fig, (i, k, m) = subplots(3, 3.6, 3.6)
    image_grid(i, sample[None], 1, t("history.cnn.plot.input"))
    w = weight.view(len(weight), 9).numpy()
    image_grid(k, (w - w.min()) / (np.ptp(w) + 1e-9), min(len(w), 3), t("history.cnn.plot.filters"), side=3)
    image_grid(m, maps.view(len(maps), 64).numpy(), min(len(maps), 3), t("history.cnn.plot.maps"))
    figs["filters"] = figure(out / "filters.png", fig)
    return figs


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """Train the LeNet-style network and an MLP of the same size on the same digits; test on originals and shifted."""
    data = digits(seed)
    shifted = shift(data[2], np.random.default_rng(seed))
    c1, c2 = p["filters"]
    torch.manual_seed(seed)
    cnn = LeNet(c1, c2)
    torch.manual_seed(seed)
    models = {"cnn": cnn, "mlp": matching_mlp(count_params(cnn))}
    results, curves = {}, {}
    with bar("history.cnn.progress", 2 * p["epochs"]) as tick:
        for name, model in models.items():
            r = fit_classifier(model, data, p["epochs"], p["lr"], p["batch_size"], seed, tick)
            curves[name] = r["curve"]
            results[name] = {"accuracy": r["accuracy"], "shifted_accuracy": accuracy(model, shifted, data[3]),
                             "parameters": count_params(model), "seconds": round(r["seconds"], 2)}
    sentence = t("history.cnn.sentence", cnn=results["cnn"]["accuracy"] * 100, mlp=results["mlp"]["accuracy"] * 100,
                 n_cnn=results["cnn"]["parameters"], n_mlp=results["mlp"]["parameters"],
                 s_cnn=results["cnn"]["shifted_accuracy"] * 100, s_mlp=results["mlp"]["shifted_accuracy"] * 100)
    sample = data[2][int(np.argmax(data[3] == 3))]
    return Outcome(results, _plots(out, cnn, sample, curves, results), sentence)
