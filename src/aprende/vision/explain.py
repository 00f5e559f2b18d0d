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

from aprende.core.html import figure, page, table
from aprende.core.i18n import get_lang, t
from aprende.core.images import open_image, to_array
from aprende.core.numbers import fmt
from aprende.core.plots import save_figure
from aprende.core.runs import atomic_write_text, fresh_run, new_run_dir
from aprende.vision.model import prepare
from aprende.vision.run import Classifier, load_classifier

TOP_BARS = 20  # classes drawn in the probabilities' chart
KINDS = {nn.Conv2d: "conv", nn.ReLU: "act", nn.LeakyReLU: "act", nn.MaxPool2d: "pool", nn.AvgPool2d: "pool"}


@dataclass
class Explanation:
    run_dir: Path
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


def cam_layer(model: nn.Module) -> nn.Module:
    """Where Grad-CAM reads: the last activation of our models' `features`, the last stage of a published network."""
    acts = [m for m in model.features if isinstance(m, (nn.ReLU, nn.LeakyReLU))]
    return acts[-1] if acts and not _staged(model) else model.features[-1]


def _staged(model: nn.Module) -> bool:
    """A published network (vision.pretrained): its `features` are blocks, not single layers."""
    return any(next((v for k, v in KINDS.items() if isinstance(m, k)), None) is None and any(True for _ in m.children())
               for m in model.features)


def cam_map(model: nn.Module, x: torch.Tensor, target: int) -> torch.Tensor:
    """Grad-CAM (1, 1, h, w) for class `target` at the resolution of the layer it reads (cam_layer)."""
    store: dict = {}
    handle = cam_layer(model).register_forward_hook(lambda mod, i, o: store.__setitem__("a", o))
    try:
        x = x.clone().requires_grad_(True)
        model.zero_grad()
        score = model(x)[0, target]
        grad = torch.autograd.grad(score, store["a"])[0]  # (1, C, h, w)
    finally:
        handle.remove()
    weights = grad.mean(dim=(2, 3), keepdim=True)  # (1, C, 1, 1): importance of each map
    return torch.relu((weights * store["a"]).sum(1, keepdim=True)).detach()  # (1, 1, h, w)


def grad_cam(model: nn.Module, x: torch.Tensor, target: int) -> np.ndarray:
    """Heat map (H, W) in [0, 1] over the input for class `target` (cam_map, brought up to the input's size)."""
    cam = nn.functional.interpolate(cam_map(model, x, target), size=x.shape[2:], mode="bilinear",
                                    align_corners=False)[0, 0]
    cam = cam.numpy()
    return cam / cam.max() if cam.max() > 0 else cam


def explain_image(image: str | Path, run: str | Path | Classifier | None = None, project: str | Path | None = None,
                  name: str | None = None) -> Explanation:
    """Write kernels.png, one PNG per layer's feature maps, gradcam.png and explain.html for IMAGE, in a new folder
    <project>/cnn/<name> (a run, or the shipped model when run is None)."""
    clf = run if isinstance(run, Classifier) else load_classifier(run)
    model, cfg = clf.model.float().eval(), clf.config
    raw = torch.from_numpy(to_array(open_image(image), cfg["channels"], tuple(cfg["size"])))[None]  # (1, C, H, W)
    folder = new_run_dir("cnn", name, project)
    with fresh_run(folder):
        return _write(model, cfg, raw, Path(image), folder)


def _write(model: nn.Module, cfg: dict, raw: torch.Tensor, image: Path, folder: Path) -> Explanation:
    """Every figure and the page, step by step from the pixels to the decision."""
    x = prepare(raw, cfg["mean"], cfg["std"])
    with torch.no_grad():
        probs = torch.softmax(model(x).float(), 1)[0]  # (K,)
    top = [(cfg["classes"][int(i)], float(probs[i])) for i in probs.argsort(descending=True)[:3]]
    figs: dict[str, Path] = {"input": folder / "input.png", "kernels": folder / "kernels.png"}
    sections = []

    fig, ax = plt.subplots(figsize=(3, 3))
    img = raw[0].numpy()
    ax.imshow(img[0] if img.shape[0] == 1 else img.transpose(1, 2, 0), cmap="gray")
    ax.axis("off")
    save_figure(fig, figs["input"])
    sections.append(figure(figs["input"], t("cnn.step.input", h=img.shape[1], w=img.shape[2], c=img.shape[0])))
    first_conv = next(m for m in model.features.modules() if isinstance(m, nn.Conv2d))
    plot_kernels(first_conv, figs["kernels"])
    words = t("cnn.step.kernels", n=first_conv.out_channels, k=first_conv.kernel_size[0])
    sections.append(figure(figs["kernels"], words + (" " + t("cnn.step.whitened") if cfg.get("whiten") else "")))

    h = x
    counts: dict[str, int] = {}
    staged = _staged(model)
    with torch.no_grad():
        for module in model.features:
            h = module(h)
            kind = "stage" if staged else next((v for k, v in KINDS.items() if isinstance(module, k)), None)
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
    sections.append(end_of_network(model, h, probs, cfg["classes"], folder / "probs.png"))
    figs["probs"] = folder / "probs.png"
    sections.append(weights_table(model, x))
    verdict = ", ".join(f"{c} {fmt(p, percent=True)}" for c, p in top)
    intro = html.escape(t("cnn.page.intro", image=image.name, verdict=verdict))
    body = f"<p>{intro}</p>\n" + "\n".join(sections)
    atomic_write_text(folder / "explain.html", page(t("cnn.page.title"), body, get_lang()))
    return Explanation(folder, folder / "explain.html", figs, top)


