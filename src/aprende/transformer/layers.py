"""The boxes of the paper's diagram: embeddings, positional encoding, add & norm, feed-forward, the two stacks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from aprende.transformer.attention import KVCache, MultiHeadAttention


@dataclass
class TransformerConfig:
    """Sizes of a model; the defaults are the paper's base model (65M parameters with a 37k shared vocabulary)."""

    vocab_size: int = 37000
    d_model: int = 512
    n_heads: int = 8
    n_layers: int = 6  # encoder layers (or the only stack of BERT and GPT)
    n_decoder_layers: int | None = None  # seq2seq decoder layers; None: as many as the encoder
    d_ff: int = 2048
    dropout: float = 0.1
    context: int = 512  # longest sequence the positional encoding covers
    positional: str = "sinusoidal"  # or "learned"
    norm: str = "post"  # "post": LayerNorm(x + Sublayer(x)) as in the paper; "pre": x + Sublayer(LayerNorm(x))
    activation: str = "relu"  # or "gelu" (BERT, GPT), "silu" (Marian)
    attention: str = "sdpa"  # or "explicit" (slower, keeps nothing hidden)
    pad_id: int = 0
    init: str = "paper"  # or "gpt2": every weight starts small (N(0, 0.02)) and the tokens are not scaled up
    ffn_dropout: bool = True  # dropout inside the feed-forward too (torch.nn.Transformer does); GPT-2 does not
    # Marian (the opus-mt translators) differs from the paper in these; the defaults are the paper's (and every run's)
    sinusoid_layout: str = "interleaved"  # Marian: "halves", every wavelength's sine in the first half, cosines after
    attn_dropout: float | None = None  # dropout on the attention weights; None: `dropout`. Marian: none (0.0)
    pad_no_grad: bool = False  # Marian: reading the pad's embedding (its decoder start) does not train it (padding_idx)
    logits_bias: bool = False  # Marian: a fixed bias per output token (final_logits_bias), added to the logits
    decoder_start_id: int | None = None  # the token the decoder starts from; None: <eos> (ours). Marian: the pad
    eos_id: int = 1  # the token that ends a sentence (ours: text.EOS). Marian: 0
    ban_pad: bool = False  # Marian: the pad is never written (−inf before the softmax); ours never learn to write it
    # GPT-2 and BERT differ from the paper in these (`activation` too: GPT-2's "gelu_tanh", BERT's exact "gelu")
    ln_eps: float = 1e-5  # LayerNorm's epsilon: GPT-2 1e-5 (PyTorch's), BERT 1e-12
    scale_embed: bool | None = None  # tokens × √d_model (the paper, Marian); None: unless init is "gpt2". BERT: no
    token_types: int = 0  # BERT: a learned vector per segment (sentence A/B) added to each token; 0: none
    embed_norm: bool = False  # BERT: a LayerNorm right after the embeddings (the paper has none there)


class TokenEmbedding(nn.Module):
    """Token ids become d_model vectors, multiplied by √d_model as in section 3.4 of the paper (`scale`); GPT-2
    leaves them at their small start instead (model.small_init)."""

    def __init__(self, vocab_size: int, d_model: int, scale: bool = True, padding_idx: int | None = None):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, d_model)
        nn.init.normal_(self.embedding.weight, std=d_model ** -0.5)  # scaled back up to unit variance below
        self.scale = math.sqrt(d_model) if scale else 1.0
        self.padding_idx = padding_idx  # Marian: that row gets no gradient from its lookups

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        if self.padding_idx is not None:
            return F.embedding(ids, self.embedding.weight, self.padding_idx) * self.scale
        return self.embedding(ids) * self.scale  # (B, T) -> (B, T, C)


class PositionalEncoding(nn.Module):
    """Attention ignores order, so each position adds its own vector: sines and cosines of many wavelengths."""

    def __init__(self, d_model: int, context: int, dropout: float = 0.0, learned: bool = False, size: float = 1.0,
                 layout: str = "interleaved"):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.learned = nn.Embedding(context, d_model) if learned else None
        if layout == "halves":  # Marian's: sin(pos / 10000^(2i/d)) for every i, then the cosines (float64, as it does)
            pos = torch.arange(context, dtype=torch.float64)[:, None]
            angle = pos / 10000.0 ** (torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)  # (L, C/2)
            pe = torch.cat([torch.sin(angle), torch.cos(angle)], dim=1).float()  # (L, C)
        else:
            pos = torch.arange(context, dtype=torch.float32)[:, None]  # (L, 1)
            freq = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
            pe = torch.zeros(context, d_model)
            pe[:, 0::2] = torch.sin(pos * freq)  # PE(pos, 2i)   = sin(pos / 10000^(2i/d_model))
            pe[:, 1::2] = torch.cos(pos * freq)  # PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model))
        pe = pe * size  # as loud as the tokens: 1 beside √d_model-scaled tokens, smaller beside small ones
        self.register_buffer("pe", pe, persistent=False)  # (L, C)
        if learned:  # start from the sinusoids: as loud as the √d_model-scaled tokens (a 0.02 start drowns positions)
            with torch.no_grad():
                self.learned.weight.copy_(pe)

    def forward(self, x: torch.Tensor, start: int = 0) -> torch.Tensor:
        t = x.size(1)
        pe = self.learned.weight[start:start + t] if self.learned is not None else self.pe[start:start + t]
        return self.dropout(x + pe)  # (B, T, C)


