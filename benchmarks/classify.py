"""Classification benchmark, side by side in one run: a small real colour-photo set and Fashion-MNIST.

Photos (benchmarks/data/make_photo_set.py: 12 classes of 32 x 32 patches cut from Debian's mate-backgrounds photos,
test patches from other parts of the photos): a random forest and a logistic regression on colour histograms
(scikit-learn), the article's CNN with its own settings, and our default (`classify train --data train/ --test-data
test/ --max-time B`). Fashion-MNIST (official 10k test set): the article's CNN and our default at the same budgets,
with inference speed. Every row records wall seconds and the CPU seconds the process used; the header the CPU
count and the load before the run, so that a run on a busy machine can be told apart.

usage: python benchmarks/classify.py [--budgets 60,300] [--photos DIR] [--out FILE] [--choices] [--smoke]
(--choices: also the default with one choice changed, each at each budget; --smoke: budgets of 10 s, one epoch of
the article's CNN, no files written unless --out is given.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from aprende.vision.data import load_fashion_data, load_folder
from aprende.vision.run import load_classifier, predict_logits
from aprende.vision.train import ClassifySettings, default_train_config, train_classifier

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "classify.md"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"
GOALS = {"photos_margin": 0.05, "fashion": {60: 0.930, 300: 0.940}}


class Clock:
    """Wall and CPU seconds (all threads of this process) of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, self._cpu() - self.cpu

    @staticmethod
    def _cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime


def colour_histograms(x: torch.Tensor, bins: int = 8) -> np.ndarray:
    """(N, 3, H, W) uint8 -> (N, bins³) joint RGB histograms, each summing to 1."""
    q = x.numpy().astype(np.int64) // (256 // bins)
    idx = (q[:, 0] * bins + q[:, 1]) * bins + q[:, 2]  # (N, H, W)
    h = np.stack([np.bincount(i.ravel(), minlength=bins**3) for i in idx]).astype(np.float32)
    return h / h.sum(1, keepdims=True)


def histogram_baselines(photos: Path) -> list[dict]:
    """A random forest and a logistic regression on colour histograms, trained on all of train/, tested on test/."""
    from sklearn.ensemble import RandomForestClassifier  # deferred: only the baselines need scikit-learn
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train, test = load_folder(photos / "train"), load_folder(photos / "test")
    assert train.classes == test.classes
    a, b = colour_histograms(train.x), colour_histograms(test.x)
    rows = []
    for label, model in (("random forest, colour histograms (500 trees)",
                          RandomForestClassifier(500, n_jobs=os.cpu_count(), random_state=0)),
                         ("logistic regression, colour histograms",
                          make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)))):
        with Clock() as c:
            model.fit(a, train.y.numpy())
            acc = float((model.predict(b) == test.y.numpy()).mean())
        rows.append(show({"label": label, "accuracy": acc, "epochs": None, "wall_s": c.wall, "cpu_s": c.cpu}))
    return rows


def show(row: dict) -> dict:
    print(json.dumps(row), flush=True)
    return row


def inference(run_dir: Path, x: torch.Tensor) -> tuple[float, float]:
    """(images/s at batch 256, ms per image at batch 1), through the lab's own predict path."""
    clf = load_classifier(run_dir)
    predict_logits(clf.model, x[:512], clf.config, 256)  # warm-up
    t0 = time.perf_counter()
    predict_logits(clf.model, x, clf.config, 256)
    per_s = len(x) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(200):
        predict_logits(clf.model, x[i : i + 1], clf.config, 1)
    return per_s, (time.perf_counter() - t0) / 200 * 1000


def train_row(label: str, model: str, tmp: str, data=None, test_data=None, speed_x=None, settings=None,
              **cfg) -> dict:
    """One training run with the lab's own defaults for `model` (plus `settings` and `cfg`), scored on its test
    part."""
    with Clock() as c:
        res = train_classifier(data, None if data else "fashion-mnist",
                               ClassifySettings(model=model, **(settings or {})),
                               default_train_config(model, quiet=True, **cfg), project=tmp, test_data=test_data)
    row = {"label": label, "accuracy": res.metrics["accuracy"], "epochs": res.metrics["epochs"],
           "wall_s": c.wall, "cpu_s": c.cpu, "train_s": res.metrics["seconds"]}
    if speed_x is not None:
        row["infer_img_s"], row["latency_ms"] = inference(res.run_dir, speed_x)
    return show(row)


