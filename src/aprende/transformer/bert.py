"""`aprende bert`: an encoder learns words from both sides by guessing the ones hidden behind [MASK]."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from tokenizers import models
from torch.utils.data import TensorDataset

from aprende.core.console import quietly
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import quiet_as_cfg
from aprende.core.trainer import TrainConfig, fit
from aprende.transformer.lm import (
    check_settings,
    fit_options,
    held_out_corpus,
    loop_configs,
    open_lm,
    split_streams,
    start_lm,
)
from aprende.transformer.model import BERT
from aprende.transformer.run import TextModel, load_bert
from aprende.transformer.settings import BERTSettings
from aprende.transformer.text import MASK, SPECIALS, blocks, encode_stream

TRAIN_DEFAULTS = dict(epochs=5, batch_size=32, lr=1e-3, optimizer="adamw", weight_decay=0.01, scheduler="rsqrt",
                      warmup_steps=100, monitor="val_loss", grad_clip=1.0)
default_train_config, finetune_train_config = loop_configs(TRAIN_DEFAULTS)  # fresh; `bert train --init RUN`


def check_bert_settings(s: BERTSettings) -> None:
    check_settings(s)
    if not 0 < s.mask_prob < 1:
        raise AprendeError("transformer.bad_mask_prob", p=s.mask_prob)


def word_starts(tok) -> torch.Tensor:
    """(V,) bool: True where a BPE piece begins a word (a space, punctuation or a special token before it);
    False for a piece that continues the word before it (letters, digits or the rest of a split character).
    An imported BERT's WordPiece marks those itself: "##" in front."""
    if isinstance(tok.model, models.WordPiece):
        prefix = tok.model.continuing_subword_prefix
        return torch.tensor([not (tok.id_to_token(i) or "").startswith(prefix) for i in range(tok.get_vocab_size())])
    out = torch.ones(tok.get_vocab_size(), dtype=torch.bool)
    for i in range(len(SPECIALS), len(out)):
        text = tok.decode([i])
        out[i] = not text or text[0].isspace() or not (text[0].isalnum() or text[0] == "\ufffd")
    return out


def word_index(ids: torch.Tensor, starts: torch.Tensor) -> torch.Tensor:
    """(B, T): for each position, the position of the piece that begins its word (a block's first piece begins one)."""
    begins = starts.to(ids.device)[ids] | (ids < len(SPECIALS))  # (B, T)
    begins[:, 0] = True
    pos = torch.arange(ids.size(1), device=ids.device).expand_as(ids)
    return torch.where(begins, pos, torch.zeros_like(pos)).cummax(dim=1).values


def masking_of(tokens: dict, vocab_size: int) -> dict:
    """mask_tokens' options for a model: {} for ours; an imported BERT's own [MASK] and special ids (its model.json's
    "tokens"), as a (V,) bool tensor."""
    if "mask" not in tokens:
        return {}
    specials = torch.zeros(vocab_size, dtype=torch.bool)
    specials[[int(i) for i in tokens.get("specials", []) if 0 <= int(i) < vocab_size]] = True
    return {"mask_id": int(tokens["mask"]), "specials": specials}


def mask_tokens(ids: torch.Tensor, vocab_size: int, prob: float, generator: torch.Generator | None = None,
                starts: torch.Tensor | None = None, mask_id: int = MASK, specials: torch.Tensor | None = None):
    """BERT's recipe, drawn afresh for every batch: pick `prob` of the words (of the tokens when `starts` is None);
    of their tokens 80% become [MASK], 10% a random token, 10% stay (-100: not scored). A word's pieces share
    their draws, so a chosen word is hidden (or swapped, or kept) whole. An imported BERT brings its own [MASK]
    and special tokens (`mask_id`, `specials` (V,) bool: masking_of); ours are ids 0-2."""
    rand = lambda: torch.rand(ids.shape, generator=generator, device=ids.device)  # noqa: E731
    first = None if starts is None else word_index(ids, starts)  # (B, T)
    spread = (lambda r: r) if first is None else (lambda r: r.gather(1, first))  # noqa: E731
    special = ids < len(SPECIALS) if specials is None else specials.to(ids.device)[ids]  # (B, T)
    chosen = (spread(rand()) < prob) & ~special  # (B, T)
    targets = torch.where(chosen, ids, torch.full_like(ids, -100))
    r = spread(rand())
    inputs = ids.clone()
    inputs[chosen & (r < 0.8)] = mask_id
    swap = chosen & (r >= 0.8) & (r < 0.9)
    low = len(SPECIALS) if specials is None else 0  # Hugging Face's collator draws from the whole vocabulary
    random_ids = torch.randint(low, vocab_size, ids.shape, generator=generator, device=ids.device)
    inputs[swap] = random_ids[swap]
    return inputs, targets


