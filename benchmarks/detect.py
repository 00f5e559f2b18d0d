"""Detection benchmark at equal wall-clock budgets: our default detector against Ultralytics YOLOv8n from scratch.

Two generated sets: `lego` (scenes of 1–10 bricks, 320 px) and `lego-dense` (20–40 bricks of 10–30 px on busy
backgrounds, 416 px; `aprende data get lego --dense`). For each set and each budget (default 5 and 15 minutes):

- ours: `aprende detect train --data DIR --max-time SECONDS` and nothing else (the defaults in
  detection/settings.py), on the split its own training makes;
- Ultralytics YOLOv8n built from `yolov8n.yaml` (random weights, nothing downloaded), trained with its own defaults
  except the image size (ours) and the budget (its `time=` argument, in hours), on the same train/val split.

Both models' validation predictions are scored by OUR metric code (COCO-style mAP, tested equal to pycocotools);
Ultralytics' own val numbers are recorded beside them. Also: epochs done in the budget and frames/s at batch 1
through the whole predict path. Needs `pip install ultralytics` (the bench extra).

usage: python benchmarks/detect.py [--budgets 300 900] [--sets lego dense] [--smoke]
An idle 2-core CPU needs about the sum of the budgets twice (ours and YOLOv8n), plus a few minutes of data and
scoring: 2 × (300 + 900) × 2 sets ≈ 80 minutes for the defaults. --smoke: tiny sets, 30-second budgets, a couple of
minutes, to check the script; its tables are labelled SMOKE and say nothing about the models.
The tables are written between the `generated` markers of benchmarks/results/detect.md; the text above them stays.
"""

from __future__ import annotations

import os
import tempfile

# Before ultralytics is imported: no network, no pip, quiet, and its settings file in a scratch folder.
for _k, _v in {"YOLO_OFFLINE": "1", "YOLO_AUTOINSTALL": "False", "YOLO_VERBOSE": "False",
               "YOLO_CONFIG_DIR": tempfile.mkdtemp(prefix="ultralytics-cfg-")}.items():
    os.environ.setdefault(_k, _v)

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from aprende.datasets.lego import DENSE_SIZE, write_lego  # noqa: E402
from aprende.detection.data import load_detection  # noqa: E402
from aprende.detection.evaluate import EVAL_CONF, predict_batches  # noqa: E402
from aprende.detection.metrics import evaluate_detections  # noqa: E402
from aprende.detection.run import load_detector, load_model  # noqa: E402
from aprende.detection.settings import DetectSettings, default_train_config  # noqa: E402
from aprende.detection.tensors import to_tensors, unpack_targets  # noqa: E402
from aprende.detection.train import split, train_detector  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
SETS = {  # name -> (images, image side, dense)
    "lego": (500, 320, False),
    "dense": (40, DENSE_SIZE, True),  # the development set: aprende data get lego --dense --images 40
}
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def fps(fn, images: list, warmup: int = 3) -> float:
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


def ours(folder: Path, tmp: Path, budget: float, name: str, x_val, targets, classes, frames) -> dict:
    """`detect train --data FOLDER --max-time BUDGET`, nothing else; scored on the validation split."""
    t0 = time.perf_counter()
    res = train_detector(folder, cfg=default_train_config(max_time=budget, seed=SEED), project=tmp, name=name)
    wall = time.perf_counter() - t0
    model, _ = load_model(res.run_dir)
    m = evaluate_detections(predict_batches(model, x_val), targets, len(classes))
    det = load_detector(res.run_dir)
    settings = DetectSettings()
    return {"model": "aprende (default)", "params": sum(p.numel() for p in model.parameters()),
            "epochs": res.metrics["epochs"], "wall_s": wall, "map50": m.map50, "map50_95": m.map50_95,
            "own_map50": res.metrics["map50"], "own_map50_95": res.metrics["map50_95"],
            "fps": fps(lambda im: det(im, 0.25, 0.45), frames), "img_size": settings.img_size}


def ultralytics(data_yaml: Path, tmp: Path, budget: float, name: str, size: int, val, targets, classes,
                frames) -> dict:
    """YOLOv8n from its yaml, its own defaults, our image size and budget (time= in hours)."""
    from ultralytics import YOLO

    model = YOLO("yolov8n.yaml")  # the architecture only: random weights, nothing downloaded
    t0 = time.perf_counter()
    model.train(data=str(data_yaml), time=budget / 3600, imgsz=size, device="cpu", plots=False, amp=False,
                pretrained=False, project=str(tmp / "ul"), name=name, exist_ok=True, seed=SEED, verbose=False)
    wall = time.perf_counter() - t0
    run = tmp / "ul" / name
    with open(run / "results.csv") as f:
        epochs = sum(1 for _ in csv.DictReader(f))
    best = YOLO(str(run / "weights" / "best.pt"))
    own = best.val(data=str(data_yaml), imgsz=size, device="cpu", plots=False, verbose=False)
    preds = []
    for i in range(0, len(val), 32):  # their own NMS, our low score threshold
        for s, r in zip(val[i:i + 32], best.predict([str(s.image) for s in val[i:i + 32]], imgsz=size,
                                                    conf=EVAL_CONF, device="cpu", verbose=False, max_det=300)):
            b = r.boxes  # boxes in the image's own pixels; the targets are in the network input's (size × size)
            to_input = np.array([size / s.width, size / s.height] * 2, dtype=np.float32)
            preds.append((b.xyxy.numpy() * to_input, b.conf.numpy(), b.cls.numpy().astype(int)))
    m = evaluate_detections(preds, targets, len(classes))
    arrays = [np.asarray(im)[:, :, ::-1].copy() for im in frames]  # BGR, as Ultralytics takes NumPy frames
    return {"model": "Ultralytics YOLOv8n (yolov8n.yaml, from scratch)",
            "params": sum(p.numel() for p in best.model.parameters()), "epochs": epochs, "wall_s": wall,
            "map50": m.map50, "map50_95": m.map50_95, "own_map50": float(own.box.map50),
            "own_map50_95": float(own.box.map), "img_size": size,
            "fps": fps(lambda a: best.predict(a, imgsz=size, conf=0.25, device="cpu", verbose=False), arrays)}