# each choice of issue 14, measured against the default: (label, model, settings, loop options)
PHOTO_CHOICES = [("--model wide", "wide", {}, {}), ("--no-whiten", "fast", {"whiten": False}, {}),
                 ("--no-ema", "fast", {}, {"ema": False}),
                 ("--no-tta", "fast", {"tta": False}, {}), ("--no-crops", "fast", {"crops": False}, {}),
                 ("--color-jitter", "fast", {"color_jitter": True}, {}), ("--mix none", "fast", {"mix": "none"}, {}),
                 ("--mix cutmix", "fast", {"mix": "cutmix"}, {}), ("--mix mixup", "fast", {"mix": "mixup"}, {})]
FASHION_CHOICES = [("--no-whiten", "fast", {"whiten": False}, {}), ("--no-ema", "fast", {}, {"ema": False}),
                   ("--no-tta", "fast", {"tta": False}, {}), ("--mix cutmix", "fast", {"mix": "cutmix"}, {}),
                   ("--depth 2", "fast", {"depth": 2}, {})]


def choice_rows(choices, budgets: list[int], tmp: str, **data) -> list[dict]:
    """The default with one choice changed, at each budget (a choice that is already the default is skipped)."""
    rows = []
    for b in budgets:
        for label, model, settings, cfg in choices:
            if label == "--mix none" and b < 240 or label == "--mix cutmix" and b >= 240 and data:
                continue  # the default already
            rows.append(train_row(f"default {label}, --max-time {b}", model, tmp, settings=settings, max_time=b,
                                  **cfg, **data))
    return rows


def photo_rows(photos: Path, budgets: list[int], article_epochs: int | None, tmp: str,
               choices: bool = False) -> list[dict]:
    rows = histogram_baselines(photos)
    data = {"data": photos / "train", "test_data": photos / "test"}
    extra = {"epochs": article_epochs} if article_epochs else {}
    rows.append(train_row("article CNN, its settings (Adagrad 1e-3, batch 64, 6 epochs)", "article", tmp,
                          **data, **extra))
    for b in budgets:
        rows.append(train_row(f"aprende default, --max-time {b}", "fast", tmp, max_time=b, **data))
    return rows + (choice_rows(PHOTO_CHOICES, budgets, tmp, **data) if choices else [])


def fashion_rows(budgets: list[int], article_epochs: int | None, tmp: str,
                 choices: bool = False) -> tuple[list[dict], str]:
    d = load_fashion_data(0)
    x_test = d.part("test")[0]
    extra = {"epochs": article_epochs} if article_epochs else {}
    rows = [train_row("article CNN, its settings (Adagrad 1e-3, batch 64, 6 epochs)", "article", tmp,
                      speed_x=x_test, **extra)]
    for b in budgets:
        rows.append(train_row(f"aprende default, --max-time {b}", "fast", tmp, speed_x=x_test, max_time=b))
    if choices:
        rows += [{**r, "infer_img_s": float("nan"), "latency_ms": float("nan")}
                 for r in choice_rows(FASHION_CHOICES, budgets, tmp)]
    return rows, f"{d.source}; {len(d.splits['train'])} training, {len(d.splits['val'])} validation, " \
                 f"{len(x_test)} test images"


def table(rows: list[dict], speed: bool = False) -> list[str]:
    head = "| model | test accuracy | epochs | wall s | CPU s |"
    rule = "|---|---:|---:|---:|---:|"
    if speed:
        head += " inference img/s (batch 256) | batch-1 latency ms |"
        rule += "---:|---:|"
    out = [head, rule]
    for r in rows:
        line = f"| {r['label']} | {r['accuracy']:.4f} | {r['epochs'] or '–'} | {r['wall_s']:.0f} | {r['cpu_s']:.0f} |"
        if speed:
            line += " – | – |" if np.isnan(r["infer_img_s"]) else f" {r['infer_img_s']:.0f} | {r['latency_ms']:.2f} |"
        out.append(line)
    return out


