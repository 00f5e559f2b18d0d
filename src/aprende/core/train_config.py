"""The loop's settings, each declared once with its range: `common_train_options` makes the shared options of every
`train` from these fields, and the range is checked before anything runs. No PyTorch here (help stays fast)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from aprende.core.settings import setting

OPTIMIZERS = ("adam", "adamw", "sgd", "adagrad", "rmsprop")
SCHEDULERS = ("none", "cosine", "onecycle", "linear", "rsqrt", "plateau")


@dataclass
class TrainConfig:
    """Every setting of the loop; saved in config.yaml so a run can be repeated."""

    # None: fill --max-time, else as many as `auto_steps` needs (see trainer.plan_epochs)
    epochs: int | None = setting(None, "opt.epochs", range=(1, 100_000))
    batch_size: int = setting(32, "opt.batch_size", range=(1, 1_000_000))
    lr: float = setting(1e-3, "opt.lr", range=(0.0, 100.0))
    optimizer: str = setting("adam", "opt.optimizer", choices=OPTIMIZERS)
    weight_decay: float = setting(0.0, range=(0.0, 10.0))
    scheduler: str = setting("none", "opt.scheduler", choices=SCHEDULERS)
    warmup_steps: int = setting(0, range=(0, 10_000_000))
    grad_clip: float | None = setting(1.0, "opt.grad_clip", range=(0.0, 1e6))
    monitor: str = "val_loss"
    mode: str = setting("min", choices=("min", "max"))
    patience: int | None = setting(None, "opt.patience", range=(1, 100_000))
    max_time: float | None = setting(None, "opt.max_time", range=(0.0, 30 * 24 * 3600.0), metavar="SEGUNDOS")
    device: str = setting("auto", "opt.device", choices=("auto", "cpu", "cuda"))
    precision: str = setting("auto", "opt.precision", choices=("auto", "fp32", "bf16"))
    seed: int = setting(0, "opt.seed", range=(0, 2**32 - 1))
    quiet: bool = False
    ema: bool | None = setting(False, "opt.ema", flag=True)  # evaluate and save a moving average of the weights
    ema_decay: float = setting(0.999, range=(0.0, 1.0))
    auto_steps: int = setting(3000, range=(1, 100_000_000))  # optimiser steps aimed for with no --epochs/--max-time
    max_epochs: int = setting(1000, range=(1, 1_000_000))  # the most epochs a planned run may take
    checkpoint_every: float = setting(0.0, range=(0.0, 1e7))  # seconds between `last` checkpoints (0: every epoch)


# the loop settings every `train` command offers, in the order its help lists them
TRAIN_OPTIONS = ("epochs", "batch_size", "lr", "optimizer", "scheduler", "patience", "grad_clip", "max_time",
                 "device", "precision", "seed", "ema")


def train_config(defaults: dict, overrides: dict | None = None) -> TrainConfig:
    """A lab's TrainConfig: its defaults, with every option the user gave (not None) on top. A --max-time given
    without --epochs drops the lab's planned epochs, so the run fills the budget (core.trainer.plan_epochs)."""
    known = {f.name for f in fields(TrainConfig)}
    given = {k: v for k, v in (overrides or {}).items() if v is not None and k in known}
    merged = {**defaults, **given}
    if given.get("max_time") and "epochs" not in given:
        merged["epochs"] = None
    return TrainConfig(**merged)
