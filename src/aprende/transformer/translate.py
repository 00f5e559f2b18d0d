"""Scoring a translator with BLEU and chrF, and showing where it looked.

Loading is transformer.run's job: tr = load_translator(run); tr.translate(lines, beam=1); tr.attention(line)."""

from __future__ import annotations

import time
from pathlib import Path

import torch

from aprende.core.console import progress, quietly, warn
from aprende.core.errors import AprendeError
from aprende.core.runs import read_yaml
from aprende.transformer.pairs import Pair, load_pairs
from aprende.transformer.run import Translator, load_translator


def scores(hypotheses: list[str], references: list[str]) -> dict:
    """Corpus BLEU and chrF (sacrebleu's defaults, so numbers compare with published ones)."""
    import sacrebleu  # deferred: 0.1 s to import, and only scoring needs it (not `translate run`)

    return {"bleu": sacrebleu.corpus_bleu(hypotheses, [references]).score,
            "chrf": sacrebleu.corpus_chrf(hypotheses, [references]).score}


def bleu_on(translator: Translator, pairs: list[Pair], beam: int | None = 1,
            max_new_tokens: int | None = None) -> dict:
    """BLEU and chrF of the translator on some pairs (inputs longer than its context are cut, and counted)."""
    encoded = translator.encode([p.source for p in pairs], truncate=True)
    cut = sum(len(translator.tok.encode(p.source).ids) > translator.context for p in pairs)
    if cut:
        warn("translate.truncated", n=cut, context=translator.context)
    with progress() as bar:
        task = bar.add_task("BLEU", total=len(pairs), info="")
        outs = translator.translate_ids(encoded, beam, on_batch=lambda n: bar.advance(task, n),
                                        max_new_tokens=max_new_tokens)
    hyps = [translator.tok.decode(ids).strip() for ids in outs]
    return scores(hyps, [p.target for p in pairs])


def evaluate(run: Translator | str | Path | None = None, pairs_file: str | Path | None = None,
             beam: int | None = 1, limit: int | None = None, device: str = "cpu", quiet: bool = False,
             max_new_tokens: int | None = None) -> dict:
    """BLEU and chrF on the fixed test split (of the Bible, or of the run's or the given TSV); beam None: the run's
    own (an imported opus-mt: its generation_config's 4), else 1."""
    translator = load_translator(run, device)
    beam = translator.default_beam() if beam is None else beam
    saved = read_yaml(translator.run_dir / "config.yaml")
    source = pairs_file if pairs_file is not None else saved.get("pairs")
    with quietly(quiet):
        test = load_pairs(source, translator.direction).test
        if not test:
            raise AprendeError("translate.no_test", path=str(source or "biblia-es-en"))
        test = test[:limit] if limit else test
        t0 = time.perf_counter()
        metrics = bleu_on(translator, test, beam, max_new_tokens)
    return {**metrics, "sentences": len(test), "beam": beam, "seconds": round(time.perf_counter() - t0, 2)}


def plot_attention(src: list[str], out: list[str], weights: torch.Tensor, path: str | Path, title: str = "") -> None:
    """One heat map per layer (rows) and head (columns): which source token each output token looked at."""
    import matplotlib.pyplot as plt  # deferred: 0.5 s to import, and only --attention draws

    from aprende.core.plots import save_figure  # deferred: it imports matplotlib

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