def goals(photos: list[dict], fashion: list[dict], budgets: list[int]) -> list[str]:
    """The issue's 'done when', checked on this run's numbers."""
    rf = photos[0]["accuracy"]
    out = []
    for b in budgets:
        p = next(r for r in photos if r["label"].endswith(f"--max-time {b}"))
        f = next(r for r in fashion if r["label"].endswith(f"--max-time {b}"))
        margin = p["accuracy"] - rf
        ok = margin >= GOALS["photos_margin"]
        out.append(f"- photos, {b} s: {p['accuracy']:.1%} vs random forest {rf:.1%} ({margin * 100:+.1f} points; "
                   f"goal +5): {'met' if ok else 'NOT met'}")
        want = GOALS["fashion"].get(b)
        if want is not None:
            out.append(f"- Fashion-MNIST, {b} s: {f['accuracy']:.2%} (goal {want:.1%}): "
                       f"{'met' if f['accuracy'] >= want else 'NOT met'}")
    return out


def write(out: Path, block: str) -> None:
    """Replace the generated block of `out`, keeping the hand-written text around it."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Classification benchmark\n\n"
    generated = f"{START}\n{block}\n{END}"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: generated, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + generated + "\n"
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(RUN, indent=1) + "\n", encoding="utf-8")


RUN: dict = {}


# ---- issue 33: published ImageNet networks (python benchmarks/classify.py --pretrained) ----------------------------
PRE_START, PRE_END = "<!-- pretrained:start -->", "<!-- pretrained:end -->"
SPEED_START, SPEED_END = "<!-- pretrained-speed:start -->", "<!-- pretrained-speed:end -->"
SPEED_BATCH, SPEED_STEPS = 8, 12  # one epoch of 12 steps: 11 step-to-step intervals to take the median of


def speed_one(arch: str, size: int, precision: str, ours: bool) -> dict:
    """Training and inference images/s of one network at one size and precision, and this process's peak memory.
    ours = the Pretrained wrapper through core.trainer.fit (loss as `classify train --init` computes it); plain =
    torchvision's model in a bare PyTorch loop (same optimiser and precision). A training step is timed from one
    forward to the next (median of the epoch's steps), so it holds all a step does in either loop; what `fit` does
    once an epoch (checkpoint for an exact resume, results.csv, the curve) is reported apart, as `epoch_end_s`."""
    import torchvision
    from torch.utils.data import TensorDataset

    from aprende.core.trainer import fit
    from aprende.vision.finetune import finetune_train_config
    from aprende.vision.model import normalize
    from aprende.vision.pretrained import IMAGENET_MEAN, IMAGENET_STD, Pretrained

    torch.manual_seed(0)
    n = SPEED_BATCH * SPEED_STEPS
    x = torch.randint(0, 256, (n, 3, size, size), dtype=torch.uint8)
    y = torch.randint(0, 1000, (n,))
    bf16 = precision == "bf16"
    net = Pretrained(arch) if ours else getattr(torchvision.models, arch)(weights=None)
    net = net.to(memory_format=torch.channels_last)
    prep = lambda xb: normalize(xb.float() / 255, IMAGENET_MEAN, IMAGENET_STD, True)  # noqa: E731
    stamps: list[float] = []  # perf_counter at each forward: a step is the time between two
    with tempfile.TemporaryDirectory() as tmp:
        if ours:
            cfg = finetune_train_config(epochs=1, batch_size=SPEED_BATCH, precision=precision, ema=False, quiet=True,
                                        scheduler="none", monitor="train_loss", mode="min")

            def loss_fn(m, b):
                stamps.append(time.perf_counter())
                return torch.nn.functional.cross_entropy(m(prep(b[0])).float(), b[1])

            fit(net, TensorDataset(x[:SPEED_BATCH], y[:SPEED_BATCH]), cfg, Path(tmp) / "warm", loss_fn=loss_fn)
            stamps.clear()
            with Clock() as c:
                fit(net, TensorDataset(x, y), cfg, Path(tmp) / "run", loss_fn=loss_fn)
        else:
            opt = torch.optim.AdamW(net.parameters(), 1e-3, weight_decay=1e-4)
            net.train()

            def step(xb, yb):
                stamps.append(time.perf_counter())
                with torch.autocast("cpu", torch.bfloat16, enabled=bf16):
                    loss = torch.nn.functional.cross_entropy(net(prep(xb)).float(), yb)
                opt.zero_grad()
                loss.backward()
                opt.step()

            step(x[:SPEED_BATCH], y[:SPEED_BATCH])
            stamps.clear()
            with Clock() as c:
                for i in range(0, n, SPEED_BATCH):
                    step(x[i : i + SPEED_BATCH], y[i : i + SPEED_BATCH])
    steps = sorted(b - a for a, b in zip(stamps, stamps[1:]))
    step_s = steps[len(steps) // 2]
    # the last step ends at the end of the loop; the rest of the wall is fit's once-an-epoch work (0 when plain)
    epoch_end = max(0.0, c.wall - (stamps[-1] - stamps[0]) - step_s) if ours else 0.0
    net.eval()
    with torch.no_grad(), torch.autocast("cpu", torch.bfloat16, enabled=bf16):
        net(prep(x[:SPEED_BATCH]))
        with Clock() as c:
            for i in range(0, n, SPEED_BATCH):
                net(prep(x[i : i + SPEED_BATCH]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"arch": arch, "size": size, "precision": precision, "loop": "ours" if ours else "plain",
            "train_ips": round(SPEED_BATCH / step_s, 1), "epoch_end_s": round(epoch_end, 2),
            "infer_ips": round(n / c.wall, 1), "peak_mb": round(peak)}


SPEED_REPEATS = 3  # each row is the best of three, plain and ours taking turns: the 2 cores are often shared


def speed_rows() -> list[dict]:
    """Each (arch, size, precision, loop) in its own process, so that its peak memory is its own; the best of
    SPEED_REPEATS runs (timeit's rule: the least disturbed run), plain and ours alternating."""
    rows = []
    for arch in ("resnet18", "mobilenet_v3_small"):
        for size in (224, 160):
            for precision in ("fp32", "bf16"):
                runs: dict[str, list[dict]] = {"plain": [], "ours": []}
                for rep in range(SPEED_REPEATS):
                    for loop in (("plain", "ours") if rep % 2 == 0 else ("ours", "plain")):
                        proc = subprocess.run([sys.executable, __file__, "--speed-one", arch, str(size), precision,
                                               loop], capture_output=True, text=True, check=True)
                        runs[loop].append(json.loads(proc.stdout.strip().splitlines()[-1]))
                for loop in ("plain", "ours"):
                    best = dict(runs[loop][0])
                    best.update(train_ips=max(r["train_ips"] for r in runs[loop]),
                                infer_ips=max(r["infer_ips"] for r in runs[loop]),
                                epoch_end_s=min(r["epoch_end_s"] for r in runs[loop]),
                                peak_mb=min(r["peak_mb"] for r in runs[loop]))
                    rows.append(best)
                    print(best, flush=True)
    return rows


def fashion_folder(root: Path, labels: range, per_class: int, seed: int) -> Path:
    """Fashion-MNIST training images of `labels` as a folder per class (28 x 28 PNGs)."""
    from PIL import Image

    from aprende.datasets.fashion import load_fashion

    ds = load_fashion()
    x, y, names = ds.x_train, ds.y_train, ds.classes
    rng = np.random.default_rng(seed)
    for label in labels:
        (root / names[label]).mkdir(parents=True, exist_ok=True)
        for j, i in enumerate(rng.choice(np.flatnonzero(np.asarray(y) == label), per_class, replace=False)):
            Image.fromarray(np.asarray(x[i]).reshape(28, 28).astype(np.uint8)).save(root / names[label] / f"{j}.png")
    return root


def transfer_rows(tmp: str, pre_seconds: int, ft_seconds: int) -> list[dict]:
    """Pretrain ResNet-18 (random start) on Fashion-MNIST's first five classes, fine-tune it on a small folder of the
    other five; against the same network from its random start and our `fast` CNN from scratch, same budget."""
    import torchvision

    from aprende.vision.finetune import finetune_train_config
    from aprende.vision.pretrained import import_pretrained

    root = Path(tmp)
    big = fashion_folder(root / "big", range(0, 5), 1000, 0)
    small = fashion_folder(root / "small", range(5, 10), 40, 1)
    torch.manual_seed(0)
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), root / "r.pth")
    random_run = import_pretrained(root / "r.pth", "resnet18", project=root / "runs").run_dir
    size = ClassifySettings(img_size=[32, 32])
    rows = []

    def run(label, init, data, seconds, settings=size, ours_cnn=False):
        cfg = (default_train_config("fast", max_time=seconds, quiet=True) if ours_cnn
               else finetune_train_config(max_time=seconds, quiet=True))
        with Clock() as c:
            res = train_classifier(data, settings=settings, cfg=cfg, project=root / "runs", init=init)
        rows.append({"label": label, "accuracy": res.metrics["accuracy"], "seconds": round(c.wall),
                     "epochs": res.metrics["epochs"]})
        print(rows[-1], flush=True)
        return res

    pre = run("ResNet-18 pretrained here on Fashion-MNIST classes 0-4 (5,000 images)", random_run, big,
              pre_seconds)
    run("ResNet-18 fine-tuned from that run, on 200 images of classes 5-9", pre.run_dir, small, ft_seconds)
    run("ResNet-18 from its random start, same 200 images", random_run, small, ft_seconds)
    run("our `fast` CNN from scratch, same 200 images", None, small, ft_seconds, ClassifySettings(), True)
    return rows


