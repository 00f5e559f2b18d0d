"""A run's life, written once for every lab: settings (new or resumed), distributed set-up, the run folder with its
config.yaml, clean-up when it fails; and the other end, turning a run folder or a shipped model into a model."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Generic, TypeVar

import torch

from aprende.core import budgets
from aprende.core import distributed as dist
from aprende.core.budgets import check_run_sizes
from aprende.core.checkpoint import load_into
from aprende.core.console import quietly
from aprende.core.device import pick_device
from aprende.core.errors import AprendeError
from aprende.core.runs import existing_run_dir, fresh_run, new_run_dir, read_json, read_yaml, write_yaml
from aprende.core.settings import check as check_ranges
from aprende.core.settings import default_of, settings_from  # noqa: F401  (re-exported for the labs)
from aprende.core.train_config import TrainConfig, train_config  # noqa: F401  (re-exported for the labs)
from aprende.weights import resolve_run

S = TypeVar("S")
F = TypeVar("F", bound=Callable)


def quiet_as_cfg(job: F) -> F:
    """A lab's train job runs within quietly(cfg.quiet), so what it calls is as quiet as its loop without being told."""
    signature = inspect.signature(job)

    @functools.wraps(job)
    def within(*args, **kwargs):
        cfg = signature.bind_partial(*args, **kwargs).arguments.get("cfg")
        with quietly(bool(getattr(cfg, "quiet", False))):
            return job(*args, **kwargs)

    return within  # type: ignore[return-value]


@dataclass
class RunStart(Generic[S]):
    """Where a training run writes and what it was asked: the same for a new run and a resumed one."""

    lab: str
    run_dir: Path
    settings: S
    cfg: TrainConfig
    resumed: bool
    saved: dict  # the resumed run's config.yaml ({} for a new run)


def start_run(lab: str, settings_cls: type[S], settings: S | None = None, cfg: TrainConfig | None = None, *,
              project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None,
              check: Callable[[S], None] | None = None, before: dict | None = None) -> RunStart[S]:
    """--resume RUN takes the run's saved settings and loop config (keeping this call's --quiet/--device); a setting
    its config.yaml lacks takes its value in `before` (what runs did before that setting existed), else the default.
    A new run checks the settings, then rank 0 makes the folder and every process gets its path."""
    cfg = cfg or TrainConfig()
    if resume is not None:
        run_dir = existing_run_dir(resume, lab)
        saved = read_yaml(run_dir / "config.yaml")
        try:
            cfg = TrainConfig(**{**saved["train"], "quiet": cfg.quiet, "device": cfg.device})
            settings = check_ranges(settings_cls(**{**(before or {}), **saved["settings"]}))
            check_ranges(cfg)
        except (KeyError, TypeError, ValueError):
            raise AprendeError("run.bad_file", path=str(run_dir / "config.yaml")) from None
        dist.setup(cfg.device)
        return RunStart(lab, run_dir, settings, cfg, True, saved)
    settings = check_ranges(settings if settings is not None else settings_cls())
    check_ranges(cfg)
    if check is not None:
        check(settings)
    dist.setup(cfg.device)
    run_dir = dist.broadcast_object(new_run_dir(lab, name, project) if dist.is_main() else None)
    return RunStart(lab, Path(run_dir), settings, cfg, False, {})


@contextmanager
def open_run(start: RunStart, **extra):
    """The run folder for the block; a new run gets its config.yaml (lab, `extra`, settings, train) first.
    If the block fails, a new run's folder is removed (no partial output) and the error goes on; a run
    interrupted by Ctrl-C keeps its folder once it holds a checkpoint, so that --resume can continue it."""
    with fresh_run(start.run_dir) as run_dir:
        if not start.resumed and dist.is_main():
            settings = asdict(start.settings) if is_dataclass(start.settings) else dict(start.settings)
            write_yaml(run_dir / "config.yaml", {"lab": start.lab, **extra, "settings": settings,
                                                 "train": asdict(start.cfg)})
        dist.barrier()
        yield run_dir


def model_folder(lab: str, run: str | Path | None = None, shipped: str | None = None) -> Path:
    """`--run DIR` (a run of this lab), or the shipped model named `shipped` when no run is given."""
    if run is None and shipped is not None:
        return resolve_run(shipped)
    if run is None:
        raise AprendeError("run.not_found", path="")
    return existing_run_dir(run, lab)


def load_model(folder: Path, build: Callable[[dict], torch.nn.Module], weights: str | Path | None = None,
               device: str | torch.device = "cpu") -> tuple[torch.nn.Module, dict]:
    """The model a run folder describes (model.json → `build`), with its best weights (or `weights`), in eval mode."""
    folder = Path(folder)
    config = read_json(folder / "model.json")
    model = build_checked(build, config, folder / "model.json")
    path = Path(weights) if weights is not None else folder / "weights" / "best.safetensors"
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    load_into(model, path)
    return model.to(pick_device(device) if isinstance(device, str) else device).eval(), config


def check_trainable(build: Callable[[dict], torch.nn.Module], config: dict, where: str) -> None:
    """The model a train command's options and data describe, counted on the meta device (no memory) before the run
    folder exists: more parameters than the budget is refused with what to change, not an allocation traceback."""
    try:
        with torch.device("meta"):
            shadow = build(config)
        n = sum(p.numel() for p in shadow.parameters())
    except AprendeError:
        raise
    except Exception:  # noqa: BLE001 (a build that cannot run on meta: the real one decides)
        return
    limit = budgets.current().params
    if n > limit:
        raise AprendeError("budget.train_params", path=str(where), n=f"{n:,}", limit=f"{limit:,}")


def build_checked(build: Callable[[dict], torch.nn.Module], config: dict, path: Path) -> torch.nn.Module:
    """`build(config)` for a run's file that may lie: its sizes within the budgets, the model first built on the meta
    device (no memory) and its parameters counted, and a failure of any kind a run.bad_file naming the file."""
    check_run_sizes(config, str(path))
    try:
        with torch.device("meta"):
            shadow = build(config)
        n = sum(p.numel() for p in shadow.parameters()) + sum(b.numel() for b in shadow.buffers())
    except AprendeError:
        raise
    except Exception:  # some builds cannot run on meta (they compute with real tensors): the real build decides
        n = 0
    budgets.check("params", n, str(path))
    try:
        return build(config)
    except AprendeError:
        raise
    except Exception:  # RuntimeError, ZeroDivisionError, MemoryError, …: a tampered file, never a traceback
        raise AprendeError("run.bad_file", path=str(path)) from None
