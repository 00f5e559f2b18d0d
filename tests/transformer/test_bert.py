"""`aprende bert`: BERT's masking recipe, a tiny pre-training end to end, fill, and a fill without [MASK]."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from aprende.cli import main
from aprende.transformer.bert import mask_tokens
from aprende.transformer.text import MASK, SPECIALS
from tests.helpers import TINY, refuses
from tests.helpers import tiny_text as _text


def test_masking_follows_berts_recipe():
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(len(SPECIALS), 500, (64, 64))
    ids[:, 0] = 1  # an <eos> in every row: never hidden
    inputs, targets = mask_tokens(ids, 500, 0.15, g)
    chosen = targets != -100
    assert abs(chosen.float().mean().item() - 0.15) < 0.01
    assert not chosen[:, 0].any()
    assert torch.equal(targets[chosen], ids[chosen])
    assert torch.equal(inputs[~chosen], ids[~chosen])  # only chosen tokens change
    masked = (inputs[chosen] == MASK).float().mean().item()
    kept = (inputs[chosen] == ids[chosen]).float().mean().item()
    assert abs(masked - 0.8) < 0.03 and 0.07 < kept < 0.14


def test_loss_on_the_hidden_tokens_alone_equals_the_full_loss():
    """Training computes the logits of the hidden tokens only: same loss and same gradients as scoring every
    position and ignoring the others."""
    import torch.nn.functional as F

    from aprende.transformer.bert import mlm_loss
    from aprende.transformer.layers import TransformerConfig
    from aprende.transformer.model import BERT

    torch.manual_seed(0)
    model = BERT(TransformerConfig(vocab_size=300, d_model=32, n_heads=4, n_layers=2, d_ff=64, dropout=0.0,
                                   context=40, norm="post", positional="learned"))
    ids = torch.randint(len(SPECIALS), 300, (6, 40))
    inputs, targets = mask_tokens(ids, 300, 0.15, torch.Generator().manual_seed(1))
    sparse = mlm_loss(model, inputs, targets)
    grads = torch.autograd.grad(sparse, list(model.parameters()), allow_unused=True)
    full = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten(), ignore_index=-100)
    grads_full = torch.autograd.grad(full, list(model.parameters()), allow_unused=True)
    torch.testing.assert_close(sparse, full)
    for a, b in zip(grads, grads_full):
        assert (a is None) == (b is None)
        if a is not None:
            torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-4)


@pytest.fixture(scope="module")
def bert_run(tmp_path_factory):
    """One tiny BERT for the whole module."""
    from aprende.transformer.bert import BERTSettings, default_train_config, train

    folder = tmp_path_factory.mktemp("bert")
    settings = BERTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64, context=16, dropout=0.0)
    result = train(_text(folder), settings, default_train_config(epochs=20, lr=3e-3, batch_size=16, quiet=True),
                   project=folder / "runs", name="mini")
    return {"run": str(result.run_dir), "metrics": result.metrics}


def test_training_learns_and_fill_suggests_words(bert_run, tmp_path, capsys):
    assert bert_run["run"].endswith("bert/mini")
    assert bert_run["metrics"]["accuracy"] > 0.1  # chance, among ~300 tokens, is under 1%
    assert (Path(bert_run["run"]) / "tokenizer.json").is_file()
    main(["bert", "fill", "El gato duerme en la [MASK].", "--run", bert_run["run"], "--top-k", "3"])
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("1\t") for line in lines)
    assert all(0 < float(line.split("\t")[2]) <= 1 for line in lines)
    assert "El gato duerme en la [" in out.err


def _bad(tmp_path, capsys, args, expected):
    refuses(capsys, ["bert", *args], expected)


def test_fill_without_mask_or_too_long(bert_run, tmp_path, capsys):
    _bad(tmp_path, capsys, ["fill", "La vida es bella.", "--run", bert_run["run"]], "no tiene ningún [MASK]")
    _bad(tmp_path, capsys, ["fill", "La [MASK] es bella. " * 20, "--run", bert_run["run"]], "Acórtala")


def test_bad_mask_prob_writes_nothing(tmp_path, capsys):
    _bad(tmp_path, capsys, ["train", "--text", _text(tmp_path), *TINY, "--mask-prob", "1.5"],
         "--mask-prob está fuera de su rango")
    assert not (tmp_path / "runs").exists()


def test_fill_json_gives_each_mask_its_words(bert_run, capsys):
    import json

    main(["bert", "fill", "El [MASK] duerme en la [MASK].", "--run", bert_run["run"], "--top-k", "2", "--json",
          "--quiet"])
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert report["run"] == bert_run["run"] and [r["mask"] for r in report["results"]] == [1, 2]
    for r in report["results"]:
        assert r["text"] == "El [MASK] duerme en la [MASK]." and len(r["fills"]) == 2
        assert all(set(f) == {"token", "probability"} and 0 < f["probability"] <= 1 for f in r["fills"])
    assert out.err == ""


def _pieces_tokenizer():
    from aprende.transformer.text import train_tokenizer

    words = ["canción", "corazón", "murciélago", "ferrocarril", "el", "la", "de", "gato"]
    docs = [" ".join(words[(i * 7 + j) % len(words)] for j in range(12)) + "." for i in range(40)]
    return train_tokenizer(docs, 300)


def test_whole_words_are_masked_together():
    from aprende.transformer.bert import word_index, word_starts

    tok = _pieces_tokenizer()
    starts = word_starts(tok)
    assert starts[tok.encode(" gato").ids[0]] and starts[tok.encode(".").ids[0]]
    long = tok.encode(" electroencefalografista").ids  # unseen: many pieces, only the first begins the word
    assert starts[long[0]] and not starts[long[1:]].any()
    text = " ".join(["electroencefalografista canción otorrinolaringólogo de la gato"] * 40)
    ids = torch.tensor([tok.encode(text).ids[:256]] * 64)  # (64, 256)
    first = word_index(ids, starts)
    g = torch.Generator().manual_seed(0)
    inputs, targets = mask_tokens(ids, tok.get_vocab_size(), 0.15, g, starts)
    chosen = targets != -100
    assert abs(chosen.float().mean().item() - 0.15) < 0.03  # 15 % of the tokens, in expectation
    for row in range(64):
        for w in first[row].unique().tolist():
            word = first[row] == w
            assert chosen[row][word].all() or not chosen[row][word].any()  # all of a word's pieces, or none
            if chosen[row][word].all() and (inputs[row][word] == MASK).any():
                assert (inputs[row][word] == MASK).all()  # a hidden word is hidden whole
    multi = [(r, w) for r in range(64) for w in first[r].unique().tolist() if int((first[r] == w).sum()) > 1]
    assert any(chosen[r][first[r] == w].all() for r, w in multi)  # long words do get chosen
    masked = (inputs[chosen] == MASK).float().mean().item()
    kept = (inputs[chosen] == ids[chosen]).float().mean().item()
    assert 0.7 < masked < 0.9 and 0.04 < kept < 0.2


def test_masking_is_drawn_again_for_every_batch():
    from aprende.transformer.bert import BERTSettings

    assert BERTSettings().whole_word
    ids = torch.randint(len(SPECIALS), 500, (8, 64))
    a, _ = mask_tokens(ids, 500, 0.15)
    b, _ = mask_tokens(ids, 500, 0.15)
    assert not torch.equal(a, b)  # the same batch twice: two masks (dynamic masking)


def test_evaluate_scores_the_held_out_split(bert_run, capsys):
    import json

    main(["bert", "evaluate", "--run", bert_run["run"], "--json", "--quiet"])
    report = json.loads(capsys.readouterr().out)
    m = report["metrics"]
    assert report["run"] == bert_run["run"]
    assert 0 < m["accuracy"] <= m["top5"] <= 1 and m["tokens"] > 0 and m["perplexity"] > 1
    assert m["accuracy"] == pytest.approx(bert_run["metrics"]["accuracy"])  # the fixed mask: same figure as train
    main(["bert", "evaluate", "--run", bert_run["run"]])
    assert "top-5" in capsys.readouterr().err
