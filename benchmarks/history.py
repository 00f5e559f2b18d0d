"""History benchmark: every exhibit at its defaults (what `aprende history run NAME` does), timed, one table.

Each exhibit must finish in 20 s on a 2-core laptop CPU. For `rbm` the table also sets our NumPy RBM (CD-k) beside
scikit-learn's BernoulliRBM (persistent CD) with the same units, learning rate, batch size and epochs, measured with
the same reconstruction error on the same held-out binarised digits. The load average is printed because other
work on the machine changes the seconds.

usage: python benchmarks/history.py [--out benchmarks/results/history.md] [--seed 0] [--only perceptron,mlp]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import torch

from aprende.core.i18n import set_lang
from aprende.history import TIMELINE, run

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 20


def key_metrics(name: str, m: dict) -> str:
    """The one or two numbers that show each exhibit's point."""
    pct = lambda v: f"{100 * v:.1f} %"  # noqa: E731
    if name == "perceptron":
        s, x = m["separable"], m["xor"]
        return f"separable: {s['errors']} errors after {s['epochs']} epochs; XOR best {pct(x['best_accuracy'])}"
    if name == "mlp":
        return (f"XOR {pct(m['accuracy'])}; grad check rel. error {m['gradcheck_rel_error']:.1e} (finite diff.), "
                f"{m['autograd_rel_error']:.1e} (autograd)")
    if name == "sigmoid":
        return f"step {pct(m['step']['accuracy'])} (gradient 0), sigmoid {pct(m['sigmoid']['accuracy'])}"
    if name == "feedforward":
        return f"moons {pct(m['moons']['accuracy'])}, digits {pct(m['digits']['accuracy'])}"
    if name == "cnn":
        c, p = m["cnn"], m["mlp"]
        return (f"CNN {pct(c['accuracy'])} vs MLP {pct(p['accuracy'])} ({c['parameters']} vs {p['parameters']} "
                f"weights); shifted 1 px: {pct(c['shifted_accuracy'])} vs {pct(p['shifted_accuracy'])}")
    if name in ("rnn", "lstm"):
        lengths = sorted(int(k[4:]) for k in m["rnn"] if k.startswith("mse_"))
        parts = [f"{kind.upper()} " + ", ".join(f"T={T}: {m[kind][f'mse_{T}']:.4f}" for T in lengths)
                 for kind in ("rnn", "lstm") if kind in m]
        return "test MSE " + "; ".join(parts) + f" (always 1: {m['baseline']['mse']:.3f})"
    if name == "rbm":
        a = m["aprende"]
        return f"recon. error {a['reconstruction_error_start']:.4f} → {a['reconstruction_error']:.4f} (see below)"
    if name == "dbn":
        counts = sorted(int(k[9:]) for k in m["pretrained"])
        return "; ".join(f"{n} labels: {pct(m['pretrained'][f'accuracy_{n}'])} vs {pct(m['random'][f'accuracy_{n}'])}"
                         for n in counts) + " (pre-trained vs random)"
    if name == "autoencoder":
        return (f"test MSE autoencoder {m['autoencoder']['mse']:.4f} vs PCA {m['pca']['mse']:.4f} "
                f"(PCA/AE {m['pca']['mse'] / m['autoencoder']['mse']:.2f}×)")
    if name == "gan":
        return (f"ring: {m['ring']['modes_covered']}/8 modes, {pct(m['ring']['high_quality'])} near a mode; "
                f"digits: {m['digits']['classes']}/10 classes")
    return ""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "history.md"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--only", default=None)
    a = p.parse_args()
    set_lang("en")
    names = a.only.split(",") if a.only else [e.name for e in TIMELINE]
    load_before = os.getloadavg()
    rows, rbm = [], None
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            t0 = time.perf_counter()
            r = run(name, seed=a.seed, project=tmp, quiet=True)
            wall = time.perf_counter() - t0
            rows.append((name, wall, key_metrics(name, r.metrics)))
            print(f"{name}: {wall:.1f} s", file=sys.stderr)
            if name == "rbm":
                rbm = r.metrics
    load_after = os.getloadavg()
    lines = [f"History exhibits at their defaults, seed {a.seed}. {platform.processor() or platform.machine()}, "
             f"{os.cpu_count()} cores, torch {torch.__version__}, Python {platform.python_version()}. "
             f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
             f"after: {', '.join(f'{x:.2f}' for x in load_after)}.",
             "",
             "| exhibit | seconds (wall, with plots) | ≤ 20 s | key result |",
             "|---|---:|:-:|---|"]
    for name, wall, text in rows:
        lines.append(f"| `{name}` | {wall:.1f} | {'yes' if wall <= LIMIT_S else '**no**'} | {text} |")
    if rbm:
        ours, ref = rbm["aprende"], rbm["sklearn"]
        lines += ["", "RBM on the same binarised digits (1,437 training, 360 test images), same settings:", "",
                  "| | aprende (NumPy, CD-1) | scikit-learn BernoulliRBM (PCD) | ratio aprende / scikit-learn |",
                  "|---|---:|---:|---:|",
                  f"| training seconds | {ours['seconds']:.2f} | {ref['seconds']:.2f} | "
                  f"{ours['seconds'] / ref['seconds']:.2f} |",
                  f"| test reconstruction error | {ours['reconstruction_error']:.4f} | "
                  f"{ref['reconstruction_error']:.4f} | "
                  f"{ours['reconstruction_error'] / ref['reconstruction_error']:.2f} |"]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