def speed_table(speed: list[dict]) -> list[str]:
    """The speed rows, each `ours` beside the `plain` row of the same network, size and precision, as a ratio."""
    plain = {(r["arch"], r["size"], r["precision"]): r for r in speed if r["loop"] == "plain"}
    lines = ["| network | px | precision | loop | train img/s | ours / plain | fit's epoch end s | inference img/s "
             "| ours / plain | peak MB |", "|---|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in speed:
        base, ours = plain[(r["arch"], r["size"], r["precision"])], r["loop"] == "ours"
        train_x = f"{r['train_ips'] / base['train_ips']:.2f}×" if ours else ""
        infer_x = f"{r['infer_ips'] / base['infer_ips']:.2f}×" if ours else ""
        lines.append(f"| {r['arch']} | {r['size']} | {r['precision']} | {r['loop']} | {r['train_ips']} | {train_x} | "
                     f"{r['epoch_end_s'] if ours else ''} | {r['infer_ips']} | {infer_x} | {r['peak_mb']} |")
    return lines


def replace_block(out: Path, start: str, end: str, block: str, heading: str) -> None:
    """Write `block` between its markers in `out` (appended under `heading` the first time)."""
    text = out.read_text(encoding="utf-8")
    generated = f"{start}\n{block}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: generated, text, flags=re.S)
    else:
        text = text.rstrip("\n") + f"\n\n{heading}\n\n" + generated + "\n"
    out.write_text(text, encoding="utf-8")


def machine_line(load: tuple, after: tuple, command: str) -> str:
    return (f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads); load average before {load[0]:.2f}, after {after[0]:.2f} "
            f"(`{command}`). Random weights: ImageNet's cannot be downloaded here.")


