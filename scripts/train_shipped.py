"""Train one shipped model with the project's own code and copy it into src/aprende/weights/NAME (fp16, seeded).

    python scripts/train_shipped.py classify|detect|translate|gpt|bert|all [--project DIR] [--mix]

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
from aprende.core.runs import read_yaml, write_yaml
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


# GPT and BERT: corpus-es (RV1909 Bible, manpages-es, debian-reference-es, gimp-help-es, fortunes-es), 30 minutes of
# CPU each; sizes chosen so both fit the package's 25 MB of weights with the others (about 3.3M parameters each).
LM_SIZES = dict(vocab_size=8000, d_model=192, n_heads=6, n_layers=4, d_ff=768, dropout=0.1)
LM_SECONDS = 1800


def gpt(project: Path):
    from aprende.transformer.gpt import GPTSettings, default_train_config, train

    r = train(None, GPTSettings(**LM_SIZES), default_train_config(epochs=None, max_time=LM_SECONDS, seed=0), project,
              "shipped-gpt", dataset="corpus-es")
    what = {"es": "GPT 4×192, contexto 256, corpus-es (Biblia, manuales, referencia de Debian, ayuda de GIMP, citas), "
                  "30 min; perplejidad en la parte reservada",
            "en": "GPT 4×192, context 256, corpus-es (Bible, man pages, Debian reference, GIMP help, quotes), 30 min; "
                  "held-out perplexity"}
    return r.run_dir, {k: r.metrics[k] for k in ("perplexity", "val_loss")}, what


def bert(project: Path):
    from aprende.transformer.bert import BERTSettings, default_train_config, train

    r = train(None, BERTSettings(**LM_SIZES), default_train_config(epochs=None, max_time=LM_SECONDS, seed=0), project,
              "shipped-bert", dataset="corpus-es")
    what = {"es": "BERT 4×192, contexto 128, palabras enteras enmascaradas, corpus-es, 30 min; acierto top-1/top-5 y "
                  "perplejidad en la parte reservada",
            "en": "BERT 4×192, context 128, whole-word masking, corpus-es, 30 min; held-out top-1/top-5 accuracy and "
                  "perplexity"}
    return r.run_dir, {k: r.metrics[k] for k in ("accuracy", "top5", "perplexity")}, what


def translate(project: Path, mix: bool = False):
    """The Bible alone; with --mix, the Bible plus Debian's .mo catalogue pairs (ship it only if `benchmarks/
    transformer.py mix` says it gains on the everyday sentences and loses at most 1 BLEU on the Bible)."""
    from aprende.transformer.translate_train import default_train_config, train

    pairs = None
    if mix:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
        from translate_mix import write_mix  # deferred: a benchmark helper, only for --mix

        pairs = Path(project) / "mix.tsv"
        pairs.parent.mkdir(parents=True, exist_ok=True)
        write_mix(pairs)
    r = train(pairs, project=project, name="shipped-translate", cfg=default_train_config(seed=0, max_time=1500.0))
    keep = {k: v for k, v in r.metrics.items() if k in ("bleu", "chrf", "val_loss")}
    if mix:
        return r.run_dir, keep, {"es": "Transformer es→en, Biblia RV1909 / WEB y catálogos .mo de Debian",
                                 "en": "Transformer es→en, Bible RV1909 / WEB and Debian's .mo catalogues"}
    return r.run_dir, keep, {"es": "Transformer es→en, Biblia RV1909 / WEB",
                             "en": "Transformer es→en, Bible RV1909 / WEB"}


def ship(name: str, run_dir: Path, metrics: dict, what: dict, seconds: float) -> Path:
    """Copy the run's light files and its best weights in fp16 into the package."""
    dest = ROOT / name
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "weights").mkdir(parents=True)
    for f in ("model.json", "config.yaml", "tokenizer.json", "tokenizer_src.json", "tokenizer_tgt.json"):
        if (run_dir / f).is_file():
            shutil.copy(run_dir / f, dest / f)
    saved = read_yaml(dest / "config.yaml") if (dest / "config.yaml").is_file() else {}
    if saved.get("pairs"):  # a training TSV on this machine only: the shipped translator is scored on the Bible's split
        write_yaml(dest / "config.yaml", {**saved, "pairs": None})
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
    p.add_argument("--mix", action="store_true", help="translate: add Debian's .mo catalogue pairs to the Bible")
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
        extra = {"mix": True} if name == "translate" and args.mix else {}
        run_dir, metrics, what = globals()[name](Path(args.project), **extra)
        dest = ship(name, Path(run_dir), metrics, what, time.perf_counter() - t0)
        size = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file())
        print(f"{name}: {metrics} -> {dest} ({size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
