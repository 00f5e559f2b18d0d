"""Text for BERT and GPT: the Spanish fortunes or the user's UTF-8 file, a byte-level BPE, and fixed-length blocks."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from aprende.core.errors import AprendeError
from aprende.datasets import available_source, get

SPECIALS = ["<pad>", "<eos>", "[MASK]"]  # ids 0, 1, 2
PAD, EOS, MASK = 0, 1, 2
MAX_WORD = 10_000  # characters without white space: BPE training time grows with the square of a word's length
LONG_WORD = re.compile(r"\S{" + str(MAX_WORD + 1) + ",}")


@dataclass
class Corpus:
    """Documents (quotes or paragraphs) and where they came from."""

    docs: list[str]
    source: str


def read_utf8(path: str | Path, missing: str = "transformer.no_file") -> str:
    """A UTF-8 file's text (BOM dropped), or a clear error: `missing` when absent, else where the first bad byte is."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError(missing, path=str(path))
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise AprendeError("transformer.not_utf8", path=str(path), line=line, byte=exc.start) from None


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
    docs = []
    for f in sorted(Path(folder).iterdir()):
        if f.suffix in (".dat", ".u8") or not f.is_file():
            continue
        text = f.read_bytes().decode("utf-8", errors="replace")
        docs += [q.strip("\n").rstrip() for q in re.split(r"^%\s*$", text, flags=re.M) if q.strip()]
    return docs


def load_corpus(text_file: str | Path | None = None) -> Corpus:
    """The user's file, else the embedded default `fortunes-es` (Debian package fortunes-es)."""
    if text_file is not None:
        return Corpus(paragraphs(read_text_file(text_file)), str(text_file))
    ds = get("fortunes-es")
    found = available_source("fortunes-es")
    if found is None:
        raise AprendeError("transformer.no_fortunes", where=", ".join(ds.system))
    return Corpus(fortunes(found[1]), "fortunes-es")


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


def load_tokenizer(path: str | Path) -> Tokenizer:
    """A run's tokenizer.json; a damaged one is a user error naming the file, not a Rust traceback."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    try:
        tok = Tokenizer.from_file(str(path))
    except Exception:  # tokenizers raises a bare Exception for bad JSON, a bad model or a bad pre-tokenizer
        raise AprendeError("transformer.bad_tokenizer", path=str(path)) from None
    if tok.get_vocab_size() < len(SPECIALS) or [tok.id_to_token(i) for i in range(len(SPECIALS))] != SPECIALS:
        raise AprendeError("transformer.bad_tokenizer", path=str(path))
    return tok


def pad(rows: list[list[int]]) -> torch.Tensor:
    """(B, T) long tensor padded with PAD on the right."""
    width = max(len(r) for r in rows)
    return torch.tensor([r + [PAD] * (width - len(r)) for r in rows], dtype=torch.long)


def encode_stream(tok, docs: list[str]) -> torch.Tensor:
    """All documents as one stream of ids, each one preceded by <eos> (so generation can start a new one)."""
    ids: list[int] = []
    for enc in tok.encode_batch(docs):
        ids.append(EOS)
        ids += enc.ids
    ids.append(EOS)
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
