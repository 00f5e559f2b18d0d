"""The tour's Transformer section: a tiny model learns a toy translation live, then the shipped models at work.

1. Spanish number words → digits: trained here in about half a minute, checked on numbers it never saw; its
   cross-attention shows each digit looking at the word that names it.
2. The shipped translator on held-out Bible verses (and the user's own sentences), with its attention map.
3. The shipped GPT writes and the shipped BERT fills a mask."""

from __future__ import annotations

import io
from pathlib import Path

from aprende.core.i18n import get_lang, t
from aprende.core.numbers import fmt
from aprende.report.figures import attention_map
from aprende.report.quality import loops
from aprende.report.section import Figure, Heading, Note, Plan, Section, Table, one_thread
from aprende.report.toy_numbers import held_out, spanish, write_pairs
from aprende.transformer import translate_train
from aprende.transformer.bert import fill
from aprende.transformer.gpt import write
from aprende.transformer.run import Translator, load_translator
from aprende.transformer.translate_train import TranslateSettings
from aprende.weights import is_shipped
from aprende.weights import metrics as shipped_metrics

# Verses of the fixed test split (pairs.split_of(key) == "test"): the shipped translator never trained on them.
VERSES = [
    ("Num.16.43", "Y vinieron Moisés y Aarón delante del tabernáculo del testimonio.",
     "Moses and Aaron came to the front of the Tent of Meeting."),
    ("Num.1.19", "Como Jehová lo había mandado á Moisés; y contólos en el desierto de Sinaí.",
     "As Yahweh commanded Moses, so he counted them in the wilderness of Sinai."),
    ("Exod.20.23", "No hagáis conmigo dioses de plata, ni dioses de oro os haréis.",
     "You shall most certainly not make gods of silver or gods of gold for yourselves to be alongside me."),
]
PROMPT = "El amor"
MASKS = [("En el principio creó Dios los cielos y la [MASK].", "tierra"),
         ("No hay mal que por [MASK] no venga.", "bien"),
         ("Mañana vamos a la [MASK] a bañarnos en el mar.", "playa"),  # everyday Spanish, not in its training text
         ("Necesito comprar [MASK] en la panadería.", "pan")]
SHOWN = 10  # held-out numbers shown in the report


def _attention(tr: Translator, line: str, path: Path, average: bool) -> Path:
    """The last layer's cross-attention while translating `line`: each head, or their mean."""
    src, out, weights = tr.attention(line)  # weights: (L, nh, T, S)
    return attention_map(src, out, weights, path, average)


def _toy(project: Path, plan: Plan) -> tuple[list, dict, str]:
    """Train the number translator, check it on the held-out numbers, draw one of them."""
    settings = TranslateSettings(vocab_size=400, d_model=64, n_heads=2, n_layers=2, n_decoder_layers=2, d_ff=128,
                                 dropout=0.0, max_len=16, context=32, label_smoothing=0.0)
    cfg = translate_train.default_train_config(epochs=plan.pick(2, 30, 60), max_time=None, lr=2e-3, warmup_steps=100)
    pairs = write_pairs(project / "transformer" / "numeros.tsv")
    with one_thread():
        result = translate_train.train(pairs, settings, cfg, project, name="numeros", bleu_pairs=0)
    tr = load_translator(result.run_dir)
    numbers = held_out()
    outs = tr.translate([spanish(n) for n in numbers])
    right = [o.replace(" ", "") == str(n) for n, o in zip(numbers, outs)]
    rows = [{t("tour.transformer.col_words"): spanish(n), t("tour.transformer.col_expected"): str(n),
             t("tour.transformer.col_out"): o.replace(" ", "") or "∅", "": "✓" if ok else "✗"}
            for n, o, ok in list(zip(numbers, outs, right))[:SHOWN]]
    shown, total = sum(right[:SHOWN]), sum(right)
    fig = _attention(tr, spanish(numbers[0]), project / "transformer" / "atencion_numeros.png", average=False)
    parts = [Note(t("tour.transformer.toy_intro", train=result.metrics["train_pairs"],
                    seconds=result.metrics["seconds"], params=result.metrics["parameters"])),
             Table(t("tour.transformer.toy_table", shown=shown, n=SHOWN, right=total, held=len(numbers)), rows),
             Figure(t("tour.transformer.fig_toy", words=spanish(numbers[0])), fig)]
    if shown < 9:
        parts.insert(2, Note(t("tour.transformer.toy_weak", right=shown, n=SHOWN), warning=True))
    headline = t("tour.transformer.toy_headline", right=shown, n=SHOWN, seconds=result.metrics["seconds"])
    return parts, {"toy_right": shown, "toy_held_out_accuracy": total / len(numbers),
                   "toy_seconds": result.metrics["seconds"]}, headline


