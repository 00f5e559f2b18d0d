"""`aprende cnn explain`'s page ends as the chapter 04 does: flatten, dense layers, softmax, and a weight count."""

from __future__ import annotations

import numpy as np
from PIL import Image

from aprende.core.i18n import set_lang
from aprende.core.numbers import fmt
from aprende.vision import explain_image


def test_page_ends_with_probabilities_and_weight_counts(tmp_path):
    img = np.zeros((28, 28), np.uint8)
    img[6:22, 9:19] = 200  # something like a garment
    Image.fromarray(img).save(tmp_path / "prenda.png")
    set_lang("es")
    ex = explain_image(tmp_path / "prenda.png", project=tmp_path)  # the shipped CNN: 64 maps of 7x7, 256, 10
    page = ex.page.read_text(encoding="utf-8")
    assert ex.figures["probs"].is_file() and page.count("data:image/png;base64,") == len(ex.figures)
    assert "64 mapas de 7x7" in page and "3136 números" in page  # flatten: Spanish groups from five digits on
    assert "Softmax" in page and fmt(ex.top[0][1], percent=True) in page  # «40,6 %», as Spanish writes it
    # the first convolution: 1x28x28 -> 32x28x28 with 288 weights; a dense layer would need 784·25088 + 25088
    assert "<td>convolución 1</td><td>1 x 28 x 28</td><td>32 x 28 x 28</td><td>288</td><td>19\u202f694\u202f080</td>" in page
    assert "<td>densa 4</td>" in page and "<td>2570</td><td>2570</td><td>1</td>" in page  # a dense layer is itself


def test_page_in_english(tmp_path):
    Image.fromarray(np.full((28, 28), 90, np.uint8)).save(tmp_path / "x.png")
    set_lang("en")
    try:
        page = explain_image(tmp_path / "x.png", project=tmp_path).page.read_text(encoding="utf-8")
    finally:
        set_lang("es")
    assert "3,136 numbers" in page and "times more" in page and "19,694,080" in page
