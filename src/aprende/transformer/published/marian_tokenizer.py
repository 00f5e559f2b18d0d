"""Marian's own tokenizer (opus-mt): SentencePiece cuts the text into pieces (source.spm for the input, target.spm for
the output), vocab.json turns pieces into ids, unknown pieces become <unk>, and </s> ends every sentence."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from aprende.core.errors import AprendeError

FILES = ("source.spm", "target.spm", "vocab.json")  # what MarianTokenizer reads (tokenizer_config.json if present)
SPECIAL = ("</s>", "<unk>", "<pad>")


@dataclass
class Encoding:
    """The one field of a `tokenizers` Encoding the translator reads."""

    ids: list[int]


def _spm(path: Path):
    import sentencepiece  # deferred: only Marian runs need it

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError):
        raise AprendeError("marian.bad_tokenizer", path=str(path)) from None


class MarianTokenizer:
    """The methods our Translator and fine-tuning use (encode, encode_batch, decode, id_to_token, get_vocab_size,
    save), giving the ids Hugging Face's MarianTokenizer gives."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        for name in FILES:
            if not (folder / name).is_file():
                raise AprendeError("marian.missing_file", path=str(folder / name))
        options = {}
        if (folder / "tokenizer_config.json").is_file():
            options = _json(folder / "tokenizer_config.json")
        if options.get("separate_vocabs"):
            raise AprendeError("marian.unsupported", path=str(folder / "tokenizer_config.json"),
                               what="separate_vocabs")
        vocab = _json(folder / "vocab.json")
        if not isinstance(vocab, dict) or any(not isinstance(i, int) for i in vocab.values()):
            raise AprendeError("marian.bad_tokenizer", path=str(folder / "vocab.json"))
        missing = [t for t in SPECIAL if t not in vocab]
        if missing:
            raise AprendeError("marian.no_special", path=str(folder / "vocab.json"), token=missing[0])
        self.folder, self.vocab = folder, vocab
        self.pieces = {i: p for p, i in vocab.items()}  # id -> piece
        self.eos_id, self.unk_id, self.pad_id = (vocab[t] for t in SPECIAL)
        extra = [t if isinstance(t, str) else t.get("content", "") for t in options.get("additional_special_tokens")
                 or []]
        self.special = {vocab[t] for t in (*SPECIAL, *extra) if t in vocab}
        self.source, self.target = _spm(folder / "source.spm"), _spm(folder / "target.spm")

    def _ids(self, spm, text: str) -> list[int]:
        code = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:  # a target-language code such as >>spa<<
            code, text = [text[:end + 2]], text[end + 2:]
        pieces = code + spm.encode(text, out_type=str)
        return [self.vocab.get(p, self.unk_id) for p in pieces] + [self.eos_id]

    def encode(self, text: str) -> Encoding:
        """A source sentence's ids, </s> last."""
        return Encoding(self._ids(self.source, text))

    def encode_batch(self, texts: list[str]) -> list[Encoding]:
        return [self.encode(t) for t in texts]

    def encode_target(self, text: str) -> Encoding:
        """A target sentence's ids (target.spm), </s> last: the labels for fine-tuning."""
        return Encoding(self._ids(self.target, text))

    def encode_target_batch(self, texts: list[str]) -> list[Encoding]:
        return [self.encode_target(t) for t in texts]

    def id_to_token(self, i: int) -> str:
        return self.pieces.get(i, "<unk>")

    def get_vocab_size(self) -> int:
        return len(self.vocab)

    def decode(self, ids: list[int]) -> str:
        """Text of output ids, special tokens left out (MarianTokenizer.decode(ids, skip_special_tokens=True))."""
        pieces = [self.pieces.get(i, "<unk>") for i in ids if i not in self.special]
        return self.source.decode_pieces(pieces).replace("\u2581", " ").strip()  # as MarianTokenizer decodes

    def save(self, folder: str | Path) -> None:
        """Copy the files into a run folder (the run then needs nothing else)."""
        for name in (*FILES, "tokenizer_config.json"):
            if (self.folder / name).is_file() and Path(folder).resolve() != self.folder.resolve():
                shutil.copyfile(self.folder / name, Path(folder) / name)


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise AprendeError("marian.bad_tokenizer", path=str(path)) from None


def is_marian_run(folder: str | Path) -> bool:
    """A run folder that holds Marian's tokenizer instead of our tokenizer.json."""
    return all((Path(folder) / name).is_file() for name in FILES)
