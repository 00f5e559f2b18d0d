"""A package's public names, imported on first use (PEP 562): loading a lab's command-line module must not load
PyTorch only because the lab's `__init__.py` exports its jobs."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, names: dict[str, str]) -> tuple[list[str], Callable, Callable]:
    """(__all__, __getattr__, __dir__) for a package whose `names` map each public name to the module holding it."""

    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(names[name]), name)
        globals_of(package)[name] = value  # cached: the next access is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals_of(package)) | set(names))

    return sorted(names), __getattr__, __dir__


def globals_of(package: str) -> dict:
    return vars(importlib.import_module(package))

