"""Transformer benchmark, in parts that run one at a time (each writes its own table; the rest of the page stays):

  speed  training tokens/s of our Seq2Seq against `torch.nn.Transformer` (same embeddings, sizes, optimiser, dropout
         0.1; fp32 and bf16 autocast), a torch.profiler table of one step of each, and GPT generation with and
         without the KV cache (d_model 256, 6 layers, context 1024, batch 1, 16-token prompt, 1,000 new tokens, greedy,
         fp32). Ratios measured side by side in one process.
  hf     our BERT and GPT against Hugging Face `BertForMaskedLM` and `GPT2LMHeadModel` with the same configuration,
         tokenizer, data (corpus-es), batches (and masks), optimiser, schedule, wall-clock budget and precision, for
         each seed; both scored on the same held-out split by the same code (bert.masked_scores, gpt.stream_loss).
  bleu   test BLEU/chrF of our Seq2Seq and `torch.nn.Transformer` after the same training budget (Bible).
  mix    the translator trained on the Bible alone and on the Bible plus Debian's .mo catalogue pairs: BLEU/chrF on
         the Bible test split and on benchmarks/data/everyday_es_en.tsv.
  fills  the shipped BERT's five most likely words for each gap of ten everyday sentences with a [MASK]
         (benchmarks/data/bert_fill_es.txt), against the words accepted for each (bert_fill_es_answers.txt).
  gpu    with CUDA only: a ~110M-parameter GPT at context 1024, bf16, compiled: tokens/s and MFU.

usage: python benchmarks/transformer.py PART [--smoke] [--minutes M] [--seeds 0 1] [--precision auto|fp32|bf16]
The tables go between the generated-markers of benchmarks/results/transformer.md (every number in the .json beside
it); the text above and below the markers is written by hand and kept. --smoke runs tiny budgets to check the script:
its tables say SMOKE and are kept apart from the results.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from aprende.transformer.layers import PositionalEncoding, TokenEmbedding, TransformerConfig
from aprende.transformer.model import GPT, Seq2Seq, generate
from aprende.transformer.text import PAD

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "transformer.md"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"
warnings.filterwarnings("ignore", message=".*nested tensors is in prototype.*")  # nn.Transformer's eval fast path
SIZES = dict(vocab_size=8000, d_model=256, n_heads=4, n_layers=3, n_decoder_layers=3, d_ff=1024, dropout=0.1,
             context=128, norm="post", positional="sinusoidal")
# The language models of the side-by-side: small enough that ten CPU minutes train them to something.
LM_SIZES = dict(vocab_size=8000, d_model=256, n_heads=4, n_layers=4, d_ff=1024, dropout=0.1)
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

    def new_cache(self, capacity=None):
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
    from aprende.core.console import quietly
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
    with quietly():
        test = load_pairs(None, settings.direction).test[:limit]
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


def gpt_generation(new_tokens: int = 1000) -> dict:
    """Tokens/s writing `new_tokens` greedily after a 16-token prompt, with and without the KV cache, fp32, batch 1;
    the two must write the same tokens."""
    torch.manual_seed(0)
    cfg = TransformerConfig(vocab_size=2000, d_model=256, n_heads=4, n_layers=6, d_ff=1024, dropout=0.0,
                            context=1024, positional="learned", norm="pre", activation="gelu")
    model = GPT(cfg).eval()
    ids = torch.randint(3, 2000, (1, 16))
    out, tokens = {"new_tokens": new_tokens}, {}
    for cache in (True, False):
        t0 = time.perf_counter()
        tokens[cache] = [int(t) for t in generate(model, ids, new_tokens, temperature=0.0, use_cache=cache)]
        out["cache" if cache else "no_cache"] = len(tokens[cache]) / (time.perf_counter() - t0)
    out["same_tokens"] = tokens[True] == tokens[False]
    return out


def profile_step(build, bf16: bool = False, rows: int = 12) -> list[dict]:
    """torch.profiler: where one training step of each model spends its CPU time (self time, top ops)."""
    from torch.profiler import ProfilerActivity, profile

    torch.manual_seed(0)
    model = build(TransformerConfig(**SIZES)).train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    src = torch.randint(3, SIZES["vocab_size"], (64, 48))
    tgt = torch.randint(3, SIZES["vocab_size"], (64, 49))

    def step():
        with torch.autocast("cpu", torch.bfloat16, enabled=bf16):
            logits = model(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.float().flatten(0, 1), tgt[:, 1:].flatten(), label_smoothing=0.1)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    step()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(2):
            step()
    events = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
    total = sum(e.self_cpu_time_total for e in events) or 1
    return [{"op": e.key, "calls": e.count // 2, "self_ms": e.self_cpu_time_total / 2000,
             "share": e.self_cpu_time_total / total} for e in events[:rows]] + \
        [{"op": "(all ops)", "calls": sum(e.count for e in events) // 2, "self_ms": total / 2000, "share": 1.0}]


def speed(a) -> dict:
    steps = 2 if a.smoke else a.steps
    res = {"throughput": {}, "profile": {}}
    for label, bf16 in (("fp32", False), ("bf16", True)):
        ours, theirs = [], []
        for _ in range(1 if a.smoke else 3):  # alternate, so a change in the machine's load hits both
            ours.append(throughput(Seq2Seq, steps, bf16))
            theirs.append(throughput(TorchTransformer, steps, bf16))
        res["throughput"][label] = {"ours": max(ours), "torch": max(theirs)}
        print(label, res["throughput"][label], flush=True)
    if not a.smoke:
        res["profile"] = {"ours": profile_step(Seq2Seq), "torch": profile_step(TorchTransformer)}
    res["generation"] = gpt_generation(50 if a.smoke else a.new_tokens)
    print(res["generation"], flush=True)
    return res


# --- the Hugging Face side-by-side ----------------------------------------------------------------------------

def bf16_ok() -> bool:
    return torch.backends.cpu.get_cpu_capability() in ("AVX512", "AVX512_BF16", "AMX") or torch.cuda.is_available()


def hf_model(kind: str, cfg: TransformerConfig):
    """The Hugging Face model with our sizes (positions, heads, layers, widths, dropout, vocabulary, GELU, tying)."""
    import transformers  # deferred: the `bench` extra only

    if kind == "bert":
        conf = transformers.BertConfig(vocab_size=cfg.vocab_size, hidden_size=cfg.d_model,
                                       num_hidden_layers=cfg.n_layers, num_attention_heads=cfg.n_heads,
                                       intermediate_size=cfg.d_ff, hidden_act="gelu", hidden_dropout_prob=cfg.dropout,
                                       attention_probs_dropout_prob=cfg.dropout, max_position_embeddings=cfg.context,
                                       type_vocab_size=1, pad_token_id=PAD, tie_word_embeddings=True)
        return transformers.BertForMaskedLM(conf)
    conf = transformers.GPT2Config(vocab_size=cfg.vocab_size, n_positions=cfg.context, n_embd=cfg.d_model,
                                   n_layer=cfg.n_layers, n_head=cfg.n_heads, n_inner=cfg.d_ff,
                                   activation_function="gelu", resid_pdrop=cfg.dropout, embd_pdrop=cfg.dropout,
                                   attn_pdrop=cfg.dropout, bos_token_id=1, eos_token_id=1, tie_word_embeddings=True)
    return transformers.GPT2LMHeadModel(conf)


def lm_data(kind: str, context: int, smoke: bool):
    """Tokenizer, training blocks and held-out blocks of corpus-es (fortunes-es where it cannot be built)."""
    from aprende.transformer.lm import split_streams
    from aprende.transformer.text import blocks, load_corpus, train_tokenizer

    corpus = load_corpus(None, None)
    train_docs, _ = corpus.split()
    if smoke:
        corpus.docs, corpus.held_out = corpus.docs[:600], corpus.held_out[:600] if corpus.held_out else None
        train_docs = corpus.split()[0]
    tok = train_tokenizer(train_docs, LM_SIZES["vocab_size"])
    train, val = split_streams(tok, corpus, context)
    x, y = blocks(train, context)
    vx, vy = blocks(val, context)
    return corpus.source, tok, x, y, vx, vy


def train_lm(kind: str, model, x, y, starts, minutes: float, seed: int, bf16: bool, batch: int, lr: float) -> dict:
    """The one loop both sides run: the same batch order and BERT masks (from `seed`), AdamW with the lab's warm-up
    then 1/√step decay, gradient clipping at 1, until the clock runs out. Our BERT computes its loss as the lab does
    (`bert.mlm_loss`: logits of the hidden tokens only); BertForMaskedLM computes every position's logits."""
    from aprende.transformer.bert import mask_tokens, mlm_loss

    ours = isinstance(model, nn.Module) and hasattr(model, "cfg")
    torch.manual_seed(seed)
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    masks = torch.Generator().manual_seed(seed + 1000)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = 100
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warmup, math.sqrt(warmup / (s + 1))))
    model.train()
    t0, steps, seen = time.perf_counter(), 0, 0
    while time.perf_counter() - t0 < minutes * 60:
        idx = order[(steps * batch) % len(x):][:batch]
        with torch.autocast("cpu", torch.bfloat16, enabled=bf16):
            if kind == "bert":
                inputs, targets = mask_tokens(x[idx], LM_SIZES["vocab_size"], 0.15, masks, starts)
                if ours:  # the lab's own loss: the logits of the hidden tokens alone (the same value)
                    loss = mlm_loss(model, inputs, targets)
                else:
                    loss = F.cross_entropy(model(input_ids=inputs).logits.float().flatten(0, 1), targets.flatten(),
                                           ignore_index=-100)
            else:
                logits = model(x[idx]) if ours else model(input_ids=x[idx]).logits
                loss = F.cross_entropy(logits.float().flatten(0, 1), y[idx].flatten(), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        steps += 1
        seen += idx.numel() * x.size(1)  # tokens
    return {"steps": steps, "tokens_s": seen / (time.perf_counter() - t0), "train_loss": float(loss.detach())}


@torch.no_grad()
def score_lm(kind: str, model, vx, vy, starts) -> dict:
    """Held-out figures by the lab's own code: masked top-1/top-5 and perplexity, or next-token perplexity."""
    from aprende.transformer.bert import EVAL_MASK, masked_scores

    model.eval()
    ours = hasattr(model, "cfg")
    logits_of = (lambda m, ids: m(ids)) if ours else (lambda m, ids: m(input_ids=ids).logits)
    if kind == "bert":
        return masked_scores(model, vx, EVAL_MASK, 32, starts, logits_of)
    total, count = 0.0, 0
    for i in range(0, len(vx), 32):
        logits = logits_of(model, vx[i:i + 32]).float()
        total += float(F.cross_entropy(logits.flatten(0, 1), vy[i:i + 32].flatten(), reduction="sum"))
        count += vy[i:i + 32].numel()
    return {"val_loss": total / count, "perplexity": math.exp(total / count), "tokens": count}


def hf_side_by_side(a) -> dict:
    from aprende.transformer.bert import BERT, BERTSettings, word_starts
    from aprende.transformer.gpt import GPTSettings

    bf16 = {"auto": bf16_ok(), "bf16": True, "fp32": False}[a.precision]
    minutes = 0.25 if a.smoke else a.minutes
    out = {"minutes": minutes, "precision": "bf16 autocast" if bf16 else "fp32", "seeds": a.seeds, "runs": []}
    for kind, settings_cls, lr in (("bert", BERTSettings, 1e-3), ("gpt", GPTSettings, 1e-3)):
        if kind not in a.kinds:
            continue
        settings = settings_cls(**{k: v for k, v in LM_SIZES.items()})
        source, tok, x, y, vx, vy = lm_data(kind, settings.context, a.smoke)
        settings.vocab_size = LM_SIZES["vocab_size"]
        cfg = settings.model_config()
        starts = word_starts(tok) if kind == "bert" else None
        out[kind] = {"text": source, "context": settings.context, "train_blocks": len(x), "held_out_blocks": len(vx)}
        for seed in a.seeds:
            for side in ("ours", "hf"):
                torch.manual_seed(seed)
                model = (BERT(cfg) if kind == "bert" else GPT(cfg)) if side == "ours" else hf_model(kind, cfg)
                fit = train_lm(kind, model, x, y, starts, minutes, seed, bf16, 32, lr)
                row = {"model": kind, "side": side, "seed": seed, **fit, **score_lm(kind, model, vx, vy, starts),
                       "parameters": sum(p.numel() for p in model.parameters())}
                print(row, flush=True)
                out["runs"].append(row)
    return out


def merge_hf(old: dict | None, new: dict) -> dict:
    """A run of some models or seeds completes the saved side by side of the same budget and precision: its rows
    replace the saved rows of the same (model, side, seed), the others stay."""
    if not old or (old.get("minutes"), old.get("precision")) != (new["minutes"], new["precision"]):
        return new
    key = lambda r: (r["model"], r["side"], r["seed"])  # noqa: E731
    fresh = {key(r) for r in new["runs"]}
    runs = [r for r in old["runs"] if key(r) not in fresh] + new["runs"]
    runs.sort(key=lambda r: (r["model"], r["seed"], r["side"] != "ours"))
    return {**old, **new, "runs": runs, "seeds": sorted({r["seed"] for r in runs})}


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


def machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} ({torch.get_num_threads()} "
            f"threads), load average before the part {os.getloadavg()[0]:.2f}")


