"""Transformer benchmark: our Seq2Seq against torch.nn.Transformer (speed and BLEU), the KV cache, and a GPU GPT.

1. Training throughput (target tokens/s): ours vs `torch.nn.Transformer` with the same embeddings, sizes (d_model 256,
   4 heads, 3+3 layers, d_ff 1024, batch 64, length 48, vocab 8000) and optimiser (Adam), fp32 and bf16 autocast.
2. BLEU on the fixed test split after the same training budget (`--minutes`), both trained by the lab's own loop;
   `--parallel` trains both at once, each a process with one thread (say so in the table), else one after the other.
3. GPT generation tokens/s at 256 new tokens with and without the KV cache (the lab's default GPT sizes, random init).
4. With CUDA: a ~110M-parameter GPT at context 1024, bf16, compiled: tokens/s and MFU against the GPU's bf16 peak.
usage: python benchmarks/transformer.py [--minutes 20] [--parallel] [--steps 10] [--limit N] [--smoke] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from aprende.transformer.layers import PositionalEncoding, TokenEmbedding, TransformerConfig
from aprende.transformer.model import GPT, Seq2Seq, generate
from aprende.transformer.text import PAD

ROOT = Path(__file__).resolve().parents[1]
warnings.filterwarnings("ignore", message=".*nested tensors is in prototype.*")  # nn.Transformer's eval fast path
SIZES = dict(vocab_size=8000, d_model=256, n_heads=4, n_layers=3, n_decoder_layers=3, d_ff=1024, dropout=0.1,
             context=128, norm="post", positional="sinusoidal")
PEAK_BF16 = [("H100 PCIe", 756e12), ("H100 NVL", 835e12), ("H100", 989e12), ("H200", 989e12), ("GH200", 989e12),
             ("A100", 312e12), ("L40S", 362e12), ("L4", 121e12), ("A10", 125e12)]  # dense bf16, by device name


class TorchTransformer(nn.Module):
    """The baseline: our embeddings and tied output around `torch.nn.Transformer`, with Seq2Seq's interface."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = TokenEmbedding(cfg.vocab_size, cfg.d_model)
        self.pos = PositionalEncoding(cfg.d_model, cfg.context, cfg.dropout, cfg.positional == "learned")
        self.core = nn.Transformer(cfg.d_model, cfg.n_heads, cfg.n_layers, cfg.n_decoder_layers or cfg.n_layers,
                                   cfg.d_ff, cfg.dropout, batch_first=True, norm_first=cfg.norm == "pre")

    def encode(self, src):
        pad = src == PAD  # (B, S) True at pads
        return self.core.encoder(self.pos(self.embed(src)), src_key_padding_mask=pad), pad

    def decode(self, tgt, memory, pad, cache=None):
        """No key/value cache here: a cache only remembers the tokens so far, and every step recomputes them all."""
        full = tgt if cache is None or "ids" not in cache[0] else torch.cat([cache[0]["ids"], tgt], 1)
        if cache is not None:
            cache[0]["ids"] = full
        t = full.size(1)
        causal = torch.ones(t, t, dtype=torch.bool, device=tgt.device).triu(1)  # True: may not look
        h = self.core.decoder(self.pos(self.embed(full)), memory, tgt_mask=causal, tgt_is_causal=True,
                              memory_key_padding_mask=pad)
        return F.linear(h, self.embed.embedding.weight)[:, -tgt.size(1):]  # (B, T, V)

    def forward(self, src, tgt):
        memory, pad = self.encode(src)
        return self.decode(tgt, memory, pad)

    def new_cache(self):
        return [{}]

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


def throughput(build, steps: int, bf16: bool, batch: int = 64, length: int = 48) -> float:
    """Target tokens/s of training steps (forward, backward, Adam) on random ids."""
    torch.manual_seed(0)
    model = build(TransformerConfig(**SIZES)).train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    src = torch.randint(3, SIZES["vocab_size"], (batch, length))
    tgt = torch.randint(3, SIZES["vocab_size"], (batch, length + 1))
    for i in range(steps + 2):  # two warm-up steps
        if i == 2:
            t0 = time.perf_counter()
        with torch.autocast("cpu", torch.bfloat16, enabled=bf16):
            logits = model(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.float().flatten(0, 1), tgt[:, 1:].flatten(), label_smoothing=0.1)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return steps * batch * length / (time.perf_counter() - t0)


