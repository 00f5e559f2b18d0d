"""Text for BERT and GPT: the Spanish fortunes or the user's UTF-8 file, a byte-level BPE, and fixed-length blocks."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from aprende.core import text as core_text
from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.datasets import corpus as corpus_es
from aprende.datasets.corpus_readers import fortune_quotes
from aprende.datasets.registry import available_source, cache_dir, download, get

SPECIALS = ["<pad>", "<eos>", "[MASK]"]  # ids 0, 1, 2
PAD, EOS, MASK = 0, 1, 2
MAX_WORD = 10_000  # characters without white space: BPE training time grows with the square of a word's length
LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


@dataclass
class Corpus:
    """Documents (quotes, paragraphs, chapters or pages), where they came from, and which are held out."""

    docs: list[str]
    source: str  # "corpus-es", "fortunes-es" or the user's file
    held_out: list[bool] | None = None  # None: split by content (is_validation)

    def split(self) -> tuple[list[str], list[str]]:
        """(training documents, held-out documents)."""
        flags = self.held_out if self.held_out is not None else [is_validation(d) for d in self.docs]
        return [d for d, h in zip(self.docs, flags) if not h], [d for d, h in zip(self.docs, flags) if h]


def read_utf8(path: str | Path, missing: str = "transformer.no_file") -> str:
    """A UTF-8 file's text (BOM dropped), or a clear error: `missing` when absent, else where the first bad byte is."""
    return core_text.read_utf8(path, missing=missing, not_utf8="transformer.not_utf8")  # chunks, budget, no NUL


def read_text_file(path: str | Path) -> str:
    """A non-empty UTF-8 text file, or a clear error."""
    text = read_utf8(path)
    if not text.strip():
        raise AprendeError("transformer.empty_text", path=str(path))
    long = LONG_WORD.search(text)
    if long:
        raise AprendeError("transformer.long_word", path=str(path), line=text.count("\n", 0, long.start()) + 1,
                           limit=MAX_WORD)
    return text


def paragraphs(text: str) -> list[str]:
    """Documents of a plain text: paragraphs separated by blank lines, trailing spaces removed."""
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [p.strip("\n").rstrip() for p in parts if p.strip()]


def fortunes(folder: str | Path) -> list[str]:
    """The quotes of fortune files (those without .dat/.u8 suffix), separated by lines holding only '%'."""
    return [quote for _, quote in fortune_quotes(Path(folder))]


DEFAULTS = ("corpus-es", "fortunes-es")  # the embedded texts, by name


def default_source() -> str:
    """corpus-es when a package besides fortunes-es gives it text, else the small fortunes-es."""
    return "corpus-es" if set(corpus_es.installed()) - {"fortunes-es"} else "fortunes-es"


def load_corpus(text_file: str | Path | None = None, source: str | None = None) -> Corpus:
    """The user's file; else the named embedded text (`source`), by default corpus-es where its packages are
    installed (built into the cache on first use), else fortunes-es."""
    if text_file is not None:
        return Corpus(paragraphs(read_text_file(text_file)), str(text_file))
    source = source or default_source()
    if source not in DEFAULTS:
        raise AprendeError("transformer.bad_dataset", name=source, choices=", ".join(DEFAULTS))
    if source == "corpus-es":
        folder = cache_dir() / "corpus-es"
        docs = None
        if corpus_es.is_current(folder):
            try:
                docs = corpus_es.read_corpus(folder)
            except (OSError, ValueError, KeyError, TypeError):  # a damaged cache: built again below
                docs = None
        if docs is None:
            say("transformer.corpus.building", sources=", ".join(corpus_es.installed()), path=str(folder))
            docs = corpus_es.read_corpus(download("corpus-es", quiet=True))
        if not docs:
            raise AprendeError("transformer.no_fortunes", where=str(folder))
        return Corpus([d.text for d in docs], "corpus-es", [d.held_out for d in docs])
    ds = get("fortunes-es")
    found = available_source("fortunes-es")
    if found is None:
        raise AprendeError("transformer.no_fortunes", where=", ".join(ds.system))
    quotes = fortune_quotes(Path(found[1]))
    return Corpus([q for _, q in quotes], "fortunes-es", [corpus_es.is_held_out("fortunes-es", n) for n, _ in quotes])


def is_validation(doc: str) -> bool:
    """A fixed split by content: one document in ten, the same in every run."""
    return zlib.crc32(doc.encode("utf-8")) % 10 == 0


def train_tokenizer(docs: list[str], vocab_size: int):
    """Byte-level BPE (GPT-2's scheme): any text can be encoded, no unknown tokens."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(docs, trainer)
    return tok


def load_tokenizer(path: str | Path, ours: bool = True) -> Tokenizer:
    """A run's tokenizer.json; a damaged one is a user error naming the file, not a Rust traceback. An imported
    model's (`ours=False`) has its own special tokens, not ours at ids 0-2."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    core_text.check_run_file(path)
    try:
        tok = Tokenizer.from_file(str(path))
    except Exception:  # tokenizers raises a bare Exception for bad JSON, a bad model or a bad pre-tokenizer
        raise AprendeError("transformer.bad_tokenizer", path=str(path)) from None
    if ours and (tok.get_vocab_size() < len(SPECIALS) or
                 [tok.id_to_token(i) for i in range(len(SPECIALS))] != SPECIALS):
        raise AprendeError("transformer.bad_tokenizer", path=str(path))
    return tok


def pad(rows: list[list[int]]) -> torch.Tensor:
    """(B, T) long tensor padded with PAD on the right."""
    width = max(len(r) for r in rows)
    return torch.tensor([r + [PAD] * (width - len(r)) for r in rows], dtype=torch.long)


OURS_MARKS = ([EOS], [], [EOS])  # (before each document, after each, at the very end of the stream)


def stream_marks(tokens: dict) -> tuple[list[int], list[int], list[int]]:
    """How documents sit in one stream, from a model.json's "tokens": ours and GPT-2's between <eos> (GPT-2's
    <|endoftext|>), an imported BERT's each between [CLS] and [SEP], as Hugging Face's run_mlm lays them out."""
    if "cls" in tokens:
        return [int(tokens["cls"])], [int(tokens["sep"])], []
    if "eos" in tokens:
        return [int(tokens["eos"])], [], [int(tokens["eos"])]
    return OURS_MARKS


def encode_stream(tok, docs: list[str], marks: tuple[list[int], list[int], list[int]] = OURS_MARKS) -> torch.Tensor:
    """All documents as one stream of ids, each one preceded by <eos> (so generation can start a new one); `marks`
    puts an imported model's own tokens there instead (stream_marks). Its tokenizer adds nothing of its own."""
    before, after, end = marks
    ids: list[int] = []
    for enc in tok.encode_batch(docs, add_special_tokens=False):
        ids += before
        ids += enc.ids
        ids += after
    ids += end
    return torch.tensor(ids, dtype=torch.long)


def blocks(stream: torch.Tensor, context: int, stride: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(inputs, targets), each (N, context): windows of the stream and the same windows moved one token on."""
    stride = stride or context
    n = (len(stream) - 1 - context) // stride + 1
    if n < 1:
        return torch.empty(0, context, dtype=torch.long), torch.empty(0, context, dtype=torch.long)
    starts = torch.arange(n) * stride
    idx = starts[:, None] + torch.arange(context)[None, :]  # (N, T)
    return stream[idx], stream[idx + 1]