def table_speed(r: dict) -> list[str]:
    tp, gen = r["throughput"], r["generation"]
    lines = ["| training target tokens/s (d 256, 4 heads, 3+3 layers, batch 64 x 48, vocab 8000, dropout 0.1) | ours | "
             "torch.nn.Transformer | ours / torch |", "|---|---:|---:|---:|"]
    for label in tp:
        o, b = tp[label]["ours"], tp[label]["torch"]
        lines.append(f"| {label} | {o:.0f} | {b:.0f} | {o / b:.2f}x |")
    lines += ["", f"| GPT generation, {gen['new_tokens']} new tokens (d 256, 6 layers, context 1024, batch 1, "
                  "16-token prompt, greedy, fp32) | tokens/s |", "|---|---:|",
              f"| with KV cache | {gen['cache']:.1f} |", f"| without | {gen['no_cache']:.1f} |",
              f"| speed-up | {gen['cache'] / gen['no_cache']:.1f}x |",
              f"| same tokens both ways | {'yes' if gen['same_tokens'] else 'NO'} |"]
    for side, rows in r.get("profile", {}).items():
        lines += ["", f"Profile of one fp32 training step, {side} (self CPU time, top ops):", "",
                  "| op | calls | ms | share |", "|---|---:|---:|---:|"]
        lines += [f"| `{e['op']}` | {e['calls']} | {e['self_ms']:.1f} | {e['share']:.0%} |" for e in rows]
    return lines


