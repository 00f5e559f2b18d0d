"""GPU check and benchmark (run on a CUDA machine): the labs' CUDA paths, bf16, and Fashion-MNIST speed.

usage: python benchmarks/gpu.py [--out FILE]; prints a markdown table. Needs Fashion-MNIST (APRENDE_CACHE or the
Debian package) and a CUDA device; exits 0 with a message where there is none.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]


def classify(tmp: str, epochs: int, batch: int) -> dict:
    from aprende.vision.data import load_fashion_data
    from aprende.vision.run import load_classifier, predict_logits
    from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

    cfg = default_train_config("fast", device="cuda", epochs=epochs, batch_size=batch, quiet=True)
    res = train_classifier(dataset="fashion-mnist", settings=ClassifySettings(), cfg=cfg, project=tmp)
    rows = list(csv.DictReader((res.run_dir / "results.csv").open()))
    reach = next((r for r in rows if float(r["val_accuracy"]) >= 0.94), None)
    model, mcfg = (clf := load_classifier(res.run_dir)).model, clf.config
    model = model.cuda()
    d = load_fashion_data(0)
    x = d.part("test")[0]
    predict_logits(model, x[:2048], mcfg, 2048)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(5):
        predict_logits(model, x, mcfg, 2048)
    torch.cuda.synchronize()
    infer = 5 * len(x) / (time.perf_counter() - t0)
    train_s = float(rows[-1]["seconds"])
    return {"what": f"classify fast, {epochs} epochs, batch {batch}", "test_accuracy": res.metrics["accuracy"],
            "train_s": train_s, "train_img_s": len(d.splits["train"]) * len(rows) / train_s,
            "time_to_94_val_s": float(reach["seconds"]) if reach else None, "infer_img_s": infer}


def forecast(tmp: str, csv_path: Path) -> dict:
    from aprende.forecast import ForecastSettings, default_train_config, train_forecaster

    src = csv_path if csv_path.is_file() else None  # else the generated `tienda`
    t0 = time.perf_counter()
    res = train_forecaster(src, settings=ForecastSettings(), cfg=default_train_config(device="cuda", quiet=True),
                           project=tmp)
    return {"what": "forecast train --device cuda (3 networks)", "best": res.best,
            "mase": res.metrics[res.best]["mase"], "seconds": time.perf_counter() - t0}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default=None)
    p.add_argument("--csv", default=str(ROOT.parent / "shared" / "seed-data" / "time_series.csv"))
    a = p.parse_args()
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to measure")
        return
    lines = [f"Device: {torch.cuda.get_device_name()}, torch {torch.__version__}.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        results = [forecast(tmp, Path(a.csv)), classify(tmp, 30, 256), classify(tmp, 30, 1024)]
    for r in results:
        lines.append("- " + ", ".join(f"{k}: {v:.4g}" if isinstance(v, float) else f"{k}: {v}" for k, v in r.items()))
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
