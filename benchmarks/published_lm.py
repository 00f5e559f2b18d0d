"""A GPT-2-sized model (124M, random weights made by Hugging Face's GPT2LMHeadModel; nothing is downloaded) in our
GPT and in Hugging Face's, same prompts, fp32, on this CPU: load time and greedy tokens/s with the KV cache.

usage: python benchmarks/published_lm.py [--repeats 3] [--new 32] [--out benchmarks/results/published-lm.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROMPTS = ["El gato duerme en la casa", "La inteligencia artificial", "Mañana vamos a la playa"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--new", type=int, default=32)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
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
             f"{lmed['ours'] / lmed['hf']:.2f}× |"]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        Path(a.out).write_text("# Published GPT-2 in our modules and in Hugging Face's\n\n"
                               "`python benchmarks/published_lm.py --out benchmarks/results/published-lm.md`, on the "
                               "2-core machine (2026-12-07).\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
