"""The checkpoint's own tokenizer, never ours: `tokenizer.json` as it is, else GPT-2's vocab.json + merges.txt
(byte-level BPE) or BERT's vocab.txt (WordPiece), rebuilt with `tokenizers`; Marian's SentencePiece files are
copied (published/marian_tokenizer.py). Our loaders then read the run's tokenizer.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers

from aprende.core.errors import AprendeError


def _options(folder: Path) -> dict:
    path = folder / "tokenizer_config.json"
    try:
        options = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (ValueError, UnicodeDecodeError):
        raise AprendeError("published.bad_config", path=str(path)) from None
    return options if isinstance(options, dict) else {}


def _from_json(path: Path) -> Tokenizer:
    try:
        return Tokenizer.from_file(str(path))
    except Exception:  # tokenizers raises a bare Exception for any bad file
        raise AprendeError("published.bad_tokenizer", path=str(path)) from None


def _bpe(folder: Path) -> Tokenizer:
    """GPT-2's byte-level BPE from vocab.json and merges.txt."""
    try:
        tok = Tokenizer(models.BPE.from_file(str(folder / "vocab.json"), str(folder / "merges.txt")))
    except Exception:
        raise AprendeError("published.bad_tokenizer", path=str(folder / "vocab.json")) from None
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    return tok


def _wordpiece(folder: Path) -> Tokenizer:
    """BERT's WordPiece from vocab.txt (lower-cased, accents stripped, only where tokenizer_config.json says so)."""
    path = folder / "vocab.txt"
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
        vocab = {line.rstrip("\r"): i for i, line in enumerate(lines[:-1] if lines[-1] == "" else lines)}
    except (UnicodeDecodeError, OSError):
        raise AprendeError("published.bad_tokenizer", path=str(path)) from None
    if "[UNK]" not in vocab:
        raise AprendeError("published.bad_tokenizer", path=str(path))
    lower = bool(_options(folder).get("do_lower_case", True))
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=lower, strip_accents=None if lower else False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    return tok


def read_tokenizer(folder: Path, family: str) -> Tokenizer:
    """The checkpoint's tokenizer, or a refusal naming the file that is missing."""
    if (folder / "tokenizer.json").is_file():
        return _from_json(folder / "tokenizer.json")
    if family == "GPT2LMHeadModel":
        for name in ("vocab.json", "merges.txt"):
            if not (folder / name).is_file():
                raise AprendeError("published.no_tokenizer", path=str(folder / name))
        return _bpe(folder)
    if not (folder / "vocab.txt").is_file():
        raise AprendeError("published.no_tokenizer", path=str(folder / "vocab.txt"))
    return _wordpiece(folder)


def copy_tokenizer(folder: Path, family: str) -> tuple[Callable[[Path], None], dict]:
    """Read and check the tokenizer now: (a function that writes it into the run folder, the special tokens a
    BERT's model.json records: [CLS], [SEP], [MASK] and every special id, never proposed as a word)."""
    if family == "MarianMTModel":
        from aprende.transformer.published.marian_tokenizer import MarianTokenizer  # deferred: sentencepiece

        tok = MarianTokenizer(folder)
        return tok.save, {}
    tok = read_tokenizer(folder, family)
    tokens = {}
    if family == "BertForMaskedLM":
        names = ("[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]")
        ids = {n: tok.token_to_id(n) for n in names}
        if any(v is None for v in ids.values()):
            raise AprendeError("published.bad_tokenizer", path=str(folder / "tokenizer.json"))
        tokens = {"cls": ids["[CLS]"], "sep": ids["[SEP]"], "mask": ids["[MASK]"], "specials": sorted(ids.values())}
    return (lambda run_dir: tok.save(str(Path(run_dir) / "tokenizer.json"))), tokens
