"""`aprende detect train`: images resized to the network's input (or cut into tiles), anchors from the data, mosaic
and jitter on each batch, the core training loop."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torchvision import tv_tensors
from torchvision.transforms import v2

from aprende.core import distributed as dist
from aprende.core.checkpoint import load_state
from aprende.core.console import say
from aprende.core.device import seed_everything
from aprende.core.errors import AprendeError
from aprende.core.lifecycle import open_run, quiet_as_cfg, start_run
from aprende.core.runs import atomic_write_text
from aprende.core.trainer import TrainConfig, fit, plan_epochs
from aprende.detection.anchors import box_sizes, kmeans_anchors
from aprende.detection.data import DetectionData, open_data
from aprende.detection.evaluate import evaluate_model, report_run
from aprende.detection.loss import LossScales, yolo_loss
from aprende.detection.model import build_model
from aprende.detection.settings import BEFORE_PYRAMID, DetectSettings, default_train_config
from aprende.detection.tensors import DetectionSet, image_tensors

__all__ = ["DetectResult", "DetectSettings", "augment", "default_train_config", "mosaic", "split", "train_detector"]


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


def scale_translate(x: torch.Tensor, y: torch.Tensor, scale: float, shift: float) -> tuple[torch.Tensor, torch.Tensor]:
    """One random zoom and shift for the whole batch, boxes moved with the pixels by torchvision.transforms.v2."""
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


def mosaic(x: torch.Tensor, y: torch.Tensor, p: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
    """YOLOv4's mosaic: four images of the batch in a 2x2 square, cut back to S x S around a random centre.

    Each picture shows parts of four scenes, objects at their own scale and often cut at the seams, so the network
    sees more objects, contexts and edges per step. x (B, 3, S, S) uint8, y (B, M, 5); a share p of the batch is
    replaced, the rest left whole. Boxes are clipped to the cut and kept when a quarter of each remains.
    """
    bsz, _, size, _ = x.shape
    use = torch.rand(bsz) < p
    if not use.any():
        return x, y
    idx = torch.stack([torch.arange(bsz)] + [torch.randint(0, bsz, (bsz,)) for _ in range(3)], 1)  # (B, 4)
    ox, oy = torch.randint(size // 4, 3 * size // 4 + 1, (2, bsz))  # the cut's top-left in the 2S x 2S square
    boxes = y[idx.to(y.device)]  # (B, 4, M, 5)
    shift = torch.tensor([[0, 0], [size, 0], [0, size], [size, size]], dtype=torch.float32)  # quadrant corners
    xy = (shift[None, :, None, :] - torch.stack([ox, oy], 1).float()[:, None, None, :]).to(y.device)  # (B, 4, 1, 2)
    moved = boxes[..., 1:] + xy.repeat(1, 1, 1, 2)
    cut = moved.clamp(0, size)
    area = lambda b: (b[..., 2] - b[..., 0]).clamp_min(0) * (b[..., 3] - b[..., 1]).clamp_min(0)  # noqa: E731
    keep = (boxes[..., 0] >= 0) & (area(cut) >= 0.25 * area(moved)) & (cut[..., 2] - cut[..., 0] >= 2) & \
        (cut[..., 3] - cut[..., 1] >= 2)
    new_y = torch.cat([boxes[..., :1], cut], -1).flatten(1, 2)  # (B, 4M, 5)
    new_y[~keep.flatten(1, 2)] = -1.0
    new_x = x.clone()
    for i in torch.nonzero(use).flatten().tolist():
        a, b, c, d = (x[j] for j in idx[i].tolist())
        square = torch.cat([torch.cat([a, b], 2), torch.cat([c, d], 2)], 1)  # (3, 2S, 2S)
        new_x[i] = square[:, oy[i]:oy[i] + size, ox[i]:ox[i] + size]
    old = torch.full_like(new_y, -1.0)
    old[:, : y.shape[1]] = y
    new_y = torch.where(use.to(y.device)[:, None, None], new_y, old)
    order = torch.argsort((new_y[..., 0] < 0).float(), dim=1, stable=True)  # boxes first, padding last
    new_y = torch.gather(new_y, 1, order[..., None].expand(-1, -1, 5))
    n_max = max(1, int((new_y[..., 0] >= 0).sum(1).max()))
    return new_x, new_y[:, :n_max].contiguous()


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


def training_progress(cfg: TrainConfig, n_train: int, resumed_run: Path | None = None):
    """A function giving the share of training done (0..1), called once per step: by the clock under --max-time
    without --epochs, else by steps of the planned epochs. A resumed run starts where its last checkpoint ended."""
    per_epoch = len(dist.shard(list(range(n_train)), cfg.batch_size)) or 1
    epochs, why = plan_epochs(cfg, per_epoch)
    done = {"steps": 0, "elapsed": 0.0, "t0": None}
    if resumed_run is not None and (resumed_run / "weights" / "last.safetensors").is_file():
        state = load_state(resumed_run / "weights" / "last.safetensors")
        done.update(steps=int(state["epoch"]) * per_epoch, elapsed=float(state["elapsed"]))

    def progress() -> float:
        done["steps"] += 1
        if why == "clock":
            done["t0"] = done["t0"] or time.perf_counter()
            return (done["elapsed"] + time.perf_counter() - done["t0"]) / cfg.max_time
        return (done["steps"] - 1) / max(1, epochs * per_epoch)

    return progress


def write_splits(run_dir: Path, data: DetectionData, splits: dict[str, np.ndarray]) -> None:
    """splits/{train,val}.txt: image paths relative to the data folder, one a line."""
    for part, idx in splits.items():
        lines = [str(data.samples[i].image.relative_to(data.root)) for i in idx]
        atomic_write_text(run_dir / "splits" / f"{part}.txt", "\n".join(lines) + "\n")


def _read(data, dataset, fmt) -> DetectionData:
    """The annotated images, checked; at least one to train on and one to validate."""
    d = open_data(data, dataset, fmt)
    if len(d.samples) < 2:
        raise AprendeError("detect.too_few_images", n=len(d.samples), path=str(d.root))
    return d


@quiet_as_cfg
def train_detector(data: str | Path | None = None, dataset: str | None = None, fmt: str | None = None,
                   settings: DetectSettings | None = None, cfg: TrainConfig | None = None, project=None, name=None,
                   resume=None) -> DetectResult:
    """Read and check the data, fit anchors, train through core.fit, evaluate the best weights on validation."""
    cfg = cfg or default_train_config()
    d = None
    if resume is None:  # settings and data are checked before anything is written
        (settings or DetectSettings()).check()
        d = _read(data, dataset, fmt)
    start = start_run("detect", DetectSettings, settings, cfg, project=project, name=name, resume=resume,
                      check=DetectSettings.check, before=BEFORE_PYRAMID)  # an older run keeps its network
    settings, cfg, saved = start.settings, start.cfg, start.saved
    d = d or _read(saved.get("data"), saved.get("dataset"), saved.get("format"))
    with open_run(start, data=str(d.root), format=d.format) as run_dir:
        splits = split(len(d.samples), settings.val_fraction, cfg.seed)
        say("detect.data_summary", path=str(d.root), n=len(d.samples),
            boxes=d.n_boxes, k=len(d.classes), train=len(splits["train"]), val=len(splits["val"]))
        train_part = DetectionData(d.root, d.format, d.classes, [d.samples[i] for i in splits["train"]])
        xtr, ytr = image_tensors(train_part.samples, settings.img_size, settings.tile)
        xval, yval = image_tensors([d.samples[i] for i in splits["val"]], settings.img_size, settings.tile)
        if settings.tile:
            say("detect.tiles", n=len(d.samples), tiles=len(xtr) + len(xval),
                size=settings.img_size)
        wh = (ytr[:, 4:] - ytr[:, 2:4]).numpy() if settings.tile else \
            box_sizes(train_part, settings.img_size)
        k = min(settings.anchors, len(np.unique(wh, axis=0)))
        found = kmeans_anchors(wh, k, cfg.seed, size=settings.img_size, scales=settings.scales)
        model_cfg = {"lab": "detect", "classes": d.classes,
                     "anchors": [[round(float(v), 2) for v in a] for a in found.anchors], "size": settings.size,
                     "width": settings.width, "depth": settings.depth, "img_size": settings.img_size}
        if settings.scales > 1 or settings.multi_anchor or settings.tile:  # older model.json files lack these keys
            model_cfg.update(strides=found.strides, span=2.0 if settings.multi_anchor else 1.0, tile=settings.tile)
        if not start.resumed and dist.is_main():
            write_splits(run_dir, d, splits)
        seed_everything(cfg.seed)
        model = build_model(model_cfg)
        scales = LossScales(box=settings.box_loss, multi=settings.multi_anchor, iou_obj=settings.iou_obj)
        progress = training_progress(cfg, len(xtr), run_dir if start.resumed else None)

        def loss_fn(wrapped, batch):  # wrapped: the model, or its DistributedDataParallel wrapper
            x, y = batch
            if settings.mosaic and progress() < 1 - settings.close_mosaic:
                x, y = mosaic(x, y, settings.mosaic)
            x, y = augment(x, y, settings.flip, settings.colour_jitter, settings.scale_jitter, settings.shift)
            return yolo_loss(wrapped(x), y, model.anchors, model.strides, scales, x.shape[-1], model.span)

        def evaluate(net):
            m = evaluate_model(net, xval, yval, d.classes)
            return {"map50": m.map50, "map50_95": m.map50_95}

        saved = {"lab": "detect", "data": str(d.root), "format": d.format, "settings": asdict(settings)}
        res = fit(model, DetectionSet(xtr, ytr), cfg, run_dir, loss_fn=loss_fn, evaluate=evaluate,
                  model_config=model_cfg, resume=start.resumed, desc=settings.size)
        if not dist.is_main():
            return DetectResult(run_dir, {}, d.classes, {})
        metrics, plots = report_run(run_dir, xval, yval, d.classes)
    metrics.update(seconds=round(res.seconds, 1), epochs=res.epochs_run)
    return DetectResult(run_dir, metrics, d.classes, plots)