def bleu_one(which: str, minutes: float, limit: int | None, project: str, threads: int | None) -> dict:
    """Train one model with the lab's loop for `minutes`, then greedy BLEU/chrF on the fixed test split."""
    from aprende.transformer.pairs import load_pairs
    from aprende.transformer.translate import bleu_on
    from aprende.transformer.translate_train import TranslateSettings, default_train_config, train

    if threads:
        torch.set_num_threads(threads)
    settings = TranslateSettings(**{k: v for k, v in SIZES.items() if k in TranslateSettings.__dataclass_fields__},
                                 max_len=48)
    res = train(None, settings, default_train_config(max_time=minutes * 60, quiet=True), project, which,
                build=TorchTransformer if which == "torch" else None, bleu_pairs=0)
    from aprende.core.checkpoint import load_into
    from aprende.transformer.run import Translator
    from aprende.transformer.text import load_tokenizer

    tok = load_tokenizer(res.run_dir / "tokenizer.json")
    settings.vocab_size = tok.get_vocab_size()
    model = (TorchTransformer if which == "torch" else Seq2Seq)(settings.model_config())
    load_into(model, res.run_dir / "weights" / "best.safetensors")
    tr = Translator(model.eval(), tok, settings.direction, res.run_dir)
    test = load_pairs(None, settings.direction, True).test[:limit]
    t0 = time.perf_counter()
    scores = bleu_on(tr, test)
    steps = sum(1 for _ in open(res.run_dir / "results.csv")) - 1
    return {"model": which, **scores, "sentences": len(test), "val_loss": res.metrics["val_loss"],
            "epochs_logged": steps, "train_s": res.metrics["seconds"], "decode_s": time.perf_counter() - t0}


