"""Run folders `runs/<lab>/<name>/` and atomic writes, so a killed run never leaves a half-written file."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

from aprende.core import budgets
from aprende.core.errors import AprendeError

DEFAULT_PROJECT = "runs"


@contextmanager
def atomic_writer(path: Path):
    """A binary file handle on a temporary file in the same folder, renamed into place only if the block ends well:
    a reader never sees half a file, and a failure leaves the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it into place."""
    with atomic_writer(path) as fh:
        fh.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8; a file name that was not UTF-8 on disk (surrogate-escaped by Python) is written back as its own bytes,
    so splits and predictions name the very file, and `read_text` gives the same name again."""
    atomic_write_bytes(path, text.encode("utf-8", "surrogateescape"))


def read_text(path: Path) -> str:
    """A run's own text file, within the run-file budget, read as `atomic_write_text` wrote it."""
    path = Path(path)
    size = path.stat().st_size  # FileNotFoundError for the caller
    budgets.check("run_file_bytes", size, str(path))
    return path.read_bytes().decode("utf-8", "surrogateescape")


def write_json(path: Path, obj) -> None:
    atomic_write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def read_json(path: Path) -> dict:
    try:
        return json.loads(read_text(path))
    except (FileNotFoundError, NotADirectoryError):
        raise AprendeError("run.missing_file", path=str(path)) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise AprendeError("run.bad_file", path=str(path)) from None


def write_yaml(path: Path, obj: dict) -> None:
    atomic_write_text(path, yaml.safe_dump(_plain(obj), sort_keys=False, allow_unicode=True))


def read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(read_text(path))
    except (FileNotFoundError, NotADirectoryError):
        raise AprendeError("run.missing_file", path=str(path)) from None
    except (yaml.YAMLError, RecursionError):
        raise AprendeError("run.bad_file", path=str(path)) from None
    if not isinstance(data, dict):
        raise AprendeError("run.bad_file", path=str(path))
    return data


def _plain(obj):
    """YAML-safe copy: paths become strings, tuples become lists."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    return str(obj)


def new_run_dir(lab: str, name: str | None = None, project: str | Path | None = None, base: str = "exp") -> Path:
    """Create and return a new folder under `<project>/<lab>/`: `name` if given (it must be free), else the first
    free of BASE, BASE2, BASE3, … (exp, exp2, … for a training run). Creation is atomic, so two runs started at once
    never share a folder; `fresh_run` removes it again, with any parent made here, if the command fails."""
    parent = Path(project or DEFAULT_PROJECT) / lab
    made = [p for p in (parent, *parent.parents) if not p.exists()]  # deepest first
    parent.mkdir(parents=True, exist_ok=True)
    if name is not None:
        if name in (".", "..") or not re.fullmatch(r"[\w.\-]+", name):
            _remove_empty(made)
            raise AprendeError("run.bad_name", name=name)
        path = parent / name
        if path.is_symlink():
            raise AprendeError("run.symlink", path=str(path))
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir() or any(path.iterdir()):
                raise AprendeError("run.exists", path=str(path)) from None
        _PARENTS_MADE[path] = made
        return path
    n = 1
    while True:
        path = parent / (f"{base}{n}" if n > 1 else base)
        try:
            path.mkdir()  # fails if anything (a folder, a file, a symlink) already has the name
            _PARENTS_MADE[path] = made
            return path
        except FileExistsError:
            n += 1


_PARENTS_MADE: dict[Path, list[Path]] = {}  # run folder -> the parents new_run_dir created for it


def _remove_empty(folders: list[Path]) -> None:
    """Remove folders (deepest first) while they are empty: a failed command leaves no empty runs/<lab>/ behind."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def existing_run_dir(path: str | Path, lab: str | None = None) -> Path:
    """A run folder the user named (`--run`, `--resume`); it must exist and hold a config.yaml."""
    path = Path(path)
    if not path.is_dir():
        raise AprendeError("run.not_found", path=str(path))
    if not (path / "config.yaml").is_file():
        raise AprendeError("run.not_a_run", path=str(path))
    if lab is not None:
        cfg = read_yaml(path / "config.yaml")
        if cfg.get("lab") not in (None, lab):
            raise AprendeError("run.wrong_lab", path=str(path), lab=cfg.get("lab"), expected=lab)
    return path


class fresh_run:
    """Context for a new output folder: if anything stops the command, the folder is removed (no partial output) and
    the error goes on. A Ctrl-C keeps a folder that already holds a checkpoint, so that --resume can continue it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.created = not self.path.exists() or (self.path.is_dir() and not any(self.path.iterdir()))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None or not self.created:
            return False
        resumable = (self.path / "weights" / "last.safetensors").is_file()
        if not (issubclass(exc_type, KeyboardInterrupt) and resumable):
            shutil.rmtree(self.path, ignore_errors=True)
            _remove_empty(_PARENTS_MADE.pop(self.path, []))
        return False
