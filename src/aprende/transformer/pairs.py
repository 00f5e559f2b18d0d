"""Parallel text for translation: the Bible verses or the user's TSV, and a fixed test split that never moves.

TSV format (`--pairs FILE.tsv`), UTF-8, one pair a line, tab-separated:
  source<TAB>target            (the split is decided by the source text)
  key<TAB>source<TAB>target    (the split is decided by the key, e.g. Gen.1.1)
The first line decides which of the two; every line must then have as many fields. A first line that reads
`source<TAB>target` or `key<TAB>source<TAB>target` is a header and skipped; blank lines are skipped.
The columns are in the order of --direction: with es-en the first text is Spanish, the second English.
A line may hold at most MAX_LINE characters, far more than any real sentence pair."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from aprende.core.errors import AprendeError
from aprende.transformer.bible import bible_pairs
from aprende.transformer.text import read_utf8

DIRECTIONS = ("es-en", "en-es")
TEST_MOD = 31  # crc32(key) % 31 == 0: test; == 1: validation (for the training loop); the rest: training
HEADERS = (("source", "target"), ("key", "source", "target"))
MAX_LINE = 10_000  # characters; a 1 MB line would keep the tokenizer busy for minutes


def split_of(key: str) -> str:
    """"test", "val" or "train" for a key such as `Gen.1.1` (or a TSV line's source text): the same in every run."""
    r = zlib.crc32(key.encode("utf-8")) % TEST_MOD
    return "test" if r == 0 else "val" if r == 1 else "train"


@dataclass
class Pair:
    key: str
    source: str
    target: str


@dataclass
class Pairs:
    """The three splits and where they came from."""

    train: list[Pair]
    val: list[Pair]
    test: list[Pair]
    source: str  # "biblia-es-en" or the TSV's path
    direction: str


def read_tsv(path: str | Path) -> list[Pair]:
    """Every pair of a TSV file, or a clear error naming the file and line."""
    path = Path(path)
    text = read_utf8(path, missing="translate.no_pairs_file")
    pairs: list[Pair] = []
    width = None
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            raise AprendeError("translate.tsv_long_line", path=str(path), line=number, n=len(line), limit=MAX_LINE)
        fields = line.split("\t")
        if width is None:
            width = len(fields)
            if width not in (2, 3):
                raise AprendeError("translate.tsv_fields", path=str(path), line=number, n=width)
            if tuple(f.strip().lower() for f in fields) in HEADERS:
                continue
        if len(fields) != width:
            raise AprendeError("translate.tsv_fields", path=str(path), line=number, n=len(fields))
        source, target = fields[-2].strip(), fields[-1].strip()
        if not source or not target:
            raise AprendeError("translate.tsv_empty", path=str(path), line=number)
        pairs.append(Pair(fields[0].strip() if width == 3 else source, source, target))
    if not pairs:
        raise AprendeError("translate.tsv_no_pairs", path=str(path))
    return pairs


def load_pairs(pairs_file: str | Path | None = None, direction: str = "es-en") -> Pairs:
    """The user's TSV, else the verse-aligned Bible in the asked direction; split by the fixed rule."""
    if direction not in DIRECTIONS:
        raise AprendeError("translate.bad_direction", direction=direction, choices=", ".join(DIRECTIONS))
    if pairs_file is not None:
        rows, source = read_tsv(pairs_file), str(pairs_file)
    else:
        swap = direction == "en-es"
        rows = [Pair(k, en, es) if swap else Pair(k, es, en) for k, es, en in bible_pairs()]
        source = "biblia-es-en"
    split: dict[str, list[Pair]] = {"train": [], "val": [], "test": []}
    for p in rows:
        split[split_of(p.key)].append(p)
    if not split["train"]:
        raise AprendeError("translate.too_few_pairs", n=len(rows), path=source)
    if not split["val"]:  # a small file: hold out its last training pairs for the loop's validation
        n = max(1, len(split["train"]) // 20)
        split["val"], split["train"] = split["train"][-n:], split["train"][:-n] or split["train"]
    return Pairs(split["train"], split["val"], split["test"], source, direction)
