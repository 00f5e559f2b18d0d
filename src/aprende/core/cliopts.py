"""Options every lab's commands share (one grammar), and how a command reports: a table or one JSON object."""

from __future__ import annotations

import functools
from collections.abc import Callable

import click

from aprende.core.console import is_quiet, print_result, quietly
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
    """--quiet: no progress bar, no tables; the command's body runs within quietly(), so it passes nothing down."""
    @functools.wraps(fn)
    def wrapper(*args, quiet: bool = False, **kwargs):
        with quietly(quiet):
            return fn(*args, **kwargs)

    return click.option("--quiet", is_flag=True, help=t("opt.quiet"))(wrapper)


def report_options(fn):
    """--json --quiet: how a command reports (one JSON object, or no progress and no tables)."""
    return json_option(quiet_option(fn))


def output_options(name_help: str | None = None):
    """--project DIR --name NAME: where a command writes its folder (`name_help`: the lab's words for the default)."""
    def add(fn):
        fn = click.option("--name", default=None, help=name_help or t("opt.name"))(fn)
        return click.option("--project", type=click.Path(file_okay=False), default=None, help=t("opt.project"))(fn)
    return add


def lab_group(name: str, help_key: str) -> click.Group:
    """`aprende NAME …`: a lab's command group, its help translated when the commands are built (after --lang)."""
    return click.Group(name=name, help=t(help_key))


def list_command(group: click.Group, help_key: str, items: Callable[[], list[dict]],
                 table: Callable[[], None]) -> None:
    """`aprende LAB list`: --json prints the items as one object; else `table()` (under --quiet: no title, no hints)."""
    @group.command("list", help=t(help_key))
    @report_options
    def list_cmd(as_json):
        if as_json:
            print_result(None, results=items())
        else:
            table()


def show_metrics(run_dir, metrics: dict, as_json: bool, lines: Callable[[], None]) -> None:
    """--json prints the one object on stdout; unless --quiet, the lab's own lines (a table, a sentence) on stderr."""
    if as_json:
        print_result(run_dir, metrics=metrics)
    if not is_quiet():
        lines()


def show_trained(result, as_json: bool, lines: Callable[[], None]) -> None:
    """A `train`'s end: only the main process reports (a DDP worker says nothing), as show_metrics does."""
    from aprende.core import distributed  # deferred: torch; `aprende LAB --help` must not import it

    if distributed.is_main():
        show_metrics(result.run_dir, result.metrics, as_json, lines)