def _translator(project: Path, plan: Plan) -> list:
    """The shipped translator on held-out verses and the user's sentences, beam search, with an attention map."""
    if not is_shipped("translate"):
        return [Note(t("tour.transformer.no_shipped", name="translate"), warning=True)]
    tr = load_translator(None)
    lines = [es for _, es, _ in VERSES] + list(plan.translate)
    outs = tr.translate(lines, beam=4)
    rows, bad = [], 0
    refs = [en for _, _, en in VERSES] + ["—"] * len(plan.translate)
    keys = [k for k, _, _ in VERSES] + [t("tour.transformer.yours")] * len(plan.translate)
    for key, line, ref, out in zip(keys, lines, refs, outs):
        degenerate = loops(out) or not out
        bad += degenerate
        rows.append({t("tour.transformer.col_verse"): key, t("tour.transformer.col_source"): line,
                     t("tour.transformer.col_reference"): ref,
                     t("tour.transformer.col_out"): out + (f" ⚠ {t('tour.transformer.loops')}" if degenerate else "")})
    shipped = shipped_metrics("translate")
    what = shipped.get("what", {}).get(get_lang(), "Transformer")
    parts = [Note(t("tour.transformer.verses_intro", what=what, bleu=shipped.get("bleu", float("nan")))),
             Table(t("tour.transformer.verses_table"), rows)]
    if bad:
        parts.append(Note(t("tour.transformer.verses_bad", n=bad), warning=True))
    for i, line in enumerate(lines[:1] + list(plan.translate)):
        path = _attention(tr, line, project / "transformer" / f"atencion_{i}.png", average=True)
        parts.append(Figure(t("tour.transformer.fig_verse", line=line), path))
    return parts


def _writers() -> list:
    """The shipped GPT continues a prompt (the first seed of three whose text does not loop); BERT fills masks."""
    parts = []
    if is_shipped("gpt"):
        tries = [(seed, write(None, PROMPT, 40, seed=seed, out=io.StringIO())) for seed in range(3)]
        seed, text = next(((s, x) for s, x in tries if not loops(x) and x.strip()), tries[0])
        parts.append(Note(t("tour.transformer.gpt", prompt=PROMPT, text=(PROMPT + text).replace("\ufffd", ""),
                            seed=seed)))
        if loops(text) or not text.strip():
            parts.append(Note(t("tour.transformer.gpt_loops"), warning=True))
    if is_shipped("bert"):
        rows, hits = [], 0
        for sentence, word in MASKS:
            top = fill(None, sentence, top_k=5)[0]
            hits += word in [w for w, _ in top]
            rows.append({t("tour.transformer.col_sentence"): sentence, t("tour.transformer.col_expected"): word,
                         t("tour.transformer.col_top5"): ", ".join(f"{w} {fmt(p, 0, percent=True)}" for w, p in top)})
        parts.append(Table(t("tour.transformer.bert_table"), rows))
        if hits < len(MASKS):
            parts.append(Note(t("tour.transformer.bert_weak", hits=hits, n=len(MASKS)), warning=True))
    return parts


def transformer_section(project: Path, plan: Plan) -> Section:
    """Article 1: a Transformer learns a toy translation live; the shipped translator, GPT and BERT at work."""
    toy_parts, metrics, headline = _toy(project, plan)
    parts = [Heading(t("tour.transformer.toy_title")), *toy_parts,
             Heading(t("tour.transformer.verses_title")), *_translator(project, plan),
             Heading(t("tour.transformer.writers_title")), *_writers()]
    return Section(lab="transformer", title=t("tour.transformer.title"), question=t("tour.transformer.question"),
                   text=headline, parts=parts, metrics=metrics, run_dir=project / "translate")
