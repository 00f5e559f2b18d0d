"""The lab's one loader: a run folder (or the shipped model) becomes a ready GPT, BERT or translator with its tokenizer.

The CLI, the server, the tour and the notebooks all load through here:
    lm = load_gpt(run)          # or load_bert(run): lm.model, lm.tok, lm.run_dir
    tr = load_translator(run)   # tr.translate(lines, beam=1); tr.attention(line); tr.direction
`run=None` means the model shipped in the package; an object already loaded is returned as it is."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import torch
from tokenizers import Tokenizer

from aprende.core import deadline
from aprende.core.checkpoint import load_weights
from aprende.core.device import pick_device
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import load_model, model_folder
from aprende.core.runs import read_json, read_yaml
from aprende.transformer.decode import Generation, beam_search, beam_search_hf, cross_attention, greedy, pad_ids
from aprende.transformer.layers import PositionalEncoding, TransformerConfig
from aprende.transformer.model import BERT, GPT, Seq2Seq
from aprende.transformer.published.marian_tokenizer import MarianTokenizer, is_marian_run
from aprende.transformer.text import EOS, MASK, SPECIALS, load_tokenizer, stream_marks


@dataclass
class TextModel:
    """A GPT or BERT in eval mode, the tokenizer it was trained with, and where it came from."""

    lab: str  # "gpt" or "bert"
    model: GPT | BERT
    tok: Tokenizer
    run_dir: Path
    tokens: dict = field(default_factory=dict)  # an imported model's own special tokens (model.json's "tokens")

    def start_ids(self, empty: bool = False) -> list[int]:
        """What a prompt starts with: ours <eos>; GPT-2 nothing (its <|endoftext|> when the prompt is empty)."""
        if "start" not in self.tokens:
            return [EOS]
        return list(self.tokens["empty_start"] if empty else self.tokens["start"])

    @property
    def eos(self) -> int:
        return int(self.tokens.get("eos", EOS))

    @property
    def mask(self) -> int:
        return int(self.tokens.get("mask", MASK))

    def specials(self) -> list[int]:
        """Ids never proposed as a word: ours <pad>, <eos>, [MASK]; BERT's [PAD], [UNK], [CLS], [SEP], [MASK]."""
        return list(self.tokens.get("specials", range(len(SPECIALS))))

    def marks(self) -> tuple[list[int], list[int], list[int]]:
        """How documents sit in one token stream for this model (text.stream_marks)."""
        return stream_marks(self.tokens)

    def wrap(self, ids: list[int]) -> list[int]:
        """A sentence as BERT reads it: ours between <eos>; BERT's between [CLS] and [SEP]."""
        return [self.tokens.get("cls", EOS), *ids, self.tokens.get("sep", EOS)]

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device


