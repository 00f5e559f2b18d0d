"""Batched augmentation on tensors (no per-image Python): shifts and flips for Fashion-MNIST; for photos, random
resized crops with small rotations, optional colour jitter, and Mixup or CutMix when asked (--mix)."""

from __future__ import annotations

import math

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


def random_resized_crop(x: torch.Tensor, scale: tuple[float, float] = (0.35, 1.0), degrees: float = 10.0,
                        flip: bool = True, ratio: tuple[float, float] = (3 / 4, 4 / 3)) -> torch.Tensor:
    """Each image (float, B, C, H, W) becomes a random part of itself (`scale` of its area, aspect `ratio`),
    turned by up to `degrees` and mirrored half the time, resized back to H x W: one affine grid for the batch."""
    b = x.shape[0]
    dev = x.device
    area = torch.empty(b, device=dev).uniform_(*scale)
    ratio = torch.exp(torch.empty(b, device=dev).uniform_(math.log(ratio[0]), math.log(ratio[1])))
    sw, sh = (area * ratio).sqrt().clamp(max=1.0), (area / ratio).sqrt().clamp(max=1.0)  # crop size / image size
    cx, cy = (torch.rand(b, device=dev) * 2 - 1) * (1 - sw), (torch.rand(b, device=dev) * 2 - 1) * (1 - sh)
    angle = (torch.rand(b, device=dev) * 2 - 1) * math.radians(degrees)
    mirror = torch.where(torch.rand(b, device=dev) < 0.5, -1.0, 1.0) if flip else torch.ones(b, device=dev)
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([sw * cos * mirror, -sh * sin, cx], 1),
                         torch.stack([sw * sin * mirror, sh * cos, cy], 1)], 1)  # (B, 2, 3): output -> input coords
    grid = F.affine_grid(theta.to(x.dtype), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def color_jitter(x: torch.Tensor, strength: float = 0.3) -> torch.Tensor:
    """Random brightness, contrast and saturation per image, on 0..1 values (B, C, H, W); grey images get no
    saturation change."""
    b = x.shape[0]
    f = lambda: 1 + (torch.rand(b, 1, 1, 1, device=x.device) * 2 - 1) * strength  # noqa: E731
    x = x * f()
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * f() + mean
    if x.shape[1] == 3:
        gray = (x * torch.tensor([0.299, 0.587, 0.114], device=x.device)[None, :, None, None]).sum(1, keepdim=True)
        x = (x - gray) * f() + gray
    return x.clamp(0, 1)


def mix(x: torch.Tensor, y: torch.Tensor, kind: str, alpha: float = 1.0):
    """Mixup (a blend of two images) or CutMix (a box of one pasted in the other), paired with a shuffled batch:
    returns the mixed images, both labels and the share `lam` of the first, for lam·CE(y) + (1 − lam)·CE(y2)."""
    perm = torch.randperm(x.shape[0], device=x.device)
    lam = float(torch.distributions.Beta(alpha, alpha).sample())
    if kind == "mixup":
        return lam * x + (1 - lam) * x[perm], y, y[perm], lam
    h, w = x.shape[-2:]
    ch, cw = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
    cy, cx = int(torch.randint(h, ())), int(torch.randint(w, ()))
    y0, y1, x0, x1 = max(cy - ch // 2, 0), min(cy + ch // 2, h), max(cx - cw // 2, 0), min(cx + cw // 2, w)
    x = x.clone()
    x[..., y0:y1, x0:x1] = x[perm][..., y0:y1, x0:x1]
    return x, y, y[perm], 1 - (y1 - y0) * (x1 - x0) / (h * w)