def table_hf(r: dict) -> list[str]:
    lines = [f"Budget {r['minutes']:g} min per model, one after the other; {r['precision']}; seeds "
             f"{', '.join(map(str, r['seeds']))}.", ""]
    for kind, metric, label in (("bert", "accuracy", "held-out masked top-1"), ("gpt", "perplexity",
                                                                                 "held-out perplexity")):
        if kind not in r:
            continue
        rows = [x for x in r["runs"] if x["model"] == kind]
        info = r[kind]
        lines += [f"{kind.upper()} on {info['text']} (context {info['context']}, {info['train_blocks']} training "
                  f"blocks, {info['held_out_blocks']} held-out blocks):", "",
                  f"| model | {label}: mean | per seed | " + ("top-5 mean | " if kind == "bert" else "") +
                  "steps (mean) | tokens/s (mean) |", "|---|---:|---|---:|---:|" + ("---:|" if kind == "bert" else "")]
        for side, name in (("ours", f"aprende {kind.upper()}"),
                           ("hf", "BertForMaskedLM" if kind == "bert" else "GPT2LMHeadModel")):
            mine = [x for x in rows if x["side"] == side]
            if not mine:
                continue
            mean = lambda k, mine=mine: sum(x[k] for x in mine) / len(mine)  # noqa: E731
            fmt = "{:.1%}" if kind == "bert" else "{:.2f}"
            lines.append(f"| {name} | {fmt.format(mean(metric))} | "
                         f"{', '.join(fmt.format(x[metric]) for x in mine)} | " +
                         (f"{mean('top5'):.1%} | " if kind == "bert" else "") +
                         f"{mean('steps'):.0f} | {mean('tokens_s'):.0f} |")
        lines.append("")
    return lines