ACTIVATIONS = {"relu": nn.ReLU, "gelu": nn.GELU, "gelu_tanh": lambda: nn.GELU(approximate="tanh"), "silu": nn.SiLU}


class FeedForward(nn.Module):
    """Position-wise feed-forward: the same two-layer network applied to every position on its own."""

    def __init__(self, d_model: int, d_ff: int, dropout: float = 0.0, activation: str = "relu"):
        super().__init__()
        self.w1 = nn.Linear(d_model, d_ff)
        # GPT-2: GELU's tanh approximation; BERT: the exact GELU; Marian: SiLU (swish); the paper: ReLU
        self.act = ACTIVATIONS.get(activation, nn.ReLU)()
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()  # a mask of B×T×d_ff costs time
        self.w2 = nn.Linear(d_ff, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.w2(self.dropout(self.act(self.w1(x))))  # (B, T, C) -> (B, T, d_ff) -> (B, T, C)


class AddNorm(nn.Module):
    """Residual connection and layer normalisation around a sub-layer: post-norm (the paper) or pre-norm."""

    def __init__(self, d_model: int, dropout: float = 0.0, pre: bool = False, eps: float = 1e-5):
        super().__init__()
        self.norm = nn.LayerNorm(d_model, eps=eps)
        self.dropout = nn.Dropout(dropout)
        self.pre = pre

    def forward(self, x: torch.Tensor, sublayer) -> torch.Tensor:
        if self.pre:
            return x + self.dropout(sublayer(self.norm(x)))
        return self.norm(x + self.dropout(sublayer(x)))


class EncoderLayer(nn.Module):
    """One encoder block: self-attention over the whole input, then feed-forward, each wrapped in add & norm."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        pre = cfg.norm == "pre"
        attn_drop = cfg.dropout if cfg.attn_dropout is None else cfg.attn_dropout
        self.self_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads, attn_drop, cfg.attention == "explicit")
        self.add_norm1 = AddNorm(cfg.d_model, cfg.dropout, pre, cfg.ln_eps)
        self.feed_forward = FeedForward(cfg.d_model, cfg.d_ff, cfg.dropout * cfg.ffn_dropout, cfg.activation)
        self.add_norm2 = AddNorm(cfg.d_model, cfg.dropout, pre, cfg.ln_eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        x = self.add_norm1(x, lambda h: self.self_attn(h, mask=mask))  # (B, S, C)
        return self.add_norm2(x, self.feed_forward)


class DecoderLayer(nn.Module):
    """One decoder block: masked self-attention (no peeking ahead), cross-attention to the encoder, feed-forward."""

    def __init__(self, cfg: TransformerConfig, cross: bool = True):
        super().__init__()
        pre = cfg.norm == "pre"
        explicit = cfg.attention == "explicit"
        attn_drop = cfg.dropout if cfg.attn_dropout is None else cfg.attn_dropout
        self.self_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads, attn_drop, explicit)
        self.add_norm1 = AddNorm(cfg.d_model, cfg.dropout, pre, cfg.ln_eps)
        self.cross_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads, attn_drop, explicit) if cross else None
        self.add_norm2 = AddNorm(cfg.d_model, cfg.dropout, pre, cfg.ln_eps) if cross else None
        self.feed_forward = FeedForward(cfg.d_model, cfg.d_ff, cfg.dropout * cfg.ffn_dropout, cfg.activation)
        self.add_norm3 = AddNorm(cfg.d_model, cfg.dropout, pre, cfg.ln_eps)

    def forward(self, x, memory=None, tgt_mask=None, memory_mask=None,
                cache: tuple[KVCache, KVCache] | None = None) -> torch.Tensor:
        own, other = cache if cache is not None else (None, None)  # appended keys (self), computed-once keys (cross)
        x = self.add_norm1(x, lambda h: self.self_attn(h, mask=tgt_mask, causal=True, cache=own))  # (B, T, C)
        if self.cross_attn is not None:
            x = self.add_norm2(x, lambda h: self.cross_attn(h, memory, mask=memory_mask, cache=other))
        return self.add_norm3(x, self.feed_forward)


class Encoder(nn.Module):
    """N encoder layers; a final LayerNorm when pre-norm (post-norm already ends each layer normalised)."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.n_layers))
        self.norm = nn.LayerNorm(cfg.d_model, eps=cfg.ln_eps) if cfg.norm == "pre" else nn.Identity()

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x, mask)
        return self.norm(x)  # (B, S, C)


class Decoder(nn.Module):
    """N decoder layers (without cross-attention they make GPT's stack); `cache` holds one pair of KVCache a layer."""

    def __init__(self, cfg: TransformerConfig, n_layers: int, cross: bool = True):
        super().__init__()
        self.layers = nn.ModuleList(DecoderLayer(cfg, cross) for _ in range(n_layers))
        self.norm = nn.LayerNorm(cfg.d_model, eps=cfg.ln_eps) if cfg.norm == "pre" else nn.Identity()

    def forward(self, x, memory=None, tgt_mask=None, memory_mask=None, cache: list | None = None):
        for i, layer in enumerate(self.layers):
            x = layer(x, memory, tgt_mask, memory_mask, None if cache is None else cache[i])
        return self.norm(x)  # (B, T, C)
