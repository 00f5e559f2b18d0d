"""Options every lab's commands share (one grammar), and how a command reports: a table or one JSON object."""

from __future__ import annotations

import functools

import click

from aprende.core.i18n import t


def common_train_options(fn):
    """--epochs --batch-size --lr --optimizer --scheduler --patience --max-time --device --precision --seed
    --project --name --resume --json --quiet, collected into `train_cfg` (a dict) and run-folder arguments."""
    options = [
        click.option("--epochs", type=int, default=None, help=t("opt.epochs")),
        click.option("--batch-size", type=int, default=None, help=t("opt.batch_size")),
        click.option("--lr", type=float, default=None, help=t("opt.lr")),
        click.option("--optimizer", type=click.Choice(["adam", "adamw", "sgd", "adagrad", "rmsprop"]), default=None,
                     help=t("opt.optimizer")),
        click.option("--scheduler", type=click.Choice(["none", "cosine", "onecycle", "linear", "rsqrt", "plateau"]),
                     default=None, help=t("opt.scheduler")),
        click.option("--patience", type=int, default=None, help=t("opt.patience")),
        click.option("--grad-clip", type=float, default=None, help=t("opt.grad_clip")),
        click.option("--max-time", type=float, default=None, metavar="SEGUNDOS", help=t("opt.max_time")),
        click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=None, help=t("opt.device")),
        click.option("--precision", type=click.Choice(["auto", "fp32", "bf16"]), default=None,
                     help=t("opt.precision")),
        click.option("--seed", type=int, default=None, help=t("opt.seed")),
        click.option("--ema/--no-ema", default=None, help=t("opt.ema")),
        click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project")),
        click.option("--name", default=None, help=t("opt.name")),
        click.option("--resume", type=click.Path(), default=None, metavar="RUN", help=t("opt.resume")),
        json_option,
        quiet_option,
    ]
    for opt in reversed(options):
        fn = opt(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        keys = ("epochs", "batch_size", "lr", "optimizer", "scheduler", "patience", "grad_clip", "max_time",
                "device", "precision", "seed", "ema")
        cfg = {k: kwargs.pop(k) for k in keys}
        cfg["quiet"] = kwargs["quiet"]
        kwargs["train_cfg"] = {k: v for k, v in cfg.items() if v is not None}
        return fn(*args, **kwargs)

    return wrapper


def json_option(fn):
    """--json: one JSON object on stdout (help translated when the command is built, after --lang is read)."""
    return click.option("--json", "as_json", is_flag=True, help=t("opt.json"))(fn)


def quiet_option(fn):
    """--quiet: no progress bar, no tables."""
    return click.option("--quiet", is_flag=True, help=t("opt.quiet"))(fn)
