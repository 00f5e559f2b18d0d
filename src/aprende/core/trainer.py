"""The one training loop: devices, precision, clipping, schedules, early stopping, time limit, resume, DDP."""

from __future__ import annotations

import csv
import io
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.distributed as tdist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import Dataset, TensorDataset, default_collate

from aprende.core import deadline
from aprende.core import distributed as dist
from aprende.core.checkpoint import load_state, save_state, save_weights
from aprende.core.console import progress, quietly, say
from aprende.core.device import autocast, pick_device, resolve_precision, seed_everything
from aprende.core.ema import EMA
from aprende.core.errors import AprendeError
from aprende.core.i18n import t
from aprende.core.numbers import format_spec
from aprende.core.optim import Schedule, make_optimizer
from aprende.core.runs import atomic_write_text, write_json, write_yaml
from aprende.core.train_config import TrainConfig

__all__ = ["FitResult", "TrainConfig", "fit", "plan_epochs"]


@dataclass
class FitResult:
    """What a lab needs after training: where the run is and how it went."""

    run_dir: Path
    best_epoch: int
    best_value: float | None
    epochs_run: int
    stopped: str  # "done" | "early" | "time"
    seconds: float
    history: list[dict] = field(default_factory=list)


def plan_epochs(cfg: TrainConfig, steps_per_epoch: int) -> tuple[int, str]:
    """How many epochs, and why: the user's --epochs; else, under --max-time, as many as the clock allows (the
    schedule follows the clock); else enough passes for `auto_steps` optimiser steps, so small data sets get many."""
    if cfg.epochs is not None:
        return cfg.epochs, "given"
    if cfg.max_time:
        return cfg.max_epochs, "clock"
    return min(cfg.max_epochs, max(1, math.ceil(cfg.auto_steps / max(1, steps_per_epoch)))), "data"


def to_device(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=True)
    if isinstance(batch, (list, tuple)):
        return type(batch)(to_device(b, device) for b in batch)
    if isinstance(batch, dict):
        return {k: to_device(v, device) for k, v in batch.items()}
    return batch


def make_batch(data: Dataset, idx: list[int], collate: Callable | None):
    """Index tensors directly for a TensorDataset (fast), a data set's own batch(idx) where it has one (detection's
    sparse targets), else collate the items."""
    if hasattr(data, "batch") and collate is None:
        return data.batch(idx)
    if isinstance(data, TensorDataset) and collate is None:
        ix = torch.as_tensor(idx, device=data.tensors[0].device)
        return tuple(tensor[ix] for tensor in data.tensors)
    return (collate or default_collate)([data[i] for i in idx])


def _cuda_rng_states() -> list[torch.Tensor]:
    """Each GPU's generator state (dropout on a GPU draws from these); none without CUDA."""
    return torch.cuda.get_rng_state_all() if torch.cuda.is_available() else []


def _set_cuda_rng_states(states: list[torch.Tensor]) -> None:
    if states and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(states)


def _rng_state() -> dict:
    """Every random state a step may draw from: CPU, each CUDA device, NumPy and Python."""
    np_state = np.random.get_state()
    return {"torch": torch.get_rng_state(), "cuda": _cuda_rng_states(),
            "numpy": [np_state[0], np_state[1], *np_state[2:]],
            "python": list(random.getstate()[1]), "python_version": random.getstate()[0]}


def _set_rng_state(state: dict) -> None:
    torch.set_rng_state(state["torch"])
    _set_cuda_rng_states(state.get("cuda") or [])
    n = state["numpy"]
    np.random.set_state((n[0], np.asarray(n[1], dtype=np.uint32), *n[2:]))
    random.setstate((state["python_version"], tuple(state["python"]), None))


def _write_results(run_dir: Path, rows: list[dict]) -> None:
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=keys)
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(run_dir / "results.csv", buf.getvalue())


@dataclass
class LoopState:
    """Where a run stands between epochs: what `last.safetensors` keeps so that --resume continues exactly."""

    epoch: int = 0  # epochs done
    best_value: float | None = None
    best_epoch: int = 0
    bad_epochs: int = 0
    elapsed: float = 0.0
    rows: list[dict] = field(default_factory=list)
    stopped: str = "done"


@dataclass
class _Parts:
    """The pieces one epoch moves: the model (maybe DDP-wrapped), its core, the optimiser, schedule and average."""

    model: torch.nn.Module
    core: torch.nn.Module
    optimizer: torch.optim.Optimizer
    schedule: Schedule
    ema: EMA | None

    @property
    def judged(self) -> torch.nn.Module:
        return self.ema.shadow if self.ema else self.core  # the weights that are evaluated and saved


CHECK_EVERY = 50  # steps between looks at the loss (each look waits for the device; a NaN is refused all the same)


