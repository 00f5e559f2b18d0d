"""Three models from the same parts: the paper's encoder-decoder, BERT (encoder only) and GPT (decoder only)."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from aprende.core import deadline
from aprende.transformer.attention import KVCache, padding_mask
from aprende.transformer.layers import Decoder, Encoder, PositionalEncoding, TokenEmbedding, TransformerConfig


def cache_length(cache: list[tuple[KVCache, KVCache]] | None) -> int:
    """How many positions a key/value cache already holds."""
    return cache[0][0].n if cache else 0


def new_cache(n_layers: int, capacity: int | None) -> list[tuple[KVCache, KVCache]]:
    """One (self-attention, cross-attention) pair of KVCache per decoder layer."""
    return [(KVCache(capacity), KVCache()) for _ in range(n_layers)]


class _Base(nn.Module):
    """Embedding, positional encoding and an output projection that shares the embedding's weights."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.cfg = cfg
        paper = cfg.init != "gpt2"
        self.embed = TokenEmbedding(cfg.vocab_size, cfg.d_model, scale=paper if cfg.scale_embed is None else
                                    cfg.scale_embed)
        self.pos = PositionalEncoding(cfg.d_model, cfg.context, cfg.dropout, cfg.positional == "learned",
                                      size=1.0 if paper else SMALL * math.sqrt(2))  # sinusoids' RMS is 1/√2

        # BERT: a segment vector (type 0: one text) and a LayerNorm after the embeddings
        self.token_type = nn.Embedding(cfg.token_types, cfg.d_model) if cfg.token_types else None
        self.embed_norm = nn.LayerNorm(cfg.d_model, eps=cfg.ln_eps) if cfg.embed_norm else None

    def embed_tokens(self, ids: torch.Tensor, start: int = 0) -> torch.Tensor:
        if self.token_type is None and self.embed_norm is None:
            return self.pos(self.embed(ids), start)  # (B, T) -> (B, T, C)
        x = self.embed(ids)
        if self.token_type is not None:
            x = x + self.token_type.weight[0]  # every token in segment 0
        pos = self.pos.learned.weight if self.pos.learned is not None else self.pos.pe
        x = x + pos[start:start + ids.size(1)]
        return self.pos.dropout(self.embed_norm(x) if self.embed_norm is not None else x)  # (B, T, C)

    def project(self, h: torch.Tensor) -> torch.Tensor:
        """Output projection tied to the embeddings (section 3.4): logits over the vocabulary."""
        return F.linear(h, self.embed.embedding.weight)  # (B, T, C) -> (B, T, V)

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def start_weights(self) -> None:
        """Called once the layers exist: `gpt2` replaces PyTorch's default starts with GPT-2's (small_init)."""
        if self.cfg.init == "gpt2":
            small_init(self)


SMALL = 0.02  # GPT-2's standard deviation for every starting weight


def small_init(model: nn.Module) -> None:
    """GPT-2's start: every linear and embedding weight N(0, 0.02), biases 0, and the two projections that write
    into the residual stream (W^O and the feed-forward's second layer) shrunk by √(2·layers), so the stream does not
    grow with depth. With the paper's √d_model-scaled tokens an untrained GPT mostly predicts the token it has just
    read (the tied output matches its input best); with this start it predicts about uniformly (loss ≈ ln V)."""
    n_layers = sum(1 for name, _ in model.named_modules() if name.endswith("feed_forward"))
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=SMALL)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)
    for name, p in model.named_parameters():
        if name.endswith(("out_proj.weight", "w2.weight")):
            nn.init.normal_(p, std=SMALL / math.sqrt(2 * max(n_layers, 1)))


