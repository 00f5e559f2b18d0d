"""`aprende detect train`: images resized to the network's input, anchors from the data, the core training loop."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch.utils.data import TensorDataset

from aprende.core import distributed as dist
from aprende.core.console import say
from aprende.core.device import seed_everything
from aprende.core.errors import AprendeError
from aprende.core.runs import atomic_write_text, fresh_run, next_run_dir
from aprende.core.trainer import TrainConfig, fit, resume_config, saved_settings
from aprende.detection.anchors import box_sizes, kmeans_anchors
from aprende.detection.data import DetectionData, Sample, open_data
from aprende.detection.loss import LossScales, yolo_loss
from aprende.detection.model import SIZES, build_model


@dataclass
class DetectSettings:
    """Model and data settings; saved in config.yaml (and the model's in model.json)."""

    size: str = "tiny"
    width: float = 1.0
    depth: int | None = None
    img_size: int = 320
    anchors: int = 5
    val_fraction: float = 0.2
    flip: bool = True
    colour_jitter: float = 0.2
    scale_jitter: float = 0.25  # zoom in or out by up to 25 % (the article: 10 %)
    shift: float = 0.1  # move by up to 10 % of the image
    box_loss: float = 2.0  # weight of the CIoU term (0: the article's YOLOv2 loss)


def default_train_config(**overrides) -> TrainConfig:
    """AdamW with one-cycle; the best epoch is the one with the highest mAP@0.5 on the validation images."""
    base = dict(epochs=30, batch_size=16, lr=2e-3, optimizer="adamw", weight_decay=5e-4, scheduler="onecycle",
                grad_clip=10.0, monitor="map50", mode="max")
    base.update({k: v for k, v in overrides.items() if v is not None})
    return TrainConfig(**base)


@dataclass
class DetectResult:
    run_dir: Path
    metrics: dict
    classes: list[str]
    plots: dict[str, Path]


def split(n: int, fraction: float, seed: int) -> dict[str, np.ndarray]:
    """A seeded random split, as the article's 80/20; at least one validation image."""
    order = np.random.default_rng(seed).permutation(n)
    n_val = min(max(1, int(round(n * fraction))), n - 1)
    return {"train": np.sort(order[n_val:]), "val": np.sort(order[:n_val])}


def to_tensors(samples: list[Sample], size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(N, 3, S, S) uint8 images resized to the input, (N, M, 5) targets [class, box in input pixels], −1 padding."""
    n_max = max([len(s.labels) for s in samples] + [1])
    x = torch.zeros(len(samples), 3, size, size, dtype=torch.uint8)
    y = torch.full((len(samples), n_max, 5), -1.0)
    for i, s in enumerate(samples):
        with Image.open(s.image) as img:
            arr = np.asarray(img.convert("RGB").resize((size, size), Image.BILINEAR))
        x[i] = torch.from_numpy(arr.copy()).permute(2, 0, 1)
        if len(s.labels):
            scale = np.array([size / s.width, size / s.height] * 2, dtype=np.float32)
            y[i, : len(s.labels), 0] = torch.from_numpy(s.labels.astype(np.float32))
            y[i, : len(s.labels), 1:] = torch.from_numpy(s.boxes * scale)
    return x, y


def scale_translate(x: torch.Tensor, y: torch.Tensor, scale: float, shift: float) -> tuple[torch.Tensor, torch.Tensor]:
    """One random zoom and shift for the whole batch, boxes moved with the pixels by torchvision.transforms.v2."""
    from torchvision import tv_tensors
    from torchvision.transforms import v2

    size = x.shape[-1]
    b, m = torch.nonzero(y[..., 0] >= 0, as_tuple=True)  # (K,), (K,)
    tags = b * 10_000 + y[b, m, 0].long()  # batch index and class travel together through the transform
    tf = v2.Compose([v2.RandomAffine(degrees=0, translate=(shift, shift), scale=(1 - scale, 1 + scale), fill=0.45),
                     v2.ClampBoundingBoxes(), v2.SanitizeBoundingBoxes(min_size=3)])
    out = tf({"image": tv_tensors.Image(x), "labels": tags,
              "boxes": tv_tensors.BoundingBoxes(y[b, m, 1:], format="XYXY", canvas_size=(size, size))})
    new = torch.full_like(y, -1.0)
    counts = torch.zeros(y.shape[0], dtype=torch.long)
    for box, tag in zip(out["boxes"].as_subclass(torch.Tensor), out["labels"].tolist()):
        i = tag // 10_000
        new[i, counts[i], 0] = tag % 10_000
        new[i, counts[i], 1:] = box
        counts[i] += 1
    return out["image"].as_subclass(torch.Tensor), new


def augment(x: torch.Tensor, y: torch.Tensor, flip: bool, jitter: float, scale: float = 0.0,
            shift: float = 0.0) -> tuple[torch.Tensor, torch.Tensor]:
    """Random horizontal flips, zoom and shift (boxes move with the pixels), brightness/contrast/saturation jitter."""
    x = x.float() / 255  # (B, 3, S, S)
    y = y.clone()
    if flip:
        mask = torch.rand(x.shape[0], device=x.device) < 0.5
        x[mask] = x[mask].flip(-1)
        size = x.shape[-1]
        valid = (y[..., 0] >= 0) & mask[:, None]  # (B, M)
        x0 = y[..., 1].clone()
        y[..., 1] = torch.where(valid, size - y[..., 3], y[..., 1])
        y[..., 3] = torch.where(valid, size - x0, y[..., 3])
    if scale or shift:
        x, y = scale_translate(x, y, scale, shift)
    if jitter:
        b = x.shape[0]
        bright = 1 + (torch.rand(b, 1, 1, 1, device=x.device) * 2 - 1) * jitter
        contrast = 1 + (torch.rand(b, 1, 1, 1, device=x.device) * 2 - 1) * jitter
        sat = 1 + (torch.rand(b, 1, 1, 1, device=x.device) * 2 - 1) * jitter
        grey = x.mean(1, keepdim=True)
        x = grey + (x - grey) * sat
        mean = x.mean((1, 2, 3), keepdim=True)
        x = ((x - mean) * contrast + mean) * bright
        x = x.clamp(0, 1)
    return x, y


def write_splits(run_dir: Path, data: DetectionData, splits: dict[str, np.ndarray]) -> None:
    """splits/{train,val}.txt: image paths relative to the data folder, one a line."""
    for part, idx in splits.items():
        lines = [str(data.samples[i].image.relative_to(data.root)) for i in idx]
        atomic_write_text(run_dir / "splits" / f"{part}.txt", "\n".join(lines) + "\n")


def train(data: str | Path | None = None, dataset: str | None = None, fmt: str | None = None,
          settings: DetectSettings | None = None, cfg: TrainConfig | None = None, project=None, name=None,
          resume=None) -> DetectResult:
    """Read and check the data, fit anchors, train through core.fit, evaluate the best weights on validation."""
    from aprende.detection.evaluate import evaluate_model, report_run

    settings = settings or DetectSettings()
    if resume is not None:
        run_dir, saved, cfg = resume_config(resume, "detect", cfg)
        settings = saved_settings(saved, DetectSettings, run_dir)
        data, dataset, fmt = saved.get("data"), None, saved.get("format")
    cfg = cfg or default_train_config()
    if settings.size not in SIZES:
        raise AprendeError("detect.bad_model_size", name=settings.size, choices=", ".join(SIZES))
    if settings.img_size < 32 or settings.img_size % 32:
        raise AprendeError("detect.bad_size", value=settings.img_size)
    d = open_data(data, dataset, fmt, cfg.quiet)
    if len(d.samples) < 2:
        raise AprendeError("detect.too_few_images", n=len(d.samples), path=str(d.root))
    splits = split(len(d.samples), settings.val_fraction, cfg.seed)
    say("detect.data_summary", cfg.quiet or not dist.is_main(), path=str(d.root), n=len(d.samples),
        boxes=d.n_boxes, k=len(d.classes), train=len(splits["train"]), val=len(splits["val"]))
    train_part = DetectionData(d.root, d.format, d.classes, [d.samples[i] for i in splits["train"]])
    wh = box_sizes(train_part, settings.img_size)
    k = min(settings.anchors, len(np.unique(wh, axis=0)))
    anchors = kmeans_anchors(wh, k, cfg.seed, size=settings.img_size).anchors
    xtr, ytr = to_tensors(train_part.samples, settings.img_size)
    xval, yval = to_tensors([d.samples[i] for i in splits["val"]], settings.img_size)
    model_cfg = {"lab": "detect", "classes": d.classes, "anchors": [[round(float(v), 2) for v in a] for a in anchors],
                 "size": settings.size, "width": settings.width, "depth": settings.depth,
                 "img_size": settings.img_size}
    dist.setup(cfg.device)
    if resume is None:
        run_dir = dist.broadcast_object(next_run_dir("detect", name, project) if dist.is_main() else None)
    scales = LossScales(box=settings.box_loss)

    def loss_fn(model, batch):
        x, y = augment(*batch, settings.flip, settings.colour_jitter, settings.scale_jitter, settings.shift)
        return yolo_loss(model(x), y, model.anchors if hasattr(model, "anchors") else model.module.anchors,
                         32, scales)

    def evaluate(model):
        m = evaluate_model(model, xval, yval, d.classes)
        return {"map50": m.map50, "map50_95": m.map50_95}

    with fresh_run(run_dir):
        if resume is None and dist.is_main():
            run_dir.mkdir(parents=True, exist_ok=True)
            write_splits(run_dir, d, splits)
        seed_everything(cfg.seed)
        model = build_model(model_cfg)
        folder = str(d.root)
        settings_out = {"lab": "detect", "data": folder, "format": d.format, "settings": asdict(settings)}
        res = fit(model, TensorDataset(xtr, ytr), cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate,
                  model_config=model_cfg, settings=settings_out, resume=resume is not None, desc=settings.size)
        if not dist.is_main():
            return DetectResult(run_dir, {}, d.classes, {})
        metrics, plots = report_run(run_dir, xval, yval, d.classes)
    metrics.update(seconds=round(res.seconds, 1), epochs=res.epochs_run)
    return DetectResult(run_dir, metrics, d.classes, plots)