def _restore(parts: _Parts, path: Path) -> LoopState:
    """A run's `last` checkpoint back into the model, optimiser, schedule, random generators and average."""
    state = load_state(path)
    parts.core.load_state_dict(state["model"])
    parts.optimizer.load_state_dict(state["optimizer"])
    parts.schedule.load_state_dict(state["schedule"])
    _set_rng_state(state["rng"])
    if parts.ema is not None and "ema" in state:
        parts.ema.load_state_dict(state["ema"])
    return LoopState(state["epoch"], state["best_value"], state["best_epoch"], state["bad_epochs"],
                     state["elapsed"], state["rows"], state["stopped"])


def _train_epoch(parts: _Parts, train_data: Dataset, cfg: TrainConfig, epoch: int, *, loss_fn: Callable,
                 collate: Callable | None, device: torch.device, dtype, tick: Callable[[], None],
                 out_of_time: Callable[[], bool]) -> tuple[float, bool]:
    """One pass over the shuffled data: (mean training loss, whether the clock stopped it). The loss stays on the
    device and is looked at every CHECK_EVERY steps and at the end, so a step never waits for the device."""
    order = torch.randperm(len(train_data), generator=torch.Generator().manual_seed(cfg.seed * 7919 + epoch))
    parts.model.train()
    loss_sum, loss_n, timed_out = torch.zeros((), dtype=torch.float64, device=device), 0, False
    for idx in dist.shard(order.tolist(), cfg.batch_size):
        batch = to_device(make_batch(train_data, idx, collate), device)
        with autocast(device, dtype):
            loss = loss_fn(parts.model, batch)
        parts.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if cfg.grad_clip:
            torch.nn.utils.clip_grad_norm_(parts.core.parameters(), cfg.grad_clip)
        parts.optimizer.step()
        if parts.ema is not None:
            parts.ema.update(parts.core)
        parts.schedule.step()
        loss_sum += loss.detach().double()
        loss_n += 1
        if loss_n % CHECK_EVERY == 0 and not torch.isfinite(loss_sum):
            raise AprendeError("train.nan", epoch=epoch + 1)
        tick()
        if out_of_time():
            timed_out = True
            break
    if not torch.isfinite(loss_sum):
        raise AprendeError("train.nan", epoch=epoch + 1)
    if dist.world_size() > 1:
        loss_sum = _all_mean(loss_sum)
    return float(loss_sum / max(loss_n, 1)), timed_out


def _judge_and_save(parts: _Parts, st: LoopState, row: dict, cfg: TrainConfig, epochs: int, weights: Path,
                    t0: float, saved_at: float) -> float:
    """The epoch's verdict (best so far? patience spent?), then the best and `last` checkpoints and results.csv
    (rank 0). Returns when `last` was last written."""
    better = (lambda a, b: a < b) if cfg.mode == "min" else (lambda a, b: a > b)
    if cfg.monitor not in row:
        raise AprendeError("train.bad_monitor", name=cfg.monitor, choices=", ".join(sorted(row)))
    value = row[cfg.monitor]
    parts.schedule.epoch_end(value)
    row["seconds"] = round(time.perf_counter() - t0, 3)
    st.rows.append(row)
    st.epoch = row["epoch"]
    improved = st.best_value is None or better(value, st.best_value)
    # a tie keeps the later weights (trained longer, at a lower rate): on a small validation set the accuracy
    # ties often; it does not reset the patience
    tied = not improved and value == st.best_value
    if improved or tied:
        st.best_value, st.best_epoch = value, st.epoch
    st.bad_epochs = 0 if improved else st.bad_epochs + 1
    if cfg.patience is not None and st.bad_epochs >= cfg.patience and st.stopped == "done":
        st.stopped = "early"
    if not dist.is_main():
        return saved_at
    if improved or tied:
        save_weights(weights / "best.safetensors", parts.judged.state_dict(), {"epoch": st.epoch, cfg.monitor: value})
    final = st.stopped != "done" or st.epoch == epochs
    if final or time.perf_counter() - saved_at >= cfg.checkpoint_every:
        saved_at = time.perf_counter()
        ema = parts.ema
        save_state(weights / "last.safetensors", {
            "model": parts.core.state_dict(), "optimizer": parts.optimizer.state_dict(),
            "schedule": parts.schedule.state_dict(), "rng": _rng_state(), "epoch": st.epoch,
            "best_value": st.best_value, "best_epoch": st.best_epoch, "bad_epochs": st.bad_epochs,
            "elapsed": time.perf_counter() - t0, "rows": st.rows, "stopped": st.stopped,
            "meta": {"epoch": st.epoch}, **({"ema": ema.state_dict()} if ema else {})})
    _write_results(weights.parent, st.rows)
    return saved_at


