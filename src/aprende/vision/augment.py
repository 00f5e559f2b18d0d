"""Batched augmentation on tensors (no per-image Python): random translation by up to `shift` pixels and flips."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def random_translate(x: torch.Tensor, shift: int) -> torch.Tensor:
    """Pad by `shift` and crop each image at a random offset: (B, C, H, W) -> (B, C, H, W)."""
    if shift <= 0:
        return x
    b, c, h, w = x.shape
    padded = F.pad(x, (shift, shift, shift, shift))
    dy = torch.randint(0, 2 * shift + 1, (b,), device=x.device)
    dx = torch.randint(0, 2 * shift + 1, (b,), device=x.device)
    rows = (dy[:, None] + torch.arange(h, device=x.device))[:, None, :, None]  # (B, 1, H, 1)
    cols = (dx[:, None] + torch.arange(w, device=x.device))[:, None, None, :]  # (B, 1, 1, W)
    bi = torch.arange(b, device=x.device)[:, None, None, None]
    ci = torch.arange(c, device=x.device)[None, :, None, None]
    return padded[bi, ci, rows, cols]


def random_flip(x: torch.Tensor) -> torch.Tensor:
    """Mirror half of the images left-right."""
    mask = torch.rand(x.shape[0], device=x.device) < 0.5
    return torch.where(mask[:, None, None, None], x.flip(-1), x)
