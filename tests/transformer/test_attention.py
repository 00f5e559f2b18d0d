"""Attention: the explicit and fused paths agree, and our multi-head attention equals PyTorch's."""

from __future__ import annotations

import math

import pytest
import torch

from aprende.transformer.attention import MultiHeadAttention, attend, causal_mask, padding_mask


def _qkv(b=2, nh=3, t=5, s=7, hs=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(b, nh, t, hs, generator=g), torch.randn(b, nh, s, hs, generator=g),
            torch.randn(b, nh, s, hs, generator=g))


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("padded", [False, True])
@pytest.mark.parametrize("t,s", [(5, 5), (3, 7), (1, 6)])
def test_explicit_and_fused_paths_agree(causal, padded, t, s):
    q, k, v = _qkv(t=t, s=s)
    mask = None
    if padded:
        ids = torch.tensor([[1] * s, [1] * (s - 2) + [0, 0]])
        mask = padding_mask(ids, 0)  # (B, 1, 1, S)
    slow, w = attend(q, k, v, mask, causal, explicit=True)
    fast, none = attend(q, k, v, mask, causal, explicit=False)
    assert none is None and w.shape == (2, 3, t, s)
    torch.testing.assert_close(slow, fast, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(w.sum(-1), torch.ones(2, 3, t))


def test_explicit_path_is_the_formula():
    q, k, v = _qkv()
    out, w = attend(q, k, v, explicit=True)
    ref = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(4), dim=-1)
    torch.testing.assert_close(w, ref)
    torch.testing.assert_close(out, ref @ v)


def test_causal_mask_with_a_cache_sees_the_past_only():
    m = causal_mask(2, 5)  # the last 2 of 5 positions
    assert m.tolist() == [[True, True, True, True, False], [True, True, True, True, True]]


@pytest.mark.parametrize("explicit", [False, True])
@pytest.mark.parametrize("causal", [False, True])
def test_multi_head_attention_equals_torch(explicit, causal):
    torch.manual_seed(0)
    d, nh, b, t = 16, 4, 2, 6
    ours = MultiHeadAttention(d, nh, explicit=explicit).eval()
    ref = torch.nn.MultiheadAttention(d, nh, batch_first=True).eval()
    with torch.no_grad():
        ours.qkv.weight.copy_(ref.in_proj_weight)  # the same rows: W^Q, W^K, W^V
        ours.qkv.bias.copy_(0.1 * torch.randn(3 * d))  # torch starts at zero bias: make them matter
        ref.in_proj_bias.copy_(ours.qkv.bias)
        ours.out_proj.load_state_dict(ref.out_proj.state_dict())
    x = torch.randn(b, t, d)
    ids = torch.tensor([[1] * t, [1] * (t - 2) + [0, 0]])
    torch_mask = torch.ones(t, t, dtype=torch.bool).triu(1) if causal else None  # torch: True = hidden
    expected, _ = ref(x, x, x, key_padding_mask=ids == 0, attn_mask=torch_mask, need_weights=False)
    got = ours(x, mask=padding_mask(ids, 0), causal=causal)
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)


def test_cross_attention_equals_torch():
    torch.manual_seed(1)
    d, nh = 8, 2
    ours = MultiHeadAttention(d, nh).eval()
    ref = torch.nn.MultiheadAttention(d, nh, batch_first=True).eval()
    with torch.no_grad():
        ours.qkv.weight.copy_(ref.in_proj_weight)
        ours.qkv.bias.zero_()
        ours.out_proj.load_state_dict(ref.out_proj.state_dict())
    x, mem = torch.randn(3, 4, d), torch.randn(3, 9, d)
    expected, _ = ref(x, mem, mem, need_weights=False)
    torch.testing.assert_close(ours(x, mem), expected, atol=1e-5, rtol=1e-5)


def test_weights_are_kept_for_pictures():
    mha = MultiHeadAttention(8, 2).eval()
    mha.keep_weights = True
    mha(torch.randn(1, 3, 8), torch.randn(1, 5, 8))
    assert mha.weights.shape == (1, 2, 3, 5)


def test_weights_saved_with_separate_projections_still_load():
    """Runs and shipped models saved before q, k and v were fused into one layer load into it unchanged."""
    torch.manual_seed(0)
    ours = MultiHeadAttention(8, 2).eval()
    old = {f"{n}_proj.{kind}": part for kind in ("weight", "bias")
           for n, part in zip("qkv", getattr(ours.qkv, kind).detach().clone().chunk(3))}
    old.update({f"out_proj.{k}": v for k, v in ours.out_proj.state_dict().items()})
    x = torch.randn(2, 5, 8)
    expected = ours(x)
    fresh = MultiHeadAttention(8, 2).eval()
    fresh.load_state_dict(old)
    torch.testing.assert_close(fresh(x), expected)
