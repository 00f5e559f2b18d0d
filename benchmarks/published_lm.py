"""A GPT-2-sized model (124M, random weights made by Hugging Face's GPT2LMHeadModel; nothing is downloaded) in our
GPT and in Hugging Face's, same prompts, fp32, on this CPU: load time, greedy tokens/s with the KV cache, and the
peak resident memory of a process that only loads the model and writes the same tokens (one process each).

usage: python benchmarks/published_lm.py [--repeats 3] [--new 32] [--out benchmarks/results/published-lm.md]
(--out rewrites the page's first part and keeps its later `## ` sections, such as published_lm_finetune.py's)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROMPTS = ["El gato duerme en la casa", "La inteligencia artificial", "Mañana vamos a la playa"]


def child(which: str, folder: str, run: str, new: int) -> None:
    """One process: load `which` (ours: load_gpt; hf: from_pretrained), write the prompts, print the peak RSS."""
    if which == "ours":
        from aprende.transformer.model import generate
        from aprende.transformer.run import load_gpt

        lm = load_gpt(run)
        for prompt in PROMPTS:
            list(generate(lm.model, torch.tensor([lm.tok.encode(prompt).ids]), new, 0.0, use_cache=True))
    else:
        from transformers import GPT2LMHeadModel, PreTrainedTokenizerFast

        tok = PreTrainedTokenizerFast.from_pretrained(folder)
        hf = GPT2LMHeadModel.from_pretrained(folder).eval()
        for prompt in PROMPTS:
            with torch.no_grad():
                hf.generate(torch.tensor([tok(prompt)["input_ids"]]), max_new_tokens=new, min_new_tokens=new,
                            do_sample=False, pad_token_id=tok.eos_token_id)
    print(json.dumps({"peak_mb": high_water_mb()}))


def high_water_mb() -> float:
    """This process's peak resident memory: /proc's VmHWM (ru_maxrss would carry the parent's over fork + exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: KiB on Linux, bytes on macOS


def peak_mb(which: str, folder: Path, run: Path, new: int) -> float:
    out = subprocess.run([sys.executable, __file__, "--child", which, "--folder", str(folder), "--run", str(run),
                          "--new", str(new)], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--new", type=int, default=32)
    ap.add_argument("--out", default=None)
    ap.add_argument("--child", choices=("ours", "hf"), default=None)  # internal: one peak-memory process
    ap.add_argument("--folder", default=None)
    ap.add_argument("--run", default=None)
    a = ap.parse_args()
    if a.child:
        return child(a.child, a.folder, a.run, a.new)
    from tests.transformer.hf_fixtures import gpt2_folder
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    from aprende.transformer.model import generate
    from aprende.transformer.published import import_checkpoint
    from aprende.transformer.run import load_gpt

    root = Path(tempfile.mkdtemp())
    small = gpt2_folder(root / "tok")  # only its byte-level tokenizer is reused, with GPT-2's full sizes
    tok = PreTrainedTokenizerFast.from_pretrained(small)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=50257, bos_token_id=tok.eos_token_id, eos_token_id=tok.eos_token_id)
    GPT2LMHeadModel(config).save_pretrained(root / "gpt2")
    tok.save_pretrained(root / "gpt2")
    run = import_checkpoint(root / "gpt2", project=root / "runs", name="gpt2").run_dir
    loads = {"ours": [], "hf": []}
    speed = {"ours": [], "hf": []}
    same = True
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        lm = load_gpt(run)
        loads["ours"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hf = GPT2LMHeadModel.from_pretrained(root / "gpt2").eval()
        loads["hf"].append(time.perf_counter() - t0)
        ref = {}
        for name in ("ours", "hf"):
            t0, n = time.perf_counter(), 0
            for prompt in PROMPTS:
                ids = lm.tok.encode(prompt).ids
                if name == "ours":  # the loop `gpt generate` runs, without stopping at <|endoftext|>
                    toks = [int(t) for t in generate(lm.model, torch.tensor([ids]), a.new, 0.0, use_cache=True)]
                    ref[prompt] = toks
                else:  # min_new_tokens: the same count of tokens (a random model may write <|endoftext|> early)
                    with torch.no_grad():
                        out = hf.generate(torch.tensor([ids]), max_new_tokens=a.new, min_new_tokens=a.new,
                                          do_sample=False, pad_token_id=tok.eos_token_id)
                    toks = out[0, len(ids):].tolist()
                    same = same and toks == ref[prompt]
                n += len(toks)
            speed[name].append(n / (time.perf_counter() - t0))
    del lm, hf
    peak = {name: peak_mb(name, root / "gpt2", run, a.new) for name in ("ours", "hf")}
    load = os.getloadavg()
    med = {k: statistics.median(v) for k, v in speed.items()}
    lmed = {k: statistics.median(v) for k, v in loads.items()}
    lines = [f"GPT-2 size (124M parameters, random weights), fp32, {torch.get_num_threads()} threads, "
             f"{len(PROMPTS)} prompts × {a.new} new tokens, greedy with the KV cache, medians of {a.repeats} "
             f"interleaved runs; load average afterwards {load[0]:.1f}; same tokens both ways: {same}.", "",
             "| measure | ours | Hugging Face | ours / HF |", "|---|---:|---:|---:|",
             f"| greedy tokens/s (higher is better) | {med['ours']:.1f} | {med['hf']:.1f} | "
             f"{med['ours'] / med['hf']:.2f}× |",
             f"| load s (lower is better) | {lmed['ours']:.2f} | {lmed['hf']:.2f} | "
             f"{lmed['ours'] / lmed['hf']:.2f}× |",
             f"| peak RSS MB, load + generate in its own process (lower is better) | {peak['ours']:.0f} | "
             f"{peak['hf']:.0f} | {peak['ours'] / peak['hf']:.2f}× |"]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        old = Path(a.out).read_text(encoding="utf-8") if Path(a.out).is_file() else ""
        later = old[old.index("\n## ") + 1:] if "\n## " in old else ""  # other scripts' sections stay
        Path(a.out).write_text("# Published GPT-2 in our modules and in Hugging Face's\n\n"
                               "`python benchmarks/published_lm.py --out benchmarks/results/published-lm.md`, on the "
                               f"2-core machine ({time.strftime('%Y-%m-%d')}).\n\n" + text + "\n" + later,
                               encoding="utf-8")


if __name__ == "__main__":
    main()
