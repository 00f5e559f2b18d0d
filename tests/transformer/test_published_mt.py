"""An opus-mt-like Marian built by Hugging Face's own class loads into our Seq2Seq and writes what `generate` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

transformers = pytest.importorskip("transformers")
spm = pytest.importorskip("sentencepiece")

from aprende.core.errors import AprendeError  # noqa: E402
from aprende.transformer.decode import pad_ids  # noqa: E402
from aprende.transformer.published.marian import import_marian  # noqa: E402
from aprende.transformer.run import load_translator  # noqa: E402

ES = ["el perro come pan", "la casa es grande", "mañana voy a comprar pan", "dónde está la estación de tren",
      "el gato duerme en la casa", "hoy hace sol y calor", "los niños juegan en el parque", "quiero agua fría"]
EN = ["the dog eats bread", "the house is big", "tomorrow I will buy bread", "where is the train station",
      "the cat sleeps in the house", "today it is sunny and hot", "the children play in the park", "I want cold water"]
LINES = ["el perro duerme", "la estación es grande", "mañana hace calor en el parque", "quiero pan", "xyzzy ñandú"]


def _spm(lines: list[str], path: Path) -> None:
    """A tiny SentencePiece model, trained here (nothing downloads)."""
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines * 4), model_prefix=str(path), vocab_size=60,
                                   character_coverage=1.0, model_type="unigram", bos_id=-1, eos_id=-1, unk_id=0,
                                   hard_vocab_limit=False, minloglevel=2)
    path.with_suffix(".model").rename(path.with_suffix(".spm"))


def _vocab(folder: Path) -> dict:
    """vocab.json as opus-mt writes it: </s> 0, <unk> 1, pieces of both languages, <pad> last."""
    pieces = ["</s>", "<unk>"]
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(folder / name))
        pieces += [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.id_to_piece(i) not in pieces
                   and sp.id_to_piece(i) != "<unk>"]
    pieces = [p for p in pieces if p != "<pad>"]
    pieces += [f"\u2581unused{i}" for i in range(120 - len(pieces))] + ["<pad>"]  # real vocabularies hold such pieces
    return {p: i for i, p in enumerate(pieces)}


def make_checkpoint(folder: Path, d: int = 32, seed: int = 0) -> Path:
    """A random MarianMTModel (2+2 layers) with every LayerNorm, bias and final_logits_bias randomised."""
    folder.mkdir(parents=True)
    _spm(ES, folder / "source")
    _spm(EN, folder / "target")
    vocab = _vocab(folder)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    pad = vocab["<pad>"]
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "es", "target_lang": "en",
                                                              "model_max_length": 512}), encoding="utf-8")
    torch.manual_seed(seed)
    cfg = transformers.MarianConfig(
        vocab_size=len(vocab), d_model=d, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
        decoder_attention_heads=4, encoder_ffn_dim=2 * d, decoder_ffn_dim=2 * d, max_position_embeddings=64,
        pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        activation_function="swish", scale_embedding=True, dropout=0.0, attention_dropout=0.0,
        activation_dropout=0.0)
    model = transformers.MarianMTModel(cfg)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name or name.endswith("bias"):
                p.normal_(0.0 if name.endswith("bias") else 1.0, 0.3)
        model.final_logits_bias.normal_(0.0, 1.0)
        model.model.shared.weight.mul_(3.0)  # a sharper model: fewer near-ties between tokens
    model.save_pretrained(folder)
    gen = {"bad_words_ids": [[pad]], "bos_token_id": 0, "decoder_start_token_id": pad, "eos_token_id": 0,
           "forced_eos_token_id": 0, "max_length": 512, "num_beams": 4, "pad_token_id": pad,
           "renormalize_logits": True}
    (folder / "generation_config.json").write_text(json.dumps(gen), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    return make_checkpoint(tmp_path_factory.mktemp("hf") / "opus-mt-tiny")


@pytest.fixture(scope="module")
def hf(checkpoint):
    model = transformers.MarianMTModel.from_pretrained(checkpoint).eval()
    return model, transformers.MarianTokenizer.from_pretrained(checkpoint)


@pytest.fixture(scope="module")
def ours(checkpoint, tmp_path_factory):
    """Imported the way `aprende weights import` does (published.import_checkpoint)."""
    from aprende.transformer.published import import_checkpoint

    result = import_checkpoint(checkpoint, project=tmp_path_factory.mktemp("runs"), name="opus-tiny")
    assert result.family == "MarianMTModel"
    return load_translator(result.run_dir)


def test_tokenizer_ids_equal_marian_tokenizers(hf, ours):
    _, hf_tok = hf
    for line in LINES + ES:
        assert ours.tok.encode(line).ids == hf_tok(line)["input_ids"]
        assert ours.tok.encode_target(line).ids == hf_tok(text_target=line)["input_ids"]
        ids = hf_tok(line)["input_ids"]
        assert ours.tok.decode(ids) == hf_tok.decode(ids, skip_special_tokens=True)


def _batch(tr, lines):
    src = pad_ids(tr.encode(lines), tr.model.cfg.pad_id)  # (B, S)
    return src, (src != tr.model.cfg.pad_id).long()


def test_logits_equal_hugging_faces(hf, ours):
    model, _ = hf
    src, mask = _batch(ours, LINES)
    tgt = torch.randint(0, ours.model.cfg.vocab_size - 1, (len(LINES), 7))
    tgt[:, 0] = ours.model.cfg.decoder_start_id
    with torch.no_grad():
        theirs = model(input_ids=src, attention_mask=mask, decoder_input_ids=tgt).logits
        mine = ours.model(src, tgt)
    assert (mine - theirs).abs().max() < 1e-5


def test_kv_cache_equals_a_full_pass(ours):
    src, _ = _batch(ours, LINES[:2])
    tgt = torch.randint(0, ours.model.cfg.vocab_size - 1, (2, 6))
    with torch.no_grad():
        memory, mask = ours.model.encode(src)
        full = ours.model.decode(tgt, memory, mask)
        cache = ours.model.new_cache(8)
        steps = [ours.model.decode(tgt[:, i:i + 1], memory, mask, cache) for i in range(6)]
    assert (torch.cat(steps, 1) - full).abs().max() < 1e-5


def _hf_out(model, tr, line, **kw):
    src, mask = _batch(tr, [line])
    out = model.generate(input_ids=src, attention_mask=mask, max_new_tokens=20, **kw)[0].tolist()[1:]
    return out[:out.index(0)] if 0 in out else out


@pytest.mark.parametrize("beam", [1, 4])
def test_greedy_and_beam_equal_generate(hf, ours, beam):
    model, hf_tok = hf
    mine = ours.translate_ids(ours.encode(LINES), beam, max_new_tokens=20)
    theirs = [_hf_out(model, ours, line, num_beams=beam, do_sample=False) for line in LINES]
    assert mine == theirs
    assert all(ours.model.cfg.pad_id not in ids for ids in mine)
    texts = ours.translate(LINES, beam=beam, max_new_tokens=20)
    assert texts == [hf_tok.decode(ids, skip_special_tokens=True) for ids in theirs]


def test_stored_marian_sinusoids_are_accepted(checkpoint, hf, tmp_path):
    """Older files keep the (computed) positions: Hugging Face's own values load, and are not trained."""
    model, _ = hf
    old = _copy(checkpoint, tmp_path / "old")
    pe = model.model.encoder.embed_positions.weight.detach().clone()
    _edit_tensors(old, lambda t: t.update({"model.encoder.embed_positions.weight": pe,
                                           "model.decoder.embed_positions.weight": pe.clone()}))
    assert load_translator(import_marian(old, tmp_path / "run")).model.cfg.sinusoid_layout == "halves"