def table_bleu(r: dict) -> list[str]:
    mode = "trained at the same time, one thread each" if r.get("parallel") else "trained one after the other"
    bl = {x["model"]: x for x in r["bleu"]}
    lines = [f"| test split after {r['minutes']:g} min ({mode}; {bl['ours']['sentences']} sentences, greedy) | ours | "
             "torch.nn.Transformer | difference |", "|---|---:|---:|---:|"]
    for k in ("bleu", "chrf"):
        lines.append(f"| {'BLEU' if k == 'bleu' else 'chrF'} | {bl['ours'][k]:.2f} | {bl['torch'][k]:.2f} | "
                     f"{bl['ours'][k] - bl['torch'][k]:+.2f} |")
    return lines


def table_mix(r: dict) -> list[str]:
    lines = [f"Both trained {r['minutes']:g} min with the same settings; mix: Bible + {r['catalogue_pairs']} catalogue "
             "pairs.", "", "| training data | Bible test BLEU | Bible test chrF | everyday BLEU | everyday chrF |",
             "|---|---:|---:|---:|---:|"]
    for name, x in r["runs"].items():
        lines.append(f"| {name} | {x['bible']['bleu']:.2f} | {x['bible']['chrf']:.2f} | {x['everyday']['bleu']:.2f} | "
                     f"{x['everyday']['chrf']:.2f} |")
    verdict = "ship the mix" if r["ship_mix"] else "keep the Bible alone"
    return lines + ["", f"Rule (gain on the everyday sentences, at most 1 BLEU lost on the Bible): {verdict}."]


