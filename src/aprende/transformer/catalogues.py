"""Parallel text outside the Bible: the English/Spanish pairs of Debian's translation catalogues (`.mo` files).

A program's catalogue maps each English message (msgid) to its Spanish translation (msgstr): everyday words of
software ("No se puede abrir el archivo" / "Cannot open the file") and, from iso-codes, the names of countries and
languages. Only the catalogues of the packages named in CATALOGUES are read, so the pairs are the same on every
machine where those packages are installed. The binary format is read here with every offset checked: a damaged
file is skipped, never trusted."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from aprende.transformer.pairs import Pair

LOCALE = Path("/usr/share/locale/es/LC_MESSAGES")
# The catalogue files and the Debian packages that install them (essential ones, or installed by the Makefile).
CATALOGUES = {"coreutils": "coreutils", "tar": "tar", "sed": "sed", "grep": "grep", "findutils": "findutils",
              "diffutils": "diffutils", "dpkg": "dpkg", "apt": "apt", "bash": "bash", "gettext-runtime": "gettext-base",
              "iso_3166-1": "iso-codes", "iso_639-2": "iso-codes", "iso_4217": "iso-codes"}
MAX_MO = 8 << 20  # bytes: a larger catalogue is skipped
_FORMAT = re.compile(r"%|\{\w*\}|\$\{|\\|<[^>]*>|https?://|--?\w|\b[A-Z_]{4,}\b|\t|_\w")
_WORD = re.compile(r"[^\W\d_]{2,}")


def read_mo(data: bytes) -> list[tuple[str, str]]:
    """(msgid, msgstr) of a GNU .mo file's bytes: the header entry, plural forms beyond the first and message
    contexts are dropped. Returns [] for anything that is not a well-formed .mo file."""
    if len(data) < 28:
        return []
    for order in ("<", ">"):
        magic, revision, n, orig, trans = struct.unpack(order + "5I", data[:20])
        if magic == 0x950412DE:
            break
    else:
        return []
    if revision >> 16 > 1 or max(orig, trans) + 8 * n > len(data):
        return []
    out = []
    for i in range(n):
        (lo, oo), (lt, ot) = (struct.unpack_from(order + "2I", data, table + 8 * i) for table in (orig, trans))
        if oo + lo > len(data) or ot + lt > len(data):
            return []
        try:
            msgid = data[oo:oo + lo].decode("utf-8")
            msgstr = data[ot:ot + lt].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not msgid:
            continue  # the header: metadata, not a message
        msgid = msgid.split("\x04")[-1].split("\x00")[0]  # context\x04singular\x00plural
        out.append((msgid, msgstr.split("\x00")[0]))
    return out


def clean_pair(english: str, spanish: str) -> tuple[str, str] | None:
    """A pair as plain sentences, or None: no format strings, options, markup, paths or untranslated text."""
    english, spanish = " ".join(english.split()), " ".join(spanish.split())
    if not english or not spanish or english == spanish or "\n" in english + spanish:
        return None
    if _FORMAT.search(english) or _FORMAT.search(spanish):
        return None
    if not _WORD.search(english) or not _WORD.search(spanish) or len(english) > 300 or len(spanish) > 300:
        return None
    return english.rstrip(":"), spanish.rstrip(":")


def catalogue_pairs(folder: Path = LOCALE, names: dict[str, str] | None = None) -> list[Pair]:
    """Spanish→English pairs (source Spanish, as the translator reads) of the named catalogues found in `folder`,
    de-duplicated; the key (`mo:<catalogue>:<n>`) keeps them out of the Bible's fixed test split."""
    seen: set[str] = set()
    out = []
    for name in sorted(names if names is not None else CATALOGUES):
        path = folder / f"{name}.mo"
        if not path.is_file() or path.stat().st_size > MAX_MO:
            continue
        for english, spanish in read_mo(path.read_bytes()):
            pair = clean_pair(english, spanish)
            if pair is None or pair[1].lower() in seen:
                continue
            seen.add(pair[1].lower())
            out.append(Pair(f"mo:{name}:{len(out)}", pair[1], pair[0]))
    return out
