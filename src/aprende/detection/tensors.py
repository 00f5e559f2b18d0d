"""From annotated images to the network's tensors: images resized (or cut into full-resolution tiles for large
ones) with sparse (K, 6) targets [image, class, box], padded per batch only, and back to per-image boxes."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

from aprende.detection.data import Sample, open_picture


def _rows(i: int, labels: np.ndarray, boxes: np.ndarray) -> torch.Tensor:
    """(K, 6) target rows [image, class, xmin, ymin, xmax, ymax] of image i."""
    rows = np.empty((len(labels), 6), np.float32)
    rows[:, 0], rows[:, 1], rows[:, 2:] = i, labels, boxes
    return torch.from_numpy(rows)


def _flat(rows: list[torch.Tensor]) -> torch.Tensor:
    return torch.cat(rows) if rows else torch.zeros((0, 6))


def to_tensors(samples: list[Sample], size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(N, 3, S, S) uint8 images resized to the input and their (K, 6) targets [image, class, box in input pixels]:
    one row per box, never padded to the largest box count (one crowded label file costs only its own rows)."""
    x = torch.zeros(len(samples), 3, size, size, dtype=torch.uint8)
    rows = []
    for i, s in enumerate(samples):
        arr = np.asarray(open_picture(s.image).resize((size, size), Image.BILINEAR))  # (S, S, 3)
        x[i] = torch.from_numpy(arr.copy()).permute(2, 0, 1)
        if len(s.labels):
            scale = np.array([size / s.width, size / s.height] * 2, dtype=np.float32)
            rows.append(_rows(i, s.labels.astype(np.float32), s.boxes * scale))
    return x, _flat(rows)


TILE_OVERLAP = 0.2  # neighbouring tiles share a fifth of their side, so an object cut by one is whole in the next
TILE_KEEP = 0.4  # a box cut by a tile's edge is kept when this share of it is inside


def tile_origins(length: int, size: int, overlap: float = TILE_OVERLAP) -> list[int]:
    """Where tiles of `size` start along a side of `length` pixels: overlapping, the last flush with the edge."""
    if length <= size:
        return [0]
    step = max(1, int(size * (1 - overlap)))
    starts = list(range(0, length - size, step))
    return starts + [length - size]


def tiles_of(width: int, height: int, size: int) -> list[tuple[int, int]]:
    """(x0, y0) of every tile of an image; one tile (the whole image, resized) when it is no larger than size."""
    return [(x, y) for y in tile_origins(height, size) for x in tile_origins(width, size)]


def crop_boxes(boxes: np.ndarray, labels: np.ndarray, x0: int, y0: int, w: int, h: int):
    """The boxes seen through a window (x0, y0, w, h), in its pixels: clipped, kept when TILE_KEEP of each shows."""
    if not len(boxes):
        return boxes, labels
    moved = boxes - np.array([x0, y0, x0, y0], dtype=np.float32)
    clipped = np.clip(moved, 0, [w, h, w, h]).astype(np.float32)
    area = lambda b: (b[:, 2] - b[:, 0]).clip(0) * (b[:, 3] - b[:, 1]).clip(0)  # noqa: E731
    keep = (area(clipped) >= TILE_KEEP * area(moved)) & (clipped[:, 2] - clipped[:, 0] >= 2) & \
        (clipped[:, 3] - clipped[:, 1] >= 2)
    return clipped[keep], labels[keep]


def to_tiles(samples: list[Sample], size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Like to_tensors, but images larger than size are cut into overlapping size x size tiles at full resolution
    (smaller ones are resized whole, as without tiles); each tile is one image of the (K, 6) targets."""
    images, rows = [], []
    for s in samples:
        tiles = tiles_of(s.width, s.height, size)
        if len(tiles) == 1 and (s.width <= size and s.height <= size):
            x, t = to_tensors([s], size)
            t[:, 0] = len(images)
            images.append(x)
            rows.append(t)
            continue
        img = open_picture(s.image)
        w, h = min(size, s.width), min(size, s.height)
        for x0, y0 in tiles:
            crop = img.crop((x0, y0, x0 + w, y0 + h)).resize((size, size), Image.BILINEAR)
            boxes, labels = crop_boxes(s.boxes, s.labels, x0, y0, w, h)
            rows.append(_rows(len(images), labels.astype(np.float32), boxes * np.array([size / w, size / h] * 2,
                                                                                        np.float32)))
            images.append(torch.from_numpy(np.asarray(crop).copy()).permute(2, 0, 1)[None])
    return torch.cat(images), _flat(rows)


def image_tensors(samples: list[Sample], size: int, tile: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """The network's inputs (N, 3, S, S) and their (K, 6) targets: whole images resized, or (tile) full-resolution
    tiles."""
    return to_tiles(samples, size) if tile else to_tensors(samples, size)


def _spans(targets: torch.Tensor, images) -> tuple[list[int], list[int]]:
    """Where each image's rows start and end in targets (rows sorted by image, as to_tensors/to_tiles write them)."""
    ids, images = targets[:, 0].contiguous(), torch.as_tensor(images, dtype=targets.dtype)
    return torch.searchsorted(ids, images).tolist(), torch.searchsorted(ids, images, right=True).tolist()


def pad_targets(targets: torch.Tensor, images) -> torch.Tensor:
    """(K, 6) targets -> (B, M, 5) [class, box] of the images (indices) in that order, class −1 padding: M is the
    largest box count of these B images only, the form the loss and the augmentations read."""
    lo, hi = _spans(targets, images)
    y = torch.full((len(lo), max([1] + [b - a for a, b in zip(lo, hi)]), 5), -1.0)
    for j, (a, b) in enumerate(zip(lo, hi)):
        y[j, : b - a] = targets[a:b, 1:]
    return y


class DetectionSet(torch.utils.data.Dataset):
    """Training images (N, 3, S, S) uint8 with (K, 6) sparse targets; batch(idx) pads only to that batch's largest
    box count (core.fit calls it), so the padded tensor never spans the whole set."""

    def __init__(self, x: torch.Tensor, targets: torch.Tensor):
        self.x, self.targets = x, targets

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i: int):
        return self.batch([i])

    def to_device(self, device) -> DetectionSet:
        """The images on the device when they take under 2 GB (indexed there, no copy per step); targets stay."""
        small = self.x.numel() * self.x.element_size() < 2 * 2**30
        return DetectionSet(self.x.to(device), self.targets) if small else self

    def batch(self, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, 3, S, S) images and (B, M, 5) targets of the images idx, in that order."""
        return self.x[torch.as_tensor(idx, dtype=torch.long, device=self.x.device)], pad_targets(self.targets, idx)


def unpack_targets(targets: torch.Tensor, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(K, 6) targets of n images -> per image (boxes (k, 4), labels (k,)) as NumPy, in the rows' order."""
    lo, hi = _spans(targets, range(n))
    return [(targets[a:b, 2:].numpy(), targets[a:b, 1].long().numpy()) for a, b in zip(lo, hi)]
