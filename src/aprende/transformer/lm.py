"""What GPT and BERT share: model sizes, the held-out split of the text, and the opening of a training run (from
scratch, or fine-tuning a trained or imported run with `--init RUN`: its weights, its tokenizer, its options)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from tokenizers import Tokenizer

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import RunStart, build_checked, check_trainable, open_run, start_run, train_config
from aprende.core.runs import existing_run_dir, read_json, read_yaml
from aprende.core.trainer import TrainConfig
from aprende.transformer.layers import TransformerConfig  # noqa: F401
from aprende.transformer.settings import LMSettings
from aprende.transformer.text import (
    OURS_MARKS,
    Corpus,
    encode_stream,
    load_corpus,
    load_tokenizer,
    stream_marks,
    train_tokenizer,
)

# Fine-tuning (--init RUN): a small learning rate with a short warm-up, so what the model knows survives
FINETUNE = dict(lr=5e-5, optimizer="adamw", scheduler="linear", warmup_steps=100)
FINETUNE_BUDGET = 570.0  # seconds: with no --epochs a fine-tuning fills about ten minutes, as translate's does


def finetune_config(defaults: dict, overrides: dict | None = None) -> TrainConfig:
    """A lab's loop defaults made gentle for fine-tuning (FINETUNE), filling FINETUNE_BUDGET unless told otherwise."""
    return train_config({**defaults, **FINETUNE, "epochs": None, "max_time": FINETUNE_BUDGET}, overrides)


def loop_configs(defaults: dict) -> tuple[Callable[..., TrainConfig], Callable[..., TrainConfig]]:
    """GPT's and BERT's two loop configs: `default(**overrides)` for a fresh run, `finetune(**overrides)` for
    `train --init RUN` (lr 5e-5, linear decay after 100 warm-up steps, about ten minutes: FINETUNE)."""
    def default_train_config(**overrides) -> TrainConfig:
        return train_config(defaults, overrides)

    def finetune_train_config(**overrides) -> TrainConfig:
        return finetune_config(defaults, overrides)

    return default_train_config, finetune_train_config


def check_settings(s: LMSettings) -> None:
    if s.d_model % s.n_heads:
        raise AprendeError("transformer.bad_heads", d_model=s.d_model, heads=s.n_heads)
    if s.vocab_size < 300:
        raise AprendeError("transformer.bad_vocab", n=s.vocab_size)
    if s.context < 4:
        raise AprendeError("transformer.bad_context", n=s.context)


def split_streams(tok, corpus: Corpus, context: int, marks=OURS_MARKS) -> tuple[torch.Tensor, torch.Tensor]:
    """Training and held-out token streams: the corpus's fixed split (the last tenth if that leaves one side empty);
    `marks`: the model's own document separators (text.stream_marks)."""
    docs = corpus.docs
    train_docs, val_docs = corpus.split()
    if val_docs and train_docs:
        train, val = encode_stream(tok, train_docs, marks), encode_stream(tok, val_docs, marks)
    else:
        stream = encode_stream(tok, docs, marks)
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
    model: torch.nn.Module | None = None  # the network fine-tuned (--init, or its resumed run); None: built anew
    model_json: dict | None = None  # that network's model.json, kept as it is (an imported model's options)
    tokens: dict = field(default_factory=dict)  # its special tokens (model.json's "tokens"); {}: ours
    init: str | None = None  # the run it started from
    frozen: bool = False  # --freeze-embeddings

    @property
    def settings(self) -> LMSettings:
        return self.start.settings

    @property
    def cfg(self) -> TrainConfig:
        return self.start.cfg


def _streams(settings: LMSettings, corpus: Corpus, tok, tokens: dict) -> tuple[torch.Tensor, torch.Tensor]:
    settings.vocab_size = tok.get_vocab_size()  # a small text may give fewer merges than asked
    return split_streams(tok, corpus, settings.context, stream_marks(tokens))


def freeze_embeddings(model: torch.nn.Module) -> None:
    """--freeze-embeddings: the token vectors (also the output layer), positions and segments stay as they were."""
    for table in (model.embed.embedding, model.pos.learned, model.token_type):
        if table is not None:
            table.weight.requires_grad_(False)


def _tokens(saved: dict) -> dict:
    tokens = saved.get("tokens")
    return tokens if isinstance(tokens, dict) else {}


def _from_run(lab: str, folder: Path, settings: LMSettings, frozen: bool):
    """(model, model.json, tokenizer, tokens) to go on from a trained or imported run of `lab`, its own tokenizer
    and options. `settings` take its sizes; their context becomes the training block, at most the model's."""
    from aprende.transformer.run import load_bert, load_gpt  # deferred: run imports this lab's models

    folder = existing_run_dir(folder, lab)  # another lab's run (an imported BERT for gpt): run.wrong_lab
    saved = read_json(folder / "model.json")
    if saved.get("lab") not in (None, lab):
        raise AprendeError("run.wrong_lab", path=str(folder), lab=saved.get("lab"), expected=lab)
    base = (load_gpt if lab == "gpt" else load_bert)(folder)
    mc = base.model.cfg
    for name in ("vocab_size", "d_model", "n_heads", "n_layers", "d_ff", "dropout", "norm", "positional", "init",
                 "ffn_dropout"):
        setattr(settings, name, getattr(mc, name))
    settings.context = min(settings.context, mc.context)
    model = base.model.train()
    if frozen:
        freeze_embeddings(model)
    return model, saved, base.tok, _tokens(saved)


