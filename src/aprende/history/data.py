"""The toy problems of the museum, all generated or bundled: nothing is downloaded."""

from __future__ import annotations

import math

import numpy as np
import torch

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])  # (4, 2)
XOR_Y = np.array([0.0, 1.0, 1.0, 0.0])  # (4,)


def separable_points(n: int, margin: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` points in [-1, 1]² labelled ±1 by a random line, none closer than `margin` (so a perceptron converges)."""
    angle = rng.uniform(0, 2 * np.pi)
    normal, offset = np.array([np.cos(angle), np.sin(angle)]), rng.uniform(-0.3, 0.3)
    points = []
    while sum(len(p) for p in points) < n:
        cand = rng.uniform(-1, 1, size=(4 * n, 2))  # (4n, 2)
        points.append(cand[np.abs(cand @ normal + offset) >= margin])
    X = np.concatenate(points)[:n]  # (n, 2)
    y = np.where(X @ normal + offset >= 0, 1.0, -1.0)  # (n,)
    if len(np.unique(y)) < 2:  # a line that misses the square: flip half so both classes exist
        return separable_points(n, margin, rng)
    return X, y


def moons(n: int, noise: float, seed: int) -> tuple[np.ndarray, ...]:
    """Two interleaved half-moons (scikit-learn's generator), 70 % for training and 30 % for testing."""
    from sklearn.datasets import make_moons  # deferred: scikit-learn loads in ~1 s

    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return split(X.astype(np.float32), y, seed)


def digits(seed: int) -> tuple[np.ndarray, ...]:
    """scikit-learn's bundled 8x8 digits (1,797 images, no download), scaled to [0, 1], split 80/20 by class."""
    from sklearn.datasets import load_digits  # deferred: scikit-learn loads in ~1 s

    d = load_digits()
    return split((d.data / 16.0).astype(np.float32), d.target, seed, test=0.2)


def split(X: np.ndarray, y: np.ndarray, seed: int, test: float = 0.3) -> tuple[np.ndarray, ...]:
    """Xtr, ytr, Xte, yte, stratified and seeded."""
    # deferred: scikit-learn loads in ~1 s
    from sklearn.model_selection import train_test_split

    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test, random_state=seed, stratify=y)
    return Xtr, ytr, Xte, yte


def binarise(X: np.ndarray) -> np.ndarray:
    """Digits as on/off pixels, what a Bernoulli RBM models."""
    return (X > 0.5).astype(np.float32)


def adding_batch(batch: int, length: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """The adding problem (Hochreiter & Schmidhuber 1997): add the two marked numbers of a long random sequence.

    One mark falls in the first tenth of the sequence and the other in the second half, so the network must carry
    the first number across most of the sequence."""
    values = torch.rand(batch, length, generator=gen)  # (B, T)
    marks = torch.zeros(batch, length)
    first = torch.randint(0, max(1, length // 10), (batch,), generator=gen)
    second = torch.randint(length // 2, length, (batch,), generator=gen)
    second = torch.where(second == first, (first + 1) % length, second)
    rows = torch.arange(batch)
    marks[rows, first] = 1.0
    marks[rows, second] = 1.0
    target = (values * marks).sum(1)  # (B,)
    return torch.stack([values, marks], -1), target  # (B, T, 2), (B,)


ADDING_BASELINE_MSE = 1 / 6  # always answering 1.0: the variance of the sum of two U(0, 1)


def ring_centres(modes: int = 8, radius: float = 2.0) -> torch.Tensor:
    """The centres of the ring of Gaussians, (modes, 2)."""
    angle = torch.arange(modes) * 2 * math.pi / modes
    return torch.stack([radius * angle.cos(), radius * angle.sin()], 1)


def ring_batch(batch: int, std: float, gen: torch.Generator, modes: int = 8) -> torch.Tensor:
    """Samples of a mixture of `modes` Gaussians on a circle, the classic test of mode collapse. (B, 2)"""
    centres = ring_centres(modes)
    pick = torch.randint(0, modes, (batch,), generator=gen)
    return centres[pick] + std * torch.randn(batch, 2, generator=gen)
