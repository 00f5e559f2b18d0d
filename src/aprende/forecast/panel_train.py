"""One network over many series: samples are (series, day) pairs gathered from one scaled table, so memory grows with
series × days, not with series × days × lags; the id (and static columns) enter `embeddings` as entity embeddings."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset

from aprende.core.checkpoint import load_into
from aprende.core.device import seed_everything
from aprende.core.trainer import TrainConfig, fit
from aprende.forecast.features import calendar_features, fill_closed, level_in, level_out, take_level
from aprende.forecast.forecasters import StepFn
from aprende.forecast.model import SalesEnsemble, SalesNet, build_net, entity_dim, member_l1
from aprende.forecast.panel import PanelScaler, SalesPanel, static_codes, targets

EVAL_BATCH = 65_536  # validation samples per forward pass (bounded memory at 10,000 series)


def entity_sizes(panel: SalesPanel, id_dim: int = 0) -> tuple[list[int], list[int]]:
    """Sizes and widths of the id embedding and of each static column's embedding."""
    _, vocab = static_codes(panel)
    sizes = [panel.n_series] + [len(v) for v in vocab]
    dims = [id_dim or entity_dim(panel.n_series)] + [entity_dim(len(v)) for v in vocab]
    return sizes, dims


def build_panel_model(kind: str, s, sizes: list[int], dims: list[int]) -> SalesNet | SalesEnsemble:
    return build_net({"kind": kind, **asdict(s), "entities": sizes, "entity_dims": dims})


class Gather:
    """The whole panel as tensors once; a batch of (series, step) pairs becomes the network's inputs by indexing."""

    def __init__(self, panel: SalesPanel, scaler: PanelScaler, n_lags: int, center: bool = False,
                 window: bool = False, country: str = "ES"):
        cal = calendar_features(panel.dates, panel.freq, country)  # weekly: the week of the year in the weekday slot
        codes, _ = static_codes(panel)
        self.n_lags, self.center, self.window = n_lags, center, window
        filled = fill_closed(panel.values, panel.open)  # (n, S) closed days carry the last open day's sales
        self.cpu = {"scaled": torch.tensor(scaler.transform(filled, np.arange(panel.n_series)),
                                           dtype=torch.float32),  # (n, S)
                    "weekday": torch.as_tensor(cal["weekday"]), "month": torch.as_tensor(cal["month"]),
                    "holiday": torch.as_tensor(cal["holiday"]), "codes": torch.as_tensor(codes),  # (n, E)
                    "lo": torch.tensor(scaler.lo, dtype=torch.float32),
                    "span": torch.tensor(scaler.hi - scaler.lo, dtype=torch.float32)}
        self._on: dict[str, dict] = {}

    def on(self, device) -> dict:
        key = str(device)
        if key not in self._on:
            self._on[key] = {k: v.to(device) for k, v in self.cpu.items()}
        return self._on[key]

    def inputs(self, i: torch.Tensor, t: torch.Tensor):
        """(lags (B, L), weekday, month, holiday, codes (B, E)), y (B,) as the network sees them, and the level (B,):
        taken off both with `center`, divided into both with `window` (the window mean)."""
        f = self.on(i.device)
        i, t = i.long(), t.long()
        back = torch.arange(-self.n_lags, 0, device=i.device)
        lags = f["scaled"][i[:, None], t[:, None] + back[None, :]]  # (B, L)
        lags, level = take_level(lags, self.center, self.window)
        y = level_in(f["scaled"][i, t], level, self.window)
        return (lags, f["weekday"][t], f["month"][t], f["holiday"][t], f["codes"][i]), y, level

    def units(self, x: torch.Tensor, i: torch.Tensor, level: torch.Tensor) -> torch.Tensor:
        """The network's scale (x and level from `inputs`) back to units."""
        f = self.on(i.device)
        x = level_out(x, level, self.window)
        return (x + 1) * f["span"][i.long()] / 2 + f["lo"][i.long()]