def fit(model: torch.nn.Module, train_data: Dataset, cfg: TrainConfig, run_dir: Path, *,
        loss_fn: Callable, evaluate: Callable | None = None, collate: Callable | None = None,
        model_config: dict | None = None, resume: bool = False, desc: str | None = None) -> FitResult:
    """Train `model` on `train_data` with `loss_fn(model, batch) -> loss`; `evaluate(model) -> metrics` each epoch:
    restore (on --resume), then one epoch at a time, each judged and saved."""
    device = pick_device(cfg.device)
    ddp = dist.init_from_env(device)
    dtype = resolve_precision(cfg.precision, device)
    main = dist.is_main()
    run_dir = Path(run_dir)
    weights = run_dir / "weights"
    seed_everything(cfg.seed)
    model.to(device)
    core = model
    if device.type == "cuda" and isinstance(train_data, TensorDataset) and collate is None and \
            sum(x.numel() * x.element_size() for x in train_data.tensors) < 2 * 2**30:
        train_data = TensorDataset(*(x.to(device) for x in train_data.tensors))  # index on the GPU: no copies per step
    elif device.type == "cuda" and hasattr(train_data, "to_device") and collate is None:
        train_data = train_data.to_device(device)  # its images on the GPU when they fit, as above
    if ddp:
        model = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)

    steps_per_epoch = max(1, len(dist.shard(list(range(len(train_data))), cfg.batch_size)))
    epochs, why = plan_epochs(cfg, steps_per_epoch)
    optimizer = make_optimizer(cfg.optimizer, core.parameters(), cfg.lr, cfg.weight_decay)
    started: list[float] = []  # set when training starts; the schedule may follow the clock under --max-time
    schedule = Schedule(optimizer, cfg.scheduler, epochs * steps_per_epoch, cfg.warmup_steps, cfg.mode,
                        cfg.max_time, lambda: time.perf_counter() - started[0] if started else 0.0)
    parts = _Parts(model, core, optimizer, schedule, EMA(core, cfg.ema_decay) if cfg.ema else None)
    st = LoopState()
    if resume and (weights / "last.safetensors").exists():
        st = _restore(parts, weights / "last.safetensors")
        # --max-time is the run's whole budget: a run the clock already stopped is finished, like an early stop
        if st.stopped == "early" or st.epoch >= epochs or (cfg.max_time and st.elapsed >= cfg.max_time):
            return FitResult(run_dir, st.best_epoch, st.best_value, st.epoch, st.stopped, st.elapsed, st.rows)
        st.stopped = "done"
    elif main:
        weights.mkdir(parents=True, exist_ok=True)
        if model_config is not None:
            write_json(run_dir / "model.json", model_config)
        if not (run_dir / "config.yaml").exists():  # a lab's run already has its own (core.lifecycle.open_run)
            write_yaml(run_dir / "config.yaml", {"train": asdict(cfg)})

    t0 = time.perf_counter() - st.elapsed
    saved_at = time.perf_counter()
    started.append(t0)
    by_clock = why == "clock"  # the bar then counts seconds of the budget, not steps of 1000 epochs
    total = int(cfg.max_time) if by_clock else (epochs - st.epoch) * steps_per_epoch
    out_of_time = lambda: bool(cfg.max_time and time.perf_counter() - t0 > cfg.max_time) or deadline.passed()
    with quietly(cfg.quiet), progress() as bar:  # the bar and plan on rank 0 only (console.is_quiet)
        task = bar.add_task(desc or t("train.progress"), total=total, info="")
        if by_clock:
            tick = lambda: bar.update(task, completed=min(total, time.perf_counter() - t0))
        else:
            tick = lambda: bar.advance(task)
        if why != "given":
            say(f"train.plan.{why}", epochs=epochs, steps=cfg.auto_steps,
                per_epoch=steps_per_epoch, seconds=cfg.max_time)
        for epoch in range(st.epoch, epochs):
            train_loss, timed_out = _train_epoch(parts, train_data, cfg, epoch, loss_fn=loss_fn, collate=collate,
                                                 device=device, dtype=dtype, tick=tick, out_of_time=out_of_time)
            if timed_out:
                st.stopped = "time"
            row = {"epoch": epoch + 1, "train_loss": train_loss, "lr": optimizer.param_groups[0]["lr"]}
            if evaluate is not None:
                model.eval()
                with torch.no_grad(), autocast(device, dtype):
                    row.update({k: float(v) for k, v in evaluate(parts.judged).items()})
            saved_at = _judge_and_save(parts, st, row, cfg, epochs, weights, t0, saved_at)
            shown = {k: v for k, v in row.items() if k not in ("epoch", "lr", "seconds")}
            shown_epoch = f"{epoch + 1}" if by_clock else f"{epoch + 1}/{epochs}"
            bar.update(task, description=f"{desc or t('train.progress')} {shown_epoch}",
                       info=" ".join(f"{k}={format_spec(v, '.4g')}" for k, v in list(shown.items())[:4]))
            if st.stopped != "done":
                break
    if parts.ema is not None:
        core.load_state_dict(parts.ema.shadow.state_dict())  # the model in memory is the one judged and saved
    if main:
        from aprende.core.plots import plot_results  # deferred: matplotlib only once a run ends

        plot_results(st.rows, run_dir / "results.png", cfg.monitor)
    dist.barrier()
    return FitResult(run_dir, st.best_epoch, st.best_value, len(st.rows), st.stopped, time.perf_counter() - t0,
                     st.rows)


def _all_mean(x: torch.Tensor) -> torch.Tensor:
    y = x.clone()
    tdist.all_reduce(y)
    return y / dist.world_size()