def pretrained_main(out: Path | None, pre_seconds: int, ft_seconds: int, speed_only: bool = False) -> None:
    heading = "## Published ImageNet networks (issue 33)"
    load = os.getloadavg()
    speed = speed_rows()
    after = os.getloadavg()
    lines = [machine_line(load, after, "python benchmarks/classify.py --pretrained --speed-only"), "",
             f"Speed, batch {SPEED_BATCH}, one epoch of {SPEED_STEPS} steps after a warm-up, channels-last, AdamW, "
             f"best of {SPEED_REPEATS} runs, the two loops taking turns; "
             "a training step is timed from one forward to the next (the median), so each loop's whole step is in it, "
             "and what `fit` does once an epoch (checkpoint for an exact resume, results.csv) is its own column:",
             "", *speed_table(speed)]
    block = "\n".join(lines)
    print(block)
    if out is not None:
        replace_block(out, SPEED_START, SPEED_END, block, heading)
    if speed_only:
        return
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        transfer = transfer_rows(tmp, pre_seconds, ft_seconds)
    lines = [machine_line(load, os.getloadavg(), "python benchmarks/classify.py --pretrained"), "",
             "Transfer (32 px, `--max-time` each; test split of each folder):", "",
             "| run | test accuracy | seconds | epochs |", "|---|---|---|---|"]
    lines += [f"| {r['label']} | {r['accuracy']:.1%} | {r['seconds']} | {r['epochs']} |" for r in transfer]
    block = "\n".join(lines)
    print(block)
    if out is not None:
        replace_block(out, PRE_START, PRE_END, block, heading)


