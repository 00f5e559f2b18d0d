"""The embedded default for translation: Reina-Valera 1909 and the World English Bible, aligned verse by verse.

Both SWORD modules come from Debian (`sword-text-sparv`, `sword-text-web`) and are read with pysword. Verses are
paired by their (book, chapter, verse) key, never by zipping two streams, so a verse missing on one side drops
out instead of shifting every verse after it. Reading both modules takes a minute or two, so the pairs are
cached once as a TSV under the aprende cache."""

from __future__ import annotations

from pathlib import Path

from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text
from aprende.datasets.corpus_readers import read_module
from aprende.datasets.registry import cache_dir

try:
    from pysword.modules import SwordModules
except ImportError:  # a dependency, but a broken install should still get a clear message
    SwordModules = None

SWORD_ROOT = Path("/usr/share/sword")
MODULES = {"es": "spaRV1909eb", "en": "engWEB2015eb"}
CACHE_NAME = "pairs.tsv"  # key \t es \t en, one verse a line, under <cache>/biblia-es-en/


def check_modules(root: Path = SWORD_ROOT) -> None:
    """Both modules must be installed; otherwise say which Debian packages bring them."""
    missing = [m for m in MODULES.values() if not (root / "modules" / "texts" / "ztext" / m).is_dir()]
    if missing:
        raise AprendeError("translate.no_bible", missing=", ".join(missing))
    if SwordModules is None:
        raise AprendeError("translate.no_pysword")


def extract(root: Path = SWORD_ROOT) -> list[tuple[str, str, str]]:
    """(key, es, en) for each verse present and non-empty in both modules."""
    check_modules(root)
    modules = SwordModules(str(root))
    modules.parse_modules()
    say("translate.reading_bible")
    es = read_module(modules, MODULES["es"])
    en = read_module(modules, MODULES["en"])
    return [(key, text, en[key]) for key, text in es.items() if key in en]


def cache_path() -> Path:
    return cache_dir() / "biblia-es-en" / CACHE_NAME


def bible_pairs() -> list[tuple[str, str, str]]:
    """The cached (key, es, en) verses; extracted from the SWORD modules and cached on first use."""
    path = cache_path()
    if path.is_file():
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
        if rows and all(len(r) == 3 for r in rows):
            return [tuple(r) for r in rows]  # type: ignore[misc]
    triples = extract()
    atomic_write_text(path, "key\tes\ten\n" + "".join(f"{k}\t{es}\t{en}\n" for k, es, en in triples))
    say("translate.cached_bible", n=len(triples), path=str(path))
    return triples
