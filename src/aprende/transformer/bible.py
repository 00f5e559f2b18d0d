"""The embedded default for translation: Reina-Valera 1909 and the World English Bible, aligned verse by verse.

Both SWORD modules come from Debian (`sword-text-sparv`, `sword-text-web`) and are read with pysword. Verses are
paired by their (book, chapter, verse) key, never by zipping two streams, so a verse missing on one side drops
out instead of shifting every verse after it. Reading both modules takes a minute or two, so the pairs are
cached once as a TSV under the aprende cache."""

from __future__ import annotations

import re
from pathlib import Path

from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text
from aprende.datasets.registry import cache_dir

try:
    from pysword.modules import SwordModules
except ImportError:  # a dependency, but a broken install should still get a clear message
    SwordModules = None

SWORD_ROOT = Path("/usr/share/sword")
MODULES = {"es": "spaRV1909eb", "en": "engWEB2015eb"}
CACHE_NAME = "pairs.tsv"  # key \t es \t en, one verse a line, under <cache>/biblia-es-en/

_BOOK_END = re.compile(r"<div\b[^>]*\beID=\"[^\"]*\"[^>]*\btype=\"book\".*", re.S)  # WEB's glossary follows Rev 22:21
_CANON_TITLE = re.compile(r"<title\b[^>]*canonical=\"true\"[^>]*>(.*?)</title>", re.S)  # psalm superscriptions
_DROP = re.compile(r"<(note|title)\b[^>]*?(?:/>|>.*?</\1>)", re.S)  # footnotes and section headings
_TAG = re.compile(r"<[^>]+>")
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?»”’)])")


def clean_osis(text: str) -> str:
    """Verse text without markup: notes and headings dropped (a space in their place), tags stripped."""
    text = _BOOK_END.sub("", text)
    text = _CANON_TITLE.sub(r"\1 ", text)
    text = _DROP.sub(" ", text)
    text = _TAG.sub("", text)
    text = re.sub(r"\s+", " ", text)
    return _SPACE_BEFORE.sub(r"\1", text).strip()


def read_module(modules, name: str) -> dict[str, str]:
    """{"Gen.1.1": text, ...} for every non-empty verse of one module, in canonical order."""
    bible = modules.get_bible_from_module(name)
    structure = bible.get_structure()
    verses: dict[str, str] = {}
    for testament, books in structure.get_books().items():
        for book in books:
            offset = structure._book_offset(book.name)
            for chapter in range(1, book.num_chapters + 1):
                for verse, index in enumerate(book.get_indicies(chapters=[chapter], offset=offset), 1):
                    raw = bible._text_for_index(testament, index)
                    text = clean_osis(raw) if raw else ""
                    if text:
                        verses[f"{book.osis_name}.{chapter}.{verse}"] = text
    return verses


def check_modules(root: Path = SWORD_ROOT) -> None:
    """Both modules must be installed; otherwise say which Debian packages bring them."""
    missing = [m for m in MODULES.values() if not (root / "modules" / "texts" / "ztext" / m).is_dir()]
    if missing:
        raise AprendeError("translate.no_bible", missing=", ".join(missing))
    if SwordModules is None:
        raise AprendeError("translate.no_pysword")


def extract(root: Path = SWORD_ROOT, quiet: bool = False) -> list[tuple[str, str, str]]:
    """(key, es, en) for each verse present and non-empty in both modules."""
    check_modules(root)
    modules = SwordModules(str(root))
    modules.parse_modules()
    say("translate.reading_bible", quiet)
    es = read_module(modules, MODULES["es"])
    en = read_module(modules, MODULES["en"])
    return [(key, text, en[key]) for key, text in es.items() if key in en]


def cache_path() -> Path:
    return cache_dir() / "biblia-es-en" / CACHE_NAME


def bible_pairs(quiet: bool = False) -> list[tuple[str, str, str]]:
    """The cached (key, es, en) verses; extracted from the SWORD modules and cached on first use."""
    path = cache_path()
    if path.is_file():
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
        if rows and all(len(r) == 3 for r in rows):
            return [tuple(r) for r in rows]  # type: ignore[misc]
    triples = extract(quiet=quiet)
    atomic_write_text(path, "key\tes\ten\n" + "".join(f"{k}\t{es}\t{en}\n" for k, es, en in triples))
    say("translate.cached_bible", quiet, n=len(triples), path=str(path))
    return triples
