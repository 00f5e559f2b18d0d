"""Deep belief networks (Hinton, Osindero & Teh 2006): stack RBMs, train them one layer at a time, then fine-tune.

Each RBM learns features of the layer below without labels; their weights then start a deep network that
backpropagation only has to adjust. This greedy layer-wise pre-training is what made deep networks trainable in
2006, and it matters most when labels are few."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.history.common import Outcome, bar, figure, image_grid, subplots
from aprende.history.data import binarise, digits
from aprende.history.rbm import RBM

PRETRAIN_LR, PRETRAIN_BATCH = 0.1, 10


def pretrain(V: np.ndarray, layers: tuple[int, ...], epochs: int, rng: np.random.Generator, tick=None) -> list[RBM]:
    """Greedy: the first RBM models the pixels, each next one models the hidden probabilities of the one below."""
    rbms, inputs = [], V
    for size in layers:
        rbm = RBM(inputs.shape[1], size, rng)
        rbm.fit(inputs, epochs, PRETRAIN_LR, PRETRAIN_BATCH, tick=tick)
        rbms.append(rbm)
        inputs = rbm.hidden_probs(inputs)  # (N, size): the next layer's data
    return rbms


def network(layers: tuple[int, ...], rbms: list[RBM] | None = None, n_in: int = 64) -> nn.Sequential:
    """64 -> [size, sigmoid] per layer -> 10; with `rbms`, each hidden layer starts from its RBM's weights."""
    mods, width = [], n_in
    for size in layers:
        mods += [nn.Linear(width, size), nn.Sigmoid()]
        width = size
    net = nn.Sequential(*mods, nn.Linear(width, 10))
    if rbms:
        linears = [m for m in net if isinstance(m, nn.Linear)]
        with torch.no_grad():
            for lin, rbm in zip(linears, rbms):
                lin.weight.copy_(torch.as_tensor(rbm.W.T))  # (size, width)
                lin.bias.copy_(torch.as_tensor(rbm.c))
    return net


def fine_tune(net: nn.Module, X: torch.Tensor, y: torch.Tensor, epochs: int, lr: float) -> nn.Module:
    """Backpropagation through the whole stack on the few labelled examples (full batch, Adam)."""
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(epochs):
        loss = nn.functional.cross_entropy(net(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return net


def labelled_subset(y: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """n examples, n/10 of each digit (the labels a person had time to write)."""
    return np.concatenate([rng.choice(np.flatnonzero(y == c), n // 10, replace=False) for c in range(10)])


def _plots(out: Path, rbms: list[RBM], counts, results) -> dict[str, Path]:
    fig, (f, a) = subplots(2, 4.8, 3.9)
    w = rbms[0].W.T[:48]  # first layer's features (48, 64)
    image_grid(f, (w - w.min(1, keepdims=True)) / (np.ptp(w, 1, keepdims=True) + 1e-9), 8,
               t("history.dbn.plot.features"))
    for name, colour in (("pretrained", "tab:blue"), ("random", "tab:red")):
        a.plot(counts, [results[name][f"accuracy_{n}"] * 100 for n in counts], marker="o", color=colour,
               label=t(f"history.dbn.plot.{name}"))
    a.set(xscale="log", xlabel=t("history.dbn.plot.labels"), ylabel=t("history.plot.accuracy_pct"),
          title=t("history.dbn.plot.title"), xticks=counts, xticklabels=[str(n) for n in counts])
    a.minorticks_off()
    a.legend()
    a.grid(alpha=0.3)
    return {"pretraining": figure(out / "pretraining.png", fig)}


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """Pre-train once on every training image without labels, then fine-tune on 50, 100… labels, against random init."""
    Xtr, ytr, Xte, yte = digits(seed)
    Vtr, Vte = binarise(Xtr).astype(np.float64), torch.as_tensor(binarise(Xte))
    rng = np.random.default_rng(seed)
    counts = tuple(sorted({10 * (n // 10) for n in p["labels"]}))  # n/10 per digit
    with bar("history.dbn.progress", p["pretrain_epochs"] * len(p["layers"]) + 2 * len(counts)) as tick:
        rbms = pretrain(Vtr, p["layers"], p["pretrain_epochs"], rng, tick)
        results = {"pretrained": {}, "random": {}}
        for n in counts:
            idx = labelled_subset(ytr, n, rng)
            X, y = torch.as_tensor(Vtr[idx], dtype=torch.float32), torch.as_tensor(ytr[idx])
            for name in results:
                torch.manual_seed(seed)
                start = network(p["layers"], rbms if name == "pretrained" else None)
                net = fine_tune(start, X, y, p["epochs"], p["lr"])
                with torch.no_grad():
                    results[name][f"accuracy_{n}"] = float((net(Vte).argmax(1).numpy() == yte).mean())
                tick(info=t("history.bar.labels", n=n))
    n = counts[0]
    gain = (results["pretrained"][f"accuracy_{n}"] - results["random"][f"accuracy_{n}"]) * 100
    key = "history.dbn.sentence" if len(counts) > 1 else "history.dbn.sentence_one"
    sentence = t(key, n=n, pre=results["pretrained"][f"accuracy_{n}"] * 100,
                 rand=results["random"][f"accuracy_{n}"] * 100, gain=gain, big=counts[-1],
                 big_gain=(results["pretrained"][f"accuracy_{counts[-1]}"]
                           - results["random"][f"accuracy_{counts[-1]}"]) * 100)
    return Outcome(results, _plots(out, rbms, counts, results), sentence)
