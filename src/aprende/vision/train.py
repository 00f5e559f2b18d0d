"""`aprende classify train`: the article's CNN or `fast`, through the core loop, then a test-set evaluation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.device import cpu_has_bf16, seed_everything
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text, fresh_run, next_run_dir, read_json, read_yaml
from aprende.core.trainer import TrainConfig, fit, resume_config, saved_settings
from aprende.vision.augment import random_flip, random_translate
from aprende.vision.data import ImageData, load_fashion_data, load_folder, stratified_splits
from aprende.vision.model import MODELS, build_model


@dataclass
class ClassifySettings:
    """The model and data settings; saved in config.yaml and (for the model) model.json."""

    model: str = "fast"
    widths: list[int] = field(default_factory=lambda: [32, 64])
    depth: int = 1
    hidden: int = 256
    dropout: float = 0.0
    img_size: list[int] | None = None
    label_smoothing: float = 0.1
    shift: int | None = None  # None: 2 px, or 0 under a --max-time of 2 minutes or less (it slows short runs)
    flips: bool | None = None  # None: where the data set allows
    channels_last: bool = True


def default_train_config(model: str = "fast", **overrides) -> TrainConfig:
    """`article`: its Adagrad, batch 64, 6 epochs. `fast`: SGD+Nesterov, one-cycle, bf16 where the CPU has it."""
    if model == "article":
        base = dict(epochs=6, batch_size=64, lr=1e-3, optimizer="adagrad", scheduler="none", grad_clip=None)
    else:
        base = dict(epochs=12, batch_size=256, lr=0.3, optimizer="sgd", weight_decay=5e-4, scheduler="onecycle",
                    grad_clip=None, precision="bf16" if cpu_has_bf16() else "auto")
    base.update(monitor="val_accuracy", mode="max")
    base.update({k: v for k, v in overrides.items() if v is not None})
    return TrainConfig(**base)


@dataclass
class ClassifyResult:
    run_dir: Path
    metrics: dict
    classes: list[str]
    plots: dict[str, Path]


def load_data(data: str | Path | None, dataset: str | None, seed: int, img_size=None, skip_bad=False) -> ImageData:
    """A folder per class, Fashion-MNIST (default), or a named folder data set such as the generated `formas`."""
    if data is None and dataset not in (None, "fashion-mnist"):
        from aprende.datasets.registry import download, get

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


def prepare(x: torch.Tensor, mean, std, channels_last: bool) -> torch.Tensor:
    """uint8 (B, C, H, W) -> normalised float (B, C, H, W), channels-last in memory when asked."""
    m = torch.tensor(mean, device=x.device)[None, :, None, None]
    s = torch.tensor(std, device=x.device)[None, :, None, None]
    out = (x.float() / 255 - m) / s
    return out.contiguous(memory_format=torch.channels_last) if channels_last else out


def train(data: str | Path | None = None, dataset: str | None = None, settings: ClassifySettings | None = None,
          cfg: TrainConfig | None = None, project=None, name=None, resume=None, skip_bad: bool = False) -> ClassifyResult:
    """Train on a folder-per-class data set or Fashion-MNIST, keep the best epoch, evaluate on the test split."""
    settings = settings or ClassifySettings()
    if resume is not None:
        run_dir, saved, cfg = resume_config(resume, "classify", cfg)
        settings = saved_settings(saved, ClassifySettings, run_dir)
        data, dataset = saved.get("data"), saved.get("dataset")
    cfg = cfg or default_train_config(settings.model)
    if settings.model not in MODELS:
        raise AprendeError("vision.bad_model", name=settings.model, choices=", ".join(MODELS))
    if not settings.widths or min(settings.widths) < 1 or settings.depth < 1 or settings.hidden < 0:
        raise AprendeError("vision.bad_widths")
    d = load_data(data, dataset, cfg.seed, settings.img_size, skip_bad)
    say("vision.data_source", cfg.quiet or not dist.is_main(), source=d.source, n=len(d.y), k=len(d.classes),
        train=len(d.splits["train"]), val=len(d.splits["val"]), test=len(d.splits["test"]))
    dist.setup(cfg.device)
    if resume is None:
        run_dir = dist.broadcast_object(next_run_dir("classify", name, project) if dist.is_main() else None)
    xtr, ytr = d.part("train")
    mean, std = normalizer(xtr)
    flips = d.flips if settings.flips is None else settings.flips
    model_cfg = {"lab": "classify", "model": settings.model, "classes": d.classes, "channels": int(d.x.shape[1]),
                 "size": list(d.x.shape[2:]), "widths": list(settings.widths), "depth": settings.depth,
                 "hidden": settings.hidden, "dropout": settings.dropout, "mean": mean, "std": std, "flips": flips}
    xval, yval = d.part("val")
    cl = settings.channels_last
    shift = settings.shift if settings.shift is not None else (0 if cfg.max_time and cfg.max_time <= 120 else 2)
    augment = settings.model == "fast"

    def loss_fn(model, batch):
        x, y = batch
        if augment:
            x = random_translate(x, shift)
            if flips:
                x = random_flip(x)
        logits = model(prepare(x, mean, std, cl))
        return torch.nn.functional.cross_entropy(logits.float(), y, label_smoothing=settings.label_smoothing)

    def evaluate(model):
        correct, loss = 0, 0.0
        device = next(model.parameters()).device
        for i in range(0, len(yval), 1024):
            xb, yb = xval[i : i + 1024].to(device), yval[i : i + 1024].to(device)
            logits = model(prepare(xb, mean, std, cl)).float()
            loss += torch.nn.functional.cross_entropy(logits, yb, reduction="sum").item()
            correct += (logits.argmax(1) == yb).sum().item()
        return {"val_loss": loss / len(yval), "val_accuracy": correct / len(yval)}

    with fresh_run(run_dir):
        if resume is None and dist.is_main():
            run_dir.mkdir(parents=True, exist_ok=True)
            write_splits(run_dir, d)
        seed_everything(cfg.seed)
        model = build_model(model_cfg)
        if cl:
            model = model.to(memory_format=torch.channels_last)
        folder = d.source if d.files else None  # the folder actually read (also for a named folder data set)
        settings_out = {"lab": "classify", "data": folder, "dataset": dataset or (None if folder else "fashion-mnist"),
                        "source": d.source,
                        "skip_bad": skip_bad, "settings": asdict(settings)}
        res = fit(model, TensorDataset(xtr, ytr), cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate,
                  model_config=model_cfg, settings=settings_out, resume=resume is not None, desc=settings.model)
        if not dist.is_main():
            return ClassifyResult(run_dir, {}, d.classes, {})
        from aprende.vision.evaluate import evaluate_run

        ev = evaluate_run(run_dir, data=d)
    metrics = {**ev.metrics, "seconds": round(res.seconds, 1), "epochs": res.epochs_run}
    return ClassifyResult(run_dir, metrics, d.classes, ev.plots)


def write_splits(run_dir: Path, d: ImageData) -> None:
    """splits/{train,val,test}.txt: relative path (or index for Fashion-MNIST) and class, one per line."""
    for part, idx in d.splits.items():
        names = [d.files[i] for i in idx] if d.files else [str(i) for i in idx]
        lines = [f"{n}\t{d.classes[int(d.y[i])]}" for n, i in zip(names, idx)]
        atomic_write_text(run_dir / "splits" / f"{part}.txt", "\n".join(lines) + "\n")


def read_split(run_dir: Path, part: str) -> list[tuple[str, str]]:
    path = run_dir / "splits" / f"{part}.txt"
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    return [tuple(ln.split("\t", 1)) for ln in path.read_text(encoding="utf-8").splitlines() if ln]


def load_run_model(run_dir: Path) -> tuple[torch.nn.Module, dict]:
    """The best weights of a classify run, in eval mode, with its model.json."""
    from aprende.core.checkpoint import load_into

    cfg = read_json(run_dir / "model.json")
    try:
        model = build_model(cfg)
    except (KeyError, TypeError, ValueError):
        raise AprendeError("run.bad_file", path=str(run_dir / "model.json")) from None
    load_into(model, run_dir / "weights" / "best.safetensors")
    return model.eval(), cfg


def dataset_for_run(run_dir: Path) -> ImageData:
    """The run's own data with its saved splits (the same test images as at training time)."""
    saved = read_yaml(run_dir / "config.yaml")
    if saved.get("data"):
        d = load_folder(saved["data"], saved["settings"].get("img_size"), saved.get("skip_bad", False))
        pos = {f: i for i, f in enumerate(d.files)}
        d.splits = {}
        for part in ("train", "val", "test"):
            rows = read_split(run_dir, part)
            missing = [f for f, _ in rows if f not in pos]
            if missing:
                raise AprendeError("vision.split_missing", path=str(Path(saved["data"]) / missing[0]))
            d.splits[part] = np.array([pos[f] for f, _ in rows], dtype=np.int64)
        return d
    d = load_fashion_data(0)
    d.splits["test"] = np.array([int(f) for f, _ in read_split(run_dir, "test")], dtype=np.int64)
    return d
