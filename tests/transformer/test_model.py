"""The three models: no peeking at the future or at pads, the cache changes nothing, the paper's size."""

from __future__ import annotations

import pytest
import torch

from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import BERT, GPT, Seq2Seq, generate


def tiny(**kw) -> TransformerConfig:
    base = dict(vocab_size=40, d_model=32, n_heads=4, n_layers=2, d_ff=64, dropout=0.0, context=24)
    return TransformerConfig(**{**base, **kw})


VARIANTS = [{}, {"norm": "pre"}, {"positional": "learned"}, {"attention": "explicit", "activation": "gelu"}]


@pytest.mark.parametrize("kw", VARIANTS)
def test_gpt_never_sees_the_future(kw):
    torch.manual_seed(0)
    model = GPT(tiny(**kw)).eval()
    ids = torch.randint(1, 40, (2, 12))
    changed = ids.clone()
    changed[:, 7:] = torch.randint(1, 40, (2, 5))  # rewrite the future after position 6
    a, b = model(ids), model(changed)
    torch.testing.assert_close(a[:, :7], b[:, :7])
    assert not torch.allclose(a[:, 7:], b[:, 7:])


@pytest.mark.parametrize("kw", VARIANTS)
def test_seq2seq_ignores_source_pads_and_target_future(kw):
    torch.manual_seed(0)
    model = Seq2Seq(tiny(**kw)).eval()
    src = torch.randint(1, 40, (2, 9))
    src[1, 6:] = 0  # the second sentence is padded
    tgt = torch.randint(1, 40, (2, 8))
    out = model(src, tgt)
    other_src = src.clone()
    other_src[1, 6:] = 0
    other_src = torch.cat([other_src, torch.zeros(2, 3, dtype=torch.long)], 1)  # more padding, same sentences
    torch.testing.assert_close(model(other_src, tgt), out, atol=1e-5, rtol=1e-5)
    other_tgt = tgt.clone()
    other_tgt[:, 5:] = torch.randint(1, 40, (2, 3))
    torch.testing.assert_close(model(src, other_tgt)[:, :5], out[:, :5])


@pytest.mark.parametrize("kw", VARIANTS[:2])
def test_bert_ignores_pads(kw):
    torch.manual_seed(0)
    model = BERT(tiny(**kw)).eval()
    ids = torch.randint(1, 40, (1, 7))
    padded = torch.cat([ids, torch.zeros(1, 4, dtype=torch.long)], 1)
    torch.testing.assert_close(model(padded)[:, :7], model(ids), atol=1e-5, rtol=1e-5)
    changed = ids.clone()
    changed[0, 6] = (ids[0, 6] % 39) + 1  # BERT looks both ways: a later word changes earlier outputs
    assert not torch.allclose(model(changed)[:, 0], model(ids)[:, 0])


@pytest.mark.parametrize("kw", VARIANTS)
@pytest.mark.parametrize("temperature", [0.0, 1.0])
def test_kv_cache_gives_the_same_tokens(kw, temperature):
    torch.manual_seed(0)
    model = GPT(tiny(**kw))
    for p in model.parameters():  # a random model with some character, so the tokens vary
        p.data.mul_(3.0)
    prompt = torch.randint(1, 40, (2, 4))
    runs = []
    for use_cache in (True, False):
        g = torch.Generator().manual_seed(5)
        out = generate(model, prompt, 40, temperature=temperature, top_k=20, top_p=0.95, use_cache=use_cache,
                       generator=g)
        runs.append(torch.stack(list(out), 1))
    assert torch.equal(runs[0], runs[1])
    if temperature > 0:  # sampled tokens vary, so a difference would show
        assert len(set(runs[0].flatten().tolist())) > 3


def test_kv_cache_logits_match_a_full_pass():
    torch.manual_seed(0)
    model = GPT(tiny()).eval()
    ids = torch.randint(1, 40, (2, 10))
    cache = model.new_cache()
    parts = [model(ids[:, :6], cache)] + [model(ids[:, i:i + 1], cache) for i in range(6, 10)]
    torch.testing.assert_close(torch.cat(parts, 1), model(ids), atol=1e-5, rtol=1e-5)


def test_seq2seq_decoding_with_cache_matches_full_pass():
    torch.manual_seed(0)
    model = Seq2Seq(tiny()).eval()
    src, tgt = torch.randint(1, 40, (2, 7)), torch.randint(1, 40, (2, 6))
    memory, mask = model.encode(src)
    cache = model.new_cache()
    steps = [model.decode(tgt[:, i:i + 1], memory, mask, cache) for i in range(6)]
    torch.testing.assert_close(torch.cat(steps, 1), model(src, tgt), atol=1e-5, rtol=1e-5)


def test_output_projection_is_tied_to_embeddings():
    model = GPT(tiny())
    names = [n for n, _ in model.named_parameters()]
    assert not any("head" in n or "generator" in n for n in names)
    assert model.embed.embedding.weight.shape == (40, 32)


def test_base_model_has_the_papers_size():
    with torch.device("meta"):  # count, do not allocate or train
        model = Seq2Seq(TransformerConfig(vocab_size=37000))
    n = model.n_params()
    assert 60e6 < n < 66e6, n  # the paper says 65M; shared 37k embeddings + 6+6 layers give 63.1M


def test_learned_positions_start_as_loud_as_the_tokens():
    pe = GPT(tiny(positional="learned")).pos
    torch.testing.assert_close(pe.learned.weight.detach(), pe.pe)  # the sinusoids, amplitude 1 like the tokens


@pytest.mark.slow
def test_bert_learns_to_copy_by_position():
    """Masked tokens of a repeated half are recoverable only through positions: BERT must learn to use them."""
    import torch.nn.functional as F

    from aprende.transformer.bert import mask_tokens

    torch.manual_seed(0)
    model = BERT(tiny(vocab_size=30, d_model=64, context=16, positional="learned", activation="gelu"))
    opt = torch.optim.AdamW(model.parameters(), 2e-3)
    for _ in range(400):
        half = torch.randint(3, 30, (64, 8))
        inputs, targets = mask_tokens(torch.cat([half, half], 1), 30, 0.15)
        loss = F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten(), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
    half = torch.randint(3, 30, (256, 8))
    inputs, targets = mask_tokens(torch.cat([half, half], 1), 30, 0.15)
    keep = targets != -100
    with torch.no_grad():
        accuracy = (model(inputs).argmax(-1)[keep] == targets[keep]).float().mean().item()
    assert accuracy > 0.6, accuracy


def test_kv_cache_is_filled_in_place_not_copied():
    """The cache's buffers are allocated once for the context: later steps write into them (no re-concatenation)."""
    torch.manual_seed(0)
    model = GPT(tiny()).eval()
    cache = model.new_cache()
    ids = torch.randint(1, 40, (1, 5))
    with torch.no_grad():
        model(ids, cache)
        where = [own.k.data_ptr() for own, _ in cache]
        for i in range(10):
            model(ids[:, i % 5:i % 5 + 1], cache)
    assert [own.k.data_ptr() for own, _ in cache] == where
    assert all(own.n == 15 and own.k.size(2) == model.cfg.context for own, _ in cache)
