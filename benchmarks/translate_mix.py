"""The translator on the Bible alone against the Bible plus Debian's .mo catalogue pairs (`benchmarks/transformer.py
mix`): same settings, seed and clock for both; BLEU/chrF on the Bible's fixed test split and on the 50 everyday
sentences of benchmarks/data/everyday_es_en.tsv. The mix is trained from a TSV that keeps each verse's key, so the
Bible test split is the same verses in both runs."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from aprende.core.console import quietly
from aprende.transformer.bible import bible_pairs
from aprende.transformer.catalogues import catalogue_pairs
from aprende.transformer.pairs import load_pairs, read_tsv
from aprende.transformer.run import load_translator
from aprende.transformer.translate import bleu_on
from aprende.transformer.translate_train import default_train_config, train

EVERYDAY = Path(__file__).resolve().parent / "data" / "everyday_es_en.tsv"


def write_mix(path: Path) -> int:
    """Bible verses and catalogue pairs as one key<TAB>es<TAB>en file; returns the number of catalogue pairs."""
    extra = catalogue_pairs()
    with path.open("w", encoding="utf-8") as out, quietly():
        out.write("key\tsource\ttarget\n")
        for key, es, en in bible_pairs():
            out.write(f"{key}\t{es}\t{en}\n")
        for p in extra:
            out.write(f"{p.key}\t{p.source}\t{p.target}\n")
    return len(extra)


def compare(minutes: float, smoke: bool = False, keep: str | None = None) -> dict:
    """Train both translators and score them; `keep`: a folder to keep both runs in (the mix can then be shipped with
    `scripts/train_shipped.py translate --from-run`), else a temporary one."""
    with quietly():
        bible_test = load_pairs(None, "es-en").test
    everyday = read_tsv(EVERYDAY)
    if smoke:
        bible_test = bible_test[:40]
    runs = {}
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
    with contextlib.nullcontext(keep) if keep else tempfile.TemporaryDirectory() as tmp:
        mix = Path(tmp) / "mix.tsv"
        n_extra = write_mix(mix)
        for name, pairs in (("Bible", None), ("Bible + .mo catalogues", mix)):
            res = train(pairs, None, default_train_config(max_time=minutes * 60, seed=0, quiet=True), tmp,
                        "mix" if pairs else "bible", bleu_pairs=0)
            tr = load_translator(res.run_dir)
            with quietly():
                runs[name] = {"bible": bleu_on(tr, bible_test), "everyday": bleu_on(tr, everyday),
                              "val_loss": res.metrics.get("val_loss"), "seconds": res.metrics.get("seconds")}
            print(name, runs[name], flush=True)
    before, after = runs["Bible"], runs["Bible + .mo catalogues"]
    ship = (after["everyday"]["bleu"] > before["everyday"]["bleu"]
            and after["bible"]["bleu"] >= before["bible"]["bleu"] - 1.0)
    return {"minutes": minutes, "catalogue_pairs": n_extra, "bible_test_sentences": len(bible_test),
            "everyday_sentences": len(everyday), "runs": runs, "ship_mix": ship}
