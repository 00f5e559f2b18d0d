"""`aprende classify train --init RUN --data FOLDER`: fine-tune an imported ImageNet network on the user's photos.

A new last layer for the folder's classes; ImageNet's normalisation; photo augmentation (random resized crops with
small rotations and flips). Two phases by default: the head alone with the backbone fixed (its BatchNorm statistics
too), for a quarter of the budget, under `phase1/`; then every weight at a tenth of the learning rate, in the run
folder itself. `--freeze` keeps the backbone fixed throughout. Each phase goes through the core loop (schedule, EMA,
--max-time, checkpoints), so --resume continues whichever phase was running."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import torch
from torch.utils.data import TensorDataset

from aprende.core.checkpoint import load_into
from aprende.core.console import say
from aprende.core.device import autocast, cpu_has_bf16, faster_precision, pick_device, seed_everything
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import open_run, start_run, train_config
from aprende.core.numbers import fmt
from aprende.core.runs import atomic_write_text, existing_run_dir, read_json
from aprende.core.trainer import TrainConfig, fit
from aprende.vision.augment import random_resized_crop
from aprende.vision.data import ImageData, load_folder, stratified_splits, with_test_folder, write_splits
from aprende.vision.evaluate import ClassifyResult, evaluate_run
from aprende.vision.model import normalize
from aprende.vision.pretrained import Pretrained, replace_head
from aprende.vision.settings import ClassifySettings

HEAD_SHARE = 0.25  # of the budget (epochs, steps or --max-time) for the head alone
BACKBONE_LR = 0.1  # phase 2's learning rate, as a share of the head's
PROBE_BATCH = 8  # images in the step timed to choose the CPU's precision
CPU_SIZE = 160  # px: the input a CPU fine-tunes at unless --img-size says otherwise (224 costs twice as much)
PHASE1 = "phase1"


def finetune_defaults() -> dict:
    """AdamW at 1e-3, batch 32, cosine schedule, about 600 steps in all; precision "auto": bf16 on CUDA, and on a CPU
    with bf16 whichever of the two trains this network faster there (pick_precision)."""
    return dict(epochs=None, auto_steps=600, batch_size=32, lr=1e-3, optimizer="adamw", weight_decay=1e-4,
                scheduler="cosine", grad_clip=None, precision="auto", ema=None,
                ema_decay=0.99, checkpoint_every=10.0, monitor="val_accuracy", mode="max")


def finetune_train_config(**overrides) -> TrainConfig:
    return train_config(finetune_defaults(), overrides)


def read_init(init: str | Path) -> dict:
    """The imported (or fine-tuned) network's model.json; a run of our own CNNs is not a published network."""
    run = existing_run_dir(init, "classify")
    cfg = read_json(run / "model.json")
    if cfg.get("model") != "pretrained":
        raise AprendeError("vision.init_not_pretrained", path=str(run))
    return cfg


def input_size(settings: ClassifySettings, device: str) -> tuple[list[int], bool]:
    """(size, chosen here): the user's --img-size, else the network's 224 on a GPU and CPU_SIZE on a CPU."""
    if settings.img_size:
        return list(settings.img_size), False
    return ([224, 224] if pick_device(device).type == "cuda" else [CPU_SIZE, CPU_SIZE]), True


def pick_precision(cfg: TrainConfig, arch: str, classes: int, size: list[int], channels_last: bool) -> TrainConfig:
    """"auto" on a CPU with bf16: one step timed each way, since bf16 autocast ran ResNet-18 1.8x faster than fp32 on
    one AVX-512 BF16 CPU and 12x slower on another, and MobileNetV3 slower on both (benchmarks/results/classify.md)."""
    if cfg.precision != "auto" or pick_device(cfg.device).type != "cpu" or not cpu_has_bf16():
        return cfg
    with torch.random.fork_rng(devices=[]):  # the run's own draws stay as they were
        torch.manual_seed(0)
        net = Pretrained(arch, classes).train()
        x = torch.rand(min(cfg.batch_size, PROBE_BATCH), 3, *size)  # (B, 3, H, W)
        if channels_last:
            net, x = net.to(memory_format=torch.channels_last), x.contiguous(memory_format=torch.channels_last)
        y = torch.zeros(len(x), dtype=torch.long)

        def step(dtype):
            with autocast(torch.device("cpu"), dtype):
                loss = torch.nn.functional.cross_entropy(net(x).float(), y)
            loss.backward()
            net.zero_grad(set_to_none=True)

        chosen, seconds = faster_precision(step)
    say("vision.finetune.precision", chosen=chosen, fp32=fmt(seconds["fp32"], 2), bf16=fmt(seconds["bf16"], 2))
    return replace(cfg, precision=chosen)


def phases(cfg: TrainConfig, freeze: bool) -> list[tuple[str, TrainConfig, bool]]:
    """(folder, loop config, backbone fixed) of each phase: one with --freeze, else head then everything."""
    if freeze:
        return [("", cfg, True)]
    cut = lambda v, share: None if v is None else max(1, math.ceil(v * share))  # noqa: E731
    one = replace(cfg, epochs=cut(cfg.epochs, HEAD_SHARE), auto_steps=cut(cfg.auto_steps, HEAD_SHARE),
                  max_time=None if cfg.max_time is None else cfg.max_time * HEAD_SHARE)
    two = replace(cfg, lr=cfg.lr * BACKBONE_LR, epochs=None if cfg.epochs is None else max(1, cfg.epochs - one.epochs),
                  auto_steps=max(1, cfg.auto_steps - one.auto_steps),
                  max_time=None if cfg.max_time is None else cfg.max_time - one.max_time)
    return [(PHASE1, one, True), ("", two, False)]