def test_checkpoint_defaults_are_its_generation_config(ours):
    assert ours.default_beam() == 4 and ours.direction == "es-en"
    assert ours.generation.bad_words_ids == [ours.model.cfg.pad_id] and ours.generation.forced_eos


def test_one_fine_tuning_step_moves_the_loss_as_hugging_faces(checkpoint, ours):
    """Same batch, same AdamW step from the same start: the loss before and after agree."""
    model = transformers.MarianMTModel.from_pretrained(checkpoint)
    for emb in (model.model.encoder.embed_positions, model.model.decoder.embed_positions):
        emb.weight.requires_grad_(False)  # built frozen (_freeze=True); from_pretrained in 5.x makes them trainable
    mine = load_translator(ours.run_dir).model
    model.train(), mine.train()
    pad = mine.cfg.pad_id
    src = pad_ids([e.ids for e in ours.tok.encode_batch(ES[:4])], pad)
    labels = pad_ids([e.ids for e in ours.tok.encode_target_batch(EN[:4])], pad)  # (B, T), </s> last
    dec_in = torch.cat([torch.full((4, 1), pad), labels[:, :-1]], 1)

    def loss(logits):
        return F.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index=pad)

    losses = {}
    for name, net, run in (("hf", model, lambda: model(input_ids=src, attention_mask=(src != pad).long(),
                                                          decoder_input_ids=dec_in).logits),
                           ("ours", mine, lambda: mine(src, dec_in))):
        opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=1e-3)
        before = loss(run())
        before.backward()
        opt.step()
        with torch.no_grad():
            losses[name] = (float(before), float(loss(run())))
    assert losses["ours"][0] == pytest.approx(losses["hf"][0], abs=1e-5)
    assert losses["ours"][1] == pytest.approx(losses["hf"][1], abs=1e-4)
    assert losses["ours"][1] < losses["ours"][0] - 1e-3


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def _edit_tensors(folder: Path, change) -> None:
    from safetensors.torch import load_file, save_file

    tensors = load_file(str(folder / "model.safetensors"))
    change(tensors)
    save_file(tensors, str(folder / "model.safetensors"))