def bleu_both(minutes: float, limit: int | None, parallel: bool) -> list[dict]:
    """Each model in its own process (one thread each when parallel), results through JSON files."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        cmds = {w: [sys.executable, __file__, "--bleu-one", w, "--minutes", str(minutes), "--project", tmp,
                    "--json-out", f"{tmp}/{w}.json"] + (["--limit", str(limit)] if limit else [])
                + (["--threads", "1"] if parallel else []) for w in ("ours", "torch")}
        if parallel:
            procs = [subprocess.Popen(c) for c in cmds.values()]
            if any(p.wait() for p in procs):
                raise SystemExit("a BLEU run failed")
        else:
            for c in cmds.values():
                subprocess.run(c, check=True)
        for w in cmds:
            out.append(json.loads(Path(f"{tmp}/{w}.json").read_text()))
    return out


def gpt_generation(new_tokens: int) -> dict:
    """Tokens/s writing `new_tokens` greedily after a 16-token prompt, with and without the KV cache."""
    torch.manual_seed(0)
    cfg = TransformerConfig(vocab_size=2000, d_model=128, n_heads=4, n_layers=4, d_ff=512, dropout=0.0,
                            context=512, positional="learned", norm="pre", activation="gelu")
    model = GPT(cfg).eval()
    ids = torch.randint(3, 2000, (1, 16))
    out = {"new_tokens": new_tokens}
    for cache in (True, False):
        t0 = time.perf_counter()
        n = sum(1 for _ in generate(model, ids, new_tokens, temperature=0.0, use_cache=cache))
        out["cache" if cache else "no_cache"] = n / (time.perf_counter() - t0)
    return out


def gpu_gpt(steps: int) -> dict | None:
    """~110M-parameter GPT (12 x 768, vocab 32768) at context 1024, bf16 autocast, compiled: tokens/s and MFU."""
    if not torch.cuda.is_available():
        return None
    name = torch.cuda.get_device_name()
    peak = next((p for key, p in PEAK_BF16 if key in name), None)
    cfg = TransformerConfig(vocab_size=32768, d_model=768, n_heads=12, n_layers=12, d_ff=3072, dropout=0.0,
                            context=1024, positional="learned", norm="pre", activation="gelu")
    model = GPT(cfg).cuda()
    n_params = model.n_params() - cfg.context * cfg.d_model  # position table: a lookup, no multiply
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, fused=True)
    step_model = torch.compile(model)
    batch = 16
    x = torch.randint(0, cfg.vocab_size, (batch, cfg.context + 1), device="cuda")
    for i in range(steps + 3):
        if i == 3:
            torch.cuda.synchronize()
            t0 = time.perf_counter()
        with torch.autocast("cuda", torch.bfloat16):
            logits = step_model(x[:, :-1])
        loss = F.cross_entropy(logits.float().flatten(0, 1), x[:, 1:].flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    torch.cuda.synchronize()
    tok_s = steps * batch * cfg.context / (time.perf_counter() - t0)
    flops_per_token = 6 * n_params + 12 * cfg.n_layers * cfg.d_model * cfg.context  # PaLM's estimate
    return {"device": name, "params": n_params, "tokens_s": tok_s,
            "mfu": tok_s * flops_per_token / peak if peak else None, "peak_tflops": peak / 1e12 if peak else None}


def write_report(res: dict, out: Path) -> None:
    """benchmarks/results/transformer.md (the table for the docs) and .json (every number)."""
    tp, gen, gpu = res["throughput"], res["generation"], res["gpu"]
    mode = "trained at the same time, one thread each" if res["parallel"] else "trained one after the other"
    lines = [f"Machine: {res['machine']}." + (" SMOKE RUN: tiny budgets, the numbers mean nothing." if res["smoke"]
                                                else ""), "",
             "| measure | ours | torch.nn.Transformer | ours / torch | goal |", "|---|---:|---:|---:|---|"]
    for label in ("fp32", "bf16"):
        o, b = tp[label]["ours"], tp[label]["torch"]
        lines.append(f"| training target tokens/s, {label} (d 256, 4 heads, 3+3, batch 64 x 48, vocab 8000) | "
                     f"{o:.0f} | {b:.0f} | {o / b:.2f}x | ≥ 1.2x |")
    bl = {r["model"]: r for r in res["bleu"]}
    for k in ("bleu", "chrf"):
        lines.append(f"| test {k.upper() if k == 'bleu' else 'chrF'} after {res['minutes']:g} min ({mode}; "
                     f"{bl['ours']['sentences']} sentences, greedy) | {bl['ours'][k]:.2f} | {bl['torch'][k]:.2f} | "
                     f"{bl['ours'][k] - bl['torch'][k]:+.2f} | {'≥ +2 BLEU' if k == 'bleu' else ''} |")
    lines += ["", f"| GPT generation, {gen['new_tokens']} new tokens (d 128, 4 layers, batch 1) | tokens/s |", "|---|---:|",
              f"| with KV cache | {gen['cache']:.0f} |", f"| without | {gen['no_cache']:.0f} |",
              f"| speed-up | {gen['cache'] / gen['no_cache']:.1f}x (goal ≥ 5x) |", ""]
    if gpu:
        mfu = f"{gpu['mfu']:.1%}" if gpu["mfu"] is not None else "n/a (peak unknown)"
        lines.append(f"GPU: {gpu['device']}, GPT {gpu['params'] / 1e6:.0f}M parameters, context 1024, bf16, compiled: "
                     f"{gpu['tokens_s']:.0f} tokens/s, MFU {mfu} (goal ≥ 40%).")
    else:
        lines.append("GPU: no CUDA device on this machine; the ~110M GPT MFU measurement was skipped.")
    text = "\n".join(lines) + "\n"
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--minutes", type=float, default=20.0)
    p.add_argument("--parallel", action="store_true")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--limit", type=int, default=None, help="test sentences for BLEU (default: all)")
    p.add_argument("--smoke", action="store_true", help="tiny budgets: checks the script, numbers mean nothing")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "transformer.md"))
    p.add_argument("--bleu-one", choices=["ours", "torch"], help=argparse.SUPPRESS)
    p.add_argument("--project", help=argparse.SUPPRESS)
    p.add_argument("--json-out", help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.bleu_one:
        Path(a.json_out).write_text(json.dumps(bleu_one(a.bleu_one, a.minutes, a.limit, a.project, a.threads)))
        return
    if a.smoke:
        a.minutes, a.steps, a.limit = min(a.minutes, 0.5), min(a.steps, 2), a.limit or 20
    load = os.getloadavg()[0]
    res = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
                      f"({torch.get_num_threads()} threads), load average before the run {load:.2f}",
           "smoke": a.smoke, "minutes": a.minutes, "parallel": a.parallel, "throughput": {}}
    for label, bf16 in (("fp32", False), ("bf16", True)):
        res["throughput"][label] = {"ours": throughput(Seq2Seq, a.steps, bf16),
                                    "torch": throughput(TorchTransformer, a.steps, bf16)}
        print(label, res["throughput"][label], flush=True)
    res["bleu"] = bleu_both(a.minutes, a.limit, a.parallel)
    print(res["bleu"], flush=True)
    res["generation"] = gpt_generation(32 if a.smoke else 256)
    res["gpu"] = gpu_gpt(3 if a.smoke else 20)
    write_report(res, Path(a.out))


if __name__ == "__main__":
    main()
