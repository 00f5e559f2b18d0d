"""The article's CNN, exactly, as the baseline; `fast`, our best accuracy per CPU second; and `wide`, the same
blocks wider and with one more stage, for small colour images (photos of 32 to 64 px), where there is more to see in
few pixels.

A convolution slides small kernels over the image and writes one feature map per kernel; an activation keeps the
useful responses; pooling halves the map, keeping the strongest response in each 2x2 window. Stacked, the early
layers see edges and the later ones shapes (article 4). Both models expose `features` (the convolutional part, in
order) and `head`, so `cnn explain` can show every step.
"""

from __future__ import annotations

import torch
from torch import nn

from aprende.vision.settings import ARCH, MODELS  # noqa: F401  (the models' names and sizes, declared with the settings)


class ArticleCNN(nn.Module):
    """Conv 32 3x3 same -> LeakyReLU 0.1 -> MaxPool 2 -> Dropout 0.5 -> Dense 32 -> LeakyReLU -> Dropout -> Dense N.
    Keras pools with padding "same", hence ceil_mode: 158,954 parameters on 21x28x3 images, as in the article."""

    def __init__(self, channels: int, n_classes: int, size: tuple[int, int]):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 32, 3, padding=1),  # (B, 32, H, W)
            nn.LeakyReLU(0.1),
            nn.MaxPool2d(2, ceil_mode=True),  # (B, 32, ceil(H/2), ceil(W/2))
        )
        h, w = (size[0] + 1) // 2, (size[1] + 1) // 2
        self.head = nn.Sequential(
            nn.Dropout(0.5), nn.Flatten(), nn.Linear(32 * h * w, 32), nn.LeakyReLU(0.1), nn.Dropout(0.5),
            nn.Linear(32, n_classes))

    def forward(self, x):
        return self.head(self.features(x))  # (B, n_classes) logits


def conv_bn(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class FastCNN(nn.Module):
    """conv-BN-ReLU stages (`widths`, `depth` convs each) with max-pooling in each, then a small dense head
    (`hidden` units; 0 for global average pooling): large batches, channels-last and bf16 make it quick on a CPU.
    `pool_first`: each stage pools right after its last convolution, so that convolution's BatchNorm and ReLU run on
    a quarter of the pixels (a step costs half as much on a CPU, where those memory-bound layers dominate)."""

    def __init__(self, channels: int, n_classes: int, size: tuple[int, int] = (28, 28),
                 widths: tuple[int, ...] = (32, 64), depth: int = 1, hidden: int = 128, dropout: float = 0.0,
                 pool_first: bool = True):
        super().__init__()
        layers: list[nn.Module] = []
        cin, (h, w) = channels, size
        for width in widths:
            for d in range(depth):
                block = conv_bn(cin, width)
                if pool_first and d == depth - 1:
                    block.insert(1, nn.MaxPool2d(2))  # conv -> pool -> BN -> ReLU
                layers += block
                cin = width
            if not pool_first:
                layers.append(nn.MaxPool2d(2))  # halve H and W
            h, w = h // 2, w // 2
        self.features = nn.Sequential(*layers)  # (B, widths[-1], H / 2^S, W / 2^S)
        drop = nn.Dropout(dropout) if dropout > 0 else nn.Identity()  # dropout costs a lot in bf16 on the CPU
        if hidden:
            self.head = nn.Sequential(nn.Flatten(), drop, nn.Linear(cin * h * w, hidden), nn.ReLU(inplace=True),
                                      nn.Linear(hidden, n_classes))
        else:
            self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), drop, nn.Linear(cin, n_classes))

    def forward(self, x):
        return self.head(self.features(x))  # (B, n_classes) logits


def build_model(cfg: dict) -> nn.Module:
    """A model from model.json's settings."""
    if cfg["model"] == "pretrained":  # a published ImageNet network (vision.pretrained), imported or fine-tuned
        from aprende.vision.pretrained import build_pretrained  # deferred: torchvision

        return build_pretrained(cfg)
    if cfg["model"] == "article":
        return ArticleCNN(cfg["channels"], len(cfg["classes"]), tuple(cfg["size"]))
    model = FastCNN(cfg["channels"], len(cfg["classes"]), tuple(cfg["size"]), tuple(cfg["widths"]), cfg["depth"],
                    cfg["hidden"], cfg["dropout"], cfg.get("pool_first", False))  # saved before the choice: pool last
    if cfg.get("whiten"):
        model.features[0].weight.requires_grad_(False)  # the data's whitening filters: fixed, not learned
    return model


WHITEN_SAMPLE = 2000  # training images whose 3x3 patches give the whitening filters


def whiten_from_images(conv: nn.Conv2d, x: torch.Tensor, mean, std) -> None:
    """`whiten` from uint8 training images (N, C, H, W): a fixed sample of them (the same on every process of a
    distributed run), normalised as the network sees them."""
    pick = torch.randperm(len(x), generator=torch.Generator().manual_seed(0))[:WHITEN_SAMPLE]
    whiten(conv, normalize(x[pick].float() / 255, mean, std))


def whiten(conv: nn.Conv2d, x: torch.Tensor, eps: float = 5e-4) -> None:
    """Set the first 3x3 convolution to the training images' whitening filters and freeze it: each filter reads one
    direction in which 3x3 patches vary (principal components, largest first), divided by its spread, once with
    each sign so the ReLU keeps both halves. The network starts from decorrelated inputs and skips that layer's
    gradient (on photos at 60 s: more passes and a better accuracy, benchmarks/results/classify.md).
    x: (N, C, H, W) normalised training images (a sample of a couple of thousand is plenty)."""
    c, k = conv.in_channels, conv.kernel_size[0]
    patches = nn.functional.unfold(x.float(), k)  # (N, C*k*k, L)
    patches = patches.transpose(1, 2).reshape(-1, c * k * k)  # (N*L, C*k*k)
    cov = patches.T @ patches / len(patches)  # (C*k*k, C*k*k)
    eigval, eigvec = torch.linalg.eigh(cov.double())  # ascending
    half = min(conv.out_channels // 2, c * k * k)  # grey 3x3 patches have only 9 directions
    eigval, eigvec = eigval.flip(0)[:half], eigvec.flip(1)[:, :half]  # the `half` largest
    w = (eigvec / (eigval + eps).sqrt()).T.reshape(half, c, k, k)  # (half, C, k, k)
    rest = conv.out_channels - 2 * half  # more filters than directions: random mixtures of the whitened ones
    mixing = torch.randn(rest, half, generator=torch.Generator().manual_seed(0), dtype=w.dtype) / half**0.5
    extra = (mixing @ w.reshape(half, -1)).reshape(rest, c, k, k)  # (rest, C, k, k)
    with torch.no_grad():
        conv.weight.copy_(torch.cat([w, -w, extra]).to(conv.weight.dtype))
    conv.weight.requires_grad_(False)


def normalize(x: torch.Tensor, mean, std, channels_last: bool = False) -> torch.Tensor:
    """0..1 float (B, C, H, W) -> normalised with the training set's mean and std, channels-last when asked."""
    m = torch.tensor(mean, device=x.device)[None, :, None, None]
    s = torch.tensor(std, device=x.device)[None, :, None, None]
    out = (x - m) / s
    return out.contiguous(memory_format=torch.channels_last) if channels_last else out


def prepare(x: torch.Tensor, mean, std, channels_last: bool = False) -> torch.Tensor:
    """uint8 (B, C, H, W) -> normalised float (B, C, H, W): what every model here takes as input."""
    return normalize(x.float() / 255, mean, std, channels_last)
