"""The article's three networks, grown and with its flaws fixed: every model sees the sales history (the lags).

- `mlp`        (article model 1): the previous `n_lags` sales -> hidden -> next day's sales.
- `calendar`   (article model 2): lags + the forecast day's weekday, month (one-hot) and holiday flag.
- `embeddings` (article model 3): lags + learned embeddings of weekday and month + holiday flag. In the article the
  lags were declared but never connected; here they are.

Many series (a long table): the same three networks become global, one network over every series, each series
scaled on its own. `embeddings` then also learns an embedding of the series id, and of each static column (shop,
category): the entity embeddings of Guo & Berkhahn (2016), the article's weekday idea applied to the product.
"""

from __future__ import annotations

import torch
from torch import nn

MODELS = ("mlp", "calendar", "embeddings")
ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU}


class SalesNet(nn.Module):
    """A small feed-forward network on lags (and calendar); predicts the next step, scaled to [-1, 1]."""

    def __init__(self, kind: str = "mlp", n_lags: int = 7, hidden: int = 32, layers: int = 1,
                 dropout: float = 0.0, activation: str = "tanh", weekday_dim: int = 2, month_dim: int = 4,
                 entities: tuple[int, ...] = (), entity_dims: tuple[int, ...] = ()):
        super().__init__()
        self.kind = kind
        n_in = n_lags
        if kind == "calendar":
            n_in += 7 + 12 + 1
        elif kind == "embeddings":
            self.weekday = nn.Embedding(7, weekday_dim)  # article: Embedding(8, 2)
            self.month = nn.Embedding(12, month_dim)  # article: Embedding(13, 4)
            n_in += weekday_dim + month_dim + 1
            # entities: (n_series, n_shops, …) sizes of the id and each static column; empty for a single series
            self.entities = nn.ModuleList(nn.Embedding(n, d) for n, d in zip(entities, entity_dims))
            for emb in self.entities:  # small start (Keras' default, ±0.05): what the 2-D map shows is learned
                nn.init.uniform_(emb.weight, -0.05, 0.05)
            n_in += sum(entity_dims)
        blocks: list[nn.Module] = []
        for _ in range(layers):
            blocks += [nn.Linear(n_in, hidden), ACTIVATIONS[activation](), nn.Dropout(dropout)]
            n_in = hidden
        self.body = nn.Sequential(*blocks)
        self.head = nn.Linear(n_in, 1)

    def forward(self, lags, weekday, month, holiday, codes=None):
        # lags (B, L) scaled; weekday, month (B,) int64; holiday (B,) float; codes (B, E) int64: series id, statics
        x = lags
        if self.kind == "calendar":
            wd = nn.functional.one_hot(weekday, 7).to(lags.dtype)  # (B, 7)
            mo = nn.functional.one_hot(month, 12).to(lags.dtype)  # (B, 12)
            x = torch.cat([lags, wd, mo, holiday[:, None].to(lags.dtype)], dim=1)
        elif self.kind == "embeddings":
            parts = [lags, self.weekday(weekday).to(lags.dtype), self.month(month).to(lags.dtype),
                     holiday[:, None].to(lags.dtype)]
            parts += [emb(codes[:, j]).to(lags.dtype) for j, emb in enumerate(self.entities)]  # (B, d_j) each
            x = torch.cat(parts, dim=1)
        return self.head(self.body(x)).squeeze(-1)  # (B,)


def entity_dim(n: int) -> int:
    """Embedding width for n categories: the usual 1.6·n^0.56 rule, between 2 and 16 (small networks here)."""
    return int(min(16, max(2, round(1.6 * n**0.56))))
