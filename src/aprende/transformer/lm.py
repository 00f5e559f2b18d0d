"""What GPT and BERT share: model sizes, the held-out split of the text, and the opening of a training run."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import RunStart, open_run, start_run
from aprende.core.runs import read_yaml
from aprende.core.trainer import TrainConfig
from aprende.transformer.layers import TransformerConfig  # noqa: F401
from aprende.transformer.settings import LMSettings
from aprende.transformer.text import Corpus, encode_stream, load_corpus, load_tokenizer, train_tokenizer


def check_settings(s: LMSettings) -> None:
    if s.d_model % s.n_heads:
        raise AprendeError("transformer.bad_heads", d_model=s.d_model, heads=s.n_heads)
    if s.vocab_size < 300:
        raise AprendeError("transformer.bad_vocab", n=s.vocab_size)
    if s.context < 4:
        raise AprendeError("transformer.bad_context", n=s.context)


def split_streams(tok, corpus: Corpus, context: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Training and held-out token streams: the corpus's fixed split (the last tenth if that leaves one side empty)."""
    docs = corpus.docs
    train_docs, val_docs = corpus.split()
    if val_docs and train_docs:
        train, val = encode_stream(tok, train_docs), encode_stream(tok, val_docs)
    else:
        stream = encode_stream(tok, docs)
        cut = int(len(stream) * 0.9)
        train, val = stream[:cut], stream[cut:]
    if len(train) < context + 2 or len(val) < 3:
        raise AprendeError("transformer.too_little_text", tokens=len(train) + len(val), context=context)
    return train, val


@dataclass
class LMStart:
    """A GPT or BERT run about to train: where it writes, its text, its tokenizer and token streams."""

    start: RunStart
    text: str | None  # the user's file (None: an embedded text, `corpus.source`), as config.yaml records it
    corpus: Corpus
    tok: Tokenizer
    train: torch.Tensor  # (N,) token ids
    val: torch.Tensor  # (M,)

    @property
    def settings(self) -> LMSettings:
        return self.start.settings

    @property
    def cfg(self) -> TrainConfig:
        return self.start.cfg


def _streams(settings: LMSettings, corpus: Corpus, tok) -> tuple[torch.Tensor, torch.Tensor]:
    settings.vocab_size = tok.get_vocab_size()  # a small text may give fewer merges than asked
    return split_streams(tok, corpus, settings.context)


def start_lm(lab: str, settings_cls: type[LMSettings], text: str | Path | None, settings: LMSettings | None,
             cfg: TrainConfig, project=None, name=None, resume=None,
             check: Callable[[LMSettings], None] = check_settings, dataset: str | None = None) -> LMStart:
    """The shared opening of `gpt train` and `bert train`: a new run reads and checks everything before its folder
    exists (a bad text writes nothing); a resumed one takes its text (or data set) and tokenizer from the run."""
    if resume is None:
        settings = settings if settings is not None else settings_cls()
        check(settings)
        text = None if text is None else str(text)
        corpus = load_corpus(text, dataset, cfg.quiet)
        tok = train_tokenizer(corpus.docs, settings.vocab_size)
        train, val = _streams(settings, corpus, tok)
        start = start_run(lab, settings_cls, settings, cfg, project=project, name=name)
    else:
        # a run saved before these choices existed keeps what it had
        start = start_run(lab, settings_cls, None, cfg, resume=resume, before={"init": "paper", "ffn_dropout": True})
        text = start.saved.get("text")
        corpus = load_corpus(text, start.saved.get("dataset"), start.cfg.quiet)
        tok = load_tokenizer(start.run_dir / "tokenizer.json")
        train, val = _streams(start.settings, corpus, tok)
    say("transformer.gpt.data", start.cfg.quiet, docs=len(corpus.docs), tokens=len(train), val=len(val),
        vocab=start.settings.vocab_size, source=corpus.source)
    return LMStart(start, text, corpus, tok, train, val)


def held_out_corpus(run_dir: Path, text: str | Path | None = None, dataset: str | None = None,
                    quiet: bool = True) -> tuple[Corpus, bool]:
    """(corpus, whole?): another text is scored whole; else the held-out split of `dataset` or of the run's own
    text (a run saved without a data set name was trained on fortunes-es, the default of its day)."""
    if text is not None:
        return load_corpus(text), True
    if dataset is not None:
        return load_corpus(None, dataset, quiet), False
    saved = read_yaml(run_dir / "config.yaml")
    return load_corpus(saved.get("text"), saved.get("dataset") or "fortunes-es", quiet), False



@contextmanager
def open_lm(lm: LMStart):
    """The run folder (core.lifecycle.open_run) holding the tokenizer; removed if training fails."""
    with open_run(lm.start, text=lm.text, dataset=None if lm.text else lm.corpus.source) as run_dir:
        if not lm.start.resumed and dist.is_main():
            lm.tok.save(str(run_dir / "tokenizer.json"))
        yield run_dir


def fit_options(lm: LMStart) -> dict:
    """What core.fit writes beside the weights (model.json; open_run has written config.yaml) and whether it resumes."""
    return {"model_config": {"lab": lm.start.lab, **asdict(lm.settings.model_config())}, "resume": lm.start.resumed}
