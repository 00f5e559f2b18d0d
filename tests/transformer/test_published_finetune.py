"""Fine-tuning an imported GPT-2 or BERT (`gpt train --init RUN`, `bert train --init RUN`): one step from the same
start moves the loss as Hugging Face's does, the run keeps the checkpoint's own tokenizer and options and is read by
`generate`/`fill`/`evaluate`, it resumes exactly, and an --init of the wrong kind is refused with nothing written."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from aprende.core.checkpoint import load_weights
from aprende.transformer.bert import mask_tokens, masking_of, mlm_loss, word_starts
from aprende.transformer.gpt import lm_loss
from aprende.transformer.lm import freeze_embeddings
from aprende.transformer.published import import_checkpoint
from aprende.transformer.run import load_bert, load_gpt
from tests.helpers import proc_refused
from tests.transformer.hf_fixtures import LINES, bert_folder, gpt2_folder

transformers = pytest.importorskip("transformers")

EXTRA = ["El gato y el perro duermen en la casa grande.", "Mañana el perro corre a la playa.",
         "La casa del jardín es grande.", "El gato aprende de los datos y juega."]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Tiny random GPT-2 and BERT made by Hugging Face, imported; a domain text of forty short paragraphs."""
    root = tmp_path_factory.mktemp("ft")
    gpt2, bert = gpt2_folder(root / "hf-gpt2"), bert_folder(root / "hf-bert")
    g = import_checkpoint(gpt2, project=root / "runs", name="gpt2").run_dir
    b = import_checkpoint(bert, project=root / "runs", name="bert").run_dir
    text = root / "dominio.txt"
    sentences = LINES[:5] + EXTRA
    text.write_text("\n\n".join(" ".join(sentences[(i + j) % len(sentences)] for j in range(3)) for i in range(40)),
                    encoding="utf-8")
    return {"hf_gpt2": gpt2, "hf_bert": bert, "gpt2": g, "bert": b, "text": text, "root": root}


def _adamw_step(model, loss_of):
    """(loss before, loss after) one AdamW step on the same batch."""
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3, weight_decay=0.01)
    before = loss_of(model)
    before.backward()
    opt.step()
    with torch.no_grad():
        return float(before), float(loss_of(model))


@pytest.mark.parametrize("frozen", [False, True])
def test_gpt2_one_adamw_step_moves_the_loss_as_hugging_face(runs, frozen):
    """Our fine-tuning batch (the text's stream with GPT-2's <|endoftext|> between documents) and loss, against
    Hugging Face's own `labels=` loss, from the same imported start; --freeze-embeddings on both sides."""
    from aprende.transformer.lm import split_streams
    from aprende.transformer.text import blocks, load_corpus

    lm = load_gpt(runs["gpt2"])
    train, _ = split_streams(lm.tok, load_corpus(runs["text"]), 32, lm.marks())
    assert int(train[0]) == lm.eos  # documents start at GPT-2's own separator, not at our id 1
    x, y = blocks(train, 32)
    x, y = x[:4], y[:4]  # (4, 32)
    ours = lm.model.eval()  # eval: no dropout on either side
    hf = transformers.GPT2LMHeadModel.from_pretrained(runs["hf_gpt2"]).eval()
    if frozen:
        freeze_embeddings(ours)
        for p in (hf.transformer.wte.weight, hf.transformer.wpe.weight):
            p.requires_grad_(False)
    mine = _adamw_step(ours, lambda m: lm_loss(m(x), y))
    theirs = _adamw_step(hf, lambda m: torch.nn.functional.cross_entropy(m(x).logits.flatten(0, 1), y.flatten()))
    assert mine[0] == pytest.approx(theirs[0], abs=1e-5)
    assert mine[1] == pytest.approx(theirs[1], abs=1e-4) and mine[1] < mine[0] - 1e-3
    with torch.no_grad():  # Hugging Face's shifted `labels=` loss is the same number
        assert float(hf(x, labels=x).loss) == pytest.approx(
            float(torch.nn.functional.cross_entropy(hf(x).logits[:, :-1].flatten(0, 1), x[:, 1:].flatten())),
            abs=1e-6)
    if frozen:
        assert torch.equal(ours.embed.embedding.weight, load_gpt(runs["gpt2"]).model.embed.embedding.weight)