def mlm_loss(model, inputs: torch.Tensor, targets: torch.Tensor, label_smoothing: float = 0.0) -> torch.Tensor:
    """Cross-entropy on the hidden tokens only (targets -100 elsewhere), their logits alone computed."""
    keep = targets != -100  # (B, T)
    logits = model(inputs, only=keep)  # (M, V)
    return F.cross_entropy(logits.float(), targets[keep], label_smoothing=label_smoothing)


EVAL_SEED = 1234  # the held-out mask is drawn from this seed: every epoch, run and model is scored on the same one


@torch.no_grad()
def masked_scores(model, x: torch.Tensor, prob: float, batch_size: int = 32, starts: torch.Tensor | None = None,
                  logits_of=None, masking: dict | None = None) -> dict:
    """Loss, perplexity and top-1/top-5 accuracy on the hidden tokens of `x` (N, T), with a fixed mask.
    `logits_of(model, ids) -> (B, T, V)` lets another implementation be scored by the same code; `masking`: an
    imported BERT's own tokens (masking_of)."""
    g = torch.Generator().manual_seed(EVAL_SEED)
    device = next(model.parameters()).device
    logits_of = logits_of or (lambda m, ids: m(ids))
    vocab = model.cfg.vocab_size if hasattr(model, "cfg") else model.config.vocab_size
    total, top1, top5, count = 0.0, 0, 0, 0
    # one draw for all: batch size cannot move it
    all_inputs, all_targets = mask_tokens(x, vocab, prob, g, starts, **(masking or {}))
    for i in range(0, len(x), batch_size):
        inputs, targets = all_inputs[i:i + batch_size], all_targets[i:i + batch_size].to(device)
        keep = targets != -100
        logits = logits_of(model, inputs.to(device)).float()[keep]  # (M, V): only the hidden positions
        wanted = targets[keep]
        total += float(F.cross_entropy(logits, wanted, reduction="sum"))
        best = logits.topk(min(5, logits.size(-1)), dim=-1).indices  # (M, 5)
        top1 += int((best[:, 0] == wanted).sum())
        top5 += int((best == wanted[:, None]).any(-1).sum())
        count += int(keep.sum())
    loss = total / max(count, 1)
    return {"val_loss": loss, "perplexity": math.exp(min(loss, 50)), "accuracy": top1 / max(count, 1),
            "top5": top5 / max(count, 1), "tokens": count}


@dataclass
class BERTResult:
    run_dir: Path
    metrics: dict
    source: str | None = None  # the text the figures were measured on


@quiet_as_cfg
def train(text: str | Path | None = None, settings: BERTSettings | None = None, cfg: TrainConfig | None = None,
          project: str | Path | None = None, name: str | None = None, resume: str | Path | None = None,
          dataset: str | None = None, init_run: str | Path | None = None,
          freeze_embeddings: bool = False) -> BERTResult:
    """Masked-language-model pre-training on the Spanish corpus (or fortunes-es, or the user's text).

    `init_run` fine-tunes a trained or imported BERT (BETO from `aprende weights import`) instead: its weights, its
    own WordPiece and [MASK], fine-tuning defaults (finetune_train_config()), the embeddings frozen if asked."""
    default = finetune_train_config if init_run is not None else default_train_config
    lm = start_lm("bert", BERTSettings, text, settings, cfg or default(), project, name, resume,
                  check_bert_settings, dataset, init_run=init_run, frozen=freeze_embeddings)
    s, cfg = lm.settings, lm.cfg
    x, _ = blocks(lm.train, s.context)
    val_x, _ = blocks(lm.val, min(s.context, len(lm.val) - 1))
    model = lm.model if lm.model is not None else BERT(s.model_config())
    starts = word_starts(lm.tok)
    train_starts = starts if s.whole_word else None
    masking = masking_of(lm.tokens, model.cfg.vocab_size)

    def loss_fn(m, batch):
        inputs, targets = mask_tokens(batch[0], s.vocab_size, s.mask_prob, starts=train_starts, **masking)
        return mlm_loss(m, inputs, targets, s.label_smoothing)

    with open_lm(lm) as run_dir:
        t0 = time.perf_counter()
        fit(model, TensorDataset(x), cfg, run_dir, loss_fn=loss_fn,
            evaluate=lambda m: _epoch_scores(m, val_x, cfg.batch_size, starts, masking), desc="BERT",
            **fit_options(lm))
        seconds = time.perf_counter() - t0
    best = load_bert(run_dir)
    metrics = {**masked_scores(best.model, val_x, EVAL_MASK, cfg.batch_size, starts, masking=masking),
               "parameters": best.model.n_params(), "seconds": round(seconds, 2)}
    return BERTResult(run_dir, metrics, lm.corpus.source)


