"""`run(name)`: the one function the CLI, the tour and the notebooks call to run an exhibit into a run folder."""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch

from aprende.core.console import quietly
from aprende.core.device import seed_everything
from aprende.core.errors import AprendeError
from aprende.core.runs import fresh_run, new_run_dir, write_json, write_yaml
from aprende.history.registry import get, resolve


@dataclass
class ExhibitResult:
    """An exhibit's numbers, its run folder, its figures (name -> PNG) and its result in one sentence."""

    name: str
    metrics: dict
    run_dir: Path
    figures: dict[str, Path] = field(default_factory=dict)
    sentence: str = ""
    options: dict = field(default_factory=dict)


def free_run_dir(name: str, run_name: str | None, project) -> Path:
    """`runs/history/<name>/`, then `<name>2`, `<name>3`… so running an exhibit twice keeps both; --name is exact.
    Created atomically by core.runs.new_run_dir, so two runs started at once never share a folder."""
    return new_run_dir("history", run_name, project, base=name)


def run(name: str, *, seed: int = 0, project: str | Path | None = None, run_name: str | None = None,
        quiet: bool = False, **options) -> ExhibitResult:
    """Run exhibit `name` with its defaults and `options` on top; every option is checked before anything is written."""
    exhibit = get(name)
    values = resolve(exhibit, options)
    try:
        seed = int(seed)
    except (TypeError, ValueError):
        raise AprendeError("history.bad_number", opt="--seed", value=seed) from None
    module, function = exhibit.target.split(":")
    fn = getattr(importlib.import_module(f"aprende.history.{module}"), function)
    run_dir = free_run_dir(name, run_name, project)
    with fresh_run(run_dir):
        write_yaml(run_dir / "config.yaml", {"lab": "history", "exhibit": name, "seed": seed, "options": values})
        seed_everything(seed)
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # these networks are tiny: a second thread costs more than it gives
        t0 = time.perf_counter()
        try:
            with quietly(quiet):
                outcome = fn(values, run_dir, seed)
        finally:
            torch.set_num_threads(threads)
        metrics = {**outcome.metrics, "seconds": round(time.perf_counter() - t0, 2)}
        write_json(run_dir / "metrics.json", metrics)
    return ExhibitResult(name, metrics, run_dir, outcome.figures, outcome.sentence, values)
