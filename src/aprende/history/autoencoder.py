"""The autoencoder (Hinton & Salakhutdinov 2006): squeeze each image through a tiny code and rebuild it.

The network learns on its own a few numbers that describe a digit; because encoder and decoder are non-linear,
the code can keep more than principal component analysis (PCA) keeps with the same number of components."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.history.common import Outcome, bar, figure, image_grid, subplots
from aprende.history.data import digits


class AutoEncoder(nn.Module):
    """64 -> hidden -> code -> hidden -> 64, tanh inside, sigmoid out (pixels are in [0, 1])."""

    def __init__(self, code: int, hidden: int, n_in: int = 64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_in, hidden), nn.Tanh(), nn.Linear(hidden, code))
        self.decoder = nn.Sequential(nn.Linear(code, hidden), nn.Tanh(), nn.Linear(hidden, n_in), nn.Sigmoid())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))  # (B, 64) -> (B, code) -> (B, 64)


def train(model: AutoEncoder, X: np.ndarray, p: dict, seed: int, tick=None) -> list[float]:
    """Adam on the squared reconstruction error, shuffled mini-batches; the training loss of every epoch."""
    Xt = torch.as_tensor(X)
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=p["lr"])
    losses = []
    for _ in range(p["epochs"]):
        total = 0.0
        for idx in torch.randperm(len(Xt), generator=gen).split(p["batch_size"]):
            loss = nn.functional.mse_loss(model(Xt[idx]), Xt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        losses.append(total / len(Xt))
        if tick:
            tick(info=fmt(losses[-1], 4))
    return losses


def _plots(out: Path, Xte, yte, ae_rec, pca_rec, ae_code, pca_code, errors) -> dict[str, Path]:
    fig, ax = subplots(1, 9, 3.2)
    image_grid(ax[0], np.concatenate([Xte[:12], ae_rec[:12], pca_rec[:12]]), 12, t("history.autoencoder.plot.rows"))
    figs = {"reconstructions": figure(out / "reconstructions.png", fig)}
    fig, (a, b) = subplots(2, 4.6, 4.2)
    for axis, code, key, err in ((a, ae_code, "history.autoencoder.plot.code", errors["autoencoder"]),
                                 (b, pca_code, "history.autoencoder.plot.pca", errors["pca"])):
        if code.shape[1] > 2:  # show the first two principal directions of a longer code
            from sklearn.decomposition import PCA  # deferred: scikit-learn loads in ~1 s

            code = PCA(2).fit_transform(code)
        sc = axis.scatter(code[:, 0], code[:, 1], c=yte, cmap="tab10", s=10, vmin=-0.5, vmax=9.5)
        axis.set_title(t(key, mse=err))
        axis.set_xticks([])
        axis.set_yticks([])
    fig.colorbar(sc, ax=[a, b], ticks=range(10), label=t("history.autoencoder.plot.digit"))
    figs["codes"] = figure(out / "codes.png", fig)
    return figs


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """Train the autoencoder and fit PCA with the same code size on the same images; compare on unseen ones."""
    from sklearn.decomposition import PCA  # deferred: scikit-learn loads in ~1 s

    Xtr, ytr, Xte, yte = digits(seed)
    torch.manual_seed(seed)
    model = AutoEncoder(p["code"], p["hidden"])
    t0 = time.perf_counter()
    with bar("history.autoencoder.progress", p["epochs"]) as tick:
        train(model, Xtr, p, seed, tick)
    seconds = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        X = torch.as_tensor(Xte)
        ae_code, ae_rec = model.encoder(X).numpy(), model(X).numpy()
    t0 = time.perf_counter()
    pca = PCA(p["code"], random_state=seed).fit(Xtr)
    pca_seconds = time.perf_counter() - t0
    pca_code = pca.transform(Xte)
    pca_rec = np.clip(pca.inverse_transform(pca_code), 0, 1)
    errors = {"autoencoder": float(np.mean((ae_rec - Xte) ** 2)), "pca": float(np.mean((pca_rec - Xte) ** 2))}
    metrics = {"autoencoder": {"mse": errors["autoencoder"], "seconds": round(seconds, 2)},
               "pca": {"mse": errors["pca"], "seconds": round(pca_seconds, 3)}}
    sentence = t("history.autoencoder.sentence", code=p["code"], ae=errors["autoencoder"], pca=errors["pca"],
                 ratio=errors["pca"] / max(errors["autoencoder"], 1e-12))
    return Outcome(metrics, _plots(out, Xte, yte, ae_rec, pca_rec, ae_code, pca_code, errors), sentence)
