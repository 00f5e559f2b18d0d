"""What the serve tests build: tiny trained runs, and small uploads (a sales CSV, a PNG, a lego scene)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from tests.helpers import SENTENCES


def tiny_runs(root: Path) -> dict[str, str]:
    """classify, detect, gpt and bert run folders, each trained for a second or two."""
    from aprende.datasets.lego import write_lego
    from aprende.detection.settings import DetectSettings
    from aprende.detection.settings import default_train_config as detect_cfg
    from aprende.detection.train import train_detector as train_detect
    from aprende.transformer import bert, gpt
    from aprende.vision.train import ClassifySettings, default_train_config
    from aprende.vision.train import train_classifier as train_classify
    from tests.vision.builders import make_folder

    runs = {}
    shapes = make_folder(root / "formas", per_class=12)
    res = train_classify(shapes, settings=ClassifySettings(widths=[8, 16], hidden=16),
                         cfg=default_train_config("fast", epochs=1, batch_size=8, quiet=True), project=root / "runs")
    runs["classify"] = str(res.run_dir)
    lego = write_lego(root / "lego", n_images=8, size=96, seed=0)
    res = train_detect(lego, settings=DetectSettings(img_size=96),
                       cfg=detect_cfg(epochs=1, batch_size=8, quiet=True), project=root / "runs")
    runs["detect"] = str(res.run_dir)
    text = root / "texto.txt"
    text.write_text("\n\n".join(SENTENCES[i % 5] + f" Frase {i % 7}." for i in range(60)), encoding="utf-8")
    small = dict(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64, context=16, dropout=0.0)
    res = gpt.train(text, gpt.GPTSettings(**small), gpt.default_train_config(epochs=2, batch_size=16, quiet=True),
                    project=root / "runs", name="gpt")
    runs["gpt"] = str(res.run_dir)
    res = bert.train(text, bert.BERTSettings(**small), bert.default_train_config(epochs=2, batch_size=16, quiet=True),
                     project=root / "runs", name="bert")
    runs["bert"] = str(res.run_dir)
    runs["translate"] = tiny_translator(root)
    return runs


PAIRS = [("el gato duerme", "the cat sleeps"), ("el perro corre", "the dog runs"), ("la niña lee", "the girl reads"),
         ("el gato come", "the cat eats"), ("la casa es grande", "the house is big"),
         ("el perro duerme", "the dog sleeps")]


def tiny_translator(root: Path) -> str:
    """A translator trained for a moment on a small TSV."""
    from aprende.transformer.translate_train import TranslateSettings, default_train_config, train

    tsv = root / "pares.tsv"
    tsv.write_text("".join(f"{es} {i}\t{en} {i}\n" for i in range(20) for es, en in PAIRS), encoding="utf-8")
    settings = TranslateSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, n_decoder_layers=1, d_ff=64,
                                 dropout=0.0, max_len=16, context=32, batch_size=32)
    res = train(tsv, settings, default_train_config(epochs=1, warmup_steps=10, quiet=True, max_time=20),
                project=root / "runs", name="translate")
    return str(res.run_dir)


def sales_csv(days: int = 240, seed: int = 0) -> bytes:
    """A daily shop: weekly rhythm, a slow trend and noise; closed on Sundays (no row)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    lines = ["fecha,unidades"]
    for i, d in enumerate(dates):
        if d.weekday() == 6:
            continue
        units = 50 + 10 * np.sin(2 * np.pi * d.weekday() / 7) + 0.05 * i + rng.normal(0, 3)
        lines.append(f"{d:%Y-%m-%d},{units:.1f}")
    return ("\n".join(lines) + "\n").encode()


def png_bytes(size=(64, 64), colour=(200, 30, 30), fmt="PNG") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, fmt)
    return buf.getvalue()


def lego_image(root: Path) -> Path:
    """One generated lego scene (a JPEG the detector was trained on)."""
    from aprende.datasets.lego import write_lego

    folder = write_lego(root, n_images=1, size=96, seed=3)
    return next(p for p in (folder / "images").iterdir())
