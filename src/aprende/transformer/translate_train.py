"""`aprende translate train`: the paper's encoder-decoder learns to translate verse pairs (or the user's TSV)."""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import Dataset

from aprende.core import distributed as dist
from aprende.core.checkpoint import load_into
from aprende.core.console import quietly, say
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import check_trainable, open_run, quiet_as_cfg, start_run, train_config
from aprende.core.runs import read_json
from aprende.core.trainer import TrainConfig, fit
from aprende.transformer.decode import Generation, pad_ids, start_id
from aprende.transformer.lm import FINETUNE, FINETUNE_BUDGET
from aprende.transformer.model import Seq2Seq
from aprende.transformer.pairs import Pair, Pairs, load_pairs
from aprende.transformer.published.marian_tokenizer import MarianTokenizer, is_marian_run
from aprende.transformer.run import Translator, load_translator, transformer_config
from aprende.transformer.settings import TranslateSettings
from aprende.transformer.text import EOS, PAD, load_tokenizer, train_tokenizer
from aprende.transformer.translate import bleu_on

# Adam with the paper's warm-up then 1/√step decay; stops on the clock (~10 minutes) rather than by epochs.
TRAIN_DEFAULTS = dict(epochs=100, lr=2e-3, optimizer="adam", scheduler="rsqrt", warmup_steps=300, monitor="val_loss",
                      grad_clip=1.0, max_time=570.0)
# From an imported (or any trained) run: a small learning rate with a short warm-up, so what it knows survives.
FINETUNE_DEFAULTS = dict(epochs=100, **FINETUNE, monitor="val_loss", grad_clip=1.0, max_time=FINETUNE_BUDGET)


def default_train_config(**overrides) -> TrainConfig:
    return train_config(TRAIN_DEFAULTS, overrides)


def finetune_train_config(**overrides) -> TrainConfig:
    return train_config(FINETUNE_DEFAULTS, overrides)


def check_settings(s: TranslateSettings) -> None:
    if s.d_model % s.n_heads:
        raise AprendeError("transformer.bad_heads", d_model=s.d_model, heads=s.n_heads)
    if s.vocab_size < 300:
        raise AprendeError("transformer.bad_vocab", n=s.vocab_size)
    if s.max_len < 4 or s.context < s.max_len:
        raise AprendeError("translate.bad_lengths", max_len=s.max_len, context=s.context)


def encode_pairs(tok, pairs: list[Pair], max_len: int) -> tuple[list[tuple[list[int], list[int]]], int]:
    """(source ids, target ids + <eos>) per pair, and how many pairs were longer than `max_len` and left out."""
    src = tok.encode_batch([p.source for p in pairs])
    if hasattr(tok, "encode_target_batch"):  # Marian: the target's own SentencePiece, </s> already last
        kept = [(s.ids, t.ids) for s, t in zip(src, tok.encode_target_batch([p.target for p in pairs]))]
    else:
        kept = [(s.ids, t.ids + [EOS]) for s, t in zip(src, tok.encode_batch([p.target for p in pairs]))]
    short = [(s, t) for s, t in kept if 0 < len(s) <= max_len and len(t) <= max_len]
    return short, len(kept) - len(short)


class Buckets(Dataset):
    """Whole batches of pairs of similar length (little padding); the loop shuffles the batches every epoch.

    Pairs are sorted by length with a little seeded noise, so batches differ a bit between runs with other seeds."""

    def __init__(self, encoded: list[tuple[list[int], list[int]]], batch_size: int, seed: int = 0,
                 pad_id: int = PAD, start_id: int = EOS):
        rng = random.Random(seed)
        order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]) + len(encoded[i][1]))
                       * (1 + 0.1 * rng.random()))
        self.batches = []
        for start in range(0, len(order), batch_size):
            chunk = [encoded[i] for i in order[start:start + batch_size]]
            src = pad_ids([s for s, _ in chunk], pad_id)  # (B, S)
            tgt = pad_ids([[start_id] + t for _, t in chunk], pad_id)  # (B, T+1): <eos> (Marian: pad) starts it
            self.batches.append((src, tgt))
        self.pad_id = pad_id

    def __len__(self) -> int:
        return len(self.batches)

    def __getitem__(self, i: int):
        return self.batches[i]

    def tokens(self) -> int:
        return sum(int((tgt[:, 1:] != self.pad_id).sum()) for _, tgt in self.batches)


