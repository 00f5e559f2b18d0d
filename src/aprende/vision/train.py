"""`aprende classify train`: the article's CNN or `fast`, through the core loop, then a test-set evaluation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.device import cpu_has_bf16, seed_everything
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import default_of, open_run, start_run, train_config
from aprende.core.trainer import TrainConfig, fit
from aprende.datasets.registry import download, get
from aprende.vision.augment import random_flip, random_translate
from aprende.vision.data import ImageData, load_fashion_data, load_folder, stratified_splits, write_splits
from aprende.vision.evaluate import evaluate_run
from aprende.vision.model import MODELS, build_model, prepare


@dataclass
class ClassifySettings:
    """The model and data settings; saved in config.yaml and (for the model) model.json."""

    model: str = "fast"
    widths: list[int] = field(default_factory=lambda: [32, 64])
    depth: int = 1
    hidden: int = 256
    dropout: float = 0.0
    img_size: list[int] | None = None
    label_smoothing: float | None = None  # None: 0.1 for `fast`, 0 for `article` (the article's plain loss)
    shift: int | None = None  # None: 2 px, or 0 under a --max-time of 2 minutes or less (it slows short runs)
    flips: bool | None = None  # None: where the data set allows
    channels_last: bool = True

    def smoothing(self) -> float:
        """The label smoothing this run uses."""
        if self.label_smoothing is not None:
            return self.label_smoothing
        return 0.1 if self.model == "fast" else 0.0


def train_defaults(model: str | None = None) -> dict:
    """`article`: its Adagrad, batch 64, 6 epochs. `fast`: SGD+Nesterov, one-cycle, bf16 where the CPU has it."""
    if (model or default_of(ClassifySettings, "model")) == "article":
        base = dict(epochs=6, batch_size=64, lr=1e-3, optimizer="adagrad", scheduler="none", grad_clip=None)
    else:
        base = dict(epochs=12, batch_size=256, lr=0.3, optimizer="sgd", weight_decay=5e-4, scheduler="onecycle",
                    grad_clip=None, precision="bf16" if cpu_has_bf16() else "auto")
    return {**base, "monitor": "val_accuracy", "mode": "max"}


def default_train_config(model: str | None = None, **overrides) -> TrainConfig:
    """The loop settings of `model` (see train_defaults), with the caller's overrides on top."""
    return train_config(train_defaults(model), overrides)


def check_settings(settings: ClassifySettings) -> None:
    """A bad model name or width is the user's to fix, before any folder is made."""
    if settings.model not in MODELS:
        raise AprendeError("vision.bad_model", name=settings.model, choices=", ".join(MODELS))
    if not settings.widths or min(settings.widths) < 1 or settings.depth < 1 or settings.hidden < 0:
        raise AprendeError("vision.bad_widths")


@dataclass
class ClassifyResult:
    run_dir: Path
    metrics: dict
    classes: list[str]
    plots: dict[str, Path]


def load_data(data: str | Path | None, dataset: str | None, seed: int, img_size=None, skip_bad=False) -> ImageData:
    """A folder per class, Fashion-MNIST (default), or a named folder data set such as the generated `formas`."""
    if data is None and dataset not in (None, "fashion-mnist"):
        ds = get(dataset)
        if ds.lab != "classify" or ds.generator is None:
            raise AprendeError("vision.bad_dataset", name=dataset)
        data = ds.cached() or download(dataset, quiet=True)
    if data is not None:
        d = load_folder(data, img_size, skip_bad)
        d.splits = stratified_splits(d.y.numpy(), seed)
        return d
    return load_fashion_data(seed)


def normalizer(x: torch.Tensor) -> tuple[list[float], list[float]]:
    """Per-channel mean and std of the training images (0..1 scale)."""
    xf = x.float() / 255
    return xf.mean(dim=(0, 2, 3)).tolist(), xf.std(dim=(0, 2, 3)).clamp_min(1e-3).tolist()


