"""Fashion-MNIST benchmark: the article's CNN (6 epochs) against `fast` under a time budget, one run, one table.

Test accuracy on the official 10k test set; training images/s; inference images/s at batch 256 and batch-1 latency
(the lab's own predict path, fp32). usage: python benchmarks/classify.py [--budgets 60,300] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import torch

from aprende.vision.data import load_fashion_data
from aprende.vision.run import load_classifier, predict_logits
from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

ROOT = Path(__file__).resolve().parents[1]


def inference(run_dir: Path, x: torch.Tensor) -> tuple[float, float]:
    """(images/s at batch 256, ms per image at batch 1)."""
    model, cfg = (clf := load_classifier(run_dir)).model, clf.config
    predict_logits(model, x[:512], cfg, 256)  # warm-up
    t0 = time.perf_counter()
    predict_logits(model, x, cfg, 256)
    per_s = len(x) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(200):
        predict_logits(model, x[i : i + 1], cfg, 1)
    return per_s, (time.perf_counter() - t0) / 200 * 1000


def run(label: str, model: str, tmp: str, x_test, n_train: int, **cfg) -> dict:
    res = train_classifier(dataset="fashion-mnist", settings=ClassifySettings(model=model), project=tmp,
                           cfg=default_train_config(model, quiet=True, **cfg))
    rows = (res.run_dir / "results.csv").read_text().splitlines()[1:]
    train_s = float(rows[-1].split(",")[-1])
    per_s, latency = inference(res.run_dir, x_test)
    out = {"label": label, "accuracy": res.metrics["accuracy"], "epochs": res.metrics["epochs"],
           "train_s": train_s, "train_img_s": n_train * res.metrics["epochs"] / train_s, "infer_img_s": per_s,
           "latency_ms": latency}
    print(out, flush=True)
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--budgets", default="60,300")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "classify.md"))
    a = p.parse_args()
    d = load_fashion_data(0)
    x_test = d.part("test")[0]
    n_train = len(d.splits["train"])
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(run("article CNN, 6 epochs (Adagrad 1e-3, batch 64)", "article", tmp, x_test, n_train))
        for budget in (int(b) for b in a.budgets.split(",")):
            rows.append(run(f"fast, --max-time {budget}", "fast", tmp, x_test, n_train, max_time=budget, epochs=60))
    base = rows[0]
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
             f"({torch.get_num_threads()} threads), device cpu, load average before the run {load:.2f}. "
             f"Data: {d.source}; {n_train} training, {len(x_test)} test images.", "",
             "| model | test accuracy | epochs | training s | train img/s | inference img/s (batch 256) | "
             "batch-1 latency ms | inference speed vs article |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['accuracy']:.4f} | {r['epochs']} | {r['train_s']:.0f} | "
                     f"{r['train_img_s']:.0f} | {r['infer_img_s']:.0f} | {r['latency_ms']:.2f} | "
                     f"{r['infer_img_s'] / base['infer_img_s']:.2f}x |")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
