"""Scaled dot-product attention and multi-head attention, the heart of "Attention is all you need"."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def causal_mask(t: int, s: int, device=None) -> torch.Tensor:
    """(T, S) bool, True where query i may look at key j: the last T of S positions see only their past."""
    return torch.ones(t, s, dtype=torch.bool, device=device).tril(diagonal=s - t)


def padding_mask(ids: torch.Tensor, pad_id: int) -> torch.Tensor:
    """(B, 1, 1, S) bool, True at real tokens: no query may look at a pad."""
    return (ids != pad_id)[:, None, None, :]


def combine(mask: torch.Tensor | None, causal: bool, t: int, s: int, device) -> torch.Tensor | None:
    """One boolean mask (True = may look) from a padding mask and the causal rule."""
    if not causal:
        return mask
    c = causal_mask(t, s, device)  # (T, S)
    return c if mask is None else mask & c


def attention_explicit(q, k, v, mask=None, dropout: float = 0.0, training: bool = False):
    """softmax(Q Kᵀ / √d_k) V written out, returning the weights too (for pictures)."""
    # q: (B, nh, T, hs)  k, v: (B, nh, S, hs)  mask: bool, broadcastable to (B, nh, T, S)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))  # (B, nh, T, S)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = scores.softmax(dim=-1)  # (B, nh, T, S), each row sums to 1
    out = F.dropout(weights, dropout, training) @ v  # (B, nh, T, hs)
    return out, weights


def attention_fast(q, k, v, mask=None, causal: bool = False, dropout: float = 0.0, training: bool = False):
    """The same sum through PyTorch's fused kernel (flash attention on a GPU); no weights come back."""
    t, s = q.size(-2), k.size(-2)
    if causal and mask is None and t == s:
        return F.scaled_dot_product_attention(q, k, v, dropout_p=dropout if training else 0.0, is_causal=True)
    mask = combine(mask, causal, t, s, q.device)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=dropout if training else 0.0)


def attend(q, k, v, mask=None, causal: bool = False, dropout: float = 0.0, training: bool = False,
              explicit: bool = False):
    """Scaled dot-product attention by either path: (output (B, nh, T, hs), weights or None)."""
    if explicit:
        return attention_explicit(q, k, v, combine(mask, causal, q.size(-2), k.size(-2), q.device), dropout, training)
    return attention_fast(q, k, v, mask, causal, dropout, training), None


class KVCache:
    """One attention layer's keys and values while decoding: buffers allocated once for `capacity` positions and
    filled in place, so a step writes its own position instead of copying the whole past (no re-concatenation)."""

    def __init__(self, capacity: int | None = None):
        self.capacity = capacity  # None: grow by doubling
        self.k: torch.Tensor | None = None  # (B, nh, L, hs), the first n positions filled
        self.v: torch.Tensor | None = None
        self.n = 0

    def append(self, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Store the new positions' keys/values (B, nh, T, hs); returns all so far (views, no copy)."""
        end = self.n + k.size(2)
        if self.k is None or end > self.k.size(2):
            self._grow(k, end)
        self.k[:, :, self.n:end] = k
        self.v[:, :, self.n:end] = v
        self.n = end
        return self.k[:, :, :end], self.v[:, :, :end]

    def _grow(self, like: torch.Tensor, need: int) -> None:
        old = 0 if self.k is None else self.k.size(2)
        size = max(need, self.capacity or 0, 2 * old)
        b, nh, _, hs = like.shape
        k, v = like.new_empty(b, nh, size, hs), like.new_empty(b, nh, size, hs)
        if self.k is not None:
            k[:, :, :self.n], v[:, :, :self.n] = self.k[:, :, :self.n], self.v[:, :, :self.n]
        self.k, self.v = k, v

    def keep(self, k: torch.Tensor, v: torch.Tensor) -> None:
        """Cross-attention: the encoder's keys/values, computed once."""
        self.k, self.v, self.n = k, v, k.size(2)

    def reorder(self, index: torch.Tensor) -> None:
        """Beam search: keep the rows (hypotheses) `index` names, in that order."""
        self.k, self.v = self.k.index_select(0, index), self.v.index_select(0, index)


def _join_qkv(state: dict, prefix: str, *args) -> None:
    """Weights saved before the projections were fused (q_proj, k_proj, v_proj) load into the one `qkv` layer."""
    old = [f"{prefix}{name}_proj." for name in ("q", "k", "v")]
    for kind in ("weight", "bias"):
        if all(p + kind in state for p in old):
            state[f"{prefix}qkv.{kind}"] = torch.cat([state.pop(p + kind) for p in old])


class MultiHeadAttention(nn.Module):
    """h heads attend in parallel to different d_model/h-wide projections; their outputs are joined and projected.

    W^Q, W^K and W^V of every head live side by side in one (3·d_model, d_model) layer: self-attention computes all
    three in one matrix product (cross-attention uses its rows for Q from x, and for K, V from the memory)."""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0, explicit: bool = False):
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model {d_model} is not a multiple of n_heads {n_heads}")
        self.n_heads, self.dropout, self.explicit = n_heads, dropout, explicit
        self.qkv = nn.Linear(d_model, 3 * d_model)  # rows: W^Q, W^K, W^V (each every head side by side)
        self.out_proj = nn.Linear(d_model, d_model)  # W^O
        self.keep_weights = False  # set True to keep the last attention weights in .weights (explicit path)
        self.weights: torch.Tensor | None = None
        self._register_load_state_dict_pre_hook(_join_qkv)

    def _heads(self, x: torch.Tensor, parts: int = 1) -> torch.Tensor:
        b, t, c = x.shape
        hs = c // parts // self.n_heads
        return x.view(b, t, parts, self.n_heads, hs).permute(2, 0, 3, 1, 4)  # (B, T, P·C) -> (P, B, nh, T, hs)

    def forward(self, x: torch.Tensor, memory: torch.Tensor | None = None, mask: torch.Tensor | None = None,
                causal: bool = False, cache: KVCache | None = None) -> torch.Tensor:
        """Self-attention when `memory` is None, else cross-attention (queries from x, keys/values from memory).

        `cache` keeps keys and values between decoding steps: appended for self-attention, computed once for
        cross-attention."""
        b, t, c = x.shape  # (B, T, C)
        if memory is None:
            q, k, v = self._heads(self.qkv(x), 3)  # each (B, nh, T, hs): one matrix product for the three
            if cache is not None:
                k, v = cache.append(k, v)  # (B, nh, S, hs): the past and the new positions
        else:
            w, bias = self.qkv.weight, self.qkv.bias
            q = self._heads(F.linear(x, w[:c], bias[:c]))[0]  # (B, nh, T, hs)
            if cache is not None and cache.k is not None:
                k, v = cache.k, cache.v  # the encoder output does not change
            else:
                k, v = self._heads(F.linear(memory, w[c:], bias[c:]), 2)  # (B, nh, S, hs) each
                if cache is not None:
                    cache.keep(k, v)
        if causal and mask is None and t == 1:
            causal = False  # one new position may look at every key so far: no mask to build
        explicit = self.explicit or self.keep_weights
        y, w = attend(q, k, v, mask, causal, self.dropout, self.training, explicit)  # (B, nh, T, hs)
        if self.keep_weights:
            self.weights = w.detach()
        y = y.transpose(1, 2).reshape(b, t, c)  # heads side by side again: (B, T, C)
        return self.out_proj(y)
