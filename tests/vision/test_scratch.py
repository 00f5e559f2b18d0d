"""Our NumPy convolution and pooling equal PyTorch's on random inputs of many shapes."""

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from aprende.vision.scratch import KERNELS, conv2d, pool2d


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 2), groups=st.sampled_from([1, 2]), cin_per=st.integers(1, 3), out_per=st.integers(1, 3),
       h=st.integers(5, 12), w=st.integers(5, 12), k=st.integers(1, 4), stride=st.integers(1, 3),
       padding=st.integers(0, 2), dilation=st.integers(1, 2), bias=st.booleans(), seed=st.integers(0, 10_000))
def test_conv2d_equals_torch(n, groups, cin_per, out_per, h, w, k, stride, padding, dilation, bias, seed):
    if dilation * (k - 1) + 1 > min(h, w) + 2 * padding:
        return
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, cin_per * groups, h, w))
    wt = rng.normal(size=(out_per * groups, cin_per, k, k))
    b = rng.normal(size=out_per * groups) if bias else None
    ours = conv2d(x, wt, b, stride, padding, dilation, groups)
    ref = F.conv2d(torch.tensor(x), torch.tensor(wt), torch.tensor(b) if bias else None, stride, padding, dilation,
                   groups).numpy()
    np.testing.assert_allclose(ours, ref, rtol=1e-10, atol=1e-10)


def test_rectangular_stride_and_padding():
    rng = np.random.default_rng(0)
    x, wt = rng.normal(size=(1, 2, 9, 7)), rng.normal(size=(3, 2, 3, 2))
    ref = F.conv2d(torch.tensor(x), torch.tensor(wt), stride=(2, 1), padding=(1, 0), dilation=(1, 2)).numpy()
    np.testing.assert_allclose(conv2d(x, wt, stride=(2, 1), padding=(1, 0), dilation=(1, 2)), ref, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(h=st.integers(4, 13), w=st.integers(4, 13), k=st.integers(1, 3), stride=st.integers(1, 3),
       padding=st.integers(0, 1), seed=st.integers(0, 10_000))
def test_pooling_equals_torch(h, w, k, stride, padding, seed):
    if padding * 2 > k:
        return  # PyTorch requires padding <= kernel / 2
    x = np.random.default_rng(seed).normal(size=(2, 3, h, w))
    tx = torch.tensor(x)
    np.testing.assert_allclose(pool2d(x, k, stride, padding, "max"), F.max_pool2d(tx, k, stride, padding).numpy())
    np.testing.assert_allclose(pool2d(x, k, stride, padding, "avg"), F.avg_pool2d(tx, k, stride, padding).numpy(),
                               atol=1e-12)


def test_sobel_finds_a_vertical_edge():
    img = np.zeros((1, 1, 8, 8))
    img[..., 4:] = 1.0  # dark left half, bright right half
    out = conv2d(img, KERNELS["edges_vertical"][None, None], padding=1)[0, 0]
    assert out[:, 3:5].min() > 0 and np.abs(out[1:-1, :2]).max() == 0  # responds on the edge only