def set_frozen(model: Pretrained, frozen: bool) -> None:
    """The backbone's weights fixed (or not); while fixed, its BatchNorm keeps ImageNet's statistics."""
    for p in model.features.parameters():
        p.requires_grad_(not frozen)
    model.frozen = frozen


def load_photos(data, seed: int, settings: ClassifySettings, skip_bad: bool, test_data) -> ImageData:
    """The folder in colour (a grey photo gets three equal channels: the network reads RGB), split as usual."""
    d = load_folder(data, settings.img_size, skip_bad, channels=3)
    fixed = None
    if test_data is not None:
        d, fixed = with_test_folder(d, test_data, skip_bad)
    d.splits = stratified_splits(d.y.numpy(), seed, settings.test_split, settings.val_split, fixed)
    return d


def finetune(init: str | Path | None, data, settings: ClassifySettings, cfg: TrainConfig, project=None,
             name=None, resume=None, skip_bad: bool = False, test_data=None):
    """Fine-tune `init` on `data` (a folder per class) or --resume such a run; returns evaluate.ClassifyResult."""
    if resume is None:
        base = read_init(init)
        size, chosen = input_size(settings, cfg.device)
        settings = replace(settings, img_size=size)
        d = load_photos(data, cfg.seed, settings, skip_bad, test_data)
        cfg = pick_precision(cfg, base["arch"], len(d.classes), size, settings.channels_last)
    start = start_run("classify", ClassifySettings, settings, cfg, project=project, name=name, resume=resume)
    settings, cfg = start.settings, start.cfg
    if start.resumed:
        init, data, skip_bad = start.saved["init"], start.saved.get("data"), bool(start.saved.get("skip_bad"))
        test_data, chosen = start.saved.get("test_data"), False
        base = read_init(init)
        d = load_photos(data, cfg.seed, settings, skip_bad, test_data)
    mean, std = base["mean"], base["std"]
    model_cfg = {**base, "classes": d.classes, "size": list(d.x.shape[2:]), "init": str(init), "tta": False}
    say("vision.data_source", source=d.source, n=len(d.y), k=len(d.classes),
        train=len(d.splits["train"]), val=len(d.splits["val"]), test=len(d.splits["test"]))
    say("vision.finetune.start", arch=base["arch"], h=model_cfg["size"][0], w=model_cfg["size"][1],
        phases=1 if settings.freeze else 2)
    if chosen:
        say("vision.finetune.cpu_size", size=CPU_SIZE)
    xtr, ytr = d.part("train")
    xval, yval = d.part("val")
    cl, smoothing = settings.channels_last, settings.smoothing(len(xtr))

    def loss_fn(model, batch):
        x, y = batch
        x = normalize(x.float() / 255, mean, std, cl)
        if settings.crops is not False:
            x = random_resized_crop(x, degrees=settings.rotate, flip=True)
        return torch.nn.functional.cross_entropy(model(x).float(), y, label_smoothing=smoothing)

    @torch.no_grad()
    def evaluate(model):
        correct, loss = 0, 0.0
        for i in range(0, len(yval), 256):
            logits = model(normalize(xval[i : i + 256].float() / 255, mean, std, cl)).float()
            loss += torch.nn.functional.cross_entropy(logits, yval[i : i + 256], reduction="sum").item()
            correct += (logits.argmax(1) == yval[i : i + 256]).sum().item()
        return {"val_loss": loss / len(yval), "val_accuracy": correct / len(yval)}

    extra = {"data": d.source, "dataset": None, "source": d.source, "skip_bad": skip_bad, "init": str(init),
             "test_data": str(test_data) if test_data is not None else None}
    with open_run(start, **extra) as run_dir:
        if not start.resumed:
            write_splits(run_dir, d)
        seed_everything(cfg.seed)
        model = Pretrained(base["arch"], len(base["classes"]))
        load_into(model, Path(init) / "weights" / "best.safetensors")
        seed_everything(cfg.seed)
        replace_head(model, len(d.classes))  # (K, features) drawn from the seed
        if cl:
            model = model.to(memory_format=torch.channels_last)
        res = None
        for folder, phase_cfg, frozen in phases(cfg, settings.freeze):
            where = run_dir / folder if folder else run_dir
            done = where / "done"
            if folder and done.is_file():
                load_into(model, where / "weights" / "best.safetensors")
                continue
            set_frozen(model, frozen)
            resumed = start.resumed and (where / "weights" / "last.safetensors").is_file()
            res = fit(model, TensorDataset(xtr, ytr), phase_cfg, where, loss_fn=loss_fn, evaluate=evaluate,
                      model_config=model_cfg, resume=resumed, desc=base["arch"])
            if folder:
                load_into(model, where / "weights" / "best.safetensors")  # phase 2 starts from the best head
                atomic_write_text(done, "")
        set_frozen(model, False)
        ev = evaluate_run(run_dir, data=d)
    metrics = {**ev.metrics, "seconds": round(res.seconds, 1) if res else 0.0, "epochs": res.epochs_run if res else 0}
    return ClassifyResult(run_dir, metrics, d.classes, ev.plots)
