"""Lego detection benchmark: our `tiny` YOLO against Ultralytics YOLOv8n from scratch, same data, size and epochs.

One generated lego set (seed 0; 2,000 training and 500 validation scenes at 320 px), one run of each model on this
machine. Both models' validation predictions are scored by OUR metric code (COCO-style mAP, tested equal to
pycocotools), so the comparison is fair; Ultralytics' own val numbers are recorded beside them. Inference speed:
frames/s at batch 1 with a 416 px input, whole path (resize, network, decoding, NMS) for our PyTorch and ONNX
Runtime detectors and Ultralytics' predict. YOLOv8n is built from yolov8n.yaml: no pretrained weights, nothing
downloaded. Needs `pip install ultralytics` (the bench extra).

usage: python benchmarks/detect.py [--epochs 5] [--train-images 2000 --val-images 500] [--out FILE.md]
The defaults take about 20–25 minutes on an idle 2-core CPU (estimated from smoke runs: per epoch about 45 s for ours
and 150–250 s for YOLOv8n, plus a minute of data and speed tests); --train-images 40 --val-images 20 --epochs 1 is a
smoke test of a minute or two.
"""

from __future__ import annotations

import os
import tempfile

# Before ultralytics is imported: no network, no pip, quiet, and its settings file in a scratch folder.
for _k, _v in {"YOLO_OFFLINE": "1", "YOLO_AUTOINSTALL": "False", "YOLO_VERBOSE": "False",
               "YOLO_CONFIG_DIR": tempfile.mkdtemp(prefix="ultralytics-cfg-")}.items():
    os.environ.setdefault(_k, _v)

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from aprende.datasets.lego import write_lego  # noqa: E402
from aprende.detection.data import load_detection  # noqa: E402
from aprende.detection.data import to_tensors  # noqa: E402
from aprende.detection.evaluate import EVAL_CONF, predict_batches  # noqa: E402
from aprende.detection.run import load_model  # noqa: E402
from aprende.detection.metrics import evaluate_detections  # noqa: E402
from aprende.detection.runtime import onnx_detector, torch_detector  # noqa: E402
from aprende.detection.settings import DetectSettings, default_train_config  # noqa: E402
from aprende.detection.train import split, train_detector  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZE, INFER_SIZE, SEED = 320, 416, 0


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (Ultralytics' data-loader workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def fps(fn, images: list, warmup: int = 5) -> float:
    """Frames per second of fn(image), one image at a time."""
    for img in images[:warmup]:
        fn(img)
    t0 = time.perf_counter()
    for img in images:
        fn(img)
    return len(images) / (time.perf_counter() - t0)


def write_yolo(data, splits: dict, root: Path) -> Path:
    """Our VOC set as Ultralytics wants it: images/{train,val}, labels/{train,val} (class cx cy w h), data.yaml."""
    for part, idx in splits.items():
        (root / "images" / part).mkdir(parents=True)
        (root / "labels" / part).mkdir(parents=True)
        for i in idx:
            s = data.samples[i]
            os.link(s.image, root / "images" / part / s.image.name)
            lines = [f"{c} {(x0 + x1) / 2 / s.width:.6f} {(y0 + y1) / 2 / s.height:.6f} {(x1 - x0) / s.width:.6f} "
                     f"{(y1 - y0) / s.height:.6f}" for c, (x0, y0, x1, y1) in zip(s.labels.tolist(), s.boxes.tolist())]
            (root / "labels" / part / (s.image.stem + ".txt")).write_text("\n".join(lines) + "\n")
    names = "\n".join(f"  {i}: {n}" for i, n in enumerate(data.classes))
    (root / "data.yaml").write_text(f"path: {root}\ntrain: images/train\nval: images/val\nnames:\n{names}\n")
    return root / "data.yaml"


def ours(folder: Path, tmp: Path, epochs: int, val_fraction: float, x_val, targets, classes, frames,
         threads: int) -> dict:
    torch.set_num_threads(threads)
    settings = DetectSettings(size="tiny", img_size=SIZE, val_fraction=val_fraction)
    t0 = time.perf_counter()
    res = train_detector(folder, settings=settings, cfg=default_train_config(epochs=epochs, seed=SEED), project=tmp,
                name="ours")
    wall = time.perf_counter() - t0
    model, cfg = load_model(res.run_dir)
    m = evaluate_detections(predict_batches(model, x_val), targets, len(classes))  # what report_run computes
    # A 416 px copy of the run for the speed test: anchors scaled with the input, as objects would be.
    big = {**cfg, "img_size": INFER_SIZE, "anchors": [[v * INFER_SIZE / SIZE for v in a] for a in cfg["anchors"]]}
    run416 = tmp / "ours416"
    (run416 / "weights").mkdir(parents=True)
    (run416 / "model.json").write_text(json.dumps(big))
    (run416 / "config.yaml").write_text("lab: detect\n")
    os.link(res.run_dir / "weights" / "best.safetensors", run416 / "weights" / "best.safetensors")
    from aprende.detection.export import export_onnx

    pt = torch_detector(*load_model(run416))
    ox = onnx_detector(export_onnx(run416), threads)
    torch.set_num_threads(threads)
    return {"model": "aprende tiny (ours)", "params": sum(p.numel() for p in model.parameters()),
            "epochs": res.metrics["epochs"], "train_s": res.metrics["seconds"], "wall_s": wall,
            "map50": m.map50, "map50_95": m.map50_95, "own_map50": res.metrics["map50"],
            "own_map50_95": res.metrics["map50_95"],
            "fps_pytorch": fps(lambda im: pt(im, 0.25, 0.45), frames),
            "fps_onnx": fps(lambda im: ox(im, 0.25, 0.45), frames)}


def ultralytics(data_yaml: Path, tmp: Path, epochs: int, workers: int, val_paths, targets, classes, frames,
                threads: int) -> dict:
    from ultralytics import YOLO
    from ultralytics.utils import torch_utils

    torch_utils.NUM_THREADS = threads  # it would train with cores − 1 threads; both tools get the same count

    model = YOLO("yolov8n.yaml")  # the architecture only: random weights, nothing downloaded
    t0 = time.perf_counter()
    model.train(data=str(data_yaml), epochs=epochs, imgsz=SIZE, batch=16, workers=workers, device="cpu",
                plots=False, amp=False, pretrained=False, project=str(tmp / "ul"), name="train", exist_ok=True,
                seed=SEED, verbose=False)
    wall = time.perf_counter() - t0
    best = YOLO(str(tmp / "ul" / "train" / "weights" / "best.pt"))
    own = best.val(data=str(data_yaml), imgsz=SIZE, batch=16, device="cpu", plots=False, verbose=False)
    preds = []
    for i in range(0, len(val_paths), 32):  # their own NMS (IoU 0.7), our low score threshold
        for r in best.predict([str(p) for p in val_paths[i:i + 32]], imgsz=SIZE, conf=EVAL_CONF, device="cpu",
                              verbose=False, max_det=100):
            b = r.boxes
            preds.append((b.xyxy.numpy(), b.conf.numpy(), b.cls.numpy().astype(int)))
    m = evaluate_detections(preds, targets, len(classes))
    arrays = [np.asarray(im)[:, :, ::-1].copy() for im in frames]  # BGR, as Ultralytics takes NumPy frames
    torch.set_num_threads(threads)
    return {"model": "Ultralytics YOLOv8n (from yolov8n.yaml)", "params": sum(p.numel() for p in best.model.parameters()),
            "epochs": epochs, "train_s": wall, "wall_s": wall, "map50": m.map50, "map50_95": m.map50_95,
            "own_map50": float(own.box.map50), "own_map50_95": float(own.box.map),
            "fps_pytorch": fps(lambda a: best.predict(a, imgsz=INFER_SIZE, conf=0.25, device="cpu", verbose=False),
                               arrays), "fps_onnx": None}


def table(rows: list[dict], info: dict) -> str:
    head = (f"Machine: {info['cpu']}, {info['cores']} cores, torch {info['torch']} ({info['threads']} threads), "
            f"device cpu; load average {info['load_before']:.2f} before, {info['load_after']:.2f} after; "
            f"CPU time {info['cpu_seconds'] / 60:.1f} min (this process and its workers); "
            f"{info['date']}; {info['seconds'] / 60:.1f} min in all. Both tools train and infer with "
            f"{info['threads']} threads (ONNX Runtime too).\n"
            f"Data: generated lego scenes, seed {SEED}, {info['train']} training / {info['val']} validation images at "
            f"{SIZE} px; both models train {info['epochs']} epochs at {SIZE} px on the CPU.\n"
            f"mAP: both models' validation predictions scored by aprende's metric code (score ≥ {EVAL_CONF}, each "
            f"model's own NMS: ours IoU 0.45, Ultralytics 0.7); \"own\" = each tool's own validation numbers. "
            f"Speed: frames/s at batch 1, {INFER_SIZE} px input, whole predict path.\n")
    if info.get("note"):
        head += f"\n**{info['note']}**\n"
    lines = [head, "| model | parameters | epochs | training s | mAP50 | mAP50-95 | own mAP50 / mAP50-95 | "
             "frames/s PyTorch | frames/s ONNX Runtime |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        onnx = f"{r['fps_onnx']:.1f}" if r["fps_onnx"] else "—"
        lines.append(f"| {r['model']} | {r['params'] / 1e6:.2f}M | {r['epochs']} | {r['train_s']:.0f} | "
                     f"{r['map50']:.3f} | {r['map50_95']:.3f} | {r['own_map50']:.3f} / {r['own_map50_95']:.3f} | "
                     f"{r['fps_pytorch']:.1f} | {onnx} |")
    lines.append("| the article's YOLOv2 (4-core CPU) | 50.6M | 6 | ≈ 25200 | — | — | — | 1.33 | — |")
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--train-images", type=int, default=2000)
    p.add_argument("--val-images", type=int, default=500)
    p.add_argument("--workers", type=int, default=2, help="Ultralytics data-loader workers")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="CPU threads for both tools")
    p.add_argument("--frames", type=int, default=100, help="images timed for frames/s")
    p.add_argument("--note", default="", help="a line printed above the table (e.g. 'smoke run')")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "detect.md"))
    a = p.parse_args()
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    n = a.train_images + a.val_images
    with tempfile.TemporaryDirectory(prefix="aprende-bench-") as tmp_name:
        tmp = Path(tmp_name)
        folder = write_lego(tmp / "lego", n, SIZE, seed=SEED)
        data = load_detection(folder, "voc")
        splits = split(n, a.val_images / n, SEED)  # the split our train() makes with this fraction and seed
        val = [data.samples[i] for i in splits["val"]]
        x_val, y_val = to_tensors(val, SIZE)
        targets = [(t[t[:, 0] >= 0, 1:].numpy(), t[t[:, 0] >= 0, 0].long().numpy()) for t in y_val]
        frames = [Image.open(s.image).convert("RGB") for s in val[: a.frames]]
        data_yaml = write_yolo(data, splits, tmp / "yolo")
        rows = [ours(folder, tmp, a.epochs, a.val_images / n, x_val, targets, data.classes, frames, a.threads)]
        print(rows[-1], flush=True)
        rows.append(ultralytics(data_yaml, tmp, a.epochs, a.workers, [s.image for s in val], targets, data.classes,
                                frames, a.threads))
        print(rows[-1], flush=True)
    info = {"cpu": cpu_name(), "cores": os.cpu_count(), "torch": torch.__version__, "threads": a.threads,
            "load_before": load_before, "load_after": os.getloadavg()[0], "seconds": time.perf_counter() - start,
            "cpu_seconds": cpu_seconds(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "train": a.train_images,
            "val": a.val_images, "epochs": a.epochs, "note": a.note}
    text = table(rows, info)
    print(text)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps({"info": info, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