def main() -> None:
    if sys.argv[1:2] == ["--speed-one"]:  # one row of the pretrained speed table, in its own process
        arch, size, precision, loop = sys.argv[2:6]
        print(json.dumps(speed_one(arch, int(size), precision, loop == "ours")))
        return
    p = argparse.ArgumentParser()
    p.add_argument("--budgets", default=None, help="seconds, comma-separated (default 60,300; 10 with --smoke)")
    p.add_argument("--photos", type=Path, default=Path.home() / ".cache" / "aprende" / "fotos")
    p.add_argument("--out", type=Path, default=None, help=f"results file (default {RESULTS}; none with --smoke)")
    p.add_argument("--smoke", action="store_true", help="a quick check of the script itself")
    p.add_argument("--choices", action="store_true",
                   help="also the default with each choice changed (--model wide, --no-ema, --mix ...), at each budget")
    p.add_argument("--pretrained", action="store_true", help="only the part of issue 33 (ImageNet networks)")
    p.add_argument("--speed-only", action="store_true", help="with --pretrained: only its speed table")
    a = p.parse_args()
    if a.pretrained:
        pretrained_main(a.out or (None if a.smoke else RESULTS), 20 if a.smoke else 90, 10 if a.smoke else 30,
                        a.speed_only)
        return
    budgets = [int(b) for b in (a.budgets or ("10" if a.smoke else "60,300")).split(",")]
    out = a.out or (None if a.smoke else RESULTS)
    article_epochs = 1 if a.smoke else None
    if not (a.photos / "train").is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "data" / "make_photo_set.py"), "--out",
                        str(a.photos)], check=True)
    load = os.getloadavg()
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        photos = photo_rows(a.photos, budgets, article_epochs, tmp, a.choices)
        fashion, fashion_data = fashion_rows(budgets, article_epochs, tmp, a.choices)
    load_after = os.getloadavg()
    machine = (f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__} "
               f"({torch.get_num_threads()} threads), device cpu. Load average (1, 5, 15 min) before the run "
               f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}; after {load_after[0]:.2f}, {load_after[1]:.2f}, "
               f"{load_after[2]:.2f}. The whole run took {time.time() - t0:.0f} s "
               f"(`python benchmarks/classify.py {' '.join(sys.argv[1:])}`).")
    photo_data = (f"{a.photos}: {len(list((a.photos / 'train').iterdir()))} classes, "
                  f"{sum(1 for _ in (a.photos / 'train').rglob('*.png'))} training patches (10 % of them for "
                  f"validation), {sum(1 for _ in (a.photos / 'test').rglob('*.png'))} test patches")
    lines = [machine, "", f"**Photos** ({photo_data}).", "", *table(photos), "",
             f"**Fashion-MNIST** ({fashion_data}).", "", *table(fashion, speed=True), "",
             "Goals (issue 14):", "", *goals(photos, fashion, budgets)]
    block = "\n".join(lines)
    print(block)
    RUN.update(machine=machine, load_before=load, load_after=load_after, budgets=budgets, photos=photos,
               fashion=fashion)
    if out is not None:
        write(out, block)


if __name__ == "__main__":
    main()