def train_classifier(data: str | Path | None = None, dataset: str | None = None,
                     settings: ClassifySettings | None = None, cfg: TrainConfig | None = None, project=None, name=None,
                     resume=None, skip_bad: bool = False) -> ClassifyResult:
    """Train on a folder-per-class data set or Fashion-MNIST, keep the best epoch, evaluate on the test split."""
    settings = settings or ClassifySettings()
    cfg = cfg or default_train_config(settings.model)
    if resume is None:  # read and check the data before any run folder exists
        check_settings(settings)
        d = load_data(data, dataset, cfg.seed, settings.img_size, skip_bad)
    start = start_run("classify", ClassifySettings, settings, cfg, project=project, name=name, resume=resume,
                      check=check_settings)
    settings, cfg = start.settings, start.cfg
    if start.resumed:
        data, dataset = start.saved.get("data"), start.saved.get("dataset")
        skip_bad = bool(start.saved.get("skip_bad", False))
        d = load_data(data, dataset, cfg.seed, settings.img_size, skip_bad)
    say("vision.data_source", cfg.quiet or not dist.is_main(), source=d.source, n=len(d.y), k=len(d.classes),
        train=len(d.splits["train"]), val=len(d.splits["val"]), test=len(d.splits["test"]))
    xtr, ytr = d.part("train")
    mean, std = normalizer(xtr)
    flips = d.flips if settings.flips is None else settings.flips
    model_cfg = {"lab": "classify", "model": settings.model, "classes": d.classes, "channels": int(d.x.shape[1]),
                 "size": list(d.x.shape[2:]), "widths": list(settings.widths), "depth": settings.depth,
                 "hidden": settings.hidden, "dropout": settings.dropout, "mean": mean, "std": std, "flips": flips}
    xval, yval = d.part("val")
    cl = settings.channels_last
    shift = settings.shift if settings.shift is not None else (0 if cfg.max_time and cfg.max_time <= 120 else 2)
    smoothing = settings.smoothing()
    augment = settings.model == "fast"

    def loss_fn(model, batch):
        x, y = batch
        if augment:
            x = random_translate(x, shift)
            if flips:
                x = random_flip(x)
        logits = model(prepare(x, mean, std, cl))
        return torch.nn.functional.cross_entropy(logits.float(), y, label_smoothing=smoothing)

    def evaluate(model):
        correct, loss = 0, 0.0
        device = next(model.parameters()).device
        for i in range(0, len(yval), 1024):
            xb, yb = xval[i : i + 1024].to(device), yval[i : i + 1024].to(device)
            logits = model(prepare(xb, mean, std, cl)).float()
            loss += torch.nn.functional.cross_entropy(logits, yb, reduction="sum").item()
            correct += (logits.argmax(1) == yb).sum().item()
        return {"val_loss": loss / len(yval), "val_accuracy": correct / len(yval)}

    folder = d.source if d.files else None  # the folder actually read (also for a named folder data set)
    extra = {"data": folder, "dataset": dataset or (None if folder else "fashion-mnist"), "source": d.source,
             "skip_bad": skip_bad}
    with open_run(start, **extra) as run_dir:
        if not start.resumed and dist.is_main():
            write_splits(run_dir, d)
        seed_everything(cfg.seed)
        model = build_model(model_cfg)
        if cl:
            model = model.to(memory_format=torch.channels_last)
        saved = {"lab": "classify", **extra, "settings": asdict(settings)}  # config.yaml as open_run wrote it
        res = fit(model, TensorDataset(xtr, ytr), cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate,
                  model_config=model_cfg, settings=saved, resume=start.resumed, desc=settings.model)
        if not dist.is_main():
            return ClassifyResult(run_dir, {}, d.classes, {})
        ev = evaluate_run(run_dir, data=d)
    metrics = {**ev.metrics, "seconds": round(res.seconds, 1), "epochs": res.epochs_run}
    return ClassifyResult(run_dir, metrics, d.classes, ev.plots)
