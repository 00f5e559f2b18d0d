"""A few minutes of `gpt train --init RUN` on a domain text, on this CPU: held-out perplexity before and after.

The imported model is GPT-2-shaped (Hugging Face's GPT2LMHeadModel, d 256, 4 layers, 4 heads, 256 positions, random
weights: nothing is downloaded here) with a byte-level BPE of 8,000 tokens trained on the training split of the
domain text (fortunes-es, Debian's Spanish fortunes). Each row fine-tunes it through `aprende.transformer.gpt.train`
(the code `gpt train --init` runs) for the same clock budget and scores it with `gpt.evaluate` on the text's fixed
held-out split.

usage: python benchmarks/published_lm_finetune.py [--seconds 150] [--out benchmarks/results/published-lm.md]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = [  # (label, learning rate or None for the fine-tuning default, --freeze-embeddings)
    ("defaults (lr 5e-5, 100 warm-up steps, linear)", None, False),
    ("lr 1e-3", 1e-3, False),
    ("lr 1e-3, --freeze-embeddings", 1e-3, True),
]


def imported_model(root: Path, docs: list[str]) -> Path:
    """A random GPT-2-shaped checkpoint saved by Hugging Face, imported as a run of ours."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    from aprende.transformer.published import import_checkpoint

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(docs, trainers.BpeTrainer(vocab_size=8000, special_tokens=["<|endoftext|>"],
                                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                                      show_progress=False))
    eos = tok.token_to_id("<|endoftext|>")
    config = GPT2Config(vocab_size=tok.get_vocab_size(), n_positions=256, n_embd=256, n_layer=4, n_head=4,
                        bos_token_id=eos, eos_token_id=eos)
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(root / "hf")
    PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>").save_pretrained(root / "hf")
    return import_checkpoint(root / "hf", project=root / "runs", name="base").run_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=150.0)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    from aprende.transformer import gpt
    from aprende.transformer.text import load_corpus

    torch.set_num_threads(2)
    corpus = load_corpus(None, "fortunes-es")
    train_docs, val_docs = corpus.split()
    root = Path(tempfile.mkdtemp())
    base = imported_model(root, train_docs)
    before = gpt.evaluate(base, dataset="fortunes-es").metrics
    rows = []
    for label, lr, frozen in ROWS:
        cfg = gpt.finetune_train_config(max_time=a.seconds, quiet=True, device="cpu",
                                        **({"lr": lr} if lr is not None else {}))
        t0 = time.perf_counter()
        result = gpt.train(None, cfg=cfg, project=root / "runs", dataset="fortunes-es", init_run=base,
                           freeze_embeddings=frozen)
        seconds = time.perf_counter() - t0
        after = gpt.evaluate(result.run_dir, dataset="fortunes-es").metrics
        epochs = len((result.run_dir / "results.csv").read_text().splitlines()) - 1
        rows.append((label, after["perplexity"], epochs, seconds))
        print(label, after, epochs, flush=True)
    n_params = sum(p.numel() for p in gpt.load_gpt(base).model.parameters())
    load = os.getloadavg()[0]
    lines = [
        "## Fine-tuning an imported GPT-2-shaped model (`gpt train --init`)", "",
        f"`python benchmarks/published_lm_finetune.py --seconds {a.seconds:g}`, on the 2-core machine "
        f"({time.strftime('%Y-%m-%d')}), fp32, 2 threads; other jobs shared the cores (load average afterwards "
        f"{load:.1f}).", "",
        f"A random GPT2LMHeadModel (d 256, 4 layers, 4 heads, 256 positions, {n_params / 1e6:.1f}M parameters; "
        f"nothing is downloaded here) with a byte-level BPE of 8,000 tokens, saved by Hugging Face and imported with "
        f"`weights import`; fine-tuned on fortunes-es ({len(train_docs):,} training quotes) with the fine-tuning "
        f"defaults (AdamW, batch 16, blocks of 256 tokens, 100 warm-up steps, then linear decay to 0 at the end of "
        f"the {a.seconds:g} s budget) and the learning rate shown; held-out perplexity on the text's fixed split "
        f"({len(val_docs):,} quotes, `gpt evaluate`).", "",
        "| run | held-out perplexity | epochs | seconds |", "|---|---:|---:|---:|",
        f"| imported, before fine-tuning | {before['perplexity']:.1f} | – | – |",
        *[f"| {label} | {ppl:.1f} | {ep} | {s:.0f} |" for label, ppl, ep, s in rows], "",
    ]
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "a", encoding="utf-8") as f:
            f.write("\n" + text)


if __name__ == "__main__":
    main()
