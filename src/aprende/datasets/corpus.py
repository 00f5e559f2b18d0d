"""`corpus-es`: Spanish prose for GPT and BERT, from Debian packages, cleaned of markup, de-duplicated and split.

Sources, in this order (each one only if its package is installed):
    RV1909 Bible (sword-text-sparv), Spanish man pages (manpages-es), the Debian reference (debian-reference-es),
    the GIMP help (gimp-help-es), and the fortunes-es quotes.
A document is a Bible chapter, a man page, an HTML page or a quote; a long one is cut into parts of about
PART_WORDS words. A paragraph seen before (the same words, any case) is dropped, so boilerplate counts once.
One document in HELD_OUT is held out, chosen by the hash of its name (source and file), never by its position,
so the split stays the same when a source is added. The folder gets corpus.jsonl (one document a line),
corpus.md (the data card) and manifest.json (the sources it was built from)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from aprende.datasets.corpus_readers import BIBLE_MODULE, read_bible, read_fortunes, read_html, read_man

VERSION = 1  # bump when cleaning changes: a cached corpus of another version is rebuilt
HELD_OUT = 20  # one document in 20 (5 %) goes to the held-out split
PART_WORDS = 2000  # longer documents are cut at paragraph ends into parts of about this many words
SWORD_ROOT = Path("/usr/share/sword")


@dataclass
class Doc:
    source: str
    name: str  # e.g. "Gen.1", "man1/ls.1", "index.es.html#2"
    text: str  # paragraphs separated by blank lines

    @property
    def held_out(self) -> bool:
        return is_held_out(self.source, self.name)


@dataclass
class Source:
    """A Debian package's Spanish text: where it is installed, its licence and how to read it into documents."""

    name: str
    package: str
    licence: str
    path: Path
    read: Callable[[Path], Iterator[tuple[str, str]]]  # folder -> (document name, raw text with paragraphs)

    def here(self) -> bool:
        return self.path.exists()