def table_fills(r: dict) -> list[str]:
    held = ", ".join(f"{k} {v:.3f}" if k != "perplexity" else f"{k} {v:.1f}" for k, v in r["held_out"].items())
    n = len(r["rows"])
    lines = [f"Model: {r['model']} ({r['trained']}; held-out {held}).", "",
             "| sentence | five most likely fills (probability) | top-1 right | in the top 5 |", "|---|---|:-:|:-:|"]
    for x in r["rows"]:
        words = ", ".join(f"{w} ({p:.2f})" for w, p in x["fills"])
        lines.append(f"| {x['sentence']} | {words} | {'yes' if x['top1'] else 'no'} | {'yes' if x['top5'] else 'no'} |")
    return lines + ["", f"Right at top-1 in {r['top1']} of {n}; within the top 5 in {r['top5']} of {n}."]


def table_gpu(r: dict) -> list[str]:
    if not r:
        return ["No CUDA device in this run."]
    mfu = f"{r['mfu']:.1%}" if r["mfu"] is not None else "n/a (peak unknown)"
    return [f"{r['device']}, GPT {r['params'] / 1e6:.0f}M parameters, context 1024, bf16, compiled: "
            f"{r['tokens_s']:.0f} tokens/s, MFU {mfu}."]


TABLES = {"speed": ("Speed", table_speed), "hf": ("Against Hugging Face transformers", table_hf),
          "bleu": ("Translation quality against torch.nn.Transformer", table_bleu),
          "mix": ("Translator: Bible alone against Bible + .mo catalogues", table_mix),
          "fills": ("The shipped BERT on ten everyday sentences", table_fills), "gpu": ("GPU", table_gpu)}


