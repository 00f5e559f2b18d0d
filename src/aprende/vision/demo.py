"""`aprende cnn demo`: the article's lesson by hand — hand-set kernels slid over your image, then pooling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from aprende.core.i18n import t
from aprende.core.images import open_image, to_array
from aprende.core.numbers import fmt
from aprende.core.plots import save_figure
from aprende.core.runs import fresh_run, new_run_dir
from aprende.vision.scratch import KERNELS, conv2d, pool2d
from aprende.vision.settings import SIZE


@dataclass
class DemoResult:
    run_dir: Path
    figures: dict[str, Path]
    shapes: dict[str, tuple[int, int]]




def kernel_demo(image: str | Path, size: int = SIZE, project=None, name=None) -> DemoResult:
    """Convolve IMAGE (grey, resized to `size`) with each hand-set kernel; max- and average-pool the edges."""
    img = open_image(image)
    ratio = size / max(img.width, img.height)
    hw = (max(4, round(img.height * ratio)), max(4, round(img.width * ratio)))
    x = to_array(img, 1, hw)[None].astype(np.float64) / 255.0  # (1, 1, H, W)
    maps = {k: conv2d(x, w[None, None], padding=1)[0, 0] for k, w in KERNELS.items()}  # each (H, W)
    edges = np.abs(maps["edges_vertical"]) + np.abs(maps["edges_horizontal"])
    pooled = {mode: pool2d(edges[None, None], 2, mode=mode)[0, 0] for mode in ("max", "avg")}  # each (H/2, W/2)
    run_dir = new_run_dir("cnn", name, project)
    with fresh_run(run_dir):
        figs = {"kernels": run_dir / "kernels.png", "pooling": run_dir / "pooling.png"}
        fig, axes = plt.subplots(2, len(KERNELS) + 1, figsize=(2.4 * (len(KERNELS) + 1), 5))
        axes[0][0].imshow(x[0, 0], cmap="gray")
        axes[0][0].set_title(t("cnn.demo.original"), fontsize=9)
        axes[1][0].axis("off")
        for j, (k, w) in enumerate(KERNELS.items(), 1):
            axes[0][j].imshow(maps[k], cmap="gray")
            axes[0][j].set_title(t(f"cnn.kernel.{k}"), fontsize=9)
            axes[1][j].imshow(w, cmap="coolwarm", vmin=-abs(w).max(), vmax=abs(w).max())
            for (r, c), v in np.ndenumerate(w):
                axes[1][j].text(c, r, fmt(float(f"{v:.2g}")), ha="center", va="center", fontsize=7)
        for ax in np.ravel(axes):
            ax.set_xticks([])
            ax.set_yticks([])
        fig.suptitle(t("cnn.demo.kernels_title"))
        save_figure(fig, figs["kernels"])
        fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
        panels = [(t("cnn.demo.edges", h=edges.shape[0], w=edges.shape[1]), edges)]
        panels += [(t(f"cnn.demo.{mode}", h=m.shape[0], w=m.shape[1]), m) for mode, m in pooled.items()]
        for ax, (title, m) in zip(axes, panels):
            ax.imshow(m, cmap="magma")
            ax.set_title(title, fontsize=9)
            ax.axis("off")
        save_figure(fig, figs["pooling"])
    shapes = {"input": hw, "conv": maps["blur"].shape, "pool": pooled["max"].shape}
    return DemoResult(run_dir, figs, shapes)
