"""Starting weights: GPT-2's small start against the paper's √d_model-scaled tokens; older runs keep the paper's."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from aprende.cli import main
from aprende.core.runs import read_yaml, write_yaml
from aprende.transformer.gpt import GPTSettings, default_train_config
from aprende.transformer.lm import start_lm
from aprende.transformer.model import GPT, SMALL
from aprende.transformer.run import transformer_config


def _untrained_loss(init: str) -> float:
    torch.manual_seed(0)
    model = GPT(GPTSettings(vocab_size=2000, init=init).model_config()).eval()
    ids = torch.randint(5, 2000, (4, 64))
    with torch.no_grad():
        logits = model(ids)  # (4, 64, V)
    return F.cross_entropy(logits[:, :-1].flatten(0, 1), ids[:, 1:].flatten()).item()


def test_gpt2_start_guesses_about_uniformly_and_the_papers_does_not():
    assert GPTSettings().init == "gpt2"
    assert abs(_untrained_loss("gpt2") - math.log(2000)) < 0.15  # nothing learned yet: every token alike
    assert _untrained_loss("paper") > math.log(2000) + 1  # confident, and wrong: "the next token is this one"


def test_gpt2_start_is_small_and_shrinks_what_writes_into_the_residual_stream():
    torch.manual_seed(0)
    model = GPT(GPTSettings(vocab_size=2000, n_layers=4).model_config())
    out = torch.cat([p.flatten() for n, p in model.named_parameters() if n.endswith(("out_proj.weight", "w2.weight"))])
    qkv = torch.cat([layer.self_attn.qkv.weight.flatten() for layer in model.decoder.layers])
    assert abs(out.std().item() - SMALL / math.sqrt(2 * 4)) < 5e-4
    assert abs(qkv.std().item() - SMALL) < 5e-4
    assert abs(model.embed.embedding.weight.std().item() - SMALL) < 5e-4 and model.embed.scale == 1.0


def test_a_model_saved_before_the_choice_keeps_the_papers_scaled_tokens():
    cfg = transformer_config({"vocab_size": 300, "d_model": 64, "n_heads": 2, "n_layers": 1, "d_ff": 64,
                              "context": 16, "positional": "learned", "norm": "pre", "activation": "gelu"})
    assert cfg.init == "paper" and GPT(cfg).embed.scale == 8.0


def test_resuming_a_run_saved_before_the_choice_keeps_the_papers_start(tmp_path):
    text = tmp_path / "texto.txt"
    text.write_text("\n\n".join(f"El gato duerme en la casa número {i}." for i in range(80)), encoding="utf-8")
    main(["gpt", "train", "--text", str(text), "--vocab-size", "300", "--d-model", "32", "--heads", "2",
          "--layers", "1", "--d-ff", "64", "--context", "16", "--epochs", "1", "--quiet", "--project",
          str(tmp_path / "runs"), "--name", "vieja"])
    folder = tmp_path / "runs" / "gpt" / "vieja"
    saved = read_yaml(folder / "config.yaml")
    assert saved["settings"]["init"] == "gpt2"
    del saved["settings"]["init"], saved["settings"]["ffn_dropout"]  # as a run written before the choices existed
    write_yaml(folder / "config.yaml", saved)
    start = start_lm("gpt", GPTSettings, None, None, default_train_config(quiet=True), resume=folder)
    assert start.settings.init == "paper" and start.settings.ffn_dropout is True


def test_gpt_drops_out_where_gpt2_does_and_bert_keeps_the_feed_forwards_dropout():
    from torch import nn

    from aprende.transformer.bert import BERTSettings
    from aprende.transformer.model import BERT

    gpt = GPT(GPTSettings(vocab_size=300, dropout=0.1).model_config())
    bert = BERT(BERTSettings(vocab_size=300, dropout=0.1).model_config())
    assert all(isinstance(layer.feed_forward.dropout, nn.Identity) for layer in gpt.decoder.layers)
    assert all(layer.feed_forward.dropout.p == 0.1 for layer in bert.encoder.layers)
    assert all(layer.add_norm1.dropout.p == 0.1 for layer in gpt.decoder.layers)  # the residual ones stay
