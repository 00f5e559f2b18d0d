"""Readers of the corpus's sources: SWORD Bible modules, roff man pages, HTML help pages and fortune files, each
turned into (document name, plain text) with its markup stripped; nothing they read is executed."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

MAX_FILE = 4 << 20  # bytes: a source file larger than this (after gunzip) is skipped, not read into memory
BIBLE_MODULE = "spaRV1909eb"


# --- The Bible (OSIS markup inside SWORD modules; the translate lab pairs the same verses with English) ---------

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
    """{"Gen.1.1": text, ...} for every non-empty verse of one SWORD module (pysword), in canonical order."""
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


_CAPS_OPENING = re.compile(r"^([A-ZÁÉÍÓÚÑ])([A-ZÁÉÍÓÚÑ]+)\b(?=\s+[a-záéíóúñ])")  # "EN el principio" -> "En el ..."


def chapters(verses: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Verses joined into one document per chapter ("Gen.1"), the printed capitals of its first word undone."""
    current, lines = None, []
    for key, text in verses.items():
        chapter = key.rsplit(".", 1)[0]
        if chapter != current and lines:
            yield current, " ".join(lines)
            lines = []
        if not lines:
            text = _CAPS_OPENING.sub(lambda m: m[1] + m[2].lower(), text)
        current = chapter
        lines.append(text)
    if lines:
        yield current, " ".join(lines)


def read_bible(folder: Path) -> Iterator[tuple[str, str]]:
    """The RV1909 chapters, read with pysword from the SWORD root above the module's folder."""
    from pysword.modules import SwordModules  # deferred: only to build the corpus (once)

    root = folder.parents[3]  # <root>/modules/texts/ztext/<module>
    modules = SwordModules(str(root))
    modules.parse_modules()
    yield from chapters(read_module(modules, BIBLE_MODULE))


# --- Man pages (roff) -----------------------------------------------------------------------------------------

_SKIP_SECTIONS = re.compile(r"SINOPSIS|SYNOPSIS|V[ÉE]ASE|SEE ALSO|COLOF[ÓO]N|TRADUCCI[ÓO]N|AUTOR|DERECHOS|COPYRIGHT|"
                            r"INFORMAR|REPORTING|EJEMPLO|EXAMPLE", re.I)
_BREAK = {"PP", "P", "LP", "IP", "TP", "TQ", "HP", "SH", "SS", "sp", "br", "RS", "RE", "in", "PD", "bp"}
_FONT_MACROS = {"B", "I", "SM", "SB", "BR", "RB", "IR", "RI", "BI", "IB"}
_SPECIAL = {"em": "—", "en": "–", "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘", "cq": "’", "bu": "•",
            "hy": "-", "mi": "-", "co": "©", "rg": "®", "Fo": "«", "Fc": "»", "pl": "+", "eq": "=", "ti": "~",
            "ha": "^", "rs": "\\", "at": "@", "sh": "#", "Do": "$", "dg": "†", "mu": "×", "de": "°"}
_ESCAPE = re.compile(r"\\(?:f(?:\[[^\]]*\]|\(..|.)|s[-+]?(?:\d|\[\d+\]|\(\d\d)|\*(?:\[[^\]]*\]|\(..|.)|\((..)|"
                     r"\[([^\]]*)\]|[Nn]'[^']*'|[hvwlLkoDXbuZ]'[^']*'|(.))")


def _escape(m: re.Match) -> str:
    two, bracket, one = m.group(1), m.group(2), m.group(3)
    name = two or bracket
    if name is not None:
        return _SPECIAL.get(name, "")
    return {"-": "-", "e": "\\", "~": " ", " ": " ", "0": " ", "(": "("}.get(one or "", "")


def roff_text(line: str) -> str:
    """One roff line without its escapes: fonts, sizes and strings dropped, named characters written out."""
    line = line.split('\\"', 1)[0]  # a comment to the end of the line
    return _ESCAPE.sub(_escape, line)


def _macro_args(rest: str) -> list[str]:
    return [a.replace('"', "") for a in re.findall(r'"[^"]*"|\S+', rest)]


