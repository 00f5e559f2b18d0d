"""Fine-tuning an imported Marian on a domain's pairs (`translate train --init RUN`), measured on this CPU.

No trained opus-mt can be downloaded here, so the imported checkpoint is a small MarianMTModel with RANDOM weights
(Hugging Face's own initialisation), its SentencePiece models trained on the Bible's training verses: this measures
that the path trains and what a few minutes change, not what fine-tuning a trained opus-mt gives. With random weights
the fine-tuning default learning rate (5e-5, meant for trained weights) moves nothing in minutes, so --lr is raised.
usage: python benchmarks/published_mt_finetune.py [--minutes 4] [--lr 1e-3] [--out ...published-mt-finetune.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path


def build(folder: Path, train_pairs) -> None:
    import sentencepiece as spm
    import torch
    import transformers

    folder.mkdir(parents=True)
    for name, side in (("source", [p.source for p in train_pairs]), ("target", [p.target for p in train_pairs])):
        spm.SentencePieceTrainer.train(sentence_iterator=iter(side), model_prefix=str(folder / name),
                                       vocab_size=4000, bos_id=-1, eos_id=-1, minloglevel=2)
        (folder / f"{name}.model").rename(folder / f"{name}.spm")
    pieces = ["</s>", "<unk>"]
    seen = set(pieces)
    for name in ("source", "target"):
        sp = spm.SentencePieceProcessor(model_file=str(folder / f"{name}.spm"))
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if piece not in seen and piece not in ("<unk>", "<pad>"):
                seen.add(piece)
                pieces.append(piece)
    vocab = {p: i for i, p in enumerate(pieces + ["<pad>"])}
    pad = vocab["<pad>"]
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "es", "target_lang": "en"}))
    torch.manual_seed(0)
    cfg = transformers.MarianConfig(vocab_size=len(vocab), d_model=128, encoder_layers=3, decoder_layers=3,
                                    encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=512,
                                    decoder_ffn_dim=512, max_position_embeddings=256, pad_token_id=pad,
                                    decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
                                    activation_function="swish", scale_embedding=True)
    transformers.MarianMTModel(cfg).save_pretrained(folder)
    (folder / "generation_config.json").write_text(json.dumps(
        {"bad_words_ids": [[pad]], "decoder_start_token_id": pad, "eos_token_id": 0, "forced_eos_token_id": 0,
         "max_length": 256, "num_beams": 4, "pad_token_id": pad, "renormalize_logits": True}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=4.0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--test", type=int, default=200)
    ap.add_argument("--out", default="benchmarks/results/published-mt-finetune.md")
    args = ap.parse_args()
    import torch

    from aprende.core.console import quietly
    from aprende.transformer.pairs import load_pairs
    from aprende.transformer.published.marian import import_marian
    from aprende.transformer.translate import evaluate
    from aprende.transformer.translate_train import finetune_train_config, train

    torch.set_num_threads(2)
    load0 = os.getloadavg()[0]
    with quietly():
        data = load_pairs(None, "es-en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "marian-small"
        build(folder, data.train)
        run = import_marian(folder, Path(tmp) / "imported")
        before = evaluate(run, beam=1, limit=args.test, quiet=True, max_new_tokens=64)
        cfg = finetune_train_config(max_time=60 * args.minutes, lr=args.lr, quiet=True)
        t0 = time.perf_counter()
        result = train(None, cfg=cfg, project=Path(tmp) / "runs", name="ft", init_run=run, bleu_pairs=0)
        seconds = time.perf_counter() - t0
        after = evaluate(result.run_dir, beam=1, limit=args.test, quiet=True, max_new_tokens=64)
        after4 = evaluate(result.run_dir, beam=None, limit=args.test, quiet=True, max_new_tokens=64)
    text = "\n".join([
        "# Fine-tuning an imported Marian on the Bible (`translate train --init`)", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other sessions, torch threads 2, load "
        f"average {load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end. The imported checkpoint is a "
        "MarianMTModel with RANDOM weights (d 128, 3+3 layers; nothing can be downloaded here), SentencePiece "
        f"models of 4,000 pieces per side trained on the Bible's training verses; fine-tuned for {args.minutes:g} "
        f"minutes ({seconds:.0f} s with validation) with AdamW, lr {args.lr:g} (raised from the 5e-5 default, which "
        "suits trained weights), 100 warm-up steps, linear decay; scored on the first "
        f"{args.test} verses of the fixed test split, at most 64 new tokens.", "",
        "| model | BLEU | chrF | val loss |", "|---|---|---|---|",
        f"| imported, before (greedy) | {before['bleu']:.2f} | {before['chrf']:.2f} | |",
        f"| fine-tuned (greedy) | {after['bleu']:.2f} | {after['chrf']:.2f} | {result.metrics['val_loss']:.3f} |",
        f"| fine-tuned (beam 4, its generation_config) | {after4['bleu']:.2f} | {after4['chrf']:.2f} | |", ""])
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
