"""An exponential moving average of the weights: a smoother copy of the model, evaluated and saved instead of the
raw weights, which jump around with each noisy mini-batch (Polyak averaging, as YOLO and most image models use)."""

from __future__ import annotations

import copy

import torch


class EMA:
    """shadow ← d·shadow + (1 − d)·weights after every optimiser step; d ramps up from 0 so early steps count."""

    def __init__(self, model: torch.nn.Module, decay: float = 0.999):
        self.shadow = copy.deepcopy(model).eval()
        for p in self.shadow.parameters():
            p.requires_grad_(False)
        self.decay, self.updates = decay, 0

    @torch.no_grad()
    def update(self, model: torch.nn.Module) -> None:
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for avg, p in zip(self.shadow.parameters(), model.parameters()):
            avg.lerp_(p.detach(), 1.0 - d)
        for avg, b in zip(self.shadow.buffers(), model.buffers()):  # BatchNorm statistics: the latest
            avg.copy_(b)

    def state_dict(self) -> dict:
        return {"model": self.shadow.state_dict(), "updates": self.updates}

    def load_state_dict(self, state: dict) -> None:
        self.shadow.load_state_dict(state["model"])
        self.updates = int(state["updates"])