EVAL_MASK = 0.15  # the held-out protocol: 15% of the words, whole-word, 80/10/10, seed EVAL_SEED, for every run


def _epoch_scores(model, val_x, batch_size, starts, masking) -> dict:
    scores = masked_scores(model, val_x, EVAL_MASK, batch_size, starts, masking=masking)
    return {k: scores[k] for k in ("val_loss", "perplexity", "accuracy", "top5")}


def evaluate(run: TextModel | str | Path | None = None, text: str | Path | None = None, device: str = "cpu",
             dataset: str | None = None, quiet: bool = True, batch_size: int = 32) -> BERTResult:
    """Top-1/top-5 masked-token accuracy and perplexity on the held-out split of the run's text (or of `dataset`),
    or on all of another text; the fixed protocol of EVAL_MASK and EVAL_SEED."""
    lm = load_bert(run, device)
    t0 = time.perf_counter()
    with quietly(quiet):
        corpus, whole = held_out_corpus(lm.run_dir, text, dataset)
    marks = lm.marks()  # ours: <eos> between documents; an imported BERT's: [CLS] … [SEP] around each
    stream = encode_stream(lm.tok, corpus.docs, marks) if whole else split_streams(lm.tok, corpus, 1, marks)[1]
    x, _ = blocks(stream, min(lm.model.cfg.context, len(stream) - 1))
    metrics = masked_scores(lm.model, x, EVAL_MASK, batch_size, word_starts(lm.tok),
                            masking=masking_of(lm.tokens, lm.model.cfg.vocab_size))
    metrics["seconds"] = round(time.perf_counter() - t0, 2)
    return BERTResult(lm.run_dir, metrics, corpus.source)


def fill(run: TextModel | str | Path | None, text: str, top_k: int = 5,
         device: str = "cpu") -> list[list[tuple[str, float]]]:
    """For each [MASK] in `text`, the top-k words (single tokens) that could stand there, with their probabilities."""
    if "[MASK]" not in text:
        raise AprendeError("transformer.no_mask", text=text)
    lm = load_bert(run, device)
    model, tok, mask = lm.model, lm.tok, lm.mask
    ids = []
    pieces = text.split("[MASK]")
    for i, piece in enumerate(pieces):
        piece = piece.rstrip(" ") if i < len(pieces) - 1 else piece  # the mask takes the space
        ids += tok.encode(piece, add_special_tokens=False).ids
        if i < len(pieces) - 1:
            ids.append(mask)
    ids = lm.wrap(ids)  # ours: <eos> … <eos>; BERT's: [CLS] … [SEP]
    ctx = model.cfg.context
    if len(ids) > ctx:
        raise AprendeError("transformer.fill_too_long", tokens=len(ids), context=ctx)
    x = torch.tensor([ids], device=next(model.parameters()).device)
    with torch.no_grad():
        probs = model(x)[0].float().softmax(-1)  # (T, V)
    probs[:, lm.specials()] = 0  # never propose <pad>, <eos> or [MASK] (BERT's [CLS], [SEP], …)
    out = []
    for pos in (x[0] == mask).nonzero().flatten().tolist():
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
