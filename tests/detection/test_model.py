"""The detector's shapes, the passthrough, encode→decode round trip, and a batch it can learn by heart."""

from __future__ import annotations

import torch

from aprende.detection.loss import assign, yolo_loss
from aprende.detection.model import YOLO, decode_boxes, detect, grid_layout, space_to_depth

ANCHORS = [[20.0, 16.0], [40.0, 40.0], [70.0, 50.0]]


def test_output_shape_and_sizes():
    for size, s in (("tiny", 320), ("small", 416)):
        m = YOLO(4, ANCHORS, size).eval()
        with torch.no_grad():
            assert m(torch.randn(2, 3, s, s)).shape == (2, 3 * (s // 32) ** 2, 9)  # (B, A·G·G, 5 + C)
    tiny = sum(p.numel() for p in YOLO(4, ANCHORS).parameters())
    small = sum(p.numel() for p in YOLO(4, ANCHORS, "small").parameters())
    assert tiny < small and tiny < 5e6  # the article's network had 50.6M


def test_space_to_depth_moves_pixels_into_channels():
    x = torch.arange(16.0).view(1, 1, 4, 4)
    y = space_to_depth(x)
    assert y.shape == (1, 4, 2, 2)
    assert y[0, :, 0, 0].tolist() == [0.0, 1.0, 4.0, 5.0]  # the top-left 2x2 block
    assert sorted(y.flatten().tolist()) == x.flatten().tolist()


def _targets():
    return torch.tensor([[[0, 10, 12, 40, 30], [2, 60, 70, 150, 130]],
                         [[1, 5, 90, 45, 150], [-1, 0, 0, 0, 0]]], dtype=torch.float32)


def test_encode_then_decode_gives_the_boxes_back():
    anchors, stride, grid = torch.tensor(ANCHORS), 32, 5
    targets = _targets()
    b, n, k, a, gi, gj, reg, cls, _ = assign(targets, anchors, stride, grid * stride)
    out = torch.zeros(2, 3 * grid * grid, 8)
    xy = reg[:, :2].clamp(1e-4, 1 - 1e-4)
    out[b, n, :2] = torch.log(xy / (1 - xy))  # the inverse of the sigmoid
    out[b, n, 2:4] = reg[:, 2:]
    boxes = decode_boxes(out, grid_layout(anchors, [stride] * 3, grid * stride))[b, n]
    assert torch.allclose(boxes, targets[b, torch.tensor([0, 1, 0]), 1:], atol=1e-2)
    assert (n == a * grid * grid + gj * grid + gi).all()  # the flat index: anchor, row, column
    assert cls.tolist() == [0, 2, 1] and a.tolist()[1] == 2  # the big box goes to the big anchor
    from aprende.detection.loss import LossScales

    only_box = LossScales(coord=0, obj=0, noobj=0, cls=0, box=1)
    assert yolo_loss(out, targets, anchors, stride, only_box, 160).item() < 1e-3  # CIoU sees the same boxes
    out[b, n, 2:4] += 0.5
    assert yolo_loss(out, targets, anchors, stride, only_box, 160).item() > 0.1


def test_learns_one_batch_and_finds_its_boxes():
    torch.manual_seed(0)
    m = YOLO(3, ANCHORS)
    x, targets = torch.randn(2, 3, 160, 160), _targets()
    opt = torch.optim.Adam(m.parameters(), 3e-3)
    first = None
    for _ in range(80):
        loss = yolo_loss(m(x), targets, m.anchors, m.strides, size=160)
        first = first if first is not None else loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < first / 10
    m.eval()
    found = detect(m, x, conf=0.3)
    for (boxes, _, labels), tgt in zip(found, targets):
        want = tgt[tgt[:, 0] >= 0]
        assert sorted(labels.tolist()) == sorted(want[:, 0].long().tolist())
        from torchvision.ops import box_iou

        assert box_iou(boxes, want[:, 1:]).max(0).values.min() > 0.6


def test_augmentation_moves_boxes_with_the_pixels():
    from aprende.detection.train import augment

    torch.manual_seed(0)
    x = torch.zeros(3, 3, 96, 96, dtype=torch.uint8)
    x[0, :, 10:40, 20:50] = 255  # one white square, its box below
    y = torch.full((3, 2, 5), -1.0)
    y[0, 0] = torch.tensor([2.0, 20, 10, 50, 40])
    y[2, 0] = torch.tensor([1.0, 0, 0, 96, 96])
    for _ in range(10):
        xa, ya = augment(x, y, flip=True, jitter=0.0, scale=0.25, shift=0.1)
        ys, xs = torch.nonzero(xa[0, 0] > 0.9, as_tuple=True)
        if ya[0, 0, 0] < 0:
            assert len(xs) < 0.5 * 900  # the square left the picture, and its box with it
            continue
        assert ya[0, 0, 0] == 2 and ya[2, 0, 0] == 1 and (ya[1, :, 0] == -1).all()
        pixels = torch.tensor([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], dtype=torch.float32)
        assert (ya[0, 0, 1:] - pixels).abs().max() < 2.0