def _resumed_finetuning(run_dir: Path, frozen: bool):
    """(model, model.json, tokenizer, tokens) of a fine-tuning run being resumed: built from its own model.json
    (the loop then restores its last weights), with the tokenizer it was trained with."""
    from aprende.transformer.run import build_for  # deferred: run imports this lab's models

    path = run_dir / "model.json"
    saved = read_json(path)
    model = build_checked(lambda c: build_for(c, "cpu"), saved, path)
    if frozen:
        freeze_embeddings(model)
    tok = load_tokenizer(run_dir / "tokenizer.json", ours="family" not in saved)  # an imported model's own
    return model, saved, tok, _tokens(saved)


def start_lm(lab: str, settings_cls: type[LMSettings], text: str | Path | None, settings: LMSettings | None,
             cfg: TrainConfig, project=None, name=None, resume=None,
             check: Callable[[LMSettings], None] = check_settings, dataset: str | None = None,
             init_run: str | Path | None = None, frozen: bool = False) -> LMStart:
    """The shared opening of `gpt train` and `bert train`: a new run reads and checks everything before its folder
    exists (a bad text or a bad --init writes nothing); a resumed one takes its text (or data set), tokenizer and,
    when it was fine-tuning a run, that network's description from the run. `init_run` starts from a trained or
    imported run of this lab (its weights, tokenizer and options) with the embeddings frozen if `frozen`."""
    model = model_json = tok = None
    tokens: dict = {}
    if resume is None:
        settings = settings if settings is not None else settings_cls()
        if init_run is not None:
            model, model_json, tok, tokens = _from_run(lab, Path(init_run), settings, frozen)
        else:
            check(settings)
            _count_before_building(lab, settings, text or dataset or lab)
        text = None if text is None else str(text)
        corpus = load_corpus(text, dataset)
        tok = tok if tok is not None else train_tokenizer(corpus.docs, settings.vocab_size)
        train, val = _streams(settings, corpus, tok, tokens)
        start = start_run(lab, settings_cls, settings, cfg, project=project, name=name)
        init = None if init_run is None else str(init_run)
    else:
        # a run saved before these choices existed keeps what it had
        start = start_run(lab, settings_cls, None, cfg, resume=resume, before={"init": "paper", "ffn_dropout": True})
        text, init, frozen = start.saved.get("text"), start.saved.get("init"), bool(start.saved.get("frozen"))
        corpus = load_corpus(text, start.saved.get("dataset"))
        if init:
            model, model_json, tok, tokens = _resumed_finetuning(start.run_dir, frozen)
        else:
            tok = load_tokenizer(start.run_dir / "tokenizer.json")
        train, val = _streams(start.settings, corpus, tok, tokens)
    say("transformer.gpt.data", docs=len(corpus.docs), tokens=len(train), val=len(val),
        vocab=start.settings.vocab_size, source=corpus.source)
    return LMStart(start, text, corpus, tok, train, val, model, model_json, tokens, init, frozen)


def _count_before_building(lab: str, settings: LMSettings, where) -> None:
    """The asked network counted on the meta device before any data is read: 96 layers of 16384 is refused, not
    allocated (core.lifecycle.check_trainable)."""
    from aprende.transformer.run import build_for  # deferred: run imports this lab's models

    check_trainable(lambda c: build_for(c, "meta"), {"lab": lab, **asdict(settings.model_config())}, str(where))


def held_out_corpus(run_dir: Path, text: str | Path | None = None,
                    dataset: str | None = None) -> tuple[Corpus, bool]:
    """(corpus, whole?): another text is scored whole; else the held-out split of `dataset` or of the run's own
    text (a run saved without a data set name was trained on fortunes-es, the default of its day)."""
    if text is not None:
        return load_corpus(text), True
    if dataset is not None:
        return load_corpus(None, dataset), False
    saved = read_yaml(run_dir / "config.yaml")
    return load_corpus(saved.get("text"), saved.get("dataset") or "fortunes-es"), False



@contextmanager
def open_lm(lm: LMStart):
    """The run folder (core.lifecycle.open_run) holding the tokenizer; removed if training fails."""
    extra = {"init": lm.init, "frozen": lm.frozen} if lm.init else {}  # a fine-tuning: what it started from
    with open_run(lm.start, text=lm.text, dataset=None if lm.text else lm.corpus.source, **extra) as run_dir:
        if not lm.start.resumed and dist.is_main():
            lm.tok.save(str(run_dir / "tokenizer.json"))
        yield run_dir


def fit_options(lm: LMStart) -> dict:
    """What core.fit writes beside the weights (model.json; open_run has written config.yaml) and whether it resumes."""
    config = lm.model_json if lm.model_json is not None else {"lab": lm.start.lab, **asdict(lm.settings.model_config())}
    return {"model_config": config, "resume": lm.start.resumed}