def run_set(set_name: str, n: int, side: int, dense: bool, budgets: list[float], tmp: Path, frames_n: int,
            skip_ultralytics: bool) -> list[dict]:
    folder = write_lego(tmp / set_name, n, side, seed=SEED, dense=dense)
    data = load_detection(folder, "voc")
    settings = DetectSettings()
    splits = split(n, settings.val_fraction, SEED)  # the split our training makes with the default seed
    val = [data.samples[i] for i in splits["val"]]
    x_val, y_val = to_tensors(val, settings.img_size)
    targets = unpack_targets(y_val, len(x_val))
    frames = [Image.open(s.image).convert("RGB") for s in val[:frames_n]]
    data_yaml = write_yolo(data, splits, tmp / f"{set_name}-yolo")
    rows = []
    for budget in budgets:
        tag = f"{set_name}-{int(budget)}"
        for row in [ours(folder, tmp, budget, tag, x_val, targets, data.classes, frames)] + ([] if skip_ultralytics
                    else [ultralytics(data_yaml, tmp, budget, tag, settings.img_size, val, targets,
                                      data.classes, frames)]):
            row.update(set=set_name, budget_s=budget, train=len(splits["train"]), val=len(val), side=side)
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def tables(rows: list[dict], info: dict) -> str:
    smoke = "**SMOKE run: tiny sets and budgets, to check the script; the numbers say nothing about the models.**"
    head = [smoke if info["smoke"] else "",
            f"Machine: {info['cpu']}, {info['cores']} cores, torch {info['torch']}, device cpu; load average "
            f"{info['load_before']:.2f} before, {info['load_after']:.2f} after; {info['date']}; "
            f"{info['seconds'] / 60:.1f} min in all.",
            f"Command: `{info['command']}`.",
            f"mAP: both models' validation predictions scored by aprende's metric code (score ≥ {EVAL_CONF}, each "
            "model's own NMS); \"own\" = each tool's own validation numbers. Frames/s: batch 1, whole predict path, "
            "at the training image size."]
    out = "\n".join(h for h in head if h) + "\n"
    for set_name in dict.fromkeys(r["set"] for r in rows):
        part = [r for r in rows if r["set"] == set_name]
        r0 = part[0]
        out += (f"\n#### {set_name}: {r0['train']} training / {r0['val']} validation images of {r0['side']} px, "
                f"seed {SEED}, both at {r0['img_size']} px\n\n"
                "| budget | model | parameters | epochs done | wall s | mAP50 | mAP50-95 | own mAP50 / mAP50-95 | "
                "frames/s |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
        for r in part:
            out += (f"| {r['budget_s'] / 60:g} min | {r['model']} | {r['params'] / 1e6:.2f}M | {r['epochs']} | "
                    f"{r['wall_s']:.0f} | {r['map50']:.3f} | {r['map50_95']:.3f} | "
                    f"{r['own_map50']:.3f} / {r['own_map50_95']:.3f} | {r['fps']:.1f} |\n")
    return out


def write_results(path: Path, text: str) -> None:
    """Replace what lies between the generated markers (or append them); the hand-written text stays."""
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Detection benchmark\n"
    if START in old and END in old:
        before, rest = old.split(START, 1)
        after = rest.split(END, 1)[1]
    else:
        before, after = old.rstrip() + "\n\n", "\n"
    path.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--budgets", type=float, nargs="+", default=[300, 900], help="seconds of training per model")
    p.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    p.add_argument("--frames", type=int, default=50, help="images timed for frames/s")
    p.add_argument("--smoke", action="store_true", help="tiny sets, 30-second budgets: checks the script")
    p.add_argument("--no-ultralytics", action="store_true", help="ours only (without the bench extra)")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "detect.md"))
    a = p.parse_args()
    budgets = [30.0] if a.smoke else a.budgets
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="aprende-bench-") as tmp_name:
        for set_name in a.sets:
            n, side, dense = SETS[set_name]
            rows += run_set(set_name, 12 if a.smoke else n, side, dense, budgets, Path(tmp_name),
                            min(a.frames, 5) if a.smoke else a.frames, a.no_ultralytics)
    info = {"cpu": cpu_name(), "cores": os.cpu_count(), "torch": torch.__version__, "smoke": a.smoke,
            "load_before": load_before, "load_after": os.getloadavg()[0], "seconds": time.perf_counter() - start,
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": "python benchmarks/detect.py " + " ".join(
                (["--smoke"] if a.smoke else ["--budgets", *(f"{b:g}" for b in a.budgets)]) + ["--sets", *a.sets])}
    text = tables(rows, info)
    print(text)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_results(out, text)
    out.with_suffix(".json").write_text(json.dumps({"info": info, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