class Seq2Seq(_Base):
    """The paper's translator: the encoder reads the source, the decoder writes the target one token at a time."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__(cfg)
        if cfg.sinusoid_layout != "interleaved":  # Marian's layout (positions are computed, never stored)
            self.pos = PositionalEncoding(cfg.d_model, cfg.context, cfg.dropout, cfg.positional == "learned",
                                          layout=cfg.sinusoid_layout)
        if cfg.pad_no_grad:
            self.embed.padding_idx = cfg.pad_id
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg, cfg.n_decoder_layers or cfg.n_layers, cross=True)
        if cfg.logits_bias:  # Marian's final_logits_bias: loaded, never trained (a buffer, as in Hugging Face's)
            self.register_buffer("logits_bias", torch.zeros(cfg.vocab_size))  # (V,)
        self.start_weights()

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mask = padding_mask(src, self.cfg.pad_id)  # (B, 1, 1, S)
        return self.encoder(self.embed_tokens(src), mask), mask  # (B, S, C)

    def decode(self, tgt, memory, memory_mask, cache: list | None = None) -> torch.Tensor:
        start = cache_length(cache)
        h = self.decoder(self.embed_tokens(tgt, start), memory, None, memory_mask, cache)  # (B, T, C)
        logits = self.project(h)  # (B, T, V)
        return logits + self.logits_bias if self.cfg.logits_bias else logits

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        memory, mask = self.encode(src)
        return self.decode(tgt, memory, mask)

    def new_cache(self, capacity: int | None = None) -> list[tuple[KVCache, KVCache]]:
        return new_cache(len(self.decoder.layers), capacity)


class BERT(_Base):
    """Encoder only, trained to guess masked words from both sides; the head is BERT's dense-GELU-norm-projection."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__(cfg)
        self.encoder = Encoder(cfg)
        self.mlm_dense = nn.Linear(cfg.d_model, cfg.d_model)
        self.mlm_norm = nn.LayerNorm(cfg.d_model, eps=cfg.ln_eps)
        self.mlm_bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.start_weights()

    def forward(self, ids: torch.Tensor, only: torch.Tensor | None = None) -> torch.Tensor:
        """Logits (B, T, V); with `only` (B, T) bool, just those positions' logits (M, V): training scores the hidden
        15 %, and the vocabulary projection, about two fifths of a step's work, then runs on those alone."""
        h = self.encoder(self.embed_tokens(ids), padding_mask(ids, self.cfg.pad_id))  # (B, T, C)
        if only is not None:
            h = h[only]  # (M, C)
        h = self.mlm_norm(F.gelu(self.mlm_dense(h)))
        return self.project(h) + self.mlm_bias  # (B, T, V) or (M, V)


class GPT(_Base):
    """Decoder only, without cross-attention: predicts each next token from the ones before it."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__(cfg)
        self.decoder = Decoder(cfg, cfg.n_layers, cross=False)
        self.start_weights()

    def forward(self, ids: torch.Tensor, cache: list | None = None) -> torch.Tensor:
        start = cache_length(cache)
        return self.project(self.decoder(self.embed_tokens(ids, start), cache=cache))  # (B, T, V)

    def new_cache(self, capacity: int | None = None) -> list[tuple[KVCache, KVCache]]:
        return new_cache(len(self.decoder.layers), capacity or self.cfg.context)


def sample(logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None,
           generator: torch.Generator | None = None) -> torch.Tensor:
    """Next token ids (B,) from the last logits (B, V): greedy at temperature 0, else top-k / nucleus sampling."""
    if temperature < 1e-4:  # 0 means greedy; a denormal temperature would overflow to inf/inf = nan
        return logits.argmax(dim=-1)
    logits = logits.float() / temperature
    if top_k:
        kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, -1:]  # (B, 1)
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p is not None and top_p < 1.0:
        sorted_logits, order = logits.sort(dim=-1, descending=True)
        probs = sorted_logits.softmax(-1)
        drop = probs.cumsum(-1) - probs > top_p  # keep the smallest set whose mass reaches top_p
        logits = logits.scatter(-1, order, sorted_logits.masked_fill(drop, float("-inf")))
    return torch.multinomial(logits.softmax(-1), 1, generator=generator).squeeze(-1)


@torch.no_grad()
def generate(model: GPT, ids: torch.Tensor, max_new_tokens: int, temperature: float = 1.0, top_k: int | None = None,
             top_p: float | None = None, use_cache: bool = True, generator: torch.Generator | None = None,
             stop_id: int | None = None):
    """Yield new token ids (B,) one at a time; with the cache each step feeds only the newest token.

    Both ways see the same window: when it is full it restarts from its second half, so they give the same tokens.
    Writing stops early when the caller's deadline (core.deadline) has passed."""
    model.eval()
    ctx = model.cfg.context
    cache = model.new_cache() if use_cache else None
    start = max(0, ids.size(1) - ctx)  # the window is ids[:, start:]
    step_in = ids[:, start:]  # (B, T)
    for _ in range(max_new_tokens):
        if deadline.passed():
            return
        if ids.size(1) - start > ctx:  # full: keep its second half
            start = ids.size(1) - ctx // 2
            cache = model.new_cache() if use_cache else None
            step_in = ids[:, start:]
        logits = model(step_in, cache)[:, -1, :]  # (B, V)
        nxt = sample(logits, temperature, top_k, top_p, generator)  # (B,)
        ids = torch.cat([ids, nxt[:, None]], dim=1)
        yield nxt
        if stop_id is not None and bool((nxt == stop_id).all()):
            return
        step_in = nxt[:, None] if cache is not None else ids[:, start:]
