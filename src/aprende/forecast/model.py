"""The article's three networks, grown and with its flaws fixed: every model sees the sales history (the lags).

- `mlp`        (article model 1): the previous `n_lags` sales -> hidden -> next day's sales.
- `calendar`   (article model 2): lags + the forecast day's weekday, month (one-hot) and holiday flag.
- `embeddings` (article model 3): lags + learned embeddings of weekday and month + holiday flag. In the article the
  lags were declared but never connected; here they are.

Many series (a long table): the same three networks become global, one network over every series, each series
scaled on its own. `embeddings` then also learns an embedding of the series id, and of each static column (shop,
category): the entity embeddings of Guo & Berkhahn (2016), the article's weekday idea applied to the product.
With `members` > 1 a model is several such networks trained side by side, forecasting their mean.
"""

from __future__ import annotations

import torch
from torch import nn

from aprende.forecast.settings import MODELS  # noqa: F401  (declared with the settings)

ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU}


class SalesNet(nn.Module):
    """A small feed-forward network on lags (and calendar); predicts the next step, scaled to [-1, 1]."""

    def __init__(self, kind: str = "mlp", n_lags: int = 7, hidden: int = 32, layers: int = 1,
                 dropout: float = 0.0, activation: str = "tanh", weekday_dim: int = 2, month_dim: int = 4,
                 entities: tuple[int, ...] = (), entity_dims: tuple[int, ...] = (), n_weekday: int = 7,
                 n_known: int = 0):
        super().__init__()
        self.kind, self.n_weekday = kind, n_weekday  # n_weekday: 7 weekdays, or 53 weeks of the year (weekly data)
        n_in = n_lags + n_known  # n_known: values known ahead for the step (price, promo), scaled
        if kind == "calendar":
            n_in += n_weekday + 12 + 1
        elif kind == "embeddings":
            self.weekday = nn.Embedding(n_weekday, weekday_dim)  # article: Embedding(8, 2)
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

    def forward(self, lags, weekday, month, holiday, codes=None, each: bool = False, known=None):
        # lags (B, L) scaled; weekday, month (B,) int64; holiday (B,) float; codes (B, E) int64: series id, statics;
        # known (B, C) the step's known values -> (B,); with `each` (B, 1), the shape of an ensemble's members
        lags = lags if known is None else torch.cat([lags, known.to(lags.dtype)], dim=1)  # (B, L + C)
        x = lags
        if self.kind == "calendar":
            wd = nn.functional.one_hot(weekday, self.n_weekday).to(lags.dtype)  # (B, 7 or 53)
            mo = nn.functional.one_hot(month, 12).to(lags.dtype)  # (B, 12)
            x = torch.cat([lags, wd, mo, holiday[:, None].to(lags.dtype)], dim=1)
        elif self.kind == "embeddings":
            parts = [lags, self.weekday(weekday).to(lags.dtype), self.month(month).to(lags.dtype),
                     holiday[:, None].to(lags.dtype)]
            parts += [emb(codes[:, j]).to(lags.dtype) for j, emb in enumerate(self.entities)]  # (B, d_j) each
            x = torch.cat(parts, dim=1)
        out = self.head(self.body(x))  # (B, 1)
        return out if each else out.squeeze(-1)


class SalesEnsemble(nn.Module):
    """`members` networks of one kind trained on the same batches, each with its own loss; the forecast is their
    mean. Networks that differ only in their random start err differently, so their mean errs less than each."""

    def __init__(self, members: int, *args, **kwargs):
        super().__init__()
        self.kind = args[0] if args else kwargs.get("kind", "mlp")
        self.members = nn.ModuleList(SalesNet(*args, **kwargs) for _ in range(members))

    def forward(self, *inputs, each: bool = False, known=None):
        out = torch.cat([m(*inputs, each=True, known=known) for m in self.members], dim=1)  # (B, K)
        return out if each else out.mean(dim=1)


def member_l1(pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(B, K) forecasts of the members, y (B,): the MAE of each member against y, averaged over members, so
    every member learns as if alone."""
    pred = pred.float()  # (B, K)
    return torch.nn.functional.l1_loss(pred, y[:, None].expand_as(pred))


def build_net(config: dict) -> SalesNet | SalesEnsemble:
    """The network a config describes (model.json, or a run's settings plus entity sizes); old runs: one member."""
    args = (config["kind"], int(config["n_lags"]), config["hidden"], config["layers"], config["dropout"],
            config["activation"])
    kwargs = dict(entities=tuple(config.get("entities", ())), entity_dims=tuple(config.get("entity_dims", ())),
                  n_weekday=53 if config.get("freq", "D") == "W" else 7,  # weekly: the week of the year
                  n_known=len(config.get("covariates") or ()))
    members = int(config.get("members") or 1)
    return SalesNet(*args, **kwargs) if members == 1 else SalesEnsemble(members, *args, **kwargs)


def entity_dim(n: int) -> int:
    """Embedding width for n categories: the usual 1.6·n^0.56 rule, between 2 and 16 (small networks here)."""
    return int(min(16, max(2, round(1.6 * n**0.56))))
