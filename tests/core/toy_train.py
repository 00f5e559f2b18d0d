"""A small deterministic training job for the loop's tests (run in-process, as a subprocess, or under torchrun).

usage: python toy_train.py RUN_DIR [--resume] [--slow SECONDS] [--epochs N] [--dropout P] [--batch B] [--out F]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch
from torch.utils.data import TensorDataset

from aprende.core.trainer import TrainConfig, fit


def make_data(n: int = 64) -> TensorDataset:
    g = torch.Generator().manual_seed(123)
    x = torch.randn(n, 5, generator=g)
    y = x @ torch.tensor([1.0, -2.0, 0.5, 0.0, 3.0]) + 0.1 * torch.randn(n, generator=g)
    return TensorDataset(x, y)


def make_model(dropout: float) -> torch.nn.Module:
    torch.manual_seed(7)
    return torch.nn.Sequential(torch.nn.Linear(5, 16), torch.nn.Tanh(), torch.nn.Dropout(dropout),
                               torch.nn.Linear(16, 1))


def run(run_dir: Path, resume: bool = False, slow: float = 0.0, epochs: int = 6, dropout: float = 0.2,
        batch: int = 8, optimizer: str = "adam", scheduler: str = "cosine", **cfg_extra) -> torch.nn.Module:
    data = make_data()
    model = make_model(dropout)

    def loss_fn(m, batch_):
        if slow:
            time.sleep(slow)
        x, y = batch_
        return torch.nn.functional.mse_loss(m(x).squeeze(-1).float(), y)

    def evaluate(m):
        x, y = data.tensors
        return {"val_loss": torch.nn.functional.mse_loss(m(x).squeeze(-1).float(), y).item()}

    cfg_extra.setdefault("device", "cpu")
    cfg = TrainConfig(epochs=epochs, batch_size=batch, lr=1e-2, optimizer=optimizer, scheduler=scheduler,
                      quiet=True, seed=3, **cfg_extra)
    fit(model, data, cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate, model_config={"toy": True}, resume=resume)
    return model


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("run_dir")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--slow", type=float, default=0.0)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--out", default=None)
    a = p.parse_args()
    model = run(Path(a.run_dir), a.resume, a.slow, a.epochs, a.dropout, a.batch, a.optimizer)
    import torch.distributed as dist

    if a.out and (not dist.is_initialized() or dist.get_rank() == 0):
        from safetensors.torch import save_file

        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, a.out)
    if dist.is_initialized():
        dist.barrier()  # leave together: the other rank may still be writing
        dist.destroy_process_group()
