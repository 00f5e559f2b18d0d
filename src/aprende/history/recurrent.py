"""Recurrent networks (Jordan 1986, Elman 1990) and the LSTM (Hochreiter & Schmidhuber 1997) on the adding problem.

An Elman network carries a state from step to step, so in principle it remembers; in practice the gradient that
reaches early steps is multiplied by the same Jacobian again and again and vanishes, so it cannot learn long
dependencies. The LSTM adds a memory cell updated by addition and guarded by gates: once its forget gate learns
to stay open, the gradient (and the number it must remember) survives the whole sequence."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.history.common import Outcome, bar, figure, subplots
from aprende.history.data import ADDING_BASELINE_MSE, adding_batch

TEST_SIZE = 1000


class Recurrent(nn.Module):
    """A recurrent layer (Elman RNN with tanh, or LSTM) read at the last step by a linear layer."""

    def __init__(self, kind: str, hidden: int):
        super().__init__()
        self.cell = (nn.LSTM if kind == "lstm" else nn.RNN)(2, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h, _ = self.cell(x)  # (B, T, H)
        return self.out(h[:, -1]).squeeze(-1)  # (B,)


def train_one(kind: str, length: int, p: dict, seed: int, tick=None) -> dict:
    """Adam on mean squared error with fresh random sequences every step; test MSE on 1,000 unseen ones."""
    torch.manual_seed(seed)
    model = Recurrent(kind, p["hidden"])
    gen = torch.Generator().manual_seed(seed + length)
    opt = torch.optim.Adam(model.parameters(), lr=p["lr"])
    losses, t0 = [], time.perf_counter()
    for step in range(p["steps"]):
        x, y = adding_batch(p["batch_size"], length, gen)
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())
        if tick and (step + 1) % 50 == 0:
            tick(50, info=f"{kind} T={length} {fmt(float(np.mean(losses[-50:])), 3)}")
    if tick and p["steps"] % 50:
        tick(p["steps"] % 50)
    x, y = adding_batch(TEST_SIZE, length, torch.Generator().manual_seed(10_000 + length))
    with torch.no_grad():
        mse = nn.functional.mse_loss(model(x), y).item()
    return {"model": model, "mse": mse, "losses": losses, "seconds": time.perf_counter() - t0}


def first_mark_sensitivity(model: Recurrent, length: int) -> float:
    """∂answer/∂(first marked number), averaged over a batch: 1 for a network that remembers it, 0 if it forgot."""
    x, _ = adding_batch(512, length, torch.Generator().manual_seed(7))  # (B, T, 2)
    x.requires_grad_(True)
    model(x).sum().backward()
    first = x[..., 1].argmax(1)  # position of the first mark (argmax returns the first maximum)
    return float(x.grad[torch.arange(len(x)), first, 0].mean())


def run_models(kinds: tuple[str, ...], p: dict, seed: int) -> dict:
    """Every model at every length; results[kind][length] = train_one(...)."""
    p["lengths"] = tuple(sorted(set(p["lengths"])))
    results = {k: {} for k in kinds}
    with bar("history.recurrent.progress", len(kinds) * len(p["lengths"]) * p["steps"]) as tick:
        for kind in kinds:
            for length in p["lengths"]:
                r = results[kind][length] = train_one(kind, length, p, seed, tick)
                r["first_weight"] = first_mark_sensitivity(r["model"], length)
    return results


def metrics_of(results: dict) -> dict:
    out = {kind: {**{f"mse_{T}": r["mse"] for T, r in runs.items()},
                  **{f"first_weight_{T}": r["first_weight"] for T, r in runs.items()},
                  "seconds": round(sum(r["seconds"] for r in runs.values()), 2)} for kind, runs in results.items()}
    out["baseline"] = {"mse": ADDING_BASELINE_MSE}
    return out


def _plots(out: Path, results: dict, lengths: tuple[int, ...]) -> dict[str, Path]:
    fig, (m, c, g) = subplots(3, 4.9, 3.8)
    colours = {"rnn": "tab:red", "lstm": "tab:blue"}
    for kind, runs in results.items():
        m.plot(lengths, [runs[T]["mse"] for T in lengths], marker="o", color=colours[kind], label=kind.upper())
        longest = runs[lengths[-1]]
        smooth = np.convolve(longest["losses"], np.ones(20) / 20, mode="valid")
        c.plot(smooth, color=colours[kind], label=f"{kind.upper()} T={lengths[-1]}")
        g.plot(lengths, [runs[T]["first_weight"] for T in lengths], marker="o",
               color=colours[kind], label=kind.upper())
    for ax in (m, c):
        ax.axhline(ADDING_BASELINE_MSE, ls="--", color="grey", label=t("history.recurrent.plot.baseline"))
        ax.set_yscale("log")
        ax.legend()
        ax.grid(alpha=0.3)
    m.set(xlabel=t("history.recurrent.plot.length"), ylabel=t("history.recurrent.plot.mse"),
          title=t("history.recurrent.plot.by_length"))
    c.set(xlabel=t("history.recurrent.plot.step"), ylabel=t("history.recurrent.plot.mse"),
          title=t("history.recurrent.plot.training"))
    g.axhline(1.0, ls="--", color="grey")
    g.set(ylim=(-0.1, 1.3), xlabel=t("history.recurrent.plot.length"), ylabel="∂ŷ / ∂a₁",
          title=t("history.recurrent.plot.memory"))
    g.legend()
    g.grid(alpha=0.3)
    return {"lengths": figure(out / "lengths.png", fig)}


def rnn_exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """The Elman network alone at growing lengths: fine on short sequences, no better than guessing on long ones."""
    results = run_models(("rnn",), p, seed)
    lengths = p["lengths"]
    metrics = metrics_of(results)
    short, long = results["rnn"][lengths[0]]["mse"], results["rnn"][lengths[-1]]["mse"]
    shows = short < 0.05 and long > 0.1  # learns short sequences, no better than guessing on long ones
    sentence = t("history.rnn.sentence" if shows else "history.rnn.sentence_plain", short=lengths[0],
                 mse_short=short, long=lengths[-1], mse_long=long, baseline=ADDING_BASELINE_MSE)
    return Outcome(metrics, _plots(out, results, lengths), sentence)


def lstm_exhibit(p: dict, out: Path, seed: int) -> Outcome:
    """The LSTM beside the Elman network, same sizes, same data, same steps."""
    results = run_models(("rnn", "lstm"), p, seed)
    T = p["lengths"][-1]
    metrics = metrics_of(results)
    rnn, lstm = results["rnn"][T]["mse"], results["lstm"][T]["mse"]
    shows = lstm < 0.05 and rnn > 0.1
    sentence = t("history.lstm.sentence" if shows else "history.lstm.sentence_plain", T=T, rnn=rnn, lstm=lstm,
                 baseline=ADDING_BASELINE_MSE)
    return Outcome(metrics, _plots(out, results, p["lengths"]), sentence)
