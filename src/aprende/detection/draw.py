"""Boxes drawn on a picture: the same look for predict, video, the validation grid and the web page."""

from __future__ import annotations

from PIL import Image, ImageDraw

from aprende.core.numbers import fmt

PALETTE = [(230, 25, 75), (0, 130, 200), (255, 225, 25), (60, 180, 75), (245, 130, 48), (145, 30, 180),  # lego order
           (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212)]


def draw(img: Image.Image, boxes, scores, labels, classes: list[str]) -> Image.Image:
    """A copy of img with each box, its class and score."""
    img = img.convert("RGB").copy()
    d = ImageDraw.Draw(img)
    for box, score, label in zip(boxes, scores, labels):
        colour = PALETTE[int(label) % len(PALETTE)]
        x0, y0, x1, y1 = (float(v) for v in box)
        d.rectangle([x0, y0, x1, y1], outline=colour, width=2)
        text = f"{classes[int(label)]} {fmt(float(score), 2)}"
        d.rectangle([x0, max(0, y0 - 11), x0 + 6 * len(text) + 2, max(0, y0 - 11) + 11], fill=colour)
        d.text((x0 + 1, max(0, y0 - 11)), text, fill=(0, 0, 0))
    return img
