"""On a CUDA GPU (skipped elsewhere): the fused path in bf16 agrees with the explicit one, and the cache on the GPU."""

from __future__ import annotations

import pytest
import torch

from aprende.transformer.attention import attend
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import GPT, generate

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@pytest.mark.parametrize("causal", [False, True])
def test_fused_bf16_path_agrees_with_the_explicit_one(causal):
    g = torch.Generator(device="cuda").manual_seed(0)
    q, k, v = (torch.randn(4, 8, 128, 64, device="cuda", dtype=torch.bfloat16, generator=g) for _ in range(3))
    slow, _ = attend(q, k, v, causal=causal, explicit=True)
    fast, _ = attend(q, k, v, causal=causal)
    assert (slow.float() - fast.float()).abs().max().item() < 0.05  # bf16 keeps ~3 significant digits


def test_kv_cache_gives_the_same_tokens_on_the_gpu():
    torch.manual_seed(0)
    model = GPT(TransformerConfig(vocab_size=100, d_model=64, n_heads=4, n_layers=2, d_ff=128, context=32,
                                  dropout=0.0)).cuda()
    for p in model.parameters():
        p.data.mul_(3.0)
    prompt = torch.randint(3, 100, (2, 5), device="cuda")
    runs = []
    for use_cache in (True, False):
        g = torch.Generator(device="cuda").manual_seed(0)
        runs.append(torch.stack(list(generate(model, prompt, 60, 1.0, 20, 0.95, use_cache, g)), 1))
    assert torch.equal(runs[0], runs[1])
