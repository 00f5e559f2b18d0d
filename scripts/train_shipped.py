"""Train one shipped model with the project's own code and copy it into src/aprende/weights/NAME (fp16, seeded).

    python scripts/train_shipped.py classify|detect|translate|gpt|bert|all [--project DIR]

The folder gets model.json, config.yaml, weights/best.safetensors (half precision: half the bytes, same answers
to the third decimal) and metrics.json with what the run measured and how it was trained.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import torch

from aprende.core.checkpoint import load_weights, save_weights
from aprende.core.device import seed_everything
from aprende.weights import ROOT, SHIPPED


def classify(project: Path):
    from aprende.vision import ClassifySettings, default_train_config, train_classifier

    r = train_classifier(dataset="fashion-mnist", settings=ClassifySettings(), project=project,
                         name="shipped-classify", cfg=default_train_config("fast", epochs=15, seed=0))
    keep = {k: r.metrics[k] for k in ("accuracy", "f1_macro") if k in r.metrics}
    return r.run_dir, keep, {"es": "Fashion-MNIST, CNN fast, 15 épocas", "en": "Fashion-MNIST, fast CNN, 15 epochs"}


def detect(project: Path):
    from aprende.detection import DetectSettings, default_train_config, train_detector

    r = train_detector(dataset="lego", settings=DetectSettings(), project=project, name="shipped-detect",
              cfg=default_train_config(epochs=40, seed=0))
    keep = {k: r.metrics[k] for k in ("map50", "map50_95") if k in r.metrics}
    return r.run_dir, keep, {"es": "lego, YOLO tiny 320 px, 40 épocas", "en": "lego, YOLO tiny 320 px, 40 epochs"}


def gpt(project: Path):
    from aprende.transformer.gpt import GPTSettings, default_train_config, train

    r = train(None, GPTSettings(), default_train_config(epochs=8, max_time=420, seed=0), project, "shipped-gpt")
    return r.run_dir, {k: r.metrics[k] for k in ("perplexity", "val_loss")}, {"es": "GPT 4×128, citas de fortunes-es, 7 min", "en": "GPT 4×128, fortunes-es quotes, 7 min"}


def bert(project: Path):
    from aprende.transformer.bert import BERTSettings, default_train_config, train

    r = train(None, BERTSettings(), default_train_config(epochs=8, max_time=420, seed=0), project, "shipped-bert")
    return r.run_dir, {k: r.metrics[k] for k in ("accuracy", "perplexity")}, {"es": "BERT 4×128, citas de fortunes-es, 7 min", "en": "BERT 4×128, fortunes-es quotes, 7 min"}


def translate(project: Path):
    from aprende.transformer.translate_train import default_train_config, train

    r = train(project=project, name="shipped-translate", cfg=default_train_config(seed=0))
    keep = {k: v for k, v in r.metrics.items() if k in ("bleu", "chrf", "val_loss")}
    return r.run_dir, keep, {"es": "Transformer es→en, Biblia RV1909 / WEB", "en": "Transformer es→en, Bible RV1909 / WEB"}


def ship(name: str, run_dir: Path, metrics: dict, what: dict, seconds: float) -> Path:
    """Copy the run's light files and its best weights in fp16 into the package."""
    dest = ROOT / name
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "weights").mkdir(parents=True)
    for f in ("model.json", "config.yaml", "tokenizer.json", "tokenizer_src.json", "tokenizer_tgt.json"):
        if (run_dir / f).is_file():
            shutil.copy2(run_dir / f, dest / f)
    state, meta = load_weights(run_dir / "weights" / "best.safetensors")
    half = {k: v.half() if v.is_floating_point() else v for k, v in state.items()}
    save_weights(dest / "weights" / "best.safetensors", half, meta)
    info = {"what": what, **{k: round(float(v), 4) for k, v in metrics.items()}, "seed": 0,
            "seconds": round(seconds, 1), "dtype": "float16",
            "trained_with": f"scripts/train_shipped.py {name}",
            "machine": f"{platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}",
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d")}
    (dest / "metrics.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return dest


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("name", choices=[*SHIPPED, "all"])
    p.add_argument("--project", default="runs/shipped")
    p.add_argument("--from-run", default=None, help="ship this finished run of NAME instead of training one")
    p.add_argument("--what", default=None, help="with --from-run: a few words on how it was trained (Spanish)")
    p.add_argument("--what-en", default=None, help="the same in English")
    args = p.parse_args()
    if args.from_run:
        run = Path(args.from_run)
        found = json.loads((run / "metrics.json").read_text()) if (run / "metrics.json").is_file() else {}
        metrics = {k: v for k, v in found.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        what = {"es": args.what or f"ejecución {run.name}", "en": args.what_en or args.what or f"run {run.name}"}
        dest = ship(args.name, run, metrics, what, float(metrics.get("seconds", 0)))
        print(f"{args.name}: {metrics} -> {dest}", file=sys.stderr)
        return
    for name in SHIPPED if args.name == "all" else [args.name]:
        shutil.rmtree(Path(args.project) / name / f"shipped-{name}", ignore_errors=True)  # a stopped earlier try
        seed_everything(0)
        t0 = time.perf_counter()
        run_dir, metrics, what = globals()[name](Path(args.project))
        dest = ship(name, Path(run_dir), metrics, what, time.perf_counter() - t0)
        size = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file())
        print(f"{name}: {metrics} -> {dest} ({size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
