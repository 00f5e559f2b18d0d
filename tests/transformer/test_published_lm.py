"""Published GPT-2 and BERT (BETO's older layout too) in aprende's own modules: tiny random checkpoints made by
Hugging Face's classes are imported, and give Hugging Face's logits, greedy continuation, KV cache, fill-mask
probabilities and first fine-tuning step; every bad folder is refused by name with nothing written."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from aprende.core.errors import AprendeError
from aprende.transformer.bert import fill
from aprende.transformer.gpt import pieces
from aprende.transformer.published import import_checkpoint
from aprende.transformer.run import load_bert, load_gpt
from tests.helpers import proc_refused
from tests.transformer.hf_fixtures import bert_folder, gpt2_folder, legacy_copy

transformers = pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    root = tmp_path_factory.mktemp("gpt2")
    folder = gpt2_folder(root / "hf")
    result = import_checkpoint(folder, project=root / "runs", name="gpt2")
    hf = transformers.GPT2LMHeadModel.from_pretrained(folder).eval()
    return folder, result, load_gpt(result.run_dir), hf


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    root = tmp_path_factory.mktemp("bert")
    folder = bert_folder(root / "hf")
    result = import_checkpoint(folder, project=root / "runs", name="bert")
    hf = transformers.BertForMaskedLM.from_pretrained(folder).eval()
    hf_tok = transformers.AutoTokenizer.from_pretrained(folder)
    return folder, result, load_bert(result.run_dir), hf, hf_tok


def test_gpt2_logits_equal_hugging_face(gpt2):
    _, result, lm, hf = gpt2
    assert result.family == "GPT2LMHeadModel" and result.sizes["n_layers"] == 2
    assert result.n_params == sum(p.numel() for p in hf.parameters())  # the tied head counted once, as HF does
    ids = torch.tensor([lm.tok.encode("El gato duerme en la casa.").ids])
    with torch.no_grad():
        assert torch.allclose(lm.model(ids), hf(ids).logits, atol=1e-5)


def test_gpt2_greedy_continuation_equals_generate(gpt2):
    _, _, lm, hf = gpt2
    prompt = "El perro"
    ids = lm.tok.encode(prompt).ids
    ours = "".join(pieces(lm, prompt, max_new_tokens=20, temperature=0))
    with torch.no_grad():
        out = hf.generate(torch.tensor([ids]), max_new_tokens=20, do_sample=False, pad_token_id=lm.eos)
    new = [i for i in out[0, len(ids):].tolist()]
    if lm.eos in new:
        new = new[:new.index(lm.eos)]
    assert ours == lm.tok.decode(new) and len(new) > 0


def test_gpt2_cache_equals_a_full_pass(gpt2):
    _, _, lm, _ = gpt2
    ids = torch.tensor([lm.tok.encode("La casa es grande y el perro corre.").ids])
    cache = lm.model.new_cache()
    with torch.no_grad():
        full = lm.model(ids)
        steps = [lm.model(ids[:, :5], cache=cache)] + [lm.model(ids[:, t:t + 1], cache=cache)
                                                         for t in range(5, ids.size(1))]
    assert torch.allclose(torch.cat(steps, 1), full, atol=1e-5)


def test_gpt2_one_fine_tuning_step_moves_as_hugging_face(gpt2):
    folder, result, _, _ = gpt2
    ours = load_gpt(result.run_dir).model.eval()  # eval: no dropout on either side, the gradients all the same
    theirs = transformers.GPT2LMHeadModel.from_pretrained(folder).eval()
    ids = torch.tensor([load_gpt(result.run_dir).tok.encode("El gato y el perro juegan en el jardín.").ids])
    losses = []
    for m, logits_of in ((ours, lambda m: m(ids)), (theirs, lambda m: m(ids).logits)):
        opt = torch.optim.SGD(m.parameters(), lr=0.1)
        step = []
        for _ in range(2):
            logits = logits_of(m)[:, :-1]
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), ids[:, 1:].reshape(-1))
            step.append(loss.item())
            opt.zero_grad()
            loss.backward()
            opt.step()
        losses.append(step)
    assert losses[0] == pytest.approx(losses[1], abs=1e-5) and losses[0][1] < losses[0][0]


def _hf_fill(hf, hf_tok, text: str, lm):
    enc = hf_tok("[CLS] " + text + " [SEP]", return_tensors="pt", add_special_tokens=False)
    with torch.no_grad():
        probs = hf(**enc).logits[0].softmax(-1)
    pos = (enc["input_ids"][0] == lm.mask).nonzero().flatten().tolist()
    return [probs[p] for p in pos]


def test_bert_fill_equals_hugging_face(bert):
    _, result, lm, hf, hf_tok = bert
    assert result.family == "BertForMaskedLM"
    text = "El gato [MASK] en la casa."
    ours = fill(lm, text, top_k=5)
    (theirs,) = _hf_fill(hf, hf_tok, text, lm)
    specials = set(lm.specials())
    order = [i for i in theirs.argsort(descending=True).tolist() if i not in specials]
    expected = []
    for i in order:
        word = lm.tok.decode([i]).strip()
        if any(ch.isalnum() for ch in word):
            expected.append((word, theirs[i].item()))
        if len(expected) == 5:
            break
    assert [w for w, _ in ours[0]] == [w for w, _ in expected]
    assert [p for _, p in ours[0]] == pytest.approx([p for _, p in expected], abs=1e-4)


def test_beto_s_older_layout_loads_the_same(bert, tmp_path):
    folder, result, lm, _, _ = bert
    old = import_checkpoint(legacy_copy(folder, tmp_path / "beto"), project=tmp_path / "runs", name="beto")
    beto = load_bert(old.run_dir)
    ids = torch.tensor([lm.wrap(lm.tok.encode("La casa es grande.", add_special_tokens=False).ids)])
    with torch.no_grad():
        assert torch.allclose(beto.model(ids), lm.model(ids), atol=1e-6)
    assert fill(beto, "El [MASK] corre.") == fill(lm, "El [MASK] corre.")


def test_the_cli_reads_an_imported_run(gpt2, bert, cli, tmp_path):
    _, result, lm, _ = gpt2
    proc = cli("gpt", "generate", "El perro", "--run", result.run_dir, "--temperature", "0", "--max-new-tokens", "20",
               "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["text"] == "".join(pieces(lm, "El perro", 20, temperature=0))
    _, bresult, blm, _, _ = bert
    proc = cli("bert", "fill", "El gato [MASK] en la casa.", "--run", bresult.run_dir, "--top-k", "5", "--json",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    fills = json.loads(proc.stdout)["results"][0]["fills"]
    assert [(f["token"], round(f["probability"], 6)) for f in fills] == \
        [(w, round(p, 6)) for w, p in fill(blm, "El gato [MASK] en la casa.", top_k=5)[0]]


def test_weights_import_cli(gpt2, cli, tmp_path):
    folder = gpt2[0]
    proc = cli("weights", "import", folder, "--project", tmp_path / "runs", "--name", "mio", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)["results"][0]
    assert out["family"] == "GPT2LMHeadModel" and out["parameters"] > 0 and "model.safetensors" in out["sha256"]
    assert (tmp_path / "runs" / "gpt" / "mio" / "published.json").is_file()
    listed = cli("weights", "list", "--project", tmp_path / "runs", "--json", cwd=tmp_path)
    assert any(r.get("family") == "GPT2LMHeadModel" for r in json.loads(listed.stdout)["results"])


def _broken(gpt2, tmp_path, change) -> tuple:
    folder = shutil.copytree(gpt2[0], tmp_path / "broken")
    change(folder)
    return folder


def _tensors(folder, edit):
    from safetensors.torch import load_file, save_file

    t = load_file(str(folder / "model.safetensors"))
    edit(t)
    save_file({k: v.contiguous() for k, v in t.items()}, str(folder / "model.safetensors"))


def _truncate(folder):
    path = folder / "model.safetensors"
    path.write_bytes(path.read_bytes()[:-100])


def _lying_header(folder):
    path = folder / "model.safetensors"
    data = bytearray(path.read_bytes())
    data[:8] = (10**9).to_bytes(8, "little")
    path.write_bytes(bytes(data))


def _config(folder, **changes):
    config = json.loads((folder / "config.json").read_text())
    config.update(changes)
    (folder / "config.json").write_text(json.dumps(config))


BAD = {
    "not a checkpoint": (lambda f: (f / "config.json").unlink(), "published.not_checkpoint"),
    "unsupported architecture": (lambda f: _config(f, architectures=["LlamaForCausalLM"]), "published.unsupported"),
    "sizes disagree": (lambda f: _config(f, n_inner=100), "published.size_mismatch"),
    "missing tensor": (lambda f: _tensors(f, lambda t: t.pop("transformer.h.1.mlp.c_fc.bias")),
                       "published.missing_tensor"),
    "extra tensor": (lambda f: _tensors(f, lambda t: t.update(extra=torch.zeros(3))), "published.extra_tensor"),
    "truncated safetensors": (_truncate, "published.bad_safetensors"),
    "header that lies": (_lying_header, "published.bad_safetensors"),
    "missing tokenizer": (lambda f: (f / "tokenizer.json").unlink(), "published.no_tokenizer"),
    "pickle only": (lambda f: ((f / "model.safetensors").rename(f / "pytorch_model.bin")), "published.pickle_only"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_folder_is_refused_and_nothing_is_written(case, gpt2, tmp_path):
    change, key = BAD[case]
    folder = _broken(gpt2, tmp_path, change)
    with pytest.raises(AprendeError) as exc:
        import_checkpoint(folder, project=tmp_path / "runs", name="x")
    assert exc.value.key == key
    assert not (tmp_path / "runs" / "gpt" / "x").exists()


def test_a_bad_folder_exits_2_from_the_cli(gpt2, tmp_path, cli):
    folder = _broken(gpt2, tmp_path, lambda f: _config(f, architectures=["T5ForConditionalGeneration"]))
    proc = cli("weights", "import", folder, "--project", tmp_path / "runs", cwd=tmp_path)
    proc_refused(proc, ("T5ForConditionalGeneration", str(folder)), empty=tmp_path / "runs")


def test_serve_answers_with_imported_runs(gpt2, bert):
    """`aprende serve --run-gpt/--run-bert` on imported runs: the web API gives what the lab gives for them."""
    from fastapi.testclient import TestClient

    from aprende.serve.app import create_app

    _, result, lm, _ = gpt2
    _, bresult, blm, _, _ = bert
    app = create_app({"gpt": result.run_dir, "bert": bresult.run_dir})
    with TestClient(app, base_url="http://localhost") as client:
        r = client.post("/api/v1/gpt", json={"prompt": "El perro", "max_new_tokens": 12, "temperature": 0.05,
                                             "top_k": 1, "stream": False})
        assert r.status_code == 200, r.text
        assert r.json()["text"] == "".join(pieces(lm, "El perro", 12, temperature=0))
        r = client.post("/api/v1/bert", json={"text": "El gato [MASK] en la casa.", "top_k": 5})
        assert r.status_code == 200, r.text
        got = [(w["word"], round(w["probability"], 5)) for w in r.json()["masks"][0]]
        assert got == [(w, round(p, 5)) for w, p in fill(blm, "El gato [MASK] en la casa.", top_k=5)[0]]
