"""Writing a translation: greedy and beam search, many sentences at once, with the decoder's key/value cache."""

from __future__ import annotations

import torch

from aprende.core import deadline
from aprende.transformer.model import Seq2Seq
from aprende.transformer.text import EOS, PAD


def _strip(row: list[int]) -> list[int]:
    """Tokens up to (not including) the first <eos>."""
    return row[:row.index(EOS)] if EOS in row else row


def max_new_tokens(model: Seq2Seq, src: torch.Tensor) -> int:
    """Room for the output: twice the source plus a little, never past the positional encoding's length."""
    return min(model.cfg.context - 1, 2 * src.size(1) + 10)


@torch.no_grad()
def greedy(model: Seq2Seq, src: torch.Tensor, max_len: int | None = None, use_cache: bool = True) -> list[list[int]]:
    """The most likely next token at every step; src (B, S) padded with PAD. Returns token ids per sentence
    (cut short when the caller's deadline has passed)."""
    model.eval()
    max_len = max_len or max_new_tokens(model, src)
    memory, mask = model.encode(src)  # (B, S, C), (B, 1, 1, S)
    b = src.size(0)
    ys = torch.full((b, 1), EOS, dtype=torch.long, device=src.device)  # <eos> also starts the output
    cache = model.new_cache(max_len + 1) if use_cache else None
    done = torch.zeros(b, dtype=torch.bool, device=src.device)
    for _ in range(max_len):
        if deadline.passed():
            break
        step_in = ys[:, -1:] if cache is not None else ys  # with the cache only the newest token goes in
        logits = model.decode(step_in, memory, mask, cache)[:, -1]  # (B, V)
        nxt = logits.argmax(-1).masked_fill(done, PAD)  # (B,)
        ys = torch.cat([ys, nxt[:, None]], dim=1)
        done |= nxt == EOS
        if bool(done.all()):
            break
    return [_strip(row[1:]) for row in ys.tolist()]


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
    max_len = max_len or max_new_tokens(model, src)
    b, k, dev = src.size(0), beam, src.device
    memory, mask = model.encode(src)  # (B, S, C)
    memory, mask = memory.repeat_interleave(k, 0), mask.repeat_interleave(k, 0)  # (B*K, S, C)
    cache = model.new_cache(max_len + 1)
    ys = torch.full((b * k, 1), EOS, dtype=torch.long, device=dev)  # (B*K, 1)
    score = torch.zeros(b, k, device=dev)
    score[:, 1:] = float("-inf")  # all K slots start as the same empty hypothesis: keep one
    score = score.view(-1)  # (B*K,) summed log-probabilities
    length = torch.zeros(b * k, dtype=torch.long, device=dev)  # tokens written, <eos> included
    done = torch.zeros(b * k, dtype=torch.bool, device=dev)
    for _ in range(max_len):
        if deadline.passed():
            break
        logp = model.decode(ys[:, -1:], memory, mask, cache)[:, -1].float().log_softmax(-1)  # (B*K, V)
        v = logp.size(-1)
        frozen = torch.full_like(logp, float("-inf"))
        frozen[:, PAD] = 0.0  # a finished hypothesis can only continue with a pad that costs nothing
        logp = torch.where(done[:, None], frozen, logp)
        total = score[:, None] + logp  # (B*K, V)
        new_len = torch.where(done, length, length + 1)[:, None].expand(-1, v)  # (B*K, V)
        key = (total / length_penalty(new_len, alpha)).view(b, k * v)  # (B, K*V)
        best = key.topk(k, dim=-1).indices  # (B, K)
        origin = (best // v + torch.arange(b, device=dev)[:, None] * k).view(-1)  # (B*K,) which slot it extends
        token = (best % v).view(-1)  # (B*K,)
        score = total.view(-1)[origin * v + token]
        length = new_len.reshape(-1)[origin * v + token]
        done = done[origin] | (token == EOS)
        ys = torch.cat([ys[origin], token[:, None]], dim=1)
        _reorder(cache, origin)
        if bool(done.all()):
            break
    final = (score / length_penalty(length.clamp(min=1), alpha)).view(b, k)
    pick = final.argmax(-1) + torch.arange(b, device=dev) * k  # (B,)
    return [_strip(row[1:]) for row in ys[pick].tolist()]


@torch.no_grad()
def cross_attention(model: Seq2Seq, src: torch.Tensor, out: list[int]) -> torch.Tensor:
    """(layers, heads, T, S) cross-attention weights while writing `out` and then <eos> (one sentence, src (1, S))."""
    model.eval()
    tgt = torch.tensor([[EOS] + out], device=src.device)  # (1, T) teacher-forced: row i is where out[i] was chosen
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
