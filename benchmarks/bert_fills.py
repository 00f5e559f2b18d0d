"""The shipped BERT (or a run's) on ten everyday Spanish sentences with a [MASK] (`benchmarks/transformer.py fills`):
its five most likely fills for each, and whether they are among the words accepted for that gap. The sentences and
the accepted words were committed before the model was trained."""

from __future__ import annotations

import json
from pathlib import Path

from aprende.transformer.bert import fill
from aprende.transformer.run import load_bert

DATA = Path(__file__).resolve().parent / "data"


def accepted() -> list[set[str]]:
    """One set of accepted words per sentence (comment lines skipped)."""
    lines = [x for x in (DATA / "bert_fill_es_answers.txt").read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    return [{w.strip().lower() for w in x.split(",")} for x in lines]


def fills(run: str | None = None) -> dict:
    """Top-5 fills of each sentence, right or not at top-1 and within the top 5."""
    sentences = [x for x in (DATA / "bert_fill_es.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    ok = accepted()
    assert len(ok) == len(sentences), "one line of accepted words per sentence"
    lm = load_bert(run)
    rows = []
    for sentence, good in zip(sentences, ok):
        top = fill(lm, sentence, top_k=5)[0]  # [(word, probability)] for the one [MASK]
        words = [w.lower() for w, _ in top]
        rows.append({"sentence": sentence, "fills": [[w, round(p, 3)] for w, p in top],
                     "top1": bool(words) and words[0] in good, "top5": any(w in good for w in words)})
    info = {}
    if run is None:
        from aprende.weights import ROOT  # the shipped model's measured figures
        info = json.loads((ROOT / "bert" / "metrics.json").read_text(encoding="utf-8"))
    return {"model": run or "shipped", "trained": info.get("what", {}).get("en", ""), "rows": rows,
            "top1": sum(r["top1"] for r in rows), "top5": sum(r["top5"] for r in rows),
            "held_out": {k: info[k] for k in ("accuracy", "top5", "perplexity") if k in info}}
