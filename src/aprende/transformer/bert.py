"""`aprende bert`: an encoder learns words from both sides by guessing the ones hidden behind [MASK]."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import TensorDataset

from aprende.core.errors import AprendeError
from aprende.core.lifecycle import train_config
from aprende.core.trainer import TrainConfig, fit
from aprende.transformer.lm import LMSettings, check_settings, fit_options, open_lm, start_lm
from aprende.transformer.model import BERT
from aprende.transformer.run import TextModel, load_bert
from aprende.transformer.text import EOS, MASK, SPECIALS, blocks

TRAIN_DEFAULTS = dict(epochs=5, batch_size=32, lr=1e-3, optimizer="adamw", weight_decay=0.01, scheduler="rsqrt",
                      warmup_steps=100, monitor="val_loss", grad_clip=1.0)


@dataclass
class BERTSettings(LMSettings):
    """GPT's sizes, BERT's choices: post-norm as in the paper, 15% of the tokens hidden."""

    norm: str = "post"
    mask_prob: float = 0.15


def default_train_config(**overrides) -> TrainConfig:
    return train_config(TRAIN_DEFAULTS, overrides)


def check_bert_settings(s: BERTSettings) -> None:
    check_settings(s)
    if not 0 < s.mask_prob < 1:
        raise AprendeError("transformer.bad_mask_prob", p=s.mask_prob)


def mask_tokens(ids: torch.Tensor, vocab_size: int, prob: float, generator: torch.Generator | None = None):
    """BERT's recipe: pick `prob` of the tokens; 80% become [MASK], 10% a random token, 10% stay (-100: not scored)."""
    rand = lambda: torch.rand(ids.shape, generator=generator, device=ids.device)  # noqa: E731
    chosen = (rand() < prob) & (ids >= len(SPECIALS))  # (B, T)
    targets = torch.where(chosen, ids, torch.full_like(ids, -100))
    r = rand()
    inputs = ids.clone()
    inputs[chosen & (r < 0.8)] = MASK
    swap = chosen & (r >= 0.8) & (r < 0.9)
    random_ids = torch.randint(len(SPECIALS), vocab_size, ids.shape, generator=generator, device=ids.device)
    inputs[swap] = random_ids[swap]
    return inputs, targets


@torch.no_grad()
def masked_scores(model: BERT, x: torch.Tensor, prob: float, batch_size: int = 32) -> dict:
    """Loss and accuracy on hidden tokens, with a fixed mask so epochs compare."""
    g = torch.Generator().manual_seed(1234)
    device = next(model.parameters()).device
    total, right, count = 0.0, 0, 0
    for i in range(0, len(x), batch_size):
        inputs, targets = mask_tokens(x[i:i + batch_size], model.cfg.vocab_size, prob, g)
        logits = model(inputs.to(device)).float()
        targets = targets.to(device)
        total += float(F.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index=-100, reduction="sum"))
        keep = targets != -100
        right += int((logits.argmax(-1)[keep] == targets[keep]).sum())
        count += int(keep.sum())
    loss = total / max(count, 1)
    return {"val_loss": loss, "perplexity": math.exp(min(loss, 50)), "accuracy": right / max(count, 1)}


@dataclass
class BERTResult:
    run_dir: Path
    metrics: dict


def train(text: str | Path | None = None, settings: BERTSettings | None = None, cfg: TrainConfig | None = None,
          project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None) -> BERTResult:
    """Masked-language-model pre-training on the fortunes or the user's text."""
    lm = start_lm("bert", BERTSettings, text, settings, cfg or default_train_config(), project, name, resume,
                  check_bert_settings)
    s, cfg = lm.settings, lm.cfg
    x, _ = blocks(lm.train, s.context)
    val_x, _ = blocks(lm.val, min(s.context, len(lm.val) - 1))
    model = BERT(s.model_config())

    def loss_fn(m, batch):
        inputs, targets = mask_tokens(batch[0], s.vocab_size, s.mask_prob)
        logits = m(inputs)  # (B, T, V)
        return F.cross_entropy(logits.float().flatten(0, 1), targets.flatten(), ignore_index=-100,
                               label_smoothing=s.label_smoothing)

    with open_lm(lm) as run_dir:
        t0 = time.perf_counter()
        fit(model, TensorDataset(x), cfg, run_dir, loss_fn=loss_fn,
            evaluate=lambda m: masked_scores(m, val_x, s.mask_prob, cfg.batch_size), desc="BERT", **fit_options(lm))
        seconds = time.perf_counter() - t0
    best = load_bert(run_dir)
    metrics = {**masked_scores(best.model, val_x, s.mask_prob), "parameters": best.model.n_params(),
               "seconds": round(seconds, 2)}
    return BERTResult(run_dir, metrics)


def fill(run: TextModel | str | Path | None, text: str, top_k: int = 5,
         device: str = "cpu") -> list[list[tuple[str, float]]]:
    """For each [MASK] in `text`, the top-k words (single tokens) that could stand there, with their probabilities."""
    if "[MASK]" not in text:
        raise AprendeError("transformer.no_mask", text=text)
    lm = load_bert(run, device)
    model, tok = lm.model, lm.tok
    ids = [EOS]
    pieces = text.split("[MASK]")
    for i, piece in enumerate(pieces):
        ids += tok.encode(piece.rstrip(" ") if i < len(pieces) - 1 else piece).ids  # the mask takes the space
        if i < len(pieces) - 1:
            ids.append(MASK)
    ids.append(EOS)
    ctx = model.cfg.context
    if len(ids) > ctx:
        raise AprendeError("transformer.fill_too_long", tokens=len(ids), context=ctx)
    x = torch.tensor([ids], device=next(model.parameters()).device)
    with torch.no_grad():
        probs = model(x)[0].float().softmax(-1)  # (T, V)
    probs[:, :len(SPECIALS)] = 0  # never propose <pad>, <eos> or [MASK]
    out = []
    for pos in (x[0] == MASK).nonzero().flatten().tolist():
        p, idx = probs[pos].sort(descending=True)
        words = []
        for q, i in zip(p.tolist(), idx.tolist()):
            word = tok.decode([i]).strip()
            if any(ch.isalnum() for ch in word):  # words, not punctuation or white space
                words.append((word, q))
            if len(words) == top_k:
                break
        out.append(words)
    return out
