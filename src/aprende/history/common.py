"""What every exhibit shares: its outcome, a progress bar, a small training loop, and plotting helpers."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.console import progress
from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.core.plots import plt, save_figure


@dataclass
class Outcome:
    """What an exhibit returns: its numbers, its figures (name -> png) and its result in one sentence."""

    metrics: dict
    figures: dict[str, Path] = field(default_factory=dict)
    sentence: str = ""


@contextlib.contextmanager
def bar(key: str, total: int, **params):
    """A progress bar on stderr, unless the run is quiet (console.quietly); yields `tick(n=1, info="")`."""
    with progress() as prog:
        task = prog.add_task(t(key, **params), total=total, info="")
        yield lambda n=1, info="": prog.update(task, advance=n, info=info)


def figure(path: Path, fig) -> Path:
    """Save a figure into the run folder and return its path."""
    save_figure(fig, path)
    return Path(path)


def accuracy(model: nn.Module, X: np.ndarray, y: np.ndarray) -> float:
    """Share of correct answers of a classifier that returns logits."""
    model.eval()
    with torch.no_grad():
        pred = model(torch.as_tensor(X)).argmax(1).numpy()
    model.train()
    return float((pred == y).mean())


def fit_classifier(model: nn.Module, data: tuple, epochs: int, lr: float, batch_size: int, seed: int,
                   tick=None) -> dict:
    """Adam on cross-entropy with shuffled mini-batches; the test accuracy after every epoch."""
    Xtr, ytr, Xte, yte = data
    X, y = torch.as_tensor(Xtr), torch.as_tensor(ytr, dtype=torch.long)
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    curve, t0 = [], time.perf_counter()
    for _ in range(epochs):
        for idx in torch.randperm(len(X), generator=gen).split(batch_size):
            loss = nn.functional.cross_entropy(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        curve.append(accuracy(model, Xte, yte))
        if tick:
            tick(info=fmt(curve[-1], percent=True))
    return {"accuracy": curve[-1], "curve": curve, "seconds": time.perf_counter() - t0}


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def grid_over(X: np.ndarray, steps: int = 200, pad: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A mesh covering the points X (N, 2): xx, yy (steps, steps) and the flattened grid (steps², 2)."""
    lo, hi = X.min(0) - pad, X.max(0) + pad
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    return xx, yy, np.c_[xx.ravel(), yy.ravel()].astype(np.float32)


def draw_regions(ax, X: np.ndarray, y: np.ndarray, predict, title: str, cmap: str = "coolwarm",
                 steps: int = 200) -> None:
    """Colour the plane by what `predict` (grid (M, 2) -> labels (M,)) says, and draw the points on top."""
    xx, yy, grid = grid_over(X, steps)
    zz = np.asarray(predict(grid)).reshape(xx.shape)
    n = max(int(y.max()) + 1, 2)
    ax.contourf(xx, yy, zz, levels=np.arange(n + 1) - 0.5, cmap=cmap, alpha=0.35)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap=cmap, s=10, edgecolors="k", linewidths=0.3, vmin=0, vmax=n - 1)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


def image_grid(ax, images: np.ndarray, cols: int, title: str = "", side: int = 8) -> None:
    """Tile flat images (N, side²) into one picture: `cols` per row, a thin gap between them."""
    images = np.asarray(images).reshape(-1, side, side)
    rows = int(np.ceil(len(images) / cols))
    canvas = np.ones((rows * (side + 1) - 1, cols * (side + 1) - 1)) * np.nan
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        canvas[r * (side + 1):r * (side + 1) + side, c * (side + 1):c * (side + 1) + side] = img
    ax.imshow(np.ma.masked_invalid(canvas), cmap="gray_r", interpolation="nearest")
    ax.set_title(title)
    ax.axis("off")


def subplots(n: int, width: float = 4.2, height: float = 3.8):
    """A row of n axes."""
    fig, axes = plt.subplots(1, n, figsize=(width * n, height), squeeze=False)
    return fig, list(axes[0])
