"""What a classification run is asked, each setting declared once with its range (the CLI is made from these
fields); the models' names and sizes. No PyTorch here: `aprende classify train --help` is built from this file."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.settings import setting

MODELS = ("fast", "wide", "article")
# widths, depth, hidden units of the head (0: global average pooling) of each model, unless the user sets them
ARCH = {"fast": ([32, 64, 128], 1, 256), "wide": ([64, 128, 256], 1, 0), "article": ([32], 1, 32)}
TOP_K = 3  # classes shown per image by `classify predict`
CSV_NAME = "predictions.csv"  # a folder's results, unless --out names another file
SIZE = 128  # `cnn demo`: the longest side, in pixels: big enough to see edges, small enough for NumPy


def parse_widths(text: str) -> list[int]:
    """--widths 32,64,128."""
    return [int(w) for w in text.split(",")]


def parse_size(text: str) -> list[int]:
    """--img-size 28 (square) or 21x28 (height x width)."""
    parts = [int(v) for v in text.lower().replace("x", " ").split()]
    if len(parts) not in (1, 2):
        raise ValueError(text)
    return parts * 2 if len(parts) == 1 else parts


MIXES = ("none", "mixup", "cutmix")
SMALL_SET = 20_000  # images: up to here the average of the weights (EMA) is on by default (fit_to_data)


@dataclass
class ClassifySettings:
    """The model and data settings; saved in config.yaml and (for the model) model.json."""

    model: str = setting("fast", "vision.opt.model", choices=MODELS)
    # None: the model's own (model.ARCH), as are depth and hidden
    widths: list[int] | None = setting(None, "vision.opt.widths", range=(1, 4096), parse=parse_widths)
    depth: int | None = setting(None, "vision.opt.depth", range=(1, 16))
    hidden: int | None = setting(None, "vision.opt.hidden", range=(0, 65536))
    dropout: float = setting(0.0, range=(0.0, 0.99))
    img_size: list[int] | None = setting(None, "vision.opt.img_size", range=(4, 4096), parse=parse_size)
    # None: see smoothing(); 0 for `article` (the article's plain loss)
    label_smoothing: float | None = setting(None, "vision.opt.label_smoothing", range=(0.0, 0.99))
    # None: 2 px, or 0 under a --max-time of 2 minutes or less (it slows short runs)
    shift: int | None = setting(None, "vision.opt.shift", range=(0, 8))
    flips: bool | None = setting(None, "vision.opt.flips", flag=True)  # None: where the data set allows
    # random resized crops with small rotations; None: on for a folder (photos)
    crops: bool | None = setting(None, "vision.opt.crops", flag=True)
    rotate: float = setting(10.0, "vision.opt.rotate", range=(0.0, 45.0))  # degrees, with crops
    color_jitter: bool = setting(False, "vision.opt.color_jitter", flag=True)  # off: colour often carries the class
    # none | mixup | cutmix; None: cutmix for small sets and long budgets (see mixing)
    mix: str | None = setting(None, "vision.opt.mix", choices=MIXES)
    # average each test image's answer with its mirror image's, where flips are allowed
    tta: bool = setting(True, "vision.opt.tta", flag=True)
    # share of a folder for validation (of the training part with --test-data)
    val_split: float = setting(0.1, "vision.opt.val_split", range=(0.0, 0.9))
    # share of a folder for the test (none with --test-data)
    test_split: float = setting(0.2, "vision.opt.test_split", range=(0.0, 0.9))
    channels_last: bool = True
    pool_first: bool = True  # conv -> pool -> BN -> ReLU at the end of each stage: half the cost of a step on a CPU
    # first convolution = the data's whitening filters, frozen; None: on (not `article`)
    whiten: bool | None = setting(None, "vision.opt.whiten", flag=True)
    # with --init: keep the published network's backbone fixed (train the new head only, one phase)
    freeze: bool = setting(False, "vision.opt.freeze", flag=True)

    def smoothing(self, n_train: int = SMALL_SET + 1) -> float:
        """The label smoothing this run uses: the user's, else none for the article's model, 0.2 for a small set (a
        stronger hold on a few thousand photos: +0.3 to +0.9 of a point at 60 s) and 0.1 for a large one (0.2 cost
        Fashion-MNIST 0.4 of a point)."""
        if self.label_smoothing is not None:
            return self.label_smoothing
        if self.model == "article":
            return 0.0
        return 0.2 if n_train <= SMALL_SET else 0.1

    def arch(self, size: tuple[int, int] | None = None) -> tuple[list[int], int, int]:
        """(widths, depth, hidden) of this run: the user's, else the model's own; `fast` keeps the stages whose maps
        stay at least 4 px (28 px images: two stages, 32 px colour patches or larger: three)."""
        widths, depth, hidden = ARCH.get(self.model, ARCH["fast"])
        if self.model == "fast" and size is not None:
            widths = widths[:max(1, sum(min(size) // 2 ** (k + 1) >= 4 for k in range(len(widths))))]
        return (list(self.widths) if self.widths is not None else widths,
                self.depth if self.depth is not None else depth, self.hidden if self.hidden is not None else hidden)

    def whitening(self) -> bool:
        """Whether this run whitens its first convolution: the user's choice, else on for our models (photos at 60 s:
        about a point; Fashion-MNIST: half as many epochs again in the same time)."""
        return self.model != "article" and self.whiten is not False

    def mixing(self) -> str:
        """The mix this run uses: the user's, else none. CutMix by default on small sets with long budgets lost
        1-2 points on held-out photo patches (benchmarks/results/classify.md), so it is a choice, not a default."""
        return self.mix if self.mix is not None else "none"
