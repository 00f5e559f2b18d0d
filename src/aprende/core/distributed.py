"""DDP when launched by torchrun: the process group, who writes files, and each rank's share of a batch."""

from __future__ import annotations

import atexit
import os

import torch
import torch.distributed as dist

from aprende.core.device import pick_device


def is_distributed() -> bool:
    return dist.is_available() and dist.is_initialized()


def init_from_env(device: torch.device) -> bool:
    """Join the process group torchrun describes in the environment; False when not under torchrun."""
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return False
    if not is_distributed():
        backend = "nccl" if device.type == "cuda" else "gloo"
        if device.type == "cuda":
            torch.cuda.set_device(device)
        dist.init_process_group(backend=backend)
        atexit.register(_shutdown)
    return True


def _shutdown() -> None:
    """At exit, wait for every rank, then leave the group: a rank that leaves while rank 0 still writes its files
    would tear the connection down under it (gloo aborts the process)."""
    if is_distributed():
        try:
            dist.barrier()
        finally:
            dist.destroy_process_group()


def setup(device_name: str = "auto") -> bool:
    """Join torchrun's process group before a lab picks its run folder, so every rank agrees on one folder."""
    return init_from_env(pick_device(device_name))


def rank() -> int:
    return dist.get_rank() if is_distributed() else 0


def world_size() -> int:
    return dist.get_world_size() if is_distributed() else 1


def is_main() -> bool:
    """Only rank 0 writes files and prints."""
    return rank() == 0


def barrier() -> None:
    if is_distributed():
        dist.barrier()


def broadcast_object(obj):
    """Rank 0's value on every rank (e.g. the run folder, a stop decision)."""
    if not is_distributed():
        return obj
    box = [obj]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def shard(indices: list[int], batch_size: int) -> list[list[int]]:
    """Split a global order into this rank's batches: each global batch is cut into world_size equal parts."""
    ws, r = world_size(), rank()
    batches = []
    for start in range(0, len(indices), batch_size):
        chunk = indices[start : start + batch_size]
        per = len(chunk) // ws
        if per == 0:
            continue  # a tail smaller than the world cannot be split evenly; DDP needs every rank to step
        batches.append(chunk[r * per : (r + 1) * per])
    return batches
