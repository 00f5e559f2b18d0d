"""`aprende classify train`: the article's CNN, `fast` or `wide`, through the core loop, then a test-set evaluation.

How long: --epochs, else --max-time (the epochs and the schedule follow the clock), else about `auto_steps`
optimiser steps, so that a folder of a few hundred photos gets hundreds of passes and Fashion-MNIST a dozen."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import torch
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.device import cpu_has_bf16, seed_everything
from aprende.core.errors import AprendeError
from aprende.core.i18n import t
from aprende.core.lifecycle import check_trainable, default_of, open_run, quiet_as_cfg, start_run, train_config
from aprende.core.runs import existing_run_dir, read_yaml
from aprende.core.trainer import TrainConfig, fit
from aprende.datasets.registry import download, get
from aprende.vision.augment import color_jitter, mix, random_flip, random_resized_crop, random_translate
from aprende.vision.data import (
    ImageData,
    load_fashion_data,
    load_folder,
    stratified_splits,
    with_test_folder,
    write_splits,
)
from aprende.vision.evaluate import ClassifyResult, evaluate_run
from aprende.vision.finetune import finetune, finetune_train_config
from aprende.vision.model import build_model, normalize, whiten_from_images
from aprende.vision.settings import MIXES, MODELS, SMALL_SET, ClassifySettings

__all__ = ["MIXES", "SMALL_SET", "ClassifySettings", "ClassifyResult", "default_train_config", "train_classifier"]

BATCH, LR = 256, 0.3  # our models' batch and learning rate on a large data set
FAST_BEFORE = [32, 64]  # `fast`'s widths whatever the image size, in runs saved before `pool_first` existed


def train_defaults(model: str | None = None) -> dict:
    """`article`: its Adagrad, batch 64, 6 epochs. Ours: SGD+Nesterov, one-cycle, bf16 where the CPU has it, an
    average of the weights (EMA), and no fixed epochs: about 2,500 steps (12 epochs of Fashion-MNIST); the batch
    and learning rate follow the data size (see fit_to_data)."""
    if (model or default_of(ClassifySettings, "model")) == "article":
        base = dict(epochs=6, batch_size=64, lr=1e-3, optimizer="adagrad", scheduler="none", grad_clip=None)
    else:
        base = dict(epochs=None, auto_steps=2500, batch_size=None, lr=None, optimizer="sgd", weight_decay=5e-4,
                    scheduler="onecycle", grad_clip=None, precision="bf16" if cpu_has_bf16() else "auto", ema=None,
                    ema_decay=0.998, checkpoint_every=10.0)  # a small folder runs hundreds of short epochs
    return {**base, "monitor": "val_accuracy", "mode": "max"}


def default_train_config(model: str | None = None, **overrides) -> TrainConfig:
    """The loop settings of `model` (see train_defaults), with the caller's overrides on top."""
    return train_config(train_defaults(model), overrides)


