"""An opus-mt-sized Marian (d 512, 6+6 layers, 58k vocabulary, random weights built by Hugging Face's own class) in
our Seq2Seq and in Hugging Face's MarianMTModel: load time, greedy and beam-4 sentences/s, peak memory.

Each measurement runs in its own process (peak RSS is per process), ours and theirs interleaved, repeated; the
table gives medians. Both write the same tokens (checked). usage:
    python benchmarks/published_mt.py [--repeats 3] [--threads 1] [--out benchmarks/results/published-mt.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES, SRC_LEN, NEW = 8, 24, 32
SIZES = dict(vocab_size=58101, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
             decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512)


def build(folder: Path) -> None:
    """The checkpoint folder as opus-mt ships it: config, safetensors, generation_config, spm files, vocab.json."""
    import sentencepiece as spm
    import torch
    import transformers

    folder.mkdir(parents=True)
    lines = ["el perro come pan en la casa grande", "the dog eats bread in the big house"] * 20
    for name in ("source", "target"):
        spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_prefix=str(folder / name), vocab_size=40,
                                       hard_vocab_limit=False, bos_id=-1, eos_id=-1, minloglevel=2)
        (folder / f"{name}.model").rename(folder / f"{name}.spm")
    pad = SIZES["vocab_size"] - 1
    vocab = {"</s>": 0, "<unk>": 1, **{f"\u2581w{i}": i for i in range(2, pad)}, "<pad>": pad}
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    torch.manual_seed(0)
    cfg = transformers.MarianConfig(**SIZES, pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
                                    forced_eos_token_id=0, activation_function="swish", scale_embedding=True)
    model = transformers.MarianMTModel(cfg)
    with torch.no_grad():
        model.final_logits_bias.normal_(0.0, 1.0)
    model.save_pretrained(folder)
    (folder / "generation_config.json").write_text(json.dumps(
        {"bad_words_ids": [[pad]], "decoder_start_token_id": pad, "eos_token_id": 0, "forced_eos_token_id": 0,
         "max_length": 512, "num_beams": 4, "pad_token_id": pad, "renormalize_logits": True}), encoding="utf-8")


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it starts again at exec, not at the fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(which: str, folder: Path, run: Path, threads: int) -> dict:
    """Load, then greedy and beam-4 on the same 8 sentences; in this process only."""
    import torch

    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(1)
    src = torch.randint(2, SIZES["vocab_size"] - 1, (SENTENCES, SRC_LEN), generator=g)
    src[:, -1] = 0  # </s> ends every source, as the tokenizer writes it
    t0 = time.perf_counter()
    if which == "ours":
        from aprende.transformer.run import load_translator

        tr = load_translator(run)
        load = time.perf_counter() - t0
        encoded = src.tolist()

        def go(beam):
            return tr.translate_ids(encoded, beam, batch_size=SENTENCES * beam, max_new_tokens=NEW)
    else:
        import transformers

        model = transformers.MarianMTModel.from_pretrained(folder).eval()
        load = time.perf_counter() - t0

        def go(beam):
            with torch.no_grad():
                out = model.generate(input_ids=src, attention_mask=torch.ones_like(src), num_beams=beam,
                                     do_sample=False, max_new_tokens=NEW).tolist()
            return [row[1:row.index(0, 1)] if 0 in row[1:] else row[1:] for row in out]
    result = {"load_s": load}
    for beam in (1, 4):
        go(beam)  # warm-up
        t0 = time.perf_counter()
        out = go(beam)
        result[f"beam{beam}_s"] = time.perf_counter() - t0
        result[f"beam{beam}_out"] = out
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default="benchmarks/results/published-mt.md")
    ap.add_argument("--worker", nargs=3, metavar=("WHICH", "CHECKPOINT", "RUN"))
    args = ap.parse_args()
    if args.worker:
        which, folder, run = args.worker
        print(json.dumps(worker(which, Path(folder), Path(run), args.threads)))
        return
    from aprende.transformer.published.marian import import_marian

    loads = [os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        folder, run = Path(tmp) / "opus-mt-sized", Path(tmp) / "run"
        build(folder)
        t0 = time.perf_counter()
        import_marian(folder, run)
        import_s = time.perf_counter() - t0
        rows: dict[str, list[dict]] = {"ours": [], "hf": []}
        for _ in range(args.repeats):
            for which in ("ours", "hf"):
                out = subprocess.run([sys.executable, __file__, "--threads", str(args.threads), "--worker", which,
                                      str(folder), str(run)], capture_output=True, text=True, check=True).stdout
                rows[which].append(json.loads(out.strip().splitlines()[-1]))
                loads.append(os.getloadavg())
    same = all(a[f"beam{b}_out"] == h[f"beam{b}_out"] for a, h in zip(rows["ours"], rows["hf"]) for b in (1, 4))

    def med(which, key):
        return statistics.median(r[key] for r in rows[which])

    lines = ["# Published opus-mt-sized Marian: ours vs Hugging Face", "",
             f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores shared with other "
             f"sessions; torch threads {args.threads}; load average during the runs "
             f"{min(x[0] for x in loads):.2f}–{max(x[0] for x in loads):.2f} (1 min). Random weights built by "
             f"MarianMTModel (d 512, 6+6 layers, vocabulary 58,101, 74M parameters), float32, {SENTENCES} "
             f"sentences of {SRC_LEN} tokens, {NEW} new tokens at most; medians of {args.repeats} interleaved runs, "
             f"each in its own process. Same tokens from both: {'yes' if same else 'NO'}. "
             f"Import (convert to our run folder): {import_s:.1f} s.", "",
             "| measure | ours | Hugging Face | ours / HF |", "|---|---|---|---|"]
    measures = (("load (s, lower is better)", "load_s", False), ("greedy sentences/s", "beam1_s", True),
                ("beam-4 sentences/s", "beam4_s", True), ("peak RSS (MB, lower is better)", "peak_rss_mb", False))
    for label, key, higher in measures:
        a, h = med("ours", key), med("hf", key)
        if higher:
            a, h = SENTENCES / a, SENTENCES / h
        lines.append(f"| {label} | {a:.2f} | {h:.2f} | {a / h:.2f}× |")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
