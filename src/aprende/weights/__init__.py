"""Shipped weights: small models trained by scripts/train_shipped.py, used when a command gets no --run."""

from __future__ import annotations

import json
from pathlib import Path

from aprende.core.errors import AprendeError

ROOT = Path(__file__).parent

# name -> (lab command that trains one, what it does); the folders below ROOT are laid out like run folders.
SHIPPED = {
    "classify": "aprende classify train --dataset fashion-mnist",
    "detect": "aprende detect train --dataset lego",
    "translate": "aprende translate train",
    "gpt": "aprende gpt train",
    "bert": "aprende bert train",
}


def shipped_dir(name: str) -> Path:
    return ROOT / name


def is_shipped(name: str) -> bool:
    """A shipped model exists when its folder holds weights and a model.json."""
    d = shipped_dir(name)
    return (d / "model.json").is_file() and (d / "weights" / "best.safetensors").is_file()


def resolve_run(name: str, run_dir: str | Path | None = None) -> Path:
    """The user's run folder when given, else the shipped model of that name, else a clear error."""
    if run_dir is not None:
        return Path(run_dir)
    if name not in SHIPPED:
        raise AprendeError("weights.unknown", name=name, names=", ".join(SHIPPED))
    if not is_shipped(name):
        raise AprendeError("weights.none", name=name, train=SHIPPED[name])
    return shipped_dir(name)


def metrics(name: str) -> dict:
    """What scripts/train_shipped.py measured for this model (empty when it is not shipped)."""
    path = shipped_dir(name) / "metrics.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def available() -> dict[str, dict]:
    """Every shipped model with its recorded metrics and size."""
    out = {}
    for name in SHIPPED:
        if is_shipped(name):
            size = sum(p.stat().st_size for p in shipped_dir(name).rglob("*") if p.is_file())
            out[name] = {**metrics(name), "bytes": size}
    return out