def test_bert_one_adamw_step_with_a_fixed_mask_moves_the_loss_as_hugging_face(runs):
    """The imported BERT's own [MASK] and special tokens, our masked-word loss against Hugging Face's `labels=`."""
    from aprende.transformer.lm import split_streams
    from aprende.transformer.text import blocks, load_corpus

    lm = load_bert(runs["bert"])
    train, _ = split_streams(lm.tok, load_corpus(runs["text"]), 32, lm.marks())
    x = blocks(train, 32)[0][:4]  # (4, 32): [CLS] … [SEP] around each document
    masking = masking_of(lm.tokens, lm.model.cfg.vocab_size)
    inputs, targets = mask_tokens(x, lm.tok.get_vocab_size(), 0.3, torch.Generator().manual_seed(0),
                                  word_starts(lm.tok), **masking)
    hidden = targets != -100
    assert hidden.any() and not hidden[torch.isin(x, torch.tensor(lm.specials()))].any()  # [CLS]/[SEP] never hidden
    assert (inputs == lm.mask).any() and lm.mask == lm.tok.token_to_id("[MASK]")
    ours = lm.model.eval()
    hf = transformers.BertForMaskedLM.from_pretrained(runs["hf_bert"]).eval()
    mine = _adamw_step(ours, lambda m: mlm_loss(m, inputs, targets))
    theirs = _adamw_step(hf, lambda m: m(input_ids=inputs, labels=targets).loss)
    assert mine[0] == pytest.approx(theirs[0], abs=1e-5)
    assert mine[1] == pytest.approx(theirs[1], abs=1e-4) and mine[1] < mine[0] - 1e-3


def test_wordpiece_continuations_are_not_word_starts(runs):
    tok = load_bert(runs["bert"]).tok
    starts = word_starts(tok)
    pieces = [(tok.id_to_token(i), bool(starts[i])) for i in range(tok.get_vocab_size())]
    assert any(p.startswith("##") for p, _ in pieces)
    assert all(start == (not p.startswith("##")) for p, start in pieces)


