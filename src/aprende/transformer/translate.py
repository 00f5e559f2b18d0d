"""A trained translator: load a run, translate lines, show where it looked, and score it with BLEU and chrF.

The public API (the CLI and the web server call the same):
    tr = load_translator(run_dir, device="cpu"); tr.translate(lines, beam=1); tr.attention(line); tr.direction"""

from __future__ import annotations

import time
from dataclasses import fields
from pathlib import Path

import torch

from aprende.core.checkpoint import load_into
from aprende.core.console import progress, warn
from aprende.core.device import pick_device
from aprende.core.errors import AprendeError
from aprende.core.runs import existing_run_dir, read_json, read_yaml
from aprende.transformer.decode import beam_search, cross_attention, greedy
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import Seq2Seq
from aprende.transformer.pairs import Pair, load_pairs
from aprende.transformer.text import load_tokenizer
from aprende.transformer.translate_train import pad


class Translator:
    """A Seq2Seq model, its tokenizer and its direction (e.g. "es-en")."""

    def __init__(self, model: Seq2Seq, tok, direction: str, run_dir: Path):
        self.model, self.tok, self.direction, self.run_dir = model, tok, direction, run_dir
        self.device = next(model.parameters()).device

    @property
    def context(self) -> int:
        return self.model.cfg.context

    def encode(self, lines: list[str], truncate: bool = False) -> list[list[int]]:
        """Token ids per line; an empty line or one longer than the model's context is refused (or cut)."""
        out = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                raise AprendeError("translate.empty_line", line=number)
            ids = self.tok.encode(line.strip()).ids
            if len(ids) > self.context:
                if not truncate:
                    raise AprendeError("translate.too_long", line=number, tokens=len(ids), context=self.context)
                ids = ids[:self.context]
            out.append(ids)
        return out

    def translate_ids(self, encoded: list[list[int]], beam: int = 1, batch_size: int = 32, on_batch=None):
        """Output ids per input, in the input's order; inputs of similar length are decoded together."""
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        results: list[list[int]] = [[] for _ in encoded]
        step = max(1, batch_size // max(beam, 1))
        for start in range(0, len(order), step):
            idx = order[start:start + step]
            src = pad([encoded[i] for i in idx]).to(self.device)  # (B, S)
            outs = greedy(self.model, src) if beam <= 1 else beam_search(self.model, src, beam)
            for i, ids in zip(idx, outs):
                results[i] = ids
            if on_batch is not None:
                on_batch(len(idx))
        return results

    def translate(self, lines: list[str], beam: int = 1) -> list[str]:
        """Translate each line (greedy with beam 1, else beam search with a length penalty)."""
        if beam < 1:
            raise AprendeError("translate.bad_beam", beam=beam)
        outs = self.translate_ids(self.encode(lines), beam)
        return [self.tok.decode(ids).strip() for ids in outs]

    def label(self, token_id: int) -> str:
        """A readable token: its text, or its byte-level form when it is only part of a character."""
        text = self.tok.decode([token_id])
        return self.tok.id_to_token(token_id) if "\ufffd" in text else text

    def attention(self, line: str) -> tuple[list[str], list[str], torch.Tensor]:
        """(source tokens, output tokens and <eos>, cross-attention weights (layers, heads, T, S)) for one sentence."""
        ids = self.encode([line])[0]
        src = torch.tensor([ids], device=self.device)  # (1, S)
        out = greedy(self.model, src)[0]
        weights = cross_attention(self.model, src, out)  # (L, nh, T, S)
        return [self.label(i) for i in ids], [self.label(i) for i in out] + ["<eos>"], weights


def _weights_file(run_dir: Path) -> Path:
    """weights/best.safetensors in a run folder; best.safetensors beside model.json in a shipped folder."""
    for path in (run_dir / "weights" / "best.safetensors", run_dir / "best.safetensors"):
        if path.is_file():
            return path
    return run_dir / "weights" / "best.safetensors"  # load_into names it in its error


def load_translator(run_dir: str | Path, device: str = "cpu") -> Translator:
    """A trained translator from a run folder (or the shipped weights' folder)."""
    run_dir = existing_run_dir(run_dir, "translate")
    saved = read_json(run_dir / "model.json")
    cfg = TransformerConfig(**{f.name: saved[f.name] for f in fields(TransformerConfig) if f.name in saved})
    model = Seq2Seq(cfg)
    load_into(model, _weights_file(run_dir))
    direction = saved.get("direction") or read_yaml(run_dir / "config.yaml").get("settings", {}).get("direction")
    return Translator(model.to(pick_device(device)).eval(), load_tokenizer(run_dir / "tokenizer.json"),
                      direction or "es-en", run_dir)


def scores(hypotheses: list[str], references: list[str]) -> dict:
    """Corpus BLEU and chrF (sacrebleu's defaults, so numbers compare with published ones)."""
    import sacrebleu

    return {"bleu": sacrebleu.corpus_bleu(hypotheses, [references]).score,
            "chrf": sacrebleu.corpus_chrf(hypotheses, [references]).score}


def bleu_on(translator: Translator, pairs: list[Pair], beam: int = 1, quiet: bool = True) -> dict:
    """BLEU and chrF of the translator on some pairs (inputs longer than its context are cut, and counted)."""
    encoded = translator.encode([p.source for p in pairs], truncate=True)
    cut = sum(len(translator.tok.encode(p.source).ids) > translator.context for p in pairs)
    if cut:
        warn("translate.truncated", n=cut, context=translator.context)
    with progress(quiet) as bar:
        task = bar.add_task("BLEU", total=len(pairs), info="")
        outs = translator.translate_ids(encoded, beam, on_batch=lambda n: bar.advance(task, n))
    hyps = [translator.tok.decode(ids).strip() for ids in outs]
    return scores(hyps, [p.target for p in pairs])


def evaluate(run_dir: str | Path, pairs_file: str | Path | None = None, beam: int = 1, limit: int | None = None,
             device: str = "cpu", quiet: bool = False) -> dict:
    """BLEU and chrF on the fixed test split (of the Bible, or of the run's or the given TSV)."""
    translator = load_translator(run_dir, device)
    saved = read_yaml(translator.run_dir / "config.yaml")
    source = pairs_file if pairs_file is not None else saved.get("pairs")
    test = load_pairs(source, translator.direction, quiet).test
    if not test:
        raise AprendeError("translate.no_test", path=str(source or "biblia-es-en"))
    test = test[:limit] if limit else test
    t0 = time.perf_counter()
    metrics = bleu_on(translator, test, beam, quiet)
    return {**metrics, "sentences": len(test), "beam": beam, "seconds": round(time.perf_counter() - t0, 2)}


def plot_attention(src: list[str], out: list[str], weights: torch.Tensor, path: str | Path, title: str = "") -> None:
    """One heat map per layer (rows) and head (columns): which source token each output token looked at."""
    import matplotlib.pyplot as plt

    from aprende.core.plots import save_figure

    n_layers, n_heads, t, s = weights.shape
    fig, axes = plt.subplots(n_layers, n_heads, figsize=(1.0 + 0.32 * s * n_heads, 0.8 + 0.3 * t * n_layers),
                             squeeze=False)
    for layer in range(n_layers):
        for head in range(n_heads):
            ax = axes[layer][head]
            ax.imshow(weights[layer, head].numpy(), cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
            ax.set_xticks(range(s), src, rotation=90, fontsize=7)
            ax.set_yticks(range(t), out, fontsize=7)
            ax.set_title(f"L{layer + 1} H{head + 1}", fontsize=8)
    if title:
        fig.suptitle(title, fontsize=9)
    save_figure(fig, Path(path))
