"""Walking a data folder without recursion, to a bounded depth, never following a symlink out of it, with names that
the run's text files can hold (no newlines); and the one "images of a folder" list every lab's predict uses."""

from __future__ import annotations

import os
from pathlib import Path

from aprende.core.errors import AprendeError
from aprende.core.images import IMAGE_SUFFIXES

MAX_DEPTH = 32  # folders below the data folder; deeper is refused (a loop, or a generated tree)
JUNK = {"thumbs.db", "desktop.ini"}


def inside(path: Path, root: Path) -> bool:
    """True when `path`, symlinks resolved, lies under `root` (itself resolved)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except (OSError, ValueError):
        return False


def check_name(path: Path, root: Path) -> None:
    """A name with a newline (or carriage return) would break splits/*.txt and the CSV outputs: refused."""
    rel = os.fspath(path.relative_to(root)) if path != root else path.name
    if "\n" in rel or "\r" in rel:
        raise AprendeError("walk.newline", path=str(root), name=ascii(rel)[1:-1])


def walk_files(root: str | Path, suffixes: set[str] | None = None, max_depth: int = MAX_DEPTH,
               hidden: bool = False) -> list[Path]:
    """Every file under `root` (sorted), breadth-first with a list instead of recursion. A symlink is followed only
    when it stays inside `root`; a folder is visited once (no loops); deeper than `max_depth` is an error naming it."""
    root = Path(root)
    real_root = Path(os.path.realpath(root))
    found, seen, todo = [], {real_root}, [(root, 0)]
    while todo:
        folder, depth = todo.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # unreadable: as if empty
        for entry in entries:
            if not hidden and (entry.name.startswith(".") or entry.name.lower() in JUNK):
                continue
            path = Path(entry.path)
            if entry.is_symlink() and not inside(path, real_root):
                continue  # never out of the data folder
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:
                continue
            if is_dir:
                real = Path(os.path.realpath(path))
                if real in seen:
                    continue
                if depth + 1 > max_depth:
                    raise AprendeError("walk.too_deep", path=str(root), depth=max_depth)
                seen.add(real)
                todo.append((path, depth + 1))
            elif is_file and (suffixes is None or path.suffix.lower() in suffixes):
                check_name(path, root)
                found.append(path)
    return sorted(found)


def folder_images(target: str | Path, none_key: str, missing_key: str = "image.missing") -> list[Path]:
    """IMAGE itself, or every file with an image suffix under FOLDER (sorted); none at all is `none_key`."""
    target = Path(target)
    if not target.exists():
        raise AprendeError(missing_key, path=str(target))
    if not target.is_dir():
        return [target]
    paths = walk_files(target, IMAGE_SUFFIXES, hidden=True)  # as before: a predict folder hides nothing
    if not paths:
        raise AprendeError(none_key, path=str(target))
    return paths