def is_held_out(source: str, name: str) -> bool:
    """The fixed split: by a hash of the document's name, the same on every machine and in every version."""
    digest = hashlib.sha256(f"{source}:{name}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT == 0


SOURCES = [
    Source("biblia-rv1909", "sword-text-sparv", "dominio público / public domain",
           SWORD_ROOT / "modules" / "texts" / "ztext" / BIBLE_MODULE, read_bible),
    Source("manpages-es", "manpages-es", "GPL-3+", Path("/usr/share/man/es"), read_man),
    Source("debian-reference-es", "debian-reference-es", "GPL-2+", Path("/usr/share/debian-reference"),
           read_html("*.es.html")),
    Source("gimp-help-es", "gimp-help-es", "GFDL-1.2+", Path("/usr/share/gimp/2.0/help/es"), read_html("*.html")),
    Source("fortunes-es", "fortunes-es", "GPL-2+", Path("/usr/share/games/fortunes/es"), read_fortunes),
]


# --- Cleaning, de-duplication, the card -----------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff\ufffd]")
_LETTERS = re.compile(r"[^\W\d_]")


def clean_paragraph(text: str) -> str | None:
    """One paragraph as prose, or None: NFC, no control characters, single spaces; at least four words, mostly
    letters (code, paths, tables and lists of options fall out)."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    text = " ".join(text.split())
    words = text.split()
    if len(words) < 4 or len(_LETTERS.findall(text)) < 0.6 * len(text.replace(" ", "")):
        return None
    return text


def _key(paragraph: str) -> bytes:
    return hashlib.sha1(" ".join(_LETTERS.sub(lambda m: m[0].lower(), paragraph).split()).lower().encode()).digest()


def documents(sources: list[Source]) -> tuple[list[Doc], dict[str, dict]]:
    """Clean, de-duplicated documents of the sources that are here, and per-source counts for the card."""
    seen: set[bytes] = set()
    docs, stats = [], {}
    for src in sources:
        if not src.here():
            continue
        st = stats.setdefault(src.name, {"docs": 0, "dropped": 0, "duplicates": 0})
        for name, raw in src.read(src.path):
            kept = []
            for para in re.split(r"\n\s*\n", raw):
                if not para.strip():
                    continue
                para = clean_paragraph(para)
                if para is None:
                    st["dropped"] += 1
                    continue
                key = _key(para)
                if key in seen:
                    st["duplicates"] += 1
                    continue
                seen.add(key)
                kept.append(para)
            for part, paras in enumerate(_parts(kept)):
                docs.append(Doc(src.name, name if part == 0 else f"{name}#{part}", "\n\n".join(paras)))
                st["docs"] += 1
    return docs, stats


def _parts(paragraphs: list[str]) -> Iterator[list[str]]:
    """Paragraphs grouped into parts of about PART_WORDS words (a part ends at a paragraph's end)."""
    part, words = [], 0
    for p in paragraphs:
        part.append(p)
        words += len(p.split())
        if words >= PART_WORDS:
            yield part
            part, words = [], 0
    if part:
        yield part


def card(docs: list[Doc], stats: dict[str, dict], sources: list[Source]) -> str:
    """corpus.md: what is in the corpus, under which licence, and how much of it (words = white-space tokens)."""
    rows = []
    total = {"train": [0, 0, 0], "held_out": [0, 0, 0]}
    for src in sources:
        if src.name not in stats:
            rows.append(f"| {src.name} | `{src.package}` | {src.licence} | — | — | — | not installed |")
            continue
        mine = [d for d in docs if d.source == src.name]
        counts = {}
        for split in ("train", "held_out"):
            part = [d for d in mine if d.held_out == (split == "held_out")]
            counts[split] = (len(part), sum(len(d.text.split()) for d in part), sum(len(d.text) for d in part))
            total[split] = [a + b for a, b in zip(total[split], counts[split])]
        st = stats[src.name]
        rows.append(f"| {src.name} | `{src.package}` | {src.licence} | {counts['train'][0] + counts['held_out'][0]} | "
                    f"{counts['train'][1]:,} | {counts['held_out'][1]:,} | {st['duplicates']:,} duplicate, "
                    f"{st['dropped']:,} non-prose paragraphs dropped |")
    return "\n".join([
        "# corpus-es", "",
        "Spanish prose for `aprende gpt` and `aprende bert`, built from the Debian packages installed on this machine "
        "(`aprende data get corpus-es` rebuilds it). Markup is stripped (roff for the man pages, HTML for the Debian "
        "reference and the GIMP help, OSIS for the Bible); code, synopses, tables and navigation are left out; a "
        "paragraph that appeared before (same words, any case) is kept once.", "",
        f"Held-out split: one document in {HELD_OUT}, chosen by the SHA-256 of its name (`source:document`), the same "
        f"on every machine. Documents are Bible chapters, man pages, HTML pages and quotes, cut into parts of about "
        f"{PART_WORDS:,} words. Words are white-space tokens.", "",
        "| source | Debian package | licence | documents | words (train) | words (held out) | cleaning |",
        "|---|---|---|---:|---:|---:|---|", *rows,
        f"| **total** | | | {total['train'][0] + total['held_out'][0]} | {total['train'][1]:,} | "
        f"{total['held_out'][1]:,} | {total['train'][2] + total['held_out'][2]:,} characters |", "",
        f"Corpus format version {VERSION}. Files: `corpus.jsonl` (one document a line: source, name, split, text), "
        "`manifest.json` (the sources it was built from).", ""])


def installed(sources: list[Source] | None = None) -> list[str]:
    """Names of the sources whose package is installed here."""
    return [s.name for s in (SOURCES if sources is None else sources) if s.here()]


def write_corpus(folder: Path, sources: list[Source] | None = None) -> None:
    """Build the corpus into `folder` (the data set's generator: `aprende data get corpus-es`)."""
    sources = SOURCES if sources is None else sources
    docs, stats = documents(sources)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"source": d.source, "name": d.name, "split": "held_out" if d.held_out else "train",
                                  "text": d.text}, ensure_ascii=False) + "\n")
    (folder / "corpus.md").write_text(card(docs, stats, sources), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"version": VERSION, "sources": sorted(stats)}) + "\n",
                                          encoding="utf-8")


def manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_current(folder: Path, sources: list[Source] | None = None) -> bool:
    """True when the corpus in `folder` was built, by this version, from exactly the sources installed now."""
    m = manifest(folder)
    return (folder / "corpus.jsonl").is_file() and m.get("version") == VERSION and \
        m.get("sources") == sorted(installed(sources))


def read_corpus(folder: Path) -> list[Doc]:
    """The documents of a built corpus; the split is recomputed from each name (the file cannot move it)."""
    docs = []
    with (folder / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs.append(Doc(str(row["source"]), str(row["name"]), str(row["text"])))
    return docs
