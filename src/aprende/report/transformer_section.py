"""The tour's Transformer section: a translator trained briefly with its attention map, and a small Spanish GPT."""

from __future__ import annotations

import io
from pathlib import Path

from aprende.core.i18n import t
from aprende.report.section import Section
from aprende.transformer import gpt as gpt_lab
from aprende.transformer import translate_train
from aprende.transformer.gpt import GPTSettings, write
from aprende.transformer.run import load_translator
from aprende.transformer.translate import plot_attention
from aprende.transformer.translate_train import TranslateSettings
from aprende.weights import is_shipped

SENTENCE = "En el principio creó Dios los cielos y la tierra."
PROMPT = "El amor"


def _translation(project: Path, mode: str, quiet: bool) -> tuple[dict, list, dict]:
    """Train (tiny: a few verses from a small TSV) and translate SENTENCE; shipped translator too when there is one."""
    seconds = {"tiny": 5, "quick": 90, "full": 600}[mode]
    settings = TranslateSettings(vocab_size=500, d_model=64, n_heads=2, n_layers=1, n_decoder_layers=1,
                                 d_ff=128) if mode == "tiny" else TranslateSettings()
    pairs = None
    if mode == "tiny":  # no Bible needed: a handful of pairs written here
        pairs = project / "pares.tsv"
        pairs.parent.mkdir(parents=True, exist_ok=True)
        rows = [("el agua es buena", "the water is good"), ("la tierra es buena", "the earth is good"),
                ("Dios creó la luz", "God created the light"), ("la luz es buena", "the light is good")] * 8
        pairs.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    cfg = translate_train.default_train_config(max_time=seconds, epochs=2 if mode == "tiny" else 100, quiet=quiet)
    result = translate_train.train(pairs, settings, cfg, project)
    rows, figures = [], []
    runs = [("brief", result.run_dir)] + ([("shipped", None)] if is_shipped("translate") else [])  # None: shipped
    for kind, run in runs:
        tr = load_translator(run)
        out = tr.translate([SENTENCE], beam=4)[0]
        rows.append({t("tour.transformer.col_model"): t(f"tour.transformer.{kind}"),
                     t("tour.transformer.col_out"): out})
        src, tgt, weights = tr.attention(SENTENCE)
        path = project / "translate" / f"attention_{kind}.png"
        plot_attention(src, tgt, weights, path, title=out)
        figures.append((t("tour.transformer.fig_attention", model=t(f"tour.transformer.{kind}")), path))
    out_col = t("tour.transformer.col_out")
    return result.metrics, rows, {"figures": figures, "brief": rows[0][out_col], "translation": rows[-1][out_col]}


def transformer_section(project: Path, mode: str, quiet: bool) -> Section:
    """Article 1: the paper's encoder-decoder translating Spanish to English, and GPT writing Spanish."""
    metrics, rows, extra = _translation(project, mode, quiet)
    gpt_seconds = {"tiny": 3, "quick": 40, "full": 300}[mode]
    small = GPTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64) if mode == "tiny" else GPTSettings()
    cfg = gpt_lab.default_train_config(max_time=gpt_seconds, epochs=1 if mode == "tiny" else 20, quiet=quiet)
    gpt = gpt_lab.train(None, small, cfg, project, dataset="fortunes-es")  # the quotes the text below names
    texts = [(t("tour.transformer.brief"), write(gpt.run_dir, PROMPT, 40, seed=0, out=io.StringIO()))]
    if is_shipped("gpt"):
        texts.append((t("tour.transformer.shipped"), write(None, PROMPT, 40, seed=0, out=io.StringIO())))
    for label, text in texts:
        rows.append({t("tour.transformer.col_model"): f"GPT ({label})",
                     t("tour.transformer.col_out"): (PROMPT + text).replace("\ufffd", "")})
    figures = extra["figures"]
    if (gpt.run_dir / "results.png").is_file():
        figures.append((t("tour.transformer.fig_gpt_curves"), gpt.run_dir / "results.png"))
    return Section(
        lab="transformer", title=t("tour.transformer.title"), question=t("tour.transformer.question"),
        text=t("tour.transformer.text", sentence=SENTENCE, brief=extra["brief"], translation=extra["translation"],
               bleu=metrics.get("bleu", 0.0), perplexity=gpt.metrics["perplexity"]),
        figures=figures, table=rows,
        metrics={"bleu": metrics.get("bleu", 0.0), "gpt_perplexity": gpt.metrics["perplexity"]},
        run_dir=project)