def fit_panel_model(kind: str, panel: SalesPanel, s, cfg: TrainConfig, folder: Path, resume: bool,
                    end_val: int | None = None, id_dim: int = 0):
    """Train one global network on every series' days before `end_val`; (model with its best weights, scaler, secs)."""
    end_val = len(panel) - s.holdout if end_val is None else end_val
    end_train = end_val - s.val_steps
    scaler = PanelScaler.fit(panel.values[:, :end_train], panel.open[:, :end_train])
    gather = Gather(panel, scaler, s.n_lags, s.center, bool(s.window_scale), getattr(s, "country", "ES"))
    train_set = TensorDataset(*(torch.as_tensor(a) for a in targets(panel, s.n_lags, 0, end_train)))
    val_i, val_t = (torch.as_tensor(a) for a in targets(panel, s.n_lags, end_train, end_val))

    def loss(model, batch):
        x, y, _ = gather.inputs(*batch)
        return member_l1(model(*x, each=True), y)

    def evaluate(model):
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for a in range(0, len(val_i), EVAL_BATCH):
            i, t = val_i[a:a + EVAL_BATCH].to(device), val_t[a:a + EVAL_BATCH].to(device)
            x, y, level = gather.inputs(i, t)
            err = (gather.units(model(*x).float(), i, level) - gather.units(y, i, level)).abs()
            total, count = total + float(err.sum()), count + len(err)
        return {"val_mae": total / max(count, 1)}  # pooled, in units

    sizes, dims = entity_sizes(panel, id_dim)
    seed_everything(cfg.seed)
    model = build_panel_model(kind, s, sizes, dims)
    config = {"lab": "forecast", "kind": kind, **{k: v for k, v in asdict(s).items() if k != "models"},
              "entities": sizes, "entity_dims": dims,
              "scaler": {"lo": scaler.lo.tolist(), "hi": scaler.hi.tolist()}}
    t0 = time.perf_counter()
    fit(model, train_set, cfg, folder, loss_fn=loss, evaluate=evaluate, model_config=config,
        resume=resume, desc=kind)
    seconds = time.perf_counter() - t0
    model = build_panel_model(kind, s, sizes, dims)
    load_into(model, folder / "weights" / "best.safetensors")
    return model, scaler, seconds


def panel_step(model: torch.nn.Module, scaler: PanelScaler, n_lags: int, codes: np.ndarray,
               center: bool = False, window: bool = False, country: str = "ES", freq: str = "D") -> StepFn:
    """A global network as a step function over rows that are the panel's series in order (codes (n, E)); `freq`
    gives the calendar of its steps (days, weeks, months)."""
    model = model.float().eval().cpu()
    codes_t = torch.as_tensor(codes)

    def step(values, is_open, dates):
        rows = np.arange(len(values)) % len(codes)  # rows may stack several origins, each the series in order
        cal = calendar_features(dates, freq, country)
        lags = scaler.transform(fill_closed(values, is_open)[:, -n_lags:], rows)  # (n, L) as in training
        lags, level = take_level(torch.as_tensor(lags, dtype=torch.float32), center, window)
        with torch.no_grad():
            y = level_out(model(lags, torch.as_tensor(cal["weekday"]), torch.as_tensor(cal["month"]),
                                torch.as_tensor(cal["holiday"]), codes_t[torch.as_tensor(rows)]), level, window)
        return np.maximum(scaler.inverse(y.numpy().astype(np.float64), rows), 0.0)  # no product sells below 0

    return step


def id_embeddings(model: SalesNet | SalesEnsemble) -> np.ndarray | None:
    """(n_series, d · members) the learned id embeddings of an `embeddings` network, side by side for an ensemble
    (products that sell alike sit together in every member), or None."""
    nets = list(model.members) if isinstance(model, SalesEnsemble) else [model]
    if not getattr(nets[0], "entities", None):
        return None
    return np.concatenate([n.entities[0].weight.detach().float().cpu().numpy() for n in nets], axis=1)