@pytest.mark.parametrize("case, key", [
    ("no_spm", "marian.missing_file"),
    ("missing_tensor", "marian.missing_tensor"),
    ("extra_tensor", "marian.extra_tensor"),
    ("size_mismatch", "marian.bad_shape"),
    ("config_disagrees", "marian.bad_shape"),
    ("interleaved_positions", "marian.unsupported"),
])
def test_bad_checkpoints_are_refused_by_name_and_write_nothing(checkpoint, tmp_path, case, key):
    bad = _copy(checkpoint, tmp_path / "bad")
    if case == "no_spm":
        (bad / "target.spm").unlink()
    elif case == "missing_tensor":
        _edit_tensors(bad, lambda t: t.pop("model.decoder.layers.1.fc2.weight"))
    elif case == "extra_tensor":
        _edit_tensors(bad, lambda t: t.update({"model.decoder.layernorm_embedding.weight": torch.ones(32)}))
    elif case == "size_mismatch":
        _edit_tensors(bad, lambda t: t.update({"final_logits_bias": torch.zeros(1, 7)}))
    elif case == "interleaved_positions":  # an older file that stores the paper's layout, not Marian's
        from aprende.transformer.layers import PositionalEncoding

        pe = PositionalEncoding(32, 64).pe
        _edit_tensors(bad, lambda t: t.update({"model.encoder.embed_positions.weight": pe}))
    else:
        config = json.loads((bad / "config.json").read_text())
        (bad / "config.json").write_text(json.dumps({**config, "encoder_ffn_dim": 48, "decoder_ffn_dim": 48}))
    dest = tmp_path / "run"
    with pytest.raises(AprendeError) as err:
        import_marian(bad, dest)
    assert err.value.key == key
    assert not dest.exists()
    if case in ("missing_tensor", "extra_tensor"):
        assert "fc2" in str(err.value.params) or "layernorm_embedding" in str(err.value.params)


