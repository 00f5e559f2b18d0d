"""Figures the report draws itself: compact attention maps and a grid of annotated images."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch
from PIL import Image

from aprende.core.i18n import t
from aprende.core.plots import save_figure  # it also sets matplotlib's screen-less backend


def attention_map(src: list[str], out: list[str], weights: torch.Tensor, path: Path, average: bool = False) -> Path:
    """The last layer's cross-attention (weights: (layers, heads, T, S)): one panel per head, or their mean; each
    cell a little larger than a line of text, so the figure is as big as its sentence and no bigger."""
    layers, heads, rows, cols = weights.shape
    last = weights[-1].float()  # (H, T, S)
    panels = [(t("tour.fig.mean_heads", layer=layers, heads=heads), last.mean(0))] if average else \
        [(t("tour.fig.head", layer=layers, head=h + 1), last[h]) for h in range(heads)]
    cell = 0.28
    label = max(map(len, src))  # the longest source word, written vertically below the panel
    fig, axes = plt.subplots(1, len(panels), squeeze=False,
                             figsize=(0.9 + len(panels) * (1.0 + cell * cols), 0.9 + cell * rows + 0.08 * label))
    for ax, (title, w) in zip(axes[0], panels):
        ax.imshow(w.numpy(), cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
        ax.set_xticks(range(cols), src, rotation=90, fontsize=8)
        ax.set_yticks(range(rows), out, fontsize=8)
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    save_figure(fig, path)
    return path


def image_grid(paths: list[Path], path: Path, columns: int = 2, width: int = 300) -> Path:
    """Images side by side, each scaled to `width` pixels, in rows of `columns`: one compact figure."""
    images = []
    for p in paths:
        with Image.open(p) as im:
            images.append(im.convert("RGB").resize((width, round(im.height * width / im.width))))
    rows = (len(images) + columns - 1) // columns
    height = max(im.height for im in images)
    gap = 6
    grid = Image.new("RGB", (columns * width + (columns - 1) * gap, rows * height + (rows - 1) * gap), "white")
    for i, im in enumerate(images):
        grid.paste(im, ((i % columns) * (width + gap), (i // columns) * (height + gap)))
    path.parent.mkdir(parents=True, exist_ok=True)
    grid.save(path, quality=88)
    return path
