"""Options every lab's commands share (one grammar), and how a command reports: a table or one JSON object."""

from __future__ import annotations

import functools

import click

from aprende.core.i18n import t
from aprende.core.settings import click_options
from aprende.core.train_config import TRAIN_OPTIONS, TrainConfig


def common_train_options(fn):
    """--epochs --batch-size --lr --optimizer --scheduler --patience --grad-clip --max-time --device --precision
    --seed --ema (made from TrainConfig's declared fields, ranges included), collected into `train_cfg` (a dict of
    the ones given), and --project --name --resume --json --quiet."""
    options = [
        click_options(TrainConfig, only=TRAIN_OPTIONS),
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
        cfg = {k: kwargs.pop(k) for k in TRAIN_OPTIONS}
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