def fit_to_data(cfg: TrainConfig, n_train: int) -> TrainConfig:
    """A batch the user left open: 256 images (lr 0.3), or for a smaller set about a sixteenth of it (at least 32), with
    the learning rate scaled alike, so a few hundred photos still get several steps per pass. The average of the
    weights (EMA), if the user left it open, for small sets only: it smooths their small, noisy batches (photos at 60 s:
    93.9 % with it, 92.1 % without), while on Fashion-MNIST it lags behind the one-cycle schedule's last steps
    (300 s: 92.7-92.8 % with it, 93.2 % without)."""
    batch = cfg.batch_size or max(32, min(BATCH, 2 ** int(math.log2(max(1, n_train // 16)))))
    ema = cfg.ema if cfg.ema is not None else n_train <= SMALL_SET
    return replace(cfg, batch_size=batch, lr=cfg.lr if cfg.lr is not None else LR * batch / BATCH, ema=ema)


def check_settings(settings: ClassifySettings) -> None:
    """A bad model name, width or split is the user's to fix, before any folder is made."""
    if settings.model not in MODELS:
        raise AprendeError("vision.bad_model", name=settings.model, choices=", ".join(MODELS))
    widths, depth, hidden = settings.arch()
    if not widths or min(widths) < 1 or depth < 1 or hidden < 0:
        raise AprendeError("vision.bad_widths")
    if settings.mix is not None and settings.mix not in MIXES:
        raise AprendeError("vision.bad_mix", name=settings.mix, choices=", ".join(MIXES))
    if not (0 < settings.val_split < 1 and 0 < settings.test_split < 1
            and settings.val_split + settings.test_split <= 0.9):
        raise AprendeError("vision.bad_split", val=settings.val_split, test=settings.test_split)


def load_data(data: str | Path | None, dataset: str | None, seed: int, settings: ClassifySettings | None = None,
              skip_bad: bool = False, test_data: str | Path | None = None) -> ImageData:
    """A folder per class, Fashion-MNIST (default), or a named folder data set such as the generated `formas`;
    split by the settings' shares, or with every image of `test_data` as the test part."""
    settings = settings or ClassifySettings()
    if data is None and dataset not in (None, "fashion-mnist"):
        ds = get(dataset)
        if ds.lab != "classify" or ds.generator is None:
            raise AprendeError("vision.bad_dataset", name=dataset)
        data = ds.cached() or download(dataset, quiet=True)
    if data is not None:
        d = load_folder(data, settings.img_size, skip_bad)
        fixed = None
        if test_data is not None:
            d, fixed = with_test_folder(d, test_data, skip_bad)
        d.splits = stratified_splits(d.y.numpy(), seed, settings.test_split, settings.val_split, fixed)
        return d
    if test_data is not None:
        raise AprendeError("vision.test_data_needs_data")
    return load_fashion_data(seed, settings.val_split)


def normalizer(x: torch.Tensor) -> tuple[list[float], list[float]]:
    """Per-channel mean and std of the training images (0..1 scale)."""
    xf = x.float() / 255
    return xf.mean(dim=(0, 2, 3)).tolist(), xf.std(dim=(0, 2, 3)).clamp_min(1e-3).tolist()


@quiet_as_cfg
def train_classifier(data: str | Path | None = None, dataset: str | None = None,
                     settings: ClassifySettings | None = None, cfg: TrainConfig | None = None, project=None, name=None,
                     resume=None, skip_bad: bool = False, test_data: str | Path | None = None,
                     init: str | Path | None = None) -> ClassifyResult:
    """Train on a folder-per-class data set or Fashion-MNIST, keep the best epoch, evaluate on the test split (or on
    the `test_data` folder, so that all of `data` but its validation share trains). `init`: fine-tune that imported
    ImageNet network instead (vision.finetune)."""
    settings = settings or ClassifySettings()
    saved = read_yaml(existing_run_dir(resume, "classify") / "config.yaml") if resume is not None else {}
    if saved.get("imported"):  # brought in by `weights get|import`: nothing to resume, but a start for --init
        raise AprendeError("vision.resume_imported", run=str(resume))
    if init is not None or saved.get("init"):
        if init is not None and data is None:
            raise AprendeError("vision.init_needs_data")
        return finetune(init, data, settings, cfg or finetune_train_config(), project, name, resume,
                        skip_bad, test_data)
    cfg = cfg or default_train_config(settings.model)
    if resume is None:  # read and check the data before any run folder exists
        check_settings(settings)
        d = load_data(data, dataset, cfg.seed, settings, skip_bad, test_data)
        cfg = fit_to_data(cfg, len(d.splits["train"]))
    start = start_run("classify", ClassifySettings, settings, cfg, project=project, name=name, resume=resume,
                      check=check_settings, before={"pool_first": False, "whiten": False})
    settings, cfg = start.settings, start.cfg
    if start.resumed and "pool_first" not in start.saved["settings"] and settings.model == "fast" \
            and settings.widths is None:  # resumed with the network its checkpoint holds
        settings.widths = list(FAST_BEFORE)
    if start.resumed and "whiten" not in start.saved["settings"] and settings.model != "article" \
            and settings.label_smoothing is None:  # saved before small sets got 0.2: the 0.1 it trained with
        settings.label_smoothing = 0.1
    if start.resumed:
        data, dataset = start.saved.get("data"), start.saved.get("dataset")
        skip_bad, test_data = bool(start.saved.get("skip_bad", False)), start.saved.get("test_data")
        d = load_data(data, dataset, cfg.seed, settings, skip_bad, test_data)
    say("vision.data_source", source=d.source, n=len(d.y), k=len(d.classes),
        train=len(d.splits["train"]), val=len(d.splits["val"]), test=len(d.splits["test"]))
    xtr, ytr = d.part("train")
    mean, std = normalizer(xtr)
    flips = d.flips if settings.flips is None else settings.flips
    widths, depth, hidden = settings.arch(tuple(d.x.shape[2:]))
    ours = settings.model != "article"  # the article's model trains as the article had it: no augmentation
    model_cfg = {"lab": "classify", "model": settings.model, "classes": d.classes, "channels": int(d.x.shape[1]),
                 "size": list(d.x.shape[2:]), "widths": widths, "depth": depth, "hidden": hidden,
                 "dropout": settings.dropout, "pool_first": settings.pool_first, "mean": mean, "std": std,
                 "flips": flips, "whiten": settings.whitening(),
                 "tta": bool(settings.tta and ours and flips)}
    xval, yval = d.part("val")
    cl = settings.channels_last
    crops = ours and (settings.crops if settings.crops is not None else bool(d.files))
    shift = 0 if crops or not ours else settings.shift if settings.shift is not None else \
        (0 if cfg.max_time and cfg.max_time <= 120 else 2)
    jitter = ours and settings.color_jitter
    mixing = settings.mixing()
    smoothing = settings.smoothing(len(xtr))
    yes = {True: t("vision.yes"), False: t("vision.no")}
    if ours:
        say("vision.augment", crops=yes[crops], shift=shift, flips=yes[bool(flips)], jitter=yes[jitter], mix=mixing,
            tta=yes[model_cfg["tta"]], whiten=yes[model_cfg["whiten"]])

    def loss_fn(model, batch):
        x, y = batch
        x = random_translate(x, shift)
        if flips and ours and not crops:
            x = random_flip(x)
        x = x.float() / 255
        if jitter:
            x = color_jitter(x)
        x = normalize(x, mean, std, cl)
        if crops:
            x = random_resized_crop(x, degrees=settings.rotate, flip=flips)
        if mixing == "none":
            return torch.nn.functional.cross_entropy(model(x).float(), y, label_smoothing=smoothing)
        x, ya, yb, lam = mix(x, y, mixing)
        logits = model(x).float()
        return lam * torch.nn.functional.cross_entropy(logits, ya, label_smoothing=smoothing) + \
            (1 - lam) * torch.nn.functional.cross_entropy(logits, yb, label_smoothing=smoothing)

    def evaluate(model):
        correct, loss = 0, 0.0
        device = next(model.parameters()).device
        for i in range(0, len(yval), 1024):
            xb, yb = xval[i : i + 1024].to(device), yval[i : i + 1024].to(device)
            logits = model(normalize(xb.float() / 255, mean, std, cl)).float()
            loss += torch.nn.functional.cross_entropy(logits, yb, reduction="sum").item()
            correct += (logits.argmax(1) == yb).sum().item()
        return {"val_loss": loss / len(yval), "val_accuracy": correct / len(yval)}

    folder = d.source if d.files else None  # the folder actually read (also for a named folder data set)
    extra = {"data": folder, "dataset": dataset or (None if folder else "fashion-mnist"), "source": d.source,
             "skip_bad": skip_bad, "test_data": str(test_data) if test_data is not None else None}
    with open_run(start, **extra) as run_dir:  # a refusal inside removes the run folder
        check_trainable(build_model, model_cfg, d.source)  # counted on meta: a 64-Mpx input's head is 100 GB
        if not start.resumed and dist.is_main():
            write_splits(run_dir, d)
        seed_everything(cfg.seed)
        model = build_model(model_cfg)
        if model_cfg["whiten"] and not start.resumed:  # a resumed run reads its filters from its checkpoint
            whiten_from_images(model.features[0], xtr, mean, std)
        if cl:
            model = model.to(memory_format=torch.channels_last)
        res = fit(model, TensorDataset(xtr, ytr), cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate,
                  model_config=model_cfg, resume=start.resumed, desc=settings.model)
        if not dist.is_main():
            return ClassifyResult(run_dir, {}, d.classes, {})
        ev = evaluate_run(run_dir, data=d)
    metrics = {**ev.metrics, "seconds": round(res.seconds, 1), "epochs": res.epochs_run}
    return ClassifyResult(run_dir, metrics, d.classes, ev.plots)
