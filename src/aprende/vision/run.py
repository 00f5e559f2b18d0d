"""The one loader: a classify run folder (or the shipped model) as a ready `Classifier`, and the run's own data.

The command line, the server, the tour and the notebooks all load a classifier here, so a broken run folder gives
the same message everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from aprende.core.errors import AprendeError
from aprende.core.images import MAX_PIXELS, open_image, to_array
from aprende.core.lifecycle import load_model, model_folder
from aprende.core.runs import read_yaml
from aprende.vision.data import ImageData, load_fashion_data, load_folder, read_split, with_test_folder
from aprende.vision.model import build_model, prepare

LAB = "classify"
SHIPPED = "classify"  # the shipped model's name (src/aprende/weights/classify)


@torch.no_grad()
def predict_logits(model: torch.nn.Module, x: torch.Tensor, cfg: dict, batch: int = 512) -> torch.Tensor:
    """(N, C, H, W) uint8 -> (N, K) logits, batched, float32 on the CPU; averaged with the mirrored image's when the
    run says so (test-time flip averaging, model.json "tta")."""
    model.eval()
    device = next(model.parameters()).device
    flip = bool(cfg.get("tta")) and bool(cfg.get("flips"))
    out = []
    for i in range(0, len(x), batch):
        xb = prepare(x[i : i + batch].to(device), cfg["mean"], cfg["std"])
        logits = model(xb).float()
        out.append(((logits + model(xb.flip(-1)).float()) / 2 if flip else logits).cpu())
    return torch.cat(out) if out else torch.zeros(0, len(cfg["classes"]))


@dataclass
class Classifier:
    """A trained CNN with what it needs to read an image: its size, channels, normalisation and class names."""

    model: torch.nn.Module
    config: dict  # model.json: classes, channels, size, mean, std, architecture
    run_dir: Path

    @property
    def classes(self) -> list[str]:
        return list(self.config["classes"])

    def tensor(self, images: Iterable[Image.Image]) -> torch.Tensor:
        """(N, C, H, W) uint8 at the model's size and channels (each image converted as it comes)."""
        cfg = self.config
        return torch.from_numpy(np.stack([to_array(im, cfg["channels"], tuple(cfg["size"])) for im in images]))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        """(N, C, H, W) uint8 -> (N, K) logits."""
        return predict_logits(self.model, x, self.config)

    def top(self, x: torch.Tensor, k: int = 3) -> list[list[tuple[str, float]]]:
        """The k most likely classes of each image, with their probabilities, most likely first."""
        probs = torch.softmax(self.logits(x), dim=1)  # (N, K)
        values, index = probs.topk(min(k, probs.shape[1]), dim=1)
        return [[(self.config["classes"][int(i)], float(v)) for v, i in zip(vs, ix)] for vs, ix in zip(values, index)]

    def classify(self, source: str | Path | bytes, k: int = 3, name: str | None = None,
                 max_pixels: int = MAX_PIXELS) -> list[tuple[str, float]]:
        """One image (a path, or its bytes named `name`) through the safe opener: its k most likely classes."""
        return self.top(self.tensor([open_image(source, name, max_pixels)]), k)[0]


def build(config: dict) -> torch.nn.Module:
    """model.json -> the network; a model.json of another lab is a damaged file for this one."""
    if config.get("lab", LAB) != LAB:
        raise KeyError("lab")
    return build_model(config)


def load_classifier(run: str | Path | None = None, device: str = "cpu") -> Classifier:
    """`--run DIR` (a classify run) or, when None, the shipped model, in eval mode with its best weights."""
    folder = model_folder(LAB, run, shipped=SHIPPED)
    model, config = load_model(folder, build, device=device)
    return Classifier(model.float(), config, folder)


def dataset_for_run(run_dir: str | Path) -> ImageData:
    """The run's own data with its saved splits (the same test images as at training time; those of its --test-data
    folder if it had one)."""
    run_dir = Path(run_dir)
    saved = read_yaml(run_dir / "config.yaml")
    if saved.get("data"):
        settings = saved.get("settings") or {}
        skip_bad = saved.get("skip_bad", False)
        d = load_folder(saved["data"], settings.get("img_size"), skip_bad,
                        channels=3 if saved.get("init") else None)  # a fine-tuned network reads colour
        n, test_folder = len(d.y), saved.get("test_data")
        if test_folder:
            d, _ = with_test_folder(d, test_folder, skip_bad)
        d.splits = {}
        for part in ("train", "val", "test"):
            root, lo, hi = (test_folder, n, len(d.y)) if part == "test" and test_folder else (saved["data"], 0, n)
            pos = {d.files[i]: i for i in range(lo, hi)}
            rows = read_split(run_dir, part)
            missing = [f for f, _ in rows if f not in pos]
            if missing:
                raise AprendeError("vision.split_missing", path=str(Path(root) / missing[0]))
            d.splits[part] = np.array([pos[f] for f, _ in rows], dtype=np.int64)
        return d
    d = load_fashion_data(0)
    try:
        d.splits["test"] = np.array([int(f) for f, _ in read_split(run_dir, "test")], dtype=np.int64)
    except ValueError:
        raise AprendeError("run.bad_file", path=str(run_dir / "splits" / "test.txt")) from None
    return d
