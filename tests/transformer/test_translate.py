"""`aprende translate`: decoding with and without the cache, beam 1 = greedy, a tiny training, run, evaluate, errors."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import torch

from aprende.cli import main
from aprende.core.errors import AprendeError
from aprende.transformer.decode import beam_search, greedy
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import Seq2Seq
from tests.helpers import assert_refused

NOUNS = [("gato", "cat"), ("perro", "dog"), ("casa", "house"), ("libro", "book"), ("niño", "boy")]
ADJS = [("rojo", "red"), ("grande", "big"), ("verde", "green"), ("viejo", "old")]
VERBS = [("ve", "sees"), ("tiene", "has"), ("quiere", "wants")]
TINY = ["--vocab-size", "300", "--d-model", "32", "--heads", "2", "--layers", "1", "--d-ff", "64", "--dropout", "0",
        "--batch-size", "32", "--scheduler", "none", "--lr", "3e-3", "--quiet"]


@pytest.fixture(scope="module", autouse=True)
def _one_thread():
    """These models are tiny: on a busy machine a second thread costs more than it gives."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def write_pairs(path: Path) -> Path:
    """300 template sentences: Spanish<TAB>English."""
    rows = [f"el {n1} {a} {v} el {n2}.\tthe {ea} {e1} {ev} the {e2}."
            for (n1, e1), (a, ea), (v, ev), (n2, e2) in itertools.product(NOUNS, ADJS, VERBS, NOUNS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _model(seed=0, **kw) -> Seq2Seq:
    torch.manual_seed(seed)
    cfg = TransformerConfig(vocab_size=50, d_model=32, n_heads=4, n_layers=2, d_ff=64, dropout=0.0, context=40, **kw)
    model = Seq2Seq(cfg).eval()
    with torch.no_grad():  # tied random weights tend to repeat their input; the first input is <eos>, so
        model.embed.embedding.weight[1] = -model.embed.embedding.weight[3:].mean(0) * 0.1  # discourage stopping
    return model


def _src(seed=1) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    src = torch.randint(3, 50, (5, 9), generator=g)
    src[1, 6:] = 0  # padded sentences
    src[3, 4:] = 0
    return src


@pytest.mark.parametrize("norm", ["post", "pre"])
def test_cached_and_uncached_greedy_give_the_same_tokens(norm):
    model, src = _model(norm=norm), _src()
    cached = greedy(model, src, max_len=25, use_cache=True)
    assert cached == greedy(model, src, max_len=25, use_cache=False)
    assert any(len(c) > 5 for c in cached)  # random weights rarely stop early: the cache was really exercised


def test_beam_of_one_is_greedy_and_wider_beams_score_at_least_as_well():
    model, src = _model(3), _src(4)
    assert beam_search(model, src, beam=1, max_len=20) == greedy(model, src, max_len=20)
    wide = beam_search(model, src, beam=4, alpha=0.0, max_len=20)

    @torch.no_grad()
    def logp(out, i):  # log-probability of the whole output (with its <eos> when it ended)
        tgt = torch.tensor([[1] + out + ([1] if len(out) < 20 else [])])
        memory, mask = model.encode(src[i:i + 1])
        lp = model.decode(tgt[:, :-1], memory, mask).log_softmax(-1)
        return float(lp.gather(-1, tgt[:, 1:, None]).sum())

    narrow = greedy(model, src, max_len=20)
    for i in range(src.size(0)):
        assert logp(wide[i], i) >= logp(narrow[i], i) - 1e-4


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One tiny translator for the module, trained through the CLI on the template TSV."""
    folder = tmp_path_factory.mktemp("translate")
    pairs = write_pairs(folder / "pares.tsv")
    main(["translate", "train", "--pairs", str(pairs), *TINY, "--epochs", "30", "--project",  # about 6 s
          str(folder / "runs"), "--name", "mini"])
    return folder / "runs" / "translate" / "mini", pairs


def _cli(capsys, *args):
    """(exit code, captured output) of one command, as a user would see them."""
    try:
        main([*map(str, args)])
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    return code, capsys.readouterr()


def test_train_then_translate_evaluate_and_attention(trained, capsys, tmp_path):
    run, pairs = trained
    assert {"tokenizer.json", "model.json", "config.yaml", "results.csv"} <= {p.name for p in run.iterdir()}
    from aprende.transformer.run import load_translator

    tr = load_translator(run)
    assert tr.direction == "es-en"
    from aprende.transformer.pairs import read_tsv, split_of

    seen = next(p for p in read_tsv(pairs) if split_of(p.key) == "train")
    assert tr.translate([seen.source]) == [seen.target]  # a sentence it trained on, word for word
    lines = ["el gato rojo ve el perro.", "el libro verde tiene el niño."]
    greedy_out, beam_out = tr.translate(lines), tr.translate(lines, beam=3)
    assert greedy_out == beam_out == ["the red cat sees the dog.", "the green book has the boy."]
    src, tgt, weights = tr.attention(lines[0])
    assert weights.shape == (1, 2, len(tgt), len(src))
    assert torch.allclose(weights.sum(-1), torch.ones(1, 2, len(tgt)), atol=1e-5)

    code, out = _cli(capsys, "translate", "run", lines[0], "--run", run, "--attention", tmp_path / "att.png")
    assert code == 0 and out.out.strip() == greedy_out[0] and (tmp_path / "att.png").stat().st_size > 1000
    code, out = _cli(capsys, "translate", "evaluate", "--run", run, "--json", "--beam", "2", "--limit", "5")
    report = json.loads(out.out)
    assert code == 0 and report["metrics"]["sentences"] == 5
    # the template language's test sentences, never trained on: 100 after 30 epochs, 0 after 6 (it writes nothing)
    assert report["metrics"]["bleu"] > 80, report["metrics"]


def test_shipped_layout_loads_from_only_its_files(trained, tmp_path):
    """A folder holding only best.safetensors, model.json, config.yaml, metrics.json and the tokenizer."""
    import shutil

    from aprende.transformer.run import load_translator

    run, _ = trained
    ship = tmp_path / "translate"
    (ship / "weights").mkdir(parents=True)
    shutil.copy(run / "weights" / "best.safetensors", ship / "weights")
    for name in ("model.json", "config.yaml", "tokenizer.json"):
        shutil.copy(run / name, ship)
    (ship / "metrics.json").write_text("{}", encoding="utf-8")
    line = ["el perro grande quiere el libro."]
    assert load_translator(ship).translate(line) == load_translator(run).translate(line)


def test_stdin_lines_and_bad_inputs_exit_2_without_traceback(trained, capsys, monkeypatch):
    import io

    run, _ = trained
    monkeypatch.setattr("sys.stdin", io.StringIO("el gato rojo ve el perro.\nel niño viejo tiene el libro.\n"))
    code, out = _cli(capsys, "translate", "run", "-", "--run", run, "--beam", "2")
    assert code == 0 and out.out.count("\n") == 2
    for args, expected in [
        (["translate", "run", "", "--run", run], "está vacía"),
        (["translate", "run", "gato " * 200, "--run", run], "tokens y el modelo acepta como mucho"),
        (["translate", "run", "hola", "--run", "no/existe"], "no/existe"),
    ]:
        code, out = _cli(capsys, *args)
        assert_refused(code, out.err, expected, out=out.out)
    monkeypatch.setattr("sys.stdin", io.StringIO("el gato rojo ve el perro.\n\n"))
    code, out = _cli(capsys, "translate", "run", "--run", run)
    assert_refused(code, out.err, "línea 2", out=out.out)


def test_bad_tsv_in_train_exits_2_and_leaves_no_run(tmp_path, capsys):
    bad = tmp_path / "malo.tsv"
    bad.write_text("hola\thello\nsin tabulador\n", encoding="utf-8")
    code, out = _cli(capsys, "translate", "train", "--pairs", bad, *TINY, "--project", tmp_path / "runs")
    assert_refused(code, out.err, "malo.tsv, línea 2", empty=tmp_path / "runs", out=out.out)


def test_too_long_input_is_refused_by_the_api(trained):
    from aprende.transformer.run import load_translator

    tr = load_translator(trained[0])
    with pytest.raises(AprendeError) as info:
        tr.translate(["perro " * 300])
    assert info.value.key == "translate.too_long"
    with pytest.raises(AprendeError):
        tr.translate(["   "])


def test_compile_in_place_keeps_plain_weight_names():
    """--compile compiles the module in place, so checkpoints carry no `_orig_mod.` prefix."""
    plain = set(_model().state_dict())
    model = _model()
    model.compile(dynamic=True)
    assert set(model.state_dict()) == plain


@pytest.mark.slow
def test_compiled_training_saves_plain_names(tmp_path):
    from aprende.core.checkpoint import load_weights

    pairs = write_pairs(tmp_path / "p.tsv")
    main(["translate", "train", "--pairs", str(pairs), *TINY, "--epochs", "1", "--project", str(tmp_path / "runs"),
          "--name", "c", "--compile"])
    state, _ = load_weights(tmp_path / "runs" / "translate" / "c" / "weights" / "best.safetensors")
    assert state and not any(k.startswith("_orig_mod.") for k in state)


def test_run_json_pairs_each_source_with_its_translation(trained, capsys, monkeypatch):
    import io

    run, _ = trained
    monkeypatch.setattr("sys.stdin", io.StringIO("el gato rojo ve el perro.\nel niño viejo tiene el libro.\n"))
    code, out = _cli(capsys, "translate", "run", "--run", run, "--json", "--quiet")
    report = json.loads(out.out)
    assert code == 0 and report["run"] == str(run) and out.err == ""
    assert [r["source"] for r in report["results"]] == ["el gato rojo ve el perro.", "el niño viejo tiene el libro."]
    # each translation is the one the template language gives (the second sentence is held out for validation)
    assert [r["translation"] for r in report["results"]] == ["the red cat sees the dog.", "the old boy has the book."]


def test_decoding_stops_when_the_deadline_has_passed():
    """A server call that timed out must not keep a worker busy: every decoding loop checks core.deadline."""
    from aprende.core.deadline import deadline
    from aprende.transformer.run import Translator
    from aprende.transformer.text import train_tokenizer

    model, src = _model(), _src()
    assert any(greedy(model, src, max_len=25))  # without a deadline it writes
    with deadline(0):
        assert greedy(model, src, max_len=25) == [[]] * len(src)
        assert beam_search(model, src, beam=3, max_len=25) == [[]] * len(src)
        tok = train_tokenizer(["hola mundo"] * 10, 300)
        tr = Translator(model, tok, "es-en", Path("."))
        assert tr.translate_ids([[5, 6, 7]] * 40, batch_size=4) == [[]] * 40


def test_generation_stops_when_the_deadline_has_passed():
    from aprende.core.deadline import deadline
    from aprende.transformer.model import GPT, generate

    torch.manual_seed(0)
    gpt = GPT(TransformerConfig(vocab_size=50, d_model=32, n_heads=2, n_layers=1, d_ff=64, context=16)).eval()
    prompt = torch.tensor([[1, 5, 6]])
    assert len(list(generate(gpt, prompt, 20))) == 20
    with deadline(0):
        assert list(generate(gpt, prompt, 20)) == []
