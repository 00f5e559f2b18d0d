"""Writing a translation: greedy and beam search, many sentences at once, with the decoder's key/value cache.

A published checkpoint (Marian) writes by Hugging Face's rules instead, read from its generation_config.json
(`Generation`): `greedy(..., gen=)` and `beam_search_hf` give token for token what `generate` gives."""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from aprende.core import deadline
from aprende.transformer.model import Seq2Seq


def _strip(row: list[int], eos: int) -> list[int]:
    """Tokens up to (not including) the first <eos>."""
    return row[:row.index(eos)] if eos in row else row


def pad_ids(rows: list[list[int]], value: int) -> torch.Tensor:
    """(B, T) long tensor padded on the right with `value` (the model's pad: 0 for ours, the last id for Marian)."""
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows], dtype=torch.long)


def start_id(model: Seq2Seq) -> int:
    """The token the decoder starts from: <eos> for ours, the pad for Marian."""
    cfg = model.cfg
    return cfg.eos_id if cfg.decoder_start_id is None else cfg.decoder_start_id


@dataclass
class Generation:
    """How a published checkpoint writes (its generation_config.json), with Hugging Face's names and meanings."""

    num_beams: int = 1
    length_penalty: float = 1.0  # finished hypotheses rank by sum of log-probabilities / length^penalty
    max_length: int = 512  # output tokens counted with the start token, as Hugging Face counts them
    early_stopping: bool | str = False
    bad_words_ids: list[int] = field(default_factory=list)  # tokens never written (Marian: the pad)
    forced_eos: bool = False  # the last token allowed is always <eos>

    @classmethod
    def from_dict(cls, saved: dict | None) -> Generation | None:
        return None if saved is None else cls(**{k: v for k, v in saved.items() if k in cls.__dataclass_fields__})


def _process(logits: torch.Tensor, model: Seq2Seq, gen: Generation | None, step: int, steps: int) -> torch.Tensor:
    """Log-probabilities (N, V) of the next token: banned tokens at −inf BEFORE the softmax (so the others still sum
    to one; masking after it lowers BLEU), and only <eos> at the last allowed step when the checkpoint forces it."""
    cfg = model.cfg
    banned = list(gen.bad_words_ids) if gen is not None else []
    if cfg.ban_pad:
        banned.append(cfg.pad_id)
    logits = logits.float()
    if banned:
        logits = logits.index_fill(-1, torch.tensor(banned, device=logits.device), float("-inf"))
    logp = logits.log_softmax(-1)
    if gen is not None and gen.forced_eos and step == steps - 1:
        logp = torch.full_like(logp, float("-inf"))
        logp[:, cfg.eos_id] = 0.0
    return logp


def max_new_tokens(model: Seq2Seq, src: torch.Tensor, gen: Generation | None = None) -> int:
    """Room for the output: twice the source plus a little (a checkpoint's own max_length when it has one), never
    past the positional encoding's length."""
    if gen is not None:
        return min(model.cfg.context - 1, gen.max_length - 1)
    return min(model.cfg.context - 1, 2 * src.size(1) + 10)


@torch.no_grad()
def greedy(model: Seq2Seq, src: torch.Tensor, max_len: int | None = None, use_cache: bool = True,
           gen: Generation | None = None) -> list[list[int]]:
    """The most likely next token at every step; src (B, S) padded with the model's pad. Returns token ids per
    sentence (cut short when the caller's deadline has passed)."""
    model.eval()
    cfg = model.cfg
    max_len = max_len or max_new_tokens(model, src, gen)
    memory, mask = model.encode(src)  # (B, S, C), (B, 1, 1, S)
    b = src.size(0)
    ys = torch.full((b, 1), start_id(model), dtype=torch.long, device=src.device)  # <eos> also starts ours
    cache = model.new_cache(max_len + 1) if use_cache else None
    done = torch.zeros(b, dtype=torch.bool, device=src.device)
    for step in range(max_len):
        if deadline.passed():
            break
        step_in = ys[:, -1:] if cache is not None else ys  # with the cache only the newest token goes in
        logits = model.decode(step_in, memory, mask, cache)[:, -1]  # (B, V)
        if gen is not None or cfg.ban_pad:
            logits = _process(logits, model, gen, step, max_len)
        nxt = logits.argmax(-1).masked_fill(done, cfg.pad_id)  # (B,)
        ys = torch.cat([ys, nxt[:, None]], dim=1)
        done |= nxt == cfg.eos_id
        if bool(done.all()):
            break
    return [_strip(row[1:], cfg.eos_id) for row in ys.tolist()]