def test_fine_tuning_from_an_imported_run_keeps_its_tokenizer_and_lowers_the_loss(ours, tmp_path):
    from aprende.transformer.translate_train import corpus_loss, finetune_train_config, train

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{s}\t{t}\n" for s, t in zip(ES * 5, EN * 5)), encoding="utf-8")
    cfg = finetune_train_config(epochs=3, lr=3e-3, warmup_steps=1, max_time=None, quiet=True, seed=0)
    result = train(pairs, cfg=cfg, project=tmp_path / "runs", name="ft", init_run=ours.run_dir, bleu_pairs=0,
                   freeze_embeddings=True)
    tuned = load_translator(result.run_dir)
    assert (result.run_dir / "source.spm").is_file() and not (result.run_dir / "tokenizer.json").exists()
    assert tuned.generation == ours.generation and tuned.model.cfg == ours.model.cfg
    assert torch.equal(tuned.model.embed.embedding.weight, ours.model.embed.embedding.weight)  # frozen
    assert not torch.equal(tuned.model.decoder.layers[0].feed_forward.w1.weight,
                           ours.model.decoder.layers[0].feed_forward.w1.weight)
    from aprende.transformer.translate_train import Buckets, encode_pairs

    enc, _ = encode_pairs(ours.tok, [type("P", (), {"source": s, "target": t}) for s, t in zip(ES, EN)], 64)
    val = Buckets(enc, 8, 0, ours.model.cfg.pad_id, ours.model.cfg.decoder_start_id)
    assert corpus_loss(tuned.model, val) < corpus_loss(ours.model, val) - 0.1
    assert len(tuned.translate(LINES[:2], max_new_tokens=10)) == 2


@pytest.mark.parametrize("beam", [1, 4])
def test_the_cli_translates_as_hugging_face(checkpoint, hf, ours, beam, cli, tmp_path):
    """`weights import` then `translate run --beam N --max-new-tokens 20`: Hugging Face's translations."""
    proc = cli("weights", "import", checkpoint, "--project", tmp_path / "runs", "--name", "opus", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    run = tmp_path / "runs" / "translate" / "opus"
    model, hf_tok = hf
    for line in LINES[:3]:
        proc = cli("translate", "run", line, "--run", run, "--beam", beam, "--max-new-tokens", 20, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        expected = hf_tok.decode(_hf_out(model, ours, line, num_beams=beam, do_sample=False), skip_special_tokens=True)
        assert proc.stdout.strip() == expected.strip()


def test_frozen_embeddings_stay_frozen_after_a_resume(ours, tmp_path, monkeypatch):
    """A fine-tuning stopped (Ctrl-C) in its second epoch and resumed keeps --freeze-embeddings to the end."""
    from aprende.transformer import translate_train as tt

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{s}\t{t}\n" for s, t in zip(ES * 5, EN * 5)), encoding="utf-8")
    cfg = tt.finetune_train_config(epochs=2, lr=3e-3, warmup_steps=1, quiet=True, seed=0, device="cpu")
    real, calls = tt.corpus_loss, []

    def stop_in_the_second_epoch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(tt, "corpus_loss", stop_in_the_second_epoch)
    with pytest.raises(KeyboardInterrupt):
        tt.train(pairs, cfg=cfg, project=tmp_path / "runs", name="ft", init_run=ours.run_dir, bleu_pairs=0,
                 freeze_embeddings=True)
    monkeypatch.setattr(tt, "corpus_loss", real)
    run = tmp_path / "runs" / "translate" / "ft"
    tt.train(resume=run, bleu_pairs=0)
    assert len((run / "results.csv").read_text().splitlines()) == 3  # both epochs
    tuned = load_translator(run)
    assert torch.equal(tuned.model.embed.embedding.weight, ours.model.embed.embedding.weight)
    assert not torch.equal(tuned.model.decoder.layers[0].feed_forward.w1.weight,
                           ours.model.decoder.layers[0].feed_forward.w1.weight)