def collate(items):
    """The loop asks for one bucket per process: hand it over as is."""
    return items[0]


def seq2seq_loss(model, batch, smoothing: float = 0.0, reduction: str = "mean", pad_id: int = PAD) -> torch.Tensor:
    """Cross-entropy of each next target token (teacher forcing), pads ignored, with label smoothing."""
    src, tgt = batch  # (B, S), (B, T+1)
    logits = model(src, tgt[:, :-1])  # (B, T, V)
    return F.cross_entropy(logits.float().flatten(0, 1), tgt[:, 1:].flatten(), ignore_index=pad_id,
                           label_smoothing=smoothing, reduction=reduction)


@torch.no_grad()
def corpus_loss(model, buckets: Buckets) -> float:
    """Mean per-token loss (no smoothing) over every batch: the validation loss."""
    device = next(model.parameters()).device
    total, n = 0.0, 0
    for src, tgt in buckets.batches:
        total += float(seq2seq_loss(model, (src.to(device), tgt.to(device)), reduction="sum", pad_id=buckets.pad_id))
        n += int((tgt[:, 1:] != buckets.pad_id).sum())
    return total / max(n, 1)


@dataclass
class TranslateResult:
    run_dir: Path
    metrics: dict


def _encode(settings: TranslateSettings, tok, data: Pairs):
    """(training pairs, validation pairs, how many left out for length) as token ids; none left is an error."""
    settings.vocab_size = tok.get_vocab_size()  # a small file may give fewer merges than asked
    train_enc, dropped = encode_pairs(tok, data.train, settings.max_len)
    val_enc, _ = encode_pairs(tok, data.val, settings.context)
    if not train_enc:
        raise AprendeError("translate.all_too_long", n=len(data.train), max_len=settings.max_len)
    return train_enc, val_enc, dropped


def _save_tokenizer(tok, run_dir: Path) -> None:
    if isinstance(tok, MarianTokenizer):
        tok.save(run_dir)  # its SentencePiece files and vocab.json
    else:
        tok.save(str(run_dir / "tokenizer.json"))


def _from_run(folder: Path, settings: TranslateSettings | None, freeze_embeddings: bool):
    """(settings, tokenizer, model, model.json) to go on from a trained or imported run: its sizes, its weights."""
    base = load_translator(folder)
    saved = read_json(base.run_dir / "model.json")
    mc = base.model.cfg
    settings = settings if settings is not None else TranslateSettings(direction=base.direction)
    for name in ("d_model", "n_heads", "n_layers", "n_decoder_layers", "d_ff", "dropout", "context", "norm",
                 "positional"):
        setattr(settings, name, getattr(mc, name))
    settings.max_len = min(settings.max_len, mc.context)
    model = base.model.train()
    if freeze_embeddings:  # the shared embedding (also the output layer) stays as it was
        model.embed.embedding.weight.requires_grad_(False)
    return settings, base.tok, model, {**saved, "direction": settings.direction}


