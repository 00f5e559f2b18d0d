"""Convolution and pooling by hand, in NumPy, as the CNN article explains them (tests: equal to PyTorch's).

A convolution slides a small kernel over the image; at each position it multiplies the kernel by the patch under it
and adds everything up (plus a bias): one number of the output feature map. Stride is the step of the slide,
padding adds zeros around the image, dilation spreads the kernel's taps apart. Pooling summarises each window by
its maximum or its average.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(v) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride=1, padding=0, dilation=1,
           groups: int = 1) -> np.ndarray:
    """x (N, C, H, W), w (O, C/groups, kh, kw), b (O,) -> (N, O, H', W'), like torch.nn.functional.conv2d."""
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    dh, dw = _pair(dilation)
    n, c, _, _ = x.shape
    o, cg, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    # every window of the (dilated) kernel's extent, then keep the taps the dilation selects
    span_h, span_w = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    win = sliding_window_view(x, (span_h, span_w), axis=(2, 3))[:, :, ::sh, ::sw, ::dh, ::dw]  # (N, C, H', W', kh, kw)
    out_h, out_w = win.shape[2], win.shape[3]
    out = np.empty((n, o, out_h, out_w), dtype=np.result_type(x, w))
    og = o // groups
    for g in range(groups):  # each group of outputs sees its own slice of the input channels
        patch = win[:, g * cg : (g + 1) * cg]  # (N, C/groups, H', W', kh, kw)
        kernel = w[g * og : (g + 1) * og]  # (O/groups, C/groups, kh, kw)
        out[:, g * og : (g + 1) * og] = np.einsum("nchwij,ocij->nohw", patch, kernel, optimize=True)
    if b is not None:
        out += b[None, :, None, None]
    return out


def pool2d(x: np.ndarray, kernel=2, stride=None, padding=0, mode: str = "max") -> np.ndarray:
    """Max or average pooling of x (N, C, H, W), like max_pool2d / avg_pool2d (average counts the zero padding)."""
    kh, kw = _pair(kernel)
    sh, sw = _pair(stride if stride is not None else kernel)
    ph, pw = _pair(padding)
    fill = -np.inf if mode == "max" else 0.0
    x = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]  # (N, C, H', W', kh, kw)
    return win.max(axis=(-2, -1)) if mode == "max" else win.mean(axis=(-2, -1))


# Hand-set kernels of the article: what a first layer often learns by itself.
KERNELS = {
    "edges_vertical": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float),  # Sobel x
    "edges_horizontal": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float),  # Sobel y
    "outline": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], float),
    "blur": np.ones((3, 3)) / 9.0,
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], float),
}
