"""`aprende gpt`: a small GPT learns Spanish text token by token, then writes, streamed, with the KV cache."""

from __future__ import annotations

import math
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.checkpoint import load_into
from aprende.core.console import say, warn
from aprende.core.device import pick_device
from aprende.core.errors import AprendeError
from aprende.core.runs import existing_run_dir, fresh_run, next_run_dir, read_json, read_yaml
from aprende.core.trainer import TrainConfig, fit, resume_config, saved_settings
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import GPT, generate
from aprende.transformer.text import (EOS, blocks, encode_stream, is_validation, load_corpus, load_tokenizer,
                                      train_tokenizer)


@dataclass
class GPTSettings:
    """Model sizes, tokenizer and loss; saved in config.yaml. Small enough to learn something in minutes on a CPU."""

    vocab_size: int = 2000
    d_model: int = 128
    n_heads: int = 4
    n_layers: int = 4
    d_ff: int = 512
    context: int = 64
    dropout: float = 0.1
    norm: str = "pre"  # GPT-2 moved the norm before each sub-layer: deep stacks train more easily
    positional: str = "learned"
    label_smoothing: float = 0.0  # 0: the loss stays a true perplexity

    def model_config(self) -> TransformerConfig:
        return TransformerConfig(vocab_size=self.vocab_size, d_model=self.d_model, n_heads=self.n_heads,
                                 n_layers=self.n_layers, d_ff=self.d_ff, dropout=self.dropout, context=self.context,
                                 positional=self.positional, norm=self.norm, activation="gelu")


def default_train_config(**overrides) -> TrainConfig:
    """AdamW with the paper's warm-up then inverse-square-root decay; the best epoch by validation loss."""
    base = dict(epochs=5, batch_size=32, lr=2e-3, optimizer="adamw", weight_decay=0.01, scheduler="rsqrt",
                warmup_steps=100, monitor="val_loss", grad_clip=1.0)
    base.update({k: v for k, v in overrides.items() if v is not None})
    return TrainConfig(**base)


@dataclass
class GPTResult:
    run_dir: Path
    metrics: dict


def check_settings(s: GPTSettings) -> None:
    if s.d_model % s.n_heads:
        raise AprendeError("transformer.bad_heads", d_model=s.d_model, heads=s.n_heads)
    if s.vocab_size < 300:
        raise AprendeError("transformer.bad_vocab", n=s.vocab_size)
    if s.context < 4:
        raise AprendeError("transformer.bad_context", n=s.context)


