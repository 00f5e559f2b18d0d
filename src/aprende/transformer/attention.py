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


class MultiHeadAttention(nn.Module):
    """h heads attend in parallel to different d_model/h-wide projections; their outputs are joined and projected."""

    def __init__(self, d_model: int, n_heads: int, dropout: float = 0.0, explicit: bool = False):
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model {d_model} is not a multiple of n_heads {n_heads}")
        self.n_heads, self.dropout, self.explicit = n_heads, dropout, explicit
        self.q_proj = nn.Linear(d_model, d_model)  # W^Q of every head side by side
        self.k_proj = nn.Linear(d_model, d_model)  # W^K
        self.v_proj = nn.Linear(d_model, d_model)  # W^V
        self.out_proj = nn.Linear(d_model, d_model)  # W^O
        self.keep_weights = False  # set True to keep the last attention weights in .weights (explicit path)
        self.weights: torch.Tensor | None = None

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        b, t, c = x.shape
        return x.view(b, t, self.n_heads, c // self.n_heads).transpose(1, 2)  # (B, T, C) -> (B, nh, T, hs)

    def forward(self, x: torch.Tensor, memory: torch.Tensor | None = None, mask: torch.Tensor | None = None,
                causal: bool = False, cache: dict | None = None) -> torch.Tensor:
        """Self-attention when `memory` is None, else cross-attention (queries from x, keys/values from memory).

        `cache` (a dict per layer) keeps keys and values between decoding steps: appended for self-attention,
        computed once for cross-attention."""
        b, t, c = x.shape  # (B, T, C)
        q = self._heads(self.q_proj(x))  # (B, nh, T, hs)
        if memory is not None and cache is not None and "k" in cache:
            k, v = cache["k"], cache["v"]  # cross-attention: the encoder output does not change
        else:
            src = x if memory is None else memory
            k, v = self._heads(self.k_proj(src)), self._heads(self.v_proj(src))  # (B, nh, S, hs)
            if cache is not None:
                if memory is None and "k" in cache:
                    k, v = torch.cat([cache["k"], k], dim=2), torch.cat([cache["v"], v], dim=2)  # past + new
                cache["k"], cache["v"] = k, v
        explicit = self.explicit or self.keep_weights
        y, w = attend(q, k, v, mask, causal, self.dropout, self.training, explicit)  # (B, nh, T, hs)
        if self.keep_weights:
            self.weights = w.detach()
        y = y.transpose(1, 2).reshape(b, t, c)  # heads side by side again: (B, T, C)
        return self.out_proj(y)
