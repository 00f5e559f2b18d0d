"""Generative adversarial networks (Goodfellow et al. 2014): a forger and a detective trained against each other.

The generator turns random noise into samples; the discriminator learns to tell them from real data, and the
generator learns from the discriminator's gradient to fool it. The classic failure is mode collapse: producing
only some kinds of sample. A ring of 8 Gaussians makes the modes countable; digits make the samples visible."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.history.common import Outcome, bar, figure, image_grid, subplots
from aprende.history.data import digits, ring_batch, ring_centres

RING_STD, RING_LATENT, DIGIT_LATENT, DIGIT_BATCH = 0.05, 2, 8, 64
SNAPSHOTS = 4


def mlp(n_in: int, hidden: int, n_out: int, act: type = nn.ReLU, last: nn.Module | None = None) -> nn.Sequential:
    mods = [nn.Linear(n_in, hidden), act(), nn.Linear(hidden, hidden), act(), nn.Linear(hidden, n_out)]
    return nn.Sequential(*mods, *([last] if last else []))


def train_gan(G: nn.Module, D: nn.Module, real, latent: int, steps: int, lr: float, batch: int, gen, tick=None,
              every: int = 0, on_snapshot=None) -> None:
    """Alternate one discriminator step (real -> 1, fake -> 0) and one generator step (fake -> 1, non-saturating)."""
    bce = nn.functional.binary_cross_entropy_with_logits
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    for step in range(steps):
        fake = G(torch.randn(batch, latent, generator=gen))  # (B, D)
        loss_d = bce(D(real(batch)), ones) + bce(D(fake.detach()), zeros)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = bce(D(fake), ones)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        if tick and (step + 1) % 50 == 0:
            tick(50, info=f"D {fmt(loss_d.item(), 2)} G {fmt(loss_g.item(), 2)}")
        if on_snapshot and every and (step + 1) % every == 0:
            on_snapshot(step + 1)
    if tick and steps % 50:
        tick(steps % 50)


def modes_covered(samples: torch.Tensor, std: float = RING_STD, share: float = 0.01) -> tuple[int, float]:
    """A mode counts as covered when ≥ 1 % of samples fall within 3σ of its centre; also the share of such samples."""
    dist = torch.cdist(samples, ring_centres())  # (N, 8)
    nearest = dist.min(1)
    good = nearest.values < 3 * std
    counts = torch.bincount(nearest.indices[good], minlength=8)
    return int((counts >= share * len(samples)).sum()), float(good.float().mean())


def ring(p: dict, seed: int, tick) -> dict:
    """The 2-D mixture: samples and modes covered at a few moments of training."""
    torch.manual_seed(seed)
    G, D = mlp(RING_LATENT, p["hidden"], 2), mlp(2, p["hidden"], 1)
    gen = torch.Generator().manual_seed(seed)
    data_gen = torch.Generator().manual_seed(seed + 1)
    fixed_z = torch.randn(2000, RING_LATENT, generator=torch.Generator().manual_seed(seed + 2))
    snaps = []

    def snapshot(step: int) -> None:
        with torch.no_grad():
            x = G(fixed_z)
        snaps.append((step, x.numpy(), *modes_covered(x)))

    t0 = time.perf_counter()
    train_gan(G, D, lambda b: ring_batch(b, RING_STD, data_gen), RING_LATENT, p["steps"], p["lr"], p["batch_size"],
              gen, tick, max(1, p["steps"] // SNAPSHOTS), snapshot)
    if not snaps or snaps[-1][0] != p["steps"]:
        snapshot(p["steps"])
    return {"snaps": snaps, "seconds": time.perf_counter() - t0}


def digit_gan(p: dict, seed: int, tick) -> dict:
    """The same game on 8x8 digits; a logistic regression trained on real digits names what was drawn."""
    # deferred: scikit-learn loads in ~1 s, only for this comparison
    from sklearn.linear_model import LogisticRegression

    Xtr, ytr, _, _ = digits(seed)
    real_x = torch.as_tensor(Xtr)
    torch.manual_seed(seed)
    G = mlp(DIGIT_LATENT, p["hidden"], 64, last=nn.Sigmoid())
    D = mlp(64, p["hidden"], 1, act=lambda: nn.LeakyReLU(0.2))
    gen = torch.Generator().manual_seed(seed)
    pick = lambda b: real_x[torch.randint(0, len(real_x), (b,), generator=gen)]  # noqa: E731
    t0 = time.perf_counter()
    train_gan(G, D, pick, DIGIT_LATENT, p["digit_steps"], p["lr"], DIGIT_BATCH, gen, tick)
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        samples = G(torch.randn(500, DIGIT_LATENT, generator=gen)).numpy()
    judge = LogisticRegression(max_iter=2000).fit(Xtr, ytr)
    probs = judge.predict_proba(samples)
    counts = np.bincount(probs.argmax(1), minlength=10)
    return {"samples": samples, "classes": int((counts >= 0.02 * len(samples)).sum()),
            "confidence": float(probs.max(1).mean()), "seconds": seconds}


def _plots(out: Path, ring_r: dict, digit_r: dict, p: dict) -> dict[str, Path]:
    snaps = ring_r["snaps"]
    real = ring_batch(2000, RING_STD, torch.Generator().manual_seed(0)).numpy()
    fig, axes = subplots(len(snaps) + 1, 3.2, 3.3)
    for ax, (step, x, modes, _) in zip(axes, snaps):
        ax.scatter(real[:, 0], real[:, 1], s=2, color="lightgrey")
        ax.scatter(x[:, 0], x[:, 1], s=2, color="tab:blue", alpha=0.5)
        ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", title=t("history.gan.plot.snapshot", step=step, modes=modes))
        ax.set_xticks([])
        ax.set_yticks([])
    last = axes[-1]
    last.plot([s[0] for s in snaps], [s[2] for s in snaps], marker="o")
    last.set(ylim=(0, 8.5), xlabel=t("history.gan.plot.step"), title=t("history.gan.plot.modes"))
    last.grid(alpha=0.3)
    figs = {"ring": figure(out / "ring.png", fig)}
    fig, (ax,) = subplots(1, 5.5, 5.2)
    image_grid(ax, digit_r["samples"][:64], 8, t("history.gan.plot.digits", steps=p["digit_steps"]))
    figs["digits"] = figure(out / "digits.png", fig)
    return figs


def exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """First the ring (modes covered over training), then digits (a grid of samples)."""
    with bar("history.gan.progress", p["steps"] + p["digit_steps"]) as tick:
        ring_r = ring(p, seed, tick)
        digit_r = digit_gan(p, seed, tick)
    step, _, modes, quality = ring_r["snaps"][-1]
    metrics = {"ring": {"modes_covered": modes, "high_quality": quality, "seconds": round(ring_r["seconds"], 2)},
               "digits": {"classes": digit_r["classes"], "confidence": digit_r["confidence"],
                          "seconds": round(digit_r["seconds"], 2)}}
    sentence = t("history.gan.sentence", modes=modes, quality=quality * 100, classes=digit_r["classes"],
                 confidence=digit_r["confidence"] * 100)
    return Outcome(metrics, _plots(out, ring_r, digit_r, p), sentence)