def _count(n: int) -> str:
    """A count the way every page writes it (core.numbers): "12 345" in Spanish, "12,345" in English."""
    return fmt(n)


def end_of_network(model: nn.Module, maps: torch.Tensor, probs: torch.Tensor, classes: list[str], path: Path) -> str:
    """The page's last steps: flatten the final maps, the dense layers, softmax with every class's probability."""
    _, c, h, w = maps.shape  # (1, C, H, W) after the last block
    dense = [m for m in model.head.modules() if isinstance(m, nn.Linear)]
    pooled = any(isinstance(m, nn.AdaptiveAvgPool2d) for m in model.head.modules())
    parts = [f"<h2>{html.escape(t('cnn.end.title'))}</h2>"]
    key = "cnn.end.gap" if pooled else "cnn.end.flatten"
    parts.append(f"<p>{html.escape(t(key, c=c, h=h, w=w, n=_count(dense[0].in_features)))}</p>")
    for i, m in enumerate(dense, 1):
        last = i == len(dense)
        text = t("cnn.end.output" if last else "cnn.end.dense", n_in=_count(m.in_features), n_out=m.out_features,
                 w=_count(sum(p.numel() for p in m.parameters())))
        parts.append(f"<p>{html.escape(text)}</p>")
    order = probs.argsort(descending=True).tolist()[:TOP_BARS]  # ImageNet's 1000 classes: the most likely only
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(order) + 1))
    ax.barh(range(len(order)), [float(probs[i]) for i in order], color=["#c33"] + ["#999"] * (len(order) - 1))
    ax.set_yticks(range(len(order)), [classes[i] for i in order])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    for y, i in enumerate(order):
        ax.text(min(float(probs[i]) + 0.01, 0.9), y, fmt(float(probs[i]), percent=True), va="center", fontsize=8)
    ax.set_title(t("cnn.plot.probs"))
    save_figure(fig, path)
    best = order[0]
    parts.append(figure(path, t("cnn.end.softmax", k=len(classes), cls=classes[best], p=float(probs[best]))))
    return "\n".join(parts)


def weights_table(model: nn.Module, x: torch.Tensor) -> str:
    """Each convolution and dense layer: its weights against a dense layer with the same input and output sizes."""
    rows = []
    h = x
    shape = lambda v: " x ".join(map(str, v.shape[1:]))  # noqa: E731
    staged = _staged(model)
    with torch.no_grad():
        for module in list(model.features) + list(model.head):
            before = h
            h = module(h)
            block = staged and h.dim() == 4 and any(True for _ in module.parameters())
            linear = [m for m in module.modules() if isinstance(m, nn.Linear)] if staged else []
            if not (isinstance(module, (nn.Conv2d, nn.Linear)) or block or linear):
                continue
            own = sum(p.numel() for p in module.parameters())
            full = before[0].numel() * h[0].numel() + h[0].numel()  # a weight per (input, output) pair, a bias each
            kind = "stage" if block else "conv" if isinstance(module, nn.Conv2d) else "dense"
            rows.append({t("cnn.weights.layer"): t(f"cnn.weights.{kind}", i=len(rows) + 1),
                         t("cnn.weights.input"): shape(before), t("cnn.weights.output"): shape(h),
                         t("cnn.weights.own"): _count(own), t("cnn.weights.dense_same"): _count(full),
                         t("cnn.weights.ratio"): _count(round(full / own))})
    intro = html.escape(t("cnn.weights.intro"))
    return f"<h2>{html.escape(t('cnn.weights.title'))}</h2>\n<p>{intro}</p>\n{table(rows)}"