def man_paragraphs(source: str) -> list[str]:
    """Prose paragraphs of a man page: the text between paragraph macros, outside synopses, examples and tables."""
    paragraphs, current = [], []
    skip_section = no_fill = table = drop_tag = False

    def close():
        if current and not skip_section:
            paragraphs.append(" ".join(current))
        current.clear()

    for raw in source.splitlines():
        if raw.startswith((".\\\"", "'\\\"", '.\\"')) or raw.strip() in (".", "'"):
            continue
        if raw.startswith((".", "'")):
            macro, _, rest = raw[1:].strip().partition(" ")
            if macro in ("nf", "EX"):
                close()
                no_fill = True
            elif macro in ("fi", "EE"):
                no_fill = False
            elif macro == "TS":
                close()
                table = True
            elif macro == "TE":
                table = False
            elif macro in ("SH", "SS"):
                close()
                skip_section = bool(_SKIP_SECTIONS.search(rest)) if macro == "SH" else skip_section
            elif macro in _BREAK:
                close()
                drop_tag = macro in ("TP", "TQ")  # the next line is the tagged term (an option), not prose
            elif macro in _FONT_MACROS and not (no_fill or table):
                args = _macro_args(roff_text(rest))
                text = " ".join(args) if len(macro) == 1 or macro in ("SM", "SB") else "".join(args)
                if drop_tag:
                    drop_tag = False
                elif text:
                    current.append(text)
            continue  # any other request (.TH, .UR, .de, .if, ...) is layout, not text
        if no_fill or table:
            continue
        if drop_tag:
            drop_tag = False
            continue
        text = roff_text(raw).strip()
        if text:
            current.append(text)
        else:
            close()
    close()
    return paragraphs


def read_man(folder: Path) -> Iterator[tuple[str, str]]:
    """Every man page under <folder>/man*/ (gzip or plain); links (.so) and oversized files are skipped."""
    for path in sorted(folder.glob("man*/*")):
        if not path.is_file():
            continue
        data = _read_limited(path)
        if data is None:
            continue
        text = data.decode("utf-8", errors="replace")
        if text.lstrip().startswith(".so "):
            continue
        yield f"{path.parent.name}/{path.name.removesuffix('.gz')}", "\n\n".join(man_paragraphs(text))


def _read_limited(path: Path) -> bytes | None:
    """A file's bytes (inflated if .gz), or None when it holds more than MAX_FILE bytes or cannot be read."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_FILE + 1)
        else:
            with path.open("rb") as fh:
                data = fh.read(MAX_FILE + 1)
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    return None if len(data) > MAX_FILE else data


# --- HTML (the Debian reference, the GIMP help): the standard library's tokenizer; nothing is fetched or run ---

class _Prose(HTMLParser):
    """Collects the text of <p>, <li>, <dd> and <blockquote> outside navigation, tables, code blocks and scripts."""

    BLOCKS = {"p", "li", "dd", "blockquote"}
    SKIP = {"script", "style", "pre", "table", "head", "title", "code-block", "svg", "math"}
    NAV = re.compile(r"\b(navheader|navfooter|toc|breadcrumbs|navigation|footer|header)\b")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.parts: list[str] = []
        self.depth = 0  # open prose blocks

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"):
            return  # void elements: no end tag
        cls = dict(attrs).get("class") or ""
        skip = self.skipping() or tag in self.SKIP or bool(self.NAV.search(cls))
        self.stack.append((tag, skip))
        if tag in self.BLOCKS and not skip:
            if self.depth:
                self.flush()  # a list inside a paragraph: the text so far is a paragraph of its own
            self.depth += 1

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            t, skip = self.stack.pop()
            if t in self.BLOCKS and not skip:
                self.flush()
                self.depth = max(0, self.depth - 1)
            if t == tag:
                break

    def handle_data(self, data):
        if self.depth and not self.skipping():
            self.parts.append(data)

    def flush(self):
        text = " ".join("".join(self.parts).split())
        if text:
            self.paragraphs.append(text)
        self.parts = []


def html_paragraphs(source: str) -> list[str]:
    parser = _Prose()
    parser.feed(source)
    parser.close()
    parser.flush()
    return parser.paragraphs


def read_html(pattern: str) -> Callable[[Path], Iterator[tuple[str, str]]]:
    """A reader of the HTML files matching `pattern` in a folder (sorted, not recursive)."""

    def read(folder: Path) -> Iterator[tuple[str, str]]:
        for path in sorted(folder.glob(pattern)):
            data = _read_limited(path) if path.is_file() else None
            if data is not None:
                yield path.name, "\n\n".join(html_paragraphs(data.decode("utf-8", errors="replace")))

    return read


# --- fortunes-es ----------------------------------------------------------------------------------------------

def fortune_quotes(folder: Path) -> list[tuple[str, str]]:
    """(file#n, quote) for the quotes of fortune files (those without .dat/.u8 suffix), separated by '%' lines."""
    out = []
    for f in sorted(Path(folder).iterdir()):
        if f.suffix in (".dat", ".u8") or not f.is_file():
            continue
        text = f.read_bytes().decode("utf-8", errors="replace")
        quotes = [q.strip("\n").rstrip() for q in re.split(r"^%\s*$", text, flags=re.M) if q.strip()]
        out += [(f"{f.name}#{i}", q) for i, q in enumerate(quotes)]
    return out


def read_fortunes(folder: Path) -> Iterator[tuple[str, str]]:
    for name, quote in fortune_quotes(folder):
        yield name, quote.replace("\n\n", "\n")  # a quote is one paragraph
