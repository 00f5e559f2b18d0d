"""Which precision a CPU fine-tunes in: the faster of one timed step each way, bf16 given up when its warm-up crawls."""

from __future__ import annotations

import torch

from aprende.core.device import faster_precision


def _timed(costs: dict):
    """A step whose every call costs costs[precision] seconds on a fake clock, and the calls it saw."""
    now, calls = [0.0], []

    def step(dtype):
        name = "bf16" if dtype is torch.bfloat16 else "fp32"
        calls.append(name)
        now[0] += costs[name]

    return step, (lambda: now[0]), calls


def test_bf16_is_kept_where_its_step_is_faster():
    step, clock, calls = _timed({"fp32": 0.5, "bf16": 0.25})
    assert faster_precision(step, clock) == ("bf16", {"fp32": 0.5, "bf16": 0.25})
    assert calls == ["fp32", "fp32", "bf16", "bf16"]  # a warm-up and a timed step each


def test_fp32_is_kept_where_bf16_is_slower():
    step, clock, _ = _timed({"fp32": 0.25, "bf16": 0.5})
    assert faster_precision(step, clock)[0] == "fp32"


def test_a_crawling_bf16_warm_up_is_not_repeated():
    step, clock, calls = _timed({"fp32": 0.125, "bf16": 1.5})  # 12x slower, as on one AVX-512 BF16 CPU measured
    assert faster_precision(step, clock) == ("fp32", {"fp32": 0.125, "bf16": 1.5})
    assert calls == ["fp32", "fp32", "bf16"]
