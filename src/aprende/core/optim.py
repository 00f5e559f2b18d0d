"""Optimisers and learning-rate schedules by name, so every lab exposes the same `--optimizer` / `--scheduler`."""

from __future__ import annotations

import math

import torch

from aprende.core.errors import AprendeError

OPTIMIZERS = ("adam", "adamw", "sgd", "adagrad", "rmsprop")
SCHEDULERS = ("none", "cosine", "onecycle", "linear", "rsqrt", "plateau")


def make_optimizer(name: str, params, lr: float, weight_decay: float = 0.0) -> torch.optim.Optimizer:
    name = name.lower()
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True, weight_decay=weight_decay)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)
    raise AprendeError("train.bad_optimizer", name=name, choices=", ".join(OPTIMIZERS))


def lr_factor(name: str, step: int, total: int, warmup: int) -> float:
    """Multiplier of the base learning rate at optimiser step `step` (0-based) of `total`."""
    total = max(total, 1)
    if name in ("none", "plateau"):
        return 1.0 if warmup <= 0 else min(1.0, (step + 1) / warmup)
    if name == "rsqrt":  # "Attention is all you need": linear warm-up, then 1/sqrt(step)
        warm = max(warmup, 1)
        return min((step + 1) / warm, math.sqrt(warm / (step + 1)))
    if name == "onecycle":
        warm = warmup if warmup > 0 else max(1, int(0.3 * total))
        if step < warm:
            return 0.04 + 0.96 * step / warm
        progress = (step - warm) / max(1, total - warm)
        return 1e-3 + (1 - 1e-3) * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
    if step < warmup:
        return (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup))
    if name == "cosine":
        return 0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress))
    if name == "linear":
        return max(0.0, 1.0 - progress)
    raise AprendeError("train.bad_scheduler", name=name, choices=", ".join(SCHEDULERS))


class Schedule:
    """A per-step LambdaLR; `plateau` also halves the rate after 3 epochs without improvement. State is numbers."""

    def __init__(self, optimizer, name: str, total_steps: int, warmup: int = 0, mode: str = "min",
                 max_time: float | None = None, clock=None):
        name = name.lower()
        if name not in SCHEDULERS:
            raise AprendeError("train.bad_scheduler", name=name, choices=", ".join(SCHEDULERS))
        self.name, self.mode = name, mode
        self.scale, self.best, self.bad = 1.0, None, 0
        self.total, self.max_time, self.clock = total_steps, max_time, clock
        self.step_sched = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: self.scale * lr_factor(name, self._progress(s), total_steps, warmup))

    def _progress(self, step: int) -> int:
        """With --max-time the schedule runs on whichever is further along, steps or the clock, so that a
        one-cycle or cosine schedule finishes when time runs out instead of being cut at its peak. Schedules with
        no end (rsqrt, none, plateau) follow the steps only: the clock would age them by the unused epochs."""
        if not self.max_time or self.clock is None or self.name in ("rsqrt", "none", "plateau"):
            return step
        return max(step, int(self.total * self.clock() / self.max_time))

    def step(self) -> None:
        self.step_sched.step()

    def epoch_end(self, value: float | None) -> None:
        if self.name != "plateau" or value is None:
            return
        better = self.best is None or (value < self.best if self.mode == "min" else value > self.best)
        if better:
            self.best, self.bad = value, 0
            return
        self.bad += 1
        if self.bad >= 3:
            self.scale, self.bad = self.scale * 0.5, 0

    def state_dict(self) -> dict:
        return {"step": self.step_sched.state_dict(), "scale": self.scale, "best": self.best, "bad": self.bad}

    def load_state_dict(self, state: dict) -> None:
        self.step_sched.load_state_dict(state["step"])
        self.scale, self.best, self.bad = state["scale"], state["best"], state["bad"]