def render(data: dict) -> str:
    """The generated block: each part measured so far, with when and where; smoke runs apart, marked as such."""
    out = [START, ""]
    for smoke in (False, True):
        for part, (title, table) in TABLES.items():
            entry = data.get("smoke" if smoke else "results", {}).get(part)
            if not entry:
                continue
            label = "SMOKE (tiny budgets, checks that the script runs; the numbers mean nothing): " if smoke else ""
            out += [f"### {label}{title}", "", f"Measured {entry['date']}: {entry['machine']}."
                    + (f" {entry['note']}" if entry.get("note") else ""), "", *table(entry["data"]), ""]
    out.append(END)
    return "\n".join(out) + "\n"


def previous(out: Path, part: str) -> dict | None:
    """The saved data of one part, if any."""
    try:
        return json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["results"][part]["data"]
    except (OSError, ValueError, KeyError):
        return None


def save(part: str, data: dict, smoke: bool, note: str, machine_line: str, out: Path = RESULTS) -> None:
    """Merge one part into the .json and rewrite the generated block of the .md (the hand-written text is kept)."""
    path_json = out.with_suffix(".json")
    try:
        saved = json.loads(path_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    if "results" not in saved:  # the file of an older version of this script: start again
        saved = {"results": {}, "smoke": {}}
    saved["smoke" if smoke else "results"][part] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine_line, "note": note,
        "data": data}
    path_json.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    text = out.read_text(encoding="utf-8") if out.is_file() else "# Transformer benchmark\n\n"
    block = render(saved)
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    out.write_text(text, encoding="utf-8")
    print(block)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("part", nargs="?", choices=[*TABLES], default=None)
    p.add_argument("--minutes", type=float, default=None, help="training budget per model (hf: 10, bleu: 20, mix: 25)")
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    p.add_argument("--kinds", nargs="+", choices=["bert", "gpt"], default=["bert", "gpt"],
                   help="hf: which models (the saved rows of the others stay)")
    p.add_argument("--precision", choices=["auto", "fp32", "bf16"], default="auto")
    p.add_argument("--parallel", action="store_true", help="bleu: both models at once, one thread each")
    p.add_argument("--steps", type=int, default=10, help="speed: timed training steps per measure")
    p.add_argument("--new-tokens", type=int, default=1000, help="speed: tokens the GPT writes")
    p.add_argument("--limit", type=int, default=None, help="bleu: test sentences (default: all)")
    p.add_argument("--note", default="", help="a line on the conditions (e.g. 'machine shared with other jobs')")
    p.add_argument("--smoke", action="store_true", help="tiny budgets: checks the script, numbers mean nothing")
    p.add_argument("--out", default=str(RESULTS))
    p.add_argument("--bleu-one", choices=["ours", "torch"], help=argparse.SUPPRESS)
    p.add_argument("--project",
                   help="fills: a BERT run folder instead of the shipped model; mix: a folder to keep both runs in")
    p.add_argument("--json-out", help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.bleu_one:
        Path(a.json_out).write_text(json.dumps(bleu_one(a.bleu_one, a.minutes, a.limit, a.project, a.threads)))
        return
    if a.part is None:
        p.error("name a part: " + ", ".join(TABLES))
    line = machine()
    if a.part == "speed":
        data = speed(a)
    elif a.part == "hf":
        a.minutes = a.minutes or 10.0
        data = hf_side_by_side(a)
        if not a.smoke:
            data = merge_hf(previous(Path(a.out), "hf"), data)
    elif a.part == "bleu":
        a.minutes = 0.5 if a.smoke else (a.minutes or 20.0)
        data = {"minutes": a.minutes, "parallel": a.parallel,
                "bleu": bleu_both(a.minutes, a.limit or (20 if a.smoke else None), a.parallel)}
    elif a.part == "mix":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from translate_mix import compare  # deferred: benchmarks/translate_mix.py, beside this file

        data = compare(0.3 if a.smoke else (a.minutes or 25.0), a.smoke, a.project)
    elif a.part == "fills":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bert_fills import fills  # deferred: benchmarks/bert_fills.py, beside this file

        data = fills(a.project)
    else:
        data = gpu_gpt(3 if a.smoke else 20) or {}
    save(a.part, data, a.smoke, a.note, line, Path(a.out))


if __name__ == "__main__":
    main()
