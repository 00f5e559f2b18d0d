"""`aprende cnn explain`: what the network sees — first-layer kernels, every feature map, and Grad-CAM.

Grad-CAM (Selvaraju et al., 2017): the gradient of the predicted class's score with respect to the last
convolutional feature maps says how much each map matters; their weighted sum, kept where positive, is a heat map
of the image regions that drove the decision.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from aprende.core.html import figure, page
from aprende.core.i18n import get_lang, t
from aprende.core.plots import save_figure
from aprende.core.runs import DEFAULT_PROJECT, atomic_write_text, existing_run_dir
from aprende.vision.images import open_image, to_array

KINDS = {nn.Conv2d: "conv", nn.ReLU: "act", nn.LeakyReLU: "act", nn.MaxPool2d: "pool", nn.AvgPool2d: "pool"}


@dataclass
class Explanation:
    page: Path
    figures: dict[str, Path]
    top: list[tuple[str, float]]


def plot_kernels(conv: nn.Conv2d, path: Path) -> None:
    """The first layer's kernels: each small square is a pattern the layer looks for."""
    w = conv.weight.detach().float().cpu().numpy()  # (O, C, kh, kw)
    n = min(len(w), 32)
    cols = 8
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.9, rows * 0.9), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, k in zip(axes.flat, w[:n]):
        k = (k - k.min()) / (k.max() - k.min() + 1e-8)
        ax.imshow(k[0] if k.shape[0] != 3 else k.transpose(1, 2, 0), cmap="gray", interpolation="nearest")
    fig.suptitle(t("cnn.plot.kernels"))
    save_figure(fig, path)


def plot_maps(maps: torch.Tensor, title: str, path: Path, n: int = 16) -> None:
    """Up to n feature maps of one layer for one image: bright = strong response."""
    m = maps[0, :n].float().cpu().numpy()  # (n, H, W)
    cols = 8
    rows = int(np.ceil(len(m) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.1, rows * 1.2), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for i, (ax, fm) in enumerate(zip(axes.flat, m)):
        ax.imshow(fm, cmap="viridis", interpolation="nearest")
        ax.set_title(str(i), fontsize=6)
    fig.suptitle(title)
    save_figure(fig, path)


def grad_cam(model: nn.Module, x: torch.Tensor, target: int) -> np.ndarray:
    """Heat map (H, W) in [0, 1] over the input for class `target`, from the last activation in `features`."""
    acts = [m for m in model.features if isinstance(m, (nn.ReLU, nn.LeakyReLU))]
    store: dict = {}
    handle = acts[-1].register_forward_hook(lambda mod, i, o: store.__setitem__("a", o))
    try:
        x = x.clone().requires_grad_(True)
        model.zero_grad()
        score = model(x)[0, target]
        grad = torch.autograd.grad(score, store["a"])[0]  # (1, C, h, w)
    finally:
        handle.remove()
    weights = grad.mean(dim=(2, 3), keepdim=True)  # (1, C, 1, 1): importance of each map
    cam = torch.relu((weights * store["a"]).sum(1, keepdim=True))  # (1, 1, h, w)
    cam = nn.functional.interpolate(cam, size=x.shape[2:], mode="bilinear", align_corners=False)[0, 0]
    cam = cam.detach().numpy()
    return cam / cam.max() if cam.max() > 0 else cam


def explain_dir(run_dir: Path) -> Path:
    """Inside the user's run; for a shipped model (installed, maybe read-only) under runs/cnn/explain instead."""
    from aprende.weights import ROOT

    if ROOT in Path(run_dir).resolve().parents:
        return Path(DEFAULT_PROJECT) / "cnn" / "explain"
    return Path(run_dir) / "explain"


def explain(run: str | Path, image: str | Path, out: str | Path | None = None) -> Explanation:
    """Write kernels.png, one PNG per layer's feature maps, gradcam.png and explain.html for IMAGE."""
    from aprende.vision.evaluate import predict_logits
    from aprende.vision.train import load_run_model, prepare

    run_dir = existing_run_dir(run, "classify")
    model, cfg = load_run_model(run_dir)
    model = model.float().eval()
    raw = torch.from_numpy(to_array(open_image(Path(image)), cfg["channels"], tuple(cfg["size"])))[None]
    folder = Path(out) if out else explain_dir(run_dir) / Path(image).stem
    x = prepare(raw, cfg["mean"], cfg["std"], False)
    probs = torch.softmax(predict_logits(model, raw, cfg), 1)[0]
    top = [(cfg["classes"][int(i)], float(probs[i])) for i in probs.argsort(descending=True)[:3]]
    figs: dict[str, Path] = {"input": folder / "input.png", "kernels": folder / "kernels.png"}
    sections = []

    fig, ax = plt.subplots(figsize=(3, 3))
    img = raw[0].numpy()
    ax.imshow(img[0] if img.shape[0] == 1 else img.transpose(1, 2, 0), cmap="gray")
    ax.axis("off")
    save_figure(fig, figs["input"])
    sections.append(figure(figs["input"], t("cnn.step.input", h=img.shape[1], w=img.shape[2], c=img.shape[0])))
    first_conv = next(m for m in model.features if isinstance(m, nn.Conv2d))
    plot_kernels(first_conv, figs["kernels"])
    sections.append(figure(figs["kernels"], t("cnn.step.kernels", n=first_conv.out_channels,
                                              k=first_conv.kernel_size[0])))

    h = x
    counts: dict[str, int] = {}
    with torch.no_grad():
        for module in model.features:
            h = module(h)
            kind = next((v for k, v in KINDS.items() if isinstance(module, k)), None)
            if kind is None:
                continue
            counts[kind] = counts.get(kind, 0) + 1
            name = f"{kind}{counts[kind]}"
            figs[name] = folder / f"{name}.png"
            plot_maps(h, t(f"cnn.layer.{kind}", i=counts[kind], c=h.shape[1], h=h.shape[2], w=h.shape[3]), figs[name])
            sections.append(figure(figs[name], t(f"cnn.step.{kind}", c=h.shape[1], h=h.shape[2], w=h.shape[3])))

    cam = grad_cam(model, x, int(probs.argmax()))
    figs["gradcam"] = folder / "gradcam.png"
    fig, axes = plt.subplots(1, 2, figsize=(6, 3))
    for ax in axes:
        ax.imshow(img[0] if img.shape[0] == 1 else img.transpose(1, 2, 0), cmap="gray")
        ax.axis("off")
    axes[1].imshow(cam, cmap="jet", alpha=0.45)
    fig.suptitle(t("cnn.plot.gradcam", cls=top[0][0], p=top[0][1]))
    save_figure(fig, figs["gradcam"])
    sections.append(figure(figs["gradcam"], t("cnn.step.gradcam", cls=top[0][0])))
    verdict = ", ".join(f"{c} {p:.1%}" for c, p in top)
    intro = html.escape(t("cnn.page.intro", image=Path(image).name, verdict=verdict))
    body = f"<p>{intro}</p>\n" + "\n".join(sections)
    atomic_write_text(folder / "explain.html", page(t("cnn.page.title"), body, get_lang()))
    return Explanation(folder / "explain.html", figs, top)