@quiet_as_cfg
def train(pairs_file: str | Path | None = None, settings: TranslateSettings | None = None,
          cfg: TrainConfig | None = None, project: str | Path | None = None, name: str | None = None,
          resume: str | Path | None = None, build=None, bleu_pairs: int = 200, init_run: str | Path | None = None,
          freeze_embeddings: bool = False) -> TranslateResult:
    """Read and split the pairs, train the shared BPE, train the model, then report BLEU on the validation split.

    `build(TransformerConfig) -> model` swaps in another encoder-decoder with Seq2Seq's interface (benchmarks);
    the final BLEU is on the first `bleu_pairs` validation pairs (0: none). `init_run` fine-tunes a trained or
    imported run instead (its weights, tokenizer and sizes; fine-tuning defaults: finetune_train_config()), with
    the shared embedding frozen if `freeze_embeddings`. A new run reads and checks everything before its folder
    exists, so bad pairs write nothing."""
    model = saved_model = None
    if resume is None:
        cfg = cfg or (finetune_train_config() if init_run is not None else default_train_config())
        pairs_file = None if pairs_file is None else str(pairs_file)
        if init_run is not None:
            settings, tok, model, saved_model = _from_run(Path(init_run), settings, freeze_embeddings)
            data = load_pairs(pairs_file, settings.direction)
        else:
            settings = settings if settings is not None else TranslateSettings()
            check_settings(settings)
            check_trainable(lambda _: (build or Seq2Seq)(settings.model_config()), {}, str(pairs_file))  # on meta
            data = load_pairs(pairs_file, settings.direction)
            tok = train_tokenizer([t for p in data.train for t in (p.source, p.target)], settings.vocab_size)
        train_enc, val_enc, dropped = _encode(settings, tok, data)
        start = start_run("translate", TranslateSettings, settings, cfg, project=project, name=name)
    else:
        start = start_run("translate", TranslateSettings, None, cfg or default_train_config(), resume=resume)
        settings, pairs_file = start.settings, start.saved.get("pairs")
        data = load_pairs(pairs_file, settings.direction)
        if start.saved.get("init"):  # a fine-tuned run: its own model.json describes the network
            saved_model = read_json(start.run_dir / "model.json")
            model = Seq2Seq(transformer_config(saved_model))
            if start.saved.get("frozen"):  # --freeze-embeddings holds for the whole run
                model.embed.embedding.weight.requires_grad_(False)
            tok = (MarianTokenizer(start.run_dir) if is_marian_run(start.run_dir)
                   else load_tokenizer(start.run_dir / "tokenizer.json"))
        else:
            tok = load_tokenizer(start.run_dir / "tokenizer.json")
        train_enc, val_enc, dropped = _encode(settings, tok, data)
    cfg = start.cfg
    init = start.saved.get("init") if start.resumed else (None if init_run is None else str(init_run))
    extra = {"frozen": bool(freeze_embeddings)} if init_run is not None else {}
    with open_run(start, pairs=pairs_file, init=init, **extra) as run_dir:
        if not start.resumed and dist.is_main():
            _save_tokenizer(tok, run_dir)
        model = model if model is not None else (build or Seq2Seq)(settings.model_config())
        pad_id, start_tok = model.cfg.pad_id, start_id(model)
        buckets = Buckets(train_enc, settings.batch_size, cfg.seed, pad_id, start_tok)
        val_buckets = Buckets(val_enc, settings.batch_size, 0, pad_id, start_tok)
        say("translate.data", train=len(train_enc), val=len(data.val), test=len(data.test),
            dropped=dropped, max_len=settings.max_len, tokens=buckets.tokens(), vocab=settings.vocab_size,
            source=data.source, direction=settings.direction)
        if settings.compile:
            model.compile(dynamic=True)  # in place: the saved weights keep their plain names (no `_orig_mod.`)
        loop_cfg = TrainConfig(**{**asdict(cfg), "batch_size": dist.world_size()})  # one bucket per process and step
        model_json = saved_model or {"lab": "translate", **asdict(settings.model_config()),
                                     "direction": settings.direction}
        t0 = time.perf_counter()
        fit(model, buckets, loop_cfg, run_dir, collate=collate,
            loss_fn=lambda m, b: seq2seq_loss(m, b, settings.label_smoothing, pad_id=pad_id),
            evaluate=lambda m: {"val_loss": corpus_loss(m, val_buckets)},
            model_config=model_json, resume=start.resumed, desc=settings.direction)
        seconds = time.perf_counter() - t0
    metrics = {"val_loss": None, "seconds": round(seconds, 2), "parameters": model.n_params(),
               "train_pairs": len(train_enc), "dropped": dropped}
    if dist.is_main():
        load_into(model, run_dir / "weights" / "best.safetensors")  # the model trained here, maybe `build`'s
        translator = Translator(model.eval(), tok, settings.direction, run_dir,
                                Generation.from_dict(model_json.get("generation")))
        metrics["val_loss"] = corpus_loss(model, val_buckets)
        if bleu_pairs:
            with quietly():  # a number in the result, not a bar of its own after the loop's
                metrics.update(bleu_on(translator, data.val[:bleu_pairs]))
    return TranslateResult(run_dir, metrics)
