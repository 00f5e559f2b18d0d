"""The tour's CNN section: convolution by hand (NumPy, checked against PyTorch) and inside a trained network."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from aprende.core.i18n import t
from aprende.core.numbers import fmt
from aprende.report.section import Figure, Note, Plan, Section, Table
from aprende.vision import conv2d, explain_image, kernel_demo, load_fashion_data
from aprende.vision.scratch import KERNELS
from aprende.weights import is_shipped


def _garment(folder: Path) -> tuple[Path, str]:
    """A Fashion-MNIST test image as a PNG (the same one every time), and its true class."""
    data = load_fashion_data()
    x, y = data.part("test")
    label = data.classes[int(y[0])]
    path = folder / f"{label}.png"
    Image.fromarray(x[0, 0].numpy()).save(path)
    return path, label


def cnn_section(project: Path, plan: Plan) -> Section:
    """Article 4: hand-set kernels and pooling on a garment, then what the shipped CNN sees in it (no training)."""
    x = np.random.default_rng(0).normal(size=(2, 3, 16, 16))
    w = np.random.default_rng(1).normal(size=(4, 3, 3, 3))
    diff = float(np.abs(conv2d(x, w, padding=1) - F.conv2d(torch.tensor(x), torch.tensor(w), padding=1).numpy()).max())
    with tempfile.TemporaryDirectory() as tmp:
        image, label = _garment(Path(tmp))
        d = kernel_demo(image, size=plan.pick(64, 128, 128), project=project)
        figures = [Figure(t("tour.cnn.fig_kernels"), d.figures["kernels"]),
                   Figure(t("tour.cnn.fig_pooling"), d.figures["pooling"])]
        top = []
        if is_shipped("classify"):
            ex = explain_image(image, project=project)  # the shipped model
            top = ex.top
            figures += [Figure(t("tour.classify.fig_maps"), ex.figures["act1"]),
                        Figure(t("tour.classify.fig_gradcam"), ex.figures["gradcam"])]
    table = [{t("tour.cnn.col_step"): t(f"tour.cnn.step_{step}"),
              t("tour.cnn.col_shape"): "×".join(map(str, d.shapes[step]))} for step in ("input", "conv", "pool")]
    guess = ", ".join(f"{c} {fmt(p, 0, percent=True)}" for c, p in top) if top else t("tour.cnn.no_model")
    parts = [Note(t("tour.cnn.intro", kernels=len(KERNELS), diff=diff)), Table(t("tour.cnn.table"), table),
             *figures[:2], Note(t("tour.cnn.shipped", label=label, guess=guess)), *figures[2:]]
    return Section(lab="cnn", title=t("tour.cnn.title"), question=t("tour.cnn.question"),
                   text=t("tour.cnn.text", diff=diff, label=label, guess=guess), parts=parts,
                   metrics={"numpy_vs_torch_max_abs_diff": diff}, run_dir=d.run_dir)
