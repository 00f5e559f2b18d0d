"""Test-set evaluation: accuracy, per-class precision/recall/F1, the confusion matrix and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch

from aprende.core.errors import AprendeError
from aprende.core.i18n import t
from aprende.core.plots import drawable, save_figure
from aprende.core.runs import new_run_dir, write_json
from aprende.vision.data import ImageData, load_folder
from aprende.vision.run import dataset_for_run, load_classifier
from aprende.weights import ROOT as SHIPPED_ROOT


@dataclass
class EvalResult:
    metrics: dict
    plots: dict[str, Path]
    pred: np.ndarray
    true: np.ndarray
    run_dir: Path


@dataclass
class ClassifyResult:
    """What a classify training (from scratch or fine-tuned) gives back: its folder, test metrics, classes, plots."""
    run_dir: Path
    metrics: dict
    classes: list[str]
    plots: dict[str, Path]


def class_report(true: np.ndarray, pred: np.ndarray, classes: list[str]) -> dict:
    """accuracy, macro and weighted F1, and precision/recall/F1/support per class."""
    k = len(classes)
    cm = np.bincount(true * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(cm).astype(float)
    precision = np.divide(tp, cm.sum(0), out=np.zeros(k), where=cm.sum(0) > 0)
    recall = np.divide(tp, cm.sum(1), out=np.zeros(k), where=cm.sum(1) > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=precision + recall > 0)
    support = cm.sum(1)
    per_class = {c: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                 for c, p, r, f, s in zip(classes, precision, recall, f1, support)}
    return {"accuracy": float(tp.sum() / max(1, cm.sum())), "f1_macro": float(f1[support > 0].mean()),
            "f1_weighted": float((f1 * support).sum() / max(1, support.sum())), "per_class": per_class,
            "confusion": cm.tolist()}


def plot_confusion(cm: np.ndarray, classes: list[str], path: Path) -> None:
    classes, k = [drawable(c) for c in classes], len(classes)
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * k, 0.8 + 0.5 * k))
    norm = cm / np.maximum(cm.sum(1, keepdims=True), 1)
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    for i in range(k):
        for j in range(k):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if norm[i, j] > 0.5 else "black")
    ax.set_xticks(range(k), classes, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(k), classes, fontsize=8)
    ax.set_xlabel(t("vision.plot.predicted"))
    ax.set_ylabel(t("vision.plot.true"))
    ax.set_title(t("vision.plot.confusion"))
    save_figure(fig, path)


def plot_errors(x: torch.Tensor, true: np.ndarray, pred: np.ndarray, classes: list[str], path: Path,
                n: int = 36) -> None:
    """A grid of misclassified images, each titled "true → predicted"."""
    wrong = np.flatnonzero(true != pred)[:n]
    classes = [drawable(c) for c in classes]  # a Latin-1 folder name, read with surrogateescape
    cols = 6
    rows = max(1, int(np.ceil(len(wrong) / cols)))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.7, rows * 1.9), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, wrong):
        img = x[i].numpy()
        ax.imshow(img[0] if img.shape[0] == 1 else img.transpose(1, 2, 0), cmap="gray" if img.shape[0] == 1 else None)
        ax.set_title(f"{classes[true[i]]}\n→ {classes[pred[i]]}", fontsize=7, color="darkred")
    fig.suptitle(t("vision.plot.errors"))
    save_figure(fig, path)


def evaluate_run(run: str | Path, data: ImageData | None = None, folder: str | Path | None = None,
                 skip_bad: bool = False) -> EvalResult:
    """Evaluate a run's best weights on its saved test split, or on every image of another folder-per-class set."""
    clf = load_classifier(run)
    cfg, out = clf.config, clf.run_dir
    if folder is not None:
        other = load_folder(folder, tuple(cfg["size"]), skip_bad, min_per_class=1, channels=cfg["channels"])
        unknown = [c for c in other.classes if c not in cfg["classes"]]
        if unknown and cfg.get("model") == "pretrained":  # ImageNet's 1000 names are no help: say how to fine-tune
            raise AprendeError("vision.unknown_class_init", name=unknown[0], run=str(clf.run_dir), data=str(folder))
        if unknown:
            raise AprendeError("vision.unknown_class", name=unknown[0], classes=", ".join(cfg["classes"]))
        x = other.x
        true = np.array([cfg["classes"].index(other.classes[int(i)]) for i in other.y])
        out = clf.run_dir / "eval" / Path(folder).name
    else:
        d = data if data is not None else dataset_for_run(clf.run_dir)
        x, y = d.part("test")
        true = y.numpy()
    if Path(out).resolve().is_relative_to(SHIPPED_ROOT.resolve()):  # never write into the installed package
        out = new_run_dir("classify", None, None, base="evaluate")
    pred = clf.logits(x).argmax(1).numpy()
    report = class_report(true, pred, cfg["classes"])
    plots = {"confusion": out / "confusion_matrix.png", "errors": out / "errors.png"}
    plot_confusion(np.array(report["confusion"]), cfg["classes"], plots["confusion"])
    plot_errors(x, true, pred, cfg["classes"], plots["errors"])
    write_json(out / "metrics.json", report)
    metrics = {k: report[k] for k in ("accuracy", "f1_macro", "f1_weighted")}
    metrics["per_class"] = report["per_class"]
    return EvalResult(metrics, plots, pred, true, clf.run_dir)