class Translator:
    """A Seq2Seq model, its tokenizer and its direction (e.g. "es-en"); an imported checkpoint also brings its
    generation settings (`generation`), and then writes as Hugging Face's `generate` does."""

    def __init__(self, model: Seq2Seq, tok, direction: str, run_dir: Path, generation: Generation | None = None):
        self.model, self.tok, self.direction, self.run_dir = model, tok, direction, run_dir
        self.generation = generation
        self.device = next(model.parameters()).device

    def default_beam(self) -> int:
        """The checkpoint's own number of beams (opus-mt: 4), else greedy."""
        return self.generation.num_beams if self.generation is not None else 1

    @property
    def context(self) -> int:
        return self.model.cfg.context

    def encode(self, lines: list[str], truncate: bool = False) -> list[list[int]]:
        """Token ids per line; an empty line or one longer than the model's context is refused (or cut)."""
        out = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                raise AprendeError("translate.empty_line", line=number)
            ids = self.tok.encode(line.strip()).ids
            if len(ids) > self.context:
                if not truncate:
                    raise AprendeError("translate.too_long", line=number, tokens=len(ids), context=self.context)
                ids = ids[:self.context]
            out.append(ids)
        return out

    def translate_ids(self, encoded: list[list[int]], beam: int | None = 1, batch_size: int = 32, on_batch=None,
                      max_new_tokens: int | None = None):
        """Output ids per input, in the input's order; inputs of similar length are decoded together.
        When the caller's deadline passes, the inputs not reached yet are left empty."""
        beam = self.default_beam() if beam is None else beam
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        results: list[list[int]] = [[] for _ in encoded]
        step = max(1, batch_size // max(beam, 1))
        for start in range(0, len(order), step):
            if deadline.passed():
                break
            idx = order[start:start + step]
            src = pad_ids([encoded[i] for i in idx], self.model.cfg.pad_id).to(self.device)  # (B, S)
            outs = self._decode(src, beam, max_new_tokens)
            for i, ids in zip(idx, outs):
                results[i] = ids
            if on_batch is not None:
                on_batch(len(idx))
        return results

    def _decode(self, src: torch.Tensor, beam: int, max_new_tokens: int | None) -> list[list[int]]:
        """Ours: greedy or our beam search; an imported checkpoint: Hugging Face's rules (its generation_config)."""
        gen = self.generation
        if beam <= 1:
            return greedy(self.model, src, max_new_tokens, gen=gen)
        if gen is not None:
            return beam_search_hf(self.model, src, gen, beam, max_new_tokens)
        return beam_search(self.model, src, beam, max_len=max_new_tokens)

    def translate(self, lines: list[str], beam: int | None = 1, max_new_tokens: int | None = None) -> list[str]:
        """Translate each line (greedy with beam 1, else beam search; None: the checkpoint's own beams, else 1)."""
        beam = self.default_beam() if beam is None else beam
        if beam < 1:
            raise AprendeError("translate.bad_beam", beam=beam)
        if max_new_tokens is not None and max_new_tokens < 1:
            raise AprendeError("translate.bad_max_new_tokens", n=max_new_tokens)
        outs = self.translate_ids(self.encode(lines), beam, max_new_tokens=max_new_tokens)
        return [self.tok.decode(ids).strip() for ids in outs]

    def label(self, token_id: int) -> str:
        """A readable token: its text, or its byte-level form when it is only part of a character."""
        text = self.tok.decode([token_id])
        return self.tok.id_to_token(token_id) if "\ufffd" in text else text

    def attention(self, line: str) -> tuple[list[str], list[str], torch.Tensor]:
        """(source tokens, output tokens and <eos>, cross-attention weights (layers, heads, T, S)) for one sentence."""
        ids = self.encode([line])[0]
        src = torch.tensor([ids], device=self.device)  # (1, S)
        out = greedy(self.model, src, gen=self.generation)[0]
        weights = cross_attention(self.model, src, out)  # (L, nh, T, S)
        return [self.label(i) for i in ids], [self.label(i) for i in out] + ["<eos>"], weights


def transformer_config(saved: dict) -> TransformerConfig:
    """The architecture a model.json describes (its other keys, such as lab or direction, are ignored)."""
    return TransformerConfig(**{f.name: saved[f.name] for f in fields(TransformerConfig) if f.name in saved})


def _load(lab: str, cls, run, device: str):
    """(model in eval mode, its tokenizer, its folder, its model.json) for a run of `lab` or the shipped one."""
    folder = model_folder(lab, run, shipped=lab)
    model, saved = load_model(folder, lambda cfg: cls(transformer_config(cfg)), device=device)
    path = folder / "tokenizer.json"
    tok = load_tokenizer(path)
    if tok.get_vocab_size() > model.cfg.vocab_size:  # ids the embedding does not have
        raise AprendeError("transformer.bad_tokenizer", path=str(path))
    return model, tok, folder, saved


MODELS = {"gpt": GPT, "bert": BERT, "translate": Seq2Seq}


def build_for(saved: dict, device: str | torch.device = "meta"):
    """The network a model.json describes, built empty on the meta device (an import checks its shapes with it)."""
    with torch.device(device):
        return MODELS[saved["lab"]](transformer_config(saved))


def _load_text_model(lab: str, cls, run, device: str) -> TextModel:
    """A GPT or BERT with its tokenizer; a model already loaded for this lab comes back as it is."""
    if isinstance(run, TextModel):
        if run.lab == lab:
            return run
        run = run.run_dir  # another lab's model: model_folder says so
    folder = model_folder(lab, run, shipped=lab)
    saved = read_json(folder / "model.json")
    if saved.get("family") in ("GPT2LMHeadModel", "BertForMaskedLM"):  # imported: built empty, weights assigned
        model, saved = _load_imported(folder, device, cls)
        tok = load_tokenizer(folder / "tokenizer.json", ours=False)
        if tok.get_vocab_size() > model.cfg.vocab_size:
            raise AprendeError("transformer.bad_tokenizer", path=str(folder / "tokenizer.json"))
        tokens = saved.get("tokens") or {}
        return TextModel(lab, model, tok, folder, tokens if isinstance(tokens, dict) else {})
    model, tok, folder, _ = _load(lab, cls, run, device)
    return TextModel(lab, model, tok, folder)


def load_gpt(run: TextModel | str | Path | None = None, device: str = "cpu") -> TextModel:
    """A trained GPT and its tokenizer, from a run folder or the shipped model."""
    return _load_text_model("gpt", GPT, run, device)


def load_bert(run: TextModel | str | Path | None = None, device: str = "cpu") -> TextModel:
    """A trained BERT and its tokenizer, from a run folder or the shipped model."""
    return _load_text_model("bert", BERT, run, device)


def _load_imported(folder: Path, device: str, cls=Seq2Seq) -> tuple[Seq2Seq | GPT | BERT, dict]:
    """An imported checkpoint is big (opus-mt: 300 MB of weights): the network is built empty (on the meta device)
    and takes the file's tensors as they are, so the weights sit in memory once instead of twice."""
    saved = read_json(folder / "model.json")
    try:
        cfg = transformer_config(saved)
        with torch.device("meta"):
            model = cls(cfg)
    except (KeyError, TypeError, ValueError):
        raise AprendeError("run.bad_file", path=str(folder / "model.json")) from None
    path = folder / "weights" / "best.safetensors"
    if not path.is_file():
        raise AprendeError("run.missing_file", path=str(path))
    state, _ = load_weights(path)
    try:
        model.load_state_dict(state, assign=True)
    except (RuntimeError, TypeError, KeyError):
        raise AprendeError("ckpt.mismatch", path=str(path)) from None
    pe = PositionalEncoding(cfg.d_model, cfg.context, layout=cfg.sinusoid_layout).pe  # computed, never stored
    model.pos.register_buffer("pe", pe, persistent=False)
    return model.to(pick_device(device)).eval(), saved


def load_translator(run: Translator | str | Path | None = None, device: str = "cpu") -> Translator:
    """A trained translator, from a run folder or the shipped model."""
    if isinstance(run, Translator):
        return run
    folder = model_folder("translate", run, shipped="translate")
    if is_marian_run(folder):  # an imported opus-mt: its own SentencePiece tokenizer and generation settings
        model, saved = _load_imported(folder, device)
        tok = MarianTokenizer(folder)
        if max(tok.vocab.values()) >= model.cfg.vocab_size:
            raise AprendeError("transformer.bad_tokenizer", path=str(folder / "vocab.json"))
    else:
        model, tok, folder, saved = _load("translate", Seq2Seq, run, device)
    direction = saved.get("direction") or read_yaml(folder / "config.yaml").get("settings", {}).get("direction")
    return Translator(model, tok, direction or "es-en", folder, Generation.from_dict(saved.get("generation")))