def _evaluate(cli, lab, run, text, cwd):
    proc = cli(lab, "evaluate", "--run", run, "--text", text, "--json", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["metrics"]


def test_gpt_train_init_fine_tunes_the_imported_gpt2(runs, cli, tmp_path):
    base = runs["gpt2"]
    proc = cli("gpt", "train", "--init", base, "--text", runs["text"], "--epochs", "8", "--lr", "5e-3",
               "--batch-size", "4", "--project", tmp_path / "runs", "--name", "ft", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    run = tmp_path / "runs" / "gpt" / "ft"
    assert json.loads(proc.stdout)["run"] == str(run)
    assert (run / "tokenizer.json").read_text() == (base / "tokenizer.json").read_text()  # its own, not ours
    saved, old = json.loads((run / "model.json").read_text()), json.loads((base / "model.json").read_text())
    assert saved == old  # GPT-2's options (tanh GELU, no √d scaling, its <|endoftext|>) kept as they were
    assert len((run / "results.csv").read_text().splitlines()) == 9
    config = (run / "config.yaml").read_text()
    assert "lr: 0.005" in config and "scheduler: linear" in config and f"init: {base}" in config
    assert "context: 64" in config  # the training block: gpt's 256 asked, at most the model's 64 positions
    assert _evaluate(cli, "gpt", run, runs["text"], tmp_path)["perplexity"] < \
        0.5 * _evaluate(cli, "gpt", base, runs["text"], tmp_path)["perplexity"]
    proc = cli("gpt", "generate", "El perro", "--run", run, "--temperature", "0", "--max-new-tokens", "8", "--json",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["text"].strip()


def test_bert_train_init_fine_tunes_the_imported_bert(runs, cli, tmp_path):
    base = runs["bert"]
    proc = cli("bert", "train", "--init", base, "--text", runs["text"], "--epochs", "12", "--lr", "5e-3",
               "--batch-size", "4", "--freeze-embeddings", "--project", tmp_path / "runs", "--name", "ft", "--json",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    run = tmp_path / "runs" / "bert" / "ft"
    assert (run / "tokenizer.json").read_text() == (base / "tokenizer.json").read_text()
    tuned, start = load_bert(run), load_bert(base)
    assert tuned.tokens == start.tokens and tuned.model.cfg == start.model.cfg
    assert torch.equal(tuned.model.embed.embedding.weight, start.model.embed.embedding.weight)  # frozen
    assert not torch.equal(tuned.model.mlm_dense.weight, start.model.mlm_dense.weight)
    assert _evaluate(cli, "bert", run, runs["text"], tmp_path)["val_loss"] < \
        _evaluate(cli, "bert", base, runs["text"], tmp_path)["val_loss"] - 0.25
    proc = cli("bert", "fill", "El gato [MASK] en la casa.", "--run", run, "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["results"][0]["fills"]) == 5


def test_a_fine_tuning_resumes_exactly(runs, tmp_path, monkeypatch):
    """Stopped (Ctrl-C) after its first epoch and resumed: the same weights as the run left alone."""
    from aprende.transformer import gpt

    cfg = dataclasses.replace(gpt.finetune_train_config(epochs=2, lr=3e-3, batch_size=4, warmup_steps=2,
                                                         quiet=True, device="cpu"), max_time=None)
    full = gpt.train(runs["text"], cfg=cfg, project=tmp_path, name="full", init_run=runs["gpt2"],
                     freeze_embeddings=True).run_dir
    real, calls = gpt.stream_loss, []

    def stop_in_the_second_epoch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(gpt, "stream_loss", stop_in_the_second_epoch)
    with pytest.raises(KeyboardInterrupt):
        gpt.train(runs["text"], cfg=cfg, project=tmp_path, name="part", init_run=runs["gpt2"],
                  freeze_embeddings=True)
    monkeypatch.setattr(gpt, "stream_loss", real)
    part = tmp_path / "gpt" / "part"
    gpt.train(resume=part, cfg=cfg)
    a, _ = load_weights(full / "weights" / "last.safetensors")
    b, _ = load_weights(part / "weights" / "last.safetensors")
    start, _ = load_weights(runs["gpt2"] / "weights" / "best.safetensors")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    assert torch.equal(b["embed.embedding.weight"], start["embed.embedding.weight"])  # still frozen after resuming
    assert not torch.equal(b["decoder.norm.weight"], start["decoder.norm.weight"])


@pytest.mark.parametrize("lab, other, other_lab", [("gpt", "bert", "bert"), ("bert", "gpt2", "gpt")])
def test_an_init_of_another_kind_is_refused_and_writes_nothing(runs, cli, tmp_path, lab, other, other_lab):
    proc = cli(lab, "train", "--init", runs[other], "--text", runs["text"], "--epochs", "1",
               "--project", tmp_path / "runs", cwd=tmp_path)
    proc_refused(proc, (str(runs[other]), f"«{other_lab}»", f"«{lab}»"), empty=tmp_path / "runs")


def test_an_init_that_is_no_run_is_refused(runs, cli, tmp_path):
    proc = cli("gpt", "train", "--init", tmp_path / "nada", "--text", runs["text"], "--project", tmp_path / "runs",
               cwd=tmp_path)
    proc_refused(proc, str(tmp_path / "nada"), empty=tmp_path / "runs")
    (tmp_path / "vacia").mkdir()
    proc = cli("bert", "train", "--init", tmp_path / "vacia", "--text", runs["text"], "--project", tmp_path / "runs",
               "--lang", "en", cwd=tmp_path)
    proc_refused(proc, str(tmp_path / "vacia"), empty=tmp_path / "runs")