def split_streams(tok, docs: list[str], context: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Training and validation token streams: one document in ten held out (the last tenth if that leaves none)."""
    val_docs = [d for d in docs if is_validation(d)]
    train_docs = [d for d in docs if not is_validation(d)]
    if val_docs and train_docs:
        train, val = encode_stream(tok, train_docs), encode_stream(tok, val_docs)
    else:
        stream = encode_stream(tok, docs)
        cut = int(len(stream) * 0.9)
        train, val = stream[:cut], stream[cut:]
    if len(train) < context + 2 or len(val) < 3:
        raise AprendeError("transformer.too_little_text", tokens=len(train) + len(val), context=context)
    return train, val


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


def train(text: str | Path | None = None, settings: GPTSettings | None = None, cfg: TrainConfig | None = None,
          project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None) -> GPTResult:
    """Read and check the text, train the tokenizer, train the model, and report validation perplexity."""
    cfg = cfg or default_train_config()
    if resume is not None:
        run_dir, saved, cfg = resume_config(resume, "gpt", cfg)
        settings = saved_settings(saved, GPTSettings, run_dir)
        corpus = load_corpus(saved.get("text"))
        tok = load_tokenizer(run_dir / "tokenizer.json")
    else:
        settings = settings or GPTSettings()
        check_settings(settings)
        corpus = load_corpus(text)
        tok = train_tokenizer(corpus.docs, settings.vocab_size)
        dist.setup(cfg.device)
        run_dir = dist.broadcast_object(next_run_dir("gpt", name, project) if dist.is_main() else None)
    settings.vocab_size = tok.get_vocab_size()  # a small text may give fewer merges than asked
    train_stream, val_stream = split_streams(tok, corpus.docs, settings.context)
    x, y = blocks(train_stream, settings.context)
    say("transformer.gpt.data", cfg.quiet, docs=len(corpus.docs), tokens=len(train_stream), val=len(val_stream),
        vocab=settings.vocab_size, source=corpus.source)
    model = GPT(settings.model_config())

    def evaluate(m):
        loss, _ = stream_loss(m, val_stream, cfg.batch_size)
        return {"val_loss": loss, "val_perplexity": math.exp(min(loss, 50))}

    with fresh_run(run_dir):
        if resume is None and dist.is_main():
            run_dir.mkdir(parents=True, exist_ok=True)
            tok.save(str(run_dir / "tokenizer.json"))
        dist.barrier()
        t0 = time.perf_counter()
        fit(model, TensorDataset(x, y), cfg, run_dir,
            loss_fn=lambda m, b: lm_loss(m(b[0]), b[1], settings.label_smoothing), evaluate=evaluate,
            model_config={"lab": "gpt", **asdict(settings.model_config())},
            settings={"lab": "gpt", "text": None if text is None else str(text), "settings": asdict(settings)},
            resume=resume is not None, desc="GPT")
        seconds = time.perf_counter() - t0
    model, _ = load_model(run_dir)
    loss, n = stream_loss(model, val_stream, cfg.batch_size)
    metrics = {"perplexity": math.exp(min(loss, 50)), "val_loss": loss, "tokens": n, "parameters": model.n_params(),
               "seconds": round(seconds, 2)}
    return GPTResult(run_dir, metrics)


def load_run(run_dir: str | Path, lab: str, cls, device: str = "cpu"):
    """The best weights of a GPT or BERT run, and its tokenizer."""
    run_dir = existing_run_dir(run_dir, lab)
    saved = read_json(run_dir / "model.json")
    cfg = TransformerConfig(**{f.name: saved[f.name] for f in fields(TransformerConfig) if f.name in saved})
    model = cls(cfg)
    load_into(model, run_dir / "weights" / "best.safetensors")
    return model.to(pick_device(device)).eval(), load_tokenizer(run_dir / "tokenizer.json")


def load_model(run_dir: str | Path, device: str = "cpu"):
    return load_run(run_dir, "gpt", GPT, device)


def evaluate(run_dir: str | Path, text: str | Path | None = None, device: str = "cpu") -> GPTResult:
    """Validation perplexity of a run (on its own held-out documents, or on all of another text)."""
    model, tok = load_model(run_dir, device)
    t0 = time.perf_counter()
    if text is None:
        saved = read_yaml(Path(run_dir) / "config.yaml")
        _, stream = split_streams(tok, load_corpus(saved.get("text")).docs, 1)
    else:
        stream = encode_stream(tok, load_corpus(text).docs)
    loss, n = stream_loss(model, stream)
    return GPTResult(Path(run_dir), {"perplexity": math.exp(min(loss, 50)), "val_loss": loss, "tokens": n,
                                     "seconds": round(time.perf_counter() - t0, 2)})


def write(run_dir: str | Path, prompt: str = "", max_new_tokens: int = 100, temperature: float = 0.8,
          top_k: int | None = 50, top_p: float | None = 0.95, seed: int = 0, device: str = "cpu", out=None,
          use_cache: bool = True) -> str:
    """Continue `prompt`, writing each piece to `out` (stdout) as soon as it is whole UTF-8; returns the new text."""
    model, tok = load_model(run_dir, device)
    out = out or sys.stdout
    ids = [EOS] + tok.encode(prompt).ids
    ctx = model.cfg.context
    if len(ids) > ctx:
        warn("transformer.prompt_truncated", tokens=len(ids) - 1, context=ctx)
        ids = ids[-ctx:]
    out.write(prompt)
    out.flush()
    new: list[int] = []
    shown = ""
    gen = torch.Generator(device=next(model.parameters()).device).manual_seed(seed)
    x = torch.tensor([ids], device=next(model.parameters()).device)
    for nxt in generate(model, x, max_new_tokens, temperature, top_k, top_p, use_cache, gen, stop_id=EOS):
        if int(nxt) == EOS:
            break
        new.append(int(nxt))
        text = tok.decode(new)
        if not text.endswith("\ufffd"):  # wait until a split accent or symbol is whole
            out.write(text[len(shown):])
            out.flush()
            shown = text
    text = tok.decode(new)
    out.write(text[len(shown):] + "\n")
    out.flush()
    return text