def length_penalty(length: torch.Tensor, alpha: float) -> torch.Tensor:
    """GNMT's ((5 + |Y|) / 6)^α: without it beam search prefers short outputs (every token lowers the score)."""
    return ((5.0 + length.float()) / 6.0) ** alpha


def _reorder(cache: list, index: torch.Tensor) -> None:
    """Keep the self-attention keys/values of the surviving hypotheses (cross-attention ones are per sentence)."""
    for own, _ in cache:
        own.reorder(index)


@torch.no_grad()
def beam_search(model: Seq2Seq, src: torch.Tensor, beam: int = 4, alpha: float = 0.6,
                max_len: int | None = None) -> list[list[int]]:
    """Keep the `beam` best partial translations of each sentence, ranked by log-probability / length penalty.

    A finished hypothesis stays in its slot with its score frozen, competing with the live ones; the search ends
    when every slot holds a finished one (or the caller's deadline has passed). With beam 1 this is greedy decoding."""
    model.eval()
    cfg = model.cfg
    max_len = max_len or max_new_tokens(model, src)
    b, k, dev = src.size(0), beam, src.device
    memory, mask = model.encode(src)  # (B, S, C)
    memory, mask = memory.repeat_interleave(k, 0), mask.repeat_interleave(k, 0)  # (B*K, S, C)
    cache = model.new_cache(max_len + 1)
    ys = torch.full((b * k, 1), start_id(model), dtype=torch.long, device=dev)  # (B*K, 1)
    score = torch.zeros(b, k, device=dev)
    score[:, 1:] = float("-inf")  # all K slots start as the same empty hypothesis: keep one
    score = score.view(-1)  # (B*K,) summed log-probabilities
    length = torch.zeros(b * k, dtype=torch.long, device=dev)  # tokens written, <eos> included
    done = torch.zeros(b * k, dtype=torch.bool, device=dev)
    for _ in range(max_len):
        if deadline.passed():
            break
        logits = model.decode(ys[:, -1:], memory, mask, cache)[:, -1]  # (B*K, V)
        logp = _process(logits, model, None, 0, 0) if cfg.ban_pad else logits.float().log_softmax(-1)
        v = logp.size(-1)
        frozen = torch.full_like(logp, float("-inf"))
        frozen[:, cfg.pad_id] = 0.0  # a finished hypothesis can only continue with a pad that costs nothing
        logp = torch.where(done[:, None], frozen, logp)
        total = score[:, None] + logp  # (B*K, V)
        new_len = torch.where(done, length, length + 1)[:, None].expand(-1, v)  # (B*K, V)
        key = (total / length_penalty(new_len, alpha)).view(b, k * v)  # (B, K*V)
        best = key.topk(k, dim=-1).indices  # (B, K)
        origin = (best // v + torch.arange(b, device=dev)[:, None] * k).view(-1)  # (B*K,) which slot it extends
        token = (best % v).view(-1)  # (B*K,)
        score = total.view(-1)[origin * v + token]
        length = new_len.reshape(-1)[origin * v + token]
        done = done[origin] | (token == cfg.eos_id)
        ys = torch.cat([ys[origin], token[:, None]], dim=1)
        _reorder(cache, origin)
        if bool(done.all()):
            break
    final = (score / length_penalty(length.clamp(min=1), alpha)).view(b, k)
    pick = final.argmax(-1) + torch.arange(b, device=dev) * k  # (B,)
    return [_strip(row[1:], cfg.eos_id) for row in ys[pick].tolist()]


def _gather(t: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """Rows `index` (B, N) of each sentence's beams t (B, K, ...): (B, N, ...)."""
    while index.dim() < t.dim():
        index = index[..., None]
    return t.take_along_dim(index.expand(*index.shape[:2], *t.shape[2:]), dim=1)


@torch.no_grad()
def beam_search_hf(model: Seq2Seq, src: torch.Tensor, gen: Generation, beam: int | None = None,
                   max_len: int | None = None) -> list[list[int]]:
    """Hugging Face's beam search, step for step (`GenerationMixin._beam_search`), so an imported checkpoint writes
    what `generate` writes: 2K candidates a step; those ending in <eos> (among the best K) join the finished list with
    score sum / length^penalty; the K best others go on; it stops when no running beam can beat the worst finished."""
    model.eval()
    cfg = model.cfg
    k = beam or gen.num_beams
    steps = max_len or max_new_tokens(model, src, gen)
    b, dev, eos, lp = src.size(0), src.device, cfg.eos_id, gen.length_penalty
    memory, mask = model.encode(src)  # (B, S, C)
    memory, mask = memory.repeat_interleave(k, 0), mask.repeat_interleave(k, 0)  # (B*K, S, C)
    cache = model.new_cache(steps + 1)
    keep = 2 * k  # enough candidates that K stay running even if K of them end here
    first_k = torch.arange(keep, device=dev) < k  # (2K,) only the best K may finish
    running = torch.full((b, k, steps + 1), start_id(model), dtype=torch.long, device=dev)  # (B, K, L)
    run_score = torch.zeros(b, k, device=dev)
    run_score[:, 1:] = -1e9  # all K start as the same hypothesis: keep one
    finished, fin_score = running.clone(), torch.full((b, k), -1e9, device=dev)
    is_done = torch.zeros(b, k, dtype=torch.bool, device=dev)
    open_ = torch.ones(b, 1, dtype=torch.bool, device=dev)  # may a running beam still beat a finished one?
    cur = 0
    for cur in range(1, steps + 1):  # cur: tokens so far, the start included
        if deadline.passed():
            break
        logits = model.decode(running[:, :, cur - 1].reshape(-1, 1), memory, mask, cache)[:, -1]  # (B*K, V)
        logp = _process(logits, model, gen, cur - 1, steps)  # (B*K, V)
        v = logp.size(-1)
        total = (logp.view(b, k, v) + run_score[:, :, None]).view(b, k * v)  # (B, K*V)
        top_score, top_idx = total.topk(keep)  # (B, 2K)
        origin, token = top_idx // v, top_idx % v
        cand = _gather(running, origin)  # (B, 2K, L)
        cand[:, :, cur] = token
        ends = (token == eos) | (cur + 1 > steps)  # (B, 2K) <eos>, or no room left
        alive = top_score - 1e9 * ends.float()
        nxt = alive.topk(k).indices  # (B, K)
        running, run_score = _gather(cand, nxt), _gather(alive, nxt)
        flat = (_gather(origin, nxt) + torch.arange(b, device=dev)[:, None] * k).view(-1)  # (B*K,) beams kept
        _reorder(cache, flat)
        new = ends & first_k[None]
        scored = top_score / (cur ** lp)
        full = is_done.all(-1, keepdim=True) & (gen.early_stopping is True)
        scored = scored - 1e9 * full.float() - 1e9 * (~open_).float() - 1e9 * (~new).float()
        pick = torch.cat([fin_score, scored], 1).topk(k).indices  # (B, K) the best of old and new finished
        finished = _gather(torch.cat([finished, cand], 1), pick)
        fin_score = _gather(torch.cat([fin_score, scored], 1), pick)
        is_done = _gather(torch.cat([is_done, new], 1), pick)
        best_len = steps if gen.early_stopping == "never" and lp > 0 else cur
        best_running = run_score[:, :1] / (best_len ** lp)
        worst = torch.where(is_done, fin_score.min(1, keepdim=True).values, -1e9)
        open_ = open_ & (best_running > worst).any(-1, keepdim=True)
        if not bool(open_.any()) or bool(ends.all()) or (bool(is_done.all()) and gen.early_stopping is True):
            break
    best = torch.where((fin_score[:, :1] > -1e8)[:, :, None], finished[:, :1], running[:, :1])[:, 0]  # (B, L)
    return [_strip(row[1:cur + 1], eos) for row in best.tolist()]  # nothing finished (deadline): the best running


@torch.no_grad()
def cross_attention(model: Seq2Seq, src: torch.Tensor, out: list[int]) -> torch.Tensor:
    """(layers, heads, T, S) cross-attention weights while writing `out` and then <eos> (one sentence, src (1, S))."""
    model.eval()
    tgt = torch.tensor([[start_id(model)] + out], device=src.device)  # (1, T) teacher-forced: row i chose out[i]
    layers = [layer.cross_attn for layer in model.decoder.layers]
    for attn in layers:
        attn.keep_weights = True
    try:
        memory, mask = model.encode(src)
        model.decode(tgt, memory, mask)
        return torch.stack([attn.weights[0] for attn in layers]).float().cpu()  # (L, nh, T, S)
    finally:
        for attn in layers:
            attn.keep_weights, attn.weights = False, None
