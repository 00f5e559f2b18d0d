"""`aprende gpt`: a small GPT learns Spanish text token by token, then writes, streamed, with the KV cache."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import TensorDataset

from aprende.core.console import quietly, warn
from aprende.core.lifecycle import quiet_as_cfg
from aprende.core.trainer import TrainConfig, fit
from aprende.transformer.lm import fit_options, held_out_corpus, loop_configs, open_lm, split_streams, start_lm
from aprende.transformer.model import GPT, generate
from aprende.transformer.run import TextModel, load_gpt
from aprende.transformer.settings import GPTSettings
from aprende.transformer.text import blocks, encode_stream

# AdamW with the paper's warm-up then inverse-square-root decay; the best epoch by validation loss.
TRAIN_DEFAULTS = dict(epochs=5, batch_size=16, lr=2e-3, optimizer="adamw", weight_decay=0.01, scheduler="rsqrt",
                      warmup_steps=100, monitor="val_loss", grad_clip=1.0)
default_train_config, finetune_train_config = loop_configs(TRAIN_DEFAULTS)  # fresh; `gpt train --init RUN`


@dataclass
class GPTResult:
    run_dir: Path
    metrics: dict
    source: str | None = None  # the text the figures were measured on


def lm_loss(logits: torch.Tensor, targets: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    return F.cross_entropy(logits.float().flatten(0, 1), targets.flatten(), label_smoothing=smoothing)


@torch.no_grad()
def stream_loss(model: GPT, stream: torch.Tensor, batch_size: int = 32) -> tuple[float, int]:
    """Mean next-token loss over a whole stream in context-long windows: (loss, tokens scored)."""
    ctx = model.cfg.context
    device = next(model.parameters()).device
    x, y = blocks(stream, min(ctx, len(stream) - 1))
    total, count = 0.0, 0
    for i in range(0, len(x), batch_size):
        logits = model(x[i:i + batch_size].to(device))
        total += float(F.cross_entropy(logits.float().flatten(0, 1), y[i:i + batch_size].to(device).flatten(),
                                       reduction="sum"))
        count += y[i:i + batch_size].numel()
    return total / max(count, 1), count


@quiet_as_cfg
def train(text: str | Path | None = None, settings: GPTSettings | None = None, cfg: TrainConfig | None = None,
          project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None,
          dataset: str | None = None, init_run: str | Path | None = None, freeze_embeddings: bool = False) -> GPTResult:
    """Read and check the text, train the tokenizer, train the model, and report held-out perplexity.

    `init_run` fine-tunes a trained or imported GPT (GPT-2 from `aprende weights import`) instead: its weights, its
    own tokenizer and options, fine-tuning defaults (finetune_train_config()), the embeddings frozen if asked."""
    default = finetune_train_config if init_run is not None else default_train_config
    lm = start_lm("gpt", GPTSettings, text, settings, cfg or default(), project, name, resume,
                  dataset=dataset, init_run=init_run, frozen=freeze_embeddings)
    s, cfg = lm.settings, lm.cfg
    x, y = blocks(lm.train, s.context)  # (N, context): with --init, the block is at most the model's context
    model = lm.model if lm.model is not None else GPT(s.model_config())

    def evaluate(m):
        loss, _ = stream_loss(m, lm.val, cfg.batch_size)
        return {"val_loss": loss, "val_perplexity": math.exp(min(loss, 50))}

    with open_lm(lm) as run_dir:
        t0 = time.perf_counter()
        fit(model, TensorDataset(x, y), cfg, run_dir, loss_fn=lambda m, b: lm_loss(m(b[0]), b[1], s.label_smoothing),
            evaluate=evaluate, desc="GPT", **fit_options(lm))
        seconds = time.perf_counter() - t0
    best = load_gpt(run_dir)
    loss, n = stream_loss(best.model, lm.val, cfg.batch_size)
    metrics = {"perplexity": math.exp(min(loss, 50)), "val_loss": loss, "tokens": n,
               "parameters": best.model.n_params(), "seconds": round(seconds, 2)}
    return GPTResult(run_dir, metrics, lm.corpus.source)


def evaluate(run: TextModel | str | Path | None = None, text: str | Path | None = None,
             device: str = "cpu", dataset: str | None = None, quiet: bool = True) -> GPTResult:
    """Perplexity of a run on the held-out documents of its own text (or of `dataset`), or on all of another text
    (quiet, the default: no word on building the corpus cache)."""
    lm = load_gpt(run, device)
    t0 = time.perf_counter()
    with quietly(quiet):
        corpus, whole = held_out_corpus(lm.run_dir, text, dataset)
    marks = lm.marks()  # ours: <eos> between documents; GPT-2's: <|endoftext|>
    stream = encode_stream(lm.tok, corpus.docs, marks) if whole else split_streams(lm.tok, corpus, 1, marks)[1]
    loss, n = stream_loss(lm.model, stream)
    return GPTResult(lm.run_dir, {"perplexity": math.exp(min(loss, 50)), "val_loss": loss, "tokens": n,
                                  "seconds": round(time.perf_counter() - t0, 2), "text": corpus.source})


def pieces(lm: TextModel, prompt: str = "", max_new_tokens: int = 100, temperature: float = 0.8,
           top_k: int | None = 50, top_p: float | None = 0.95, seed: int = 0, use_cache: bool = True) -> Iterator[str]:
    """The continuation of `prompt`, piece by piece, each piece whole UTF-8 (a split accent waits for its bytes)."""
    ids = lm.start_ids(empty=not prompt) + lm.tok.encode(prompt, add_special_tokens=False).ids
    ctx = lm.model.cfg.context
    if len(ids) > ctx:
        warn("transformer.prompt_truncated", tokens=len(ids) - 1, context=ctx)
        ids = ids[-ctx:]
    gen = torch.Generator(device=lm.device).manual_seed(seed)
    x = torch.tensor([ids], device=lm.device)  # (1, T)
    new: list[int] = []
    shown = ""
    for nxt in generate(lm.model, x, max_new_tokens, temperature, top_k, top_p, use_cache, gen, stop_id=lm.eos):
        if int(nxt) == lm.eos:
            break
        new.append(int(nxt))
        text = lm.tok.decode(new)
        if not text.endswith("\ufffd"):
            yield text[len(shown):]
            shown = text
    rest = lm.tok.decode(new)[len(shown):]
    if rest:
        yield rest


def write(run: TextModel | str | Path | None = None, prompt: str = "", max_new_tokens: int = 100,
          temperature: float = 0.8, top_k: int | None = 50, top_p: float | None = 0.95, seed: int = 0,
          device: str = "cpu", out=None, use_cache: bool = True) -> str:
    """Continue `prompt`, writing each piece to `out` (stdout) as soon as it is whole UTF-8; returns the new text."""
    lm = load_gpt(run, device)
    out = out or sys.stdout
    out.write(prompt)
    out.flush()
    text = ""
    for piece in pieces(lm, prompt, max_new_tokens, temperature, top_k, top_p, seed, use_cache):
        out.write(piece)
        out.flush()
        text += piece
    out.write("\n")
    out.flush()
    return text
