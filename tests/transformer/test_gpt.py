"""`aprende gpt`: text checks, a tiny training end to end, streamed generation, perplexity, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aprende.cli import main
from aprende.transformer.text import fortunes, paragraphs
from tests.helpers import TINY, refuses, tiny_text

_text = tiny_text


def _cli(capsys, *args):
    main([*map(str, args)])
    return capsys.readouterr()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One tiny GPT for the whole module, trained through the public API (the CLI path is tested below)."""
    from aprende.transformer.gpt import GPTSettings, default_train_config, train

    folder = tmp_path_factory.mktemp("gpt")
    settings = GPTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64, context=16, dropout=0.0)
    cfg = default_train_config(epochs=8, lr=3e-3, batch_size=16, quiet=True)
    return train(_text(folder), settings, cfg, project=folder / "runs", name="mini")


@pytest.fixture
def run(trained):
    return {"run": str(trained.run_dir), "metrics": trained.metrics}


def test_training_learns_the_text(run):
    assert run["metrics"]["perplexity"] < 60  # a vocabulary of 300: chance would be ~300
    folder = Path(run["run"])
    for name in ("config.yaml", "model.json", "tokenizer.json", "results.csv", "weights/best.safetensors"):
        assert (folder / name).is_file(), name


def test_evaluate_json_is_one_object(run, capsys):
    out = _cli(capsys, "gpt", "evaluate", "--run", run["run"], "--json", "--quiet")
    report = json.loads(out.out)
    assert report["metrics"]["perplexity"] == pytest.approx(run["metrics"]["perplexity"], rel=1e-4)


def test_generate_streams_the_same_text_with_and_without_cache(run, capsys):
    from aprende.transformer.gpt import write

    texts = []
    for use_cache in (True, False):
        buf = io.StringIO()
        texts.append(write(run["run"], "El gato", 40, temperature=1.0, seed=3, out=buf, use_cache=use_cache))
        assert buf.getvalue().startswith("El gato")
    assert texts[0] == texts[1]
    out = _cli(capsys, "gpt", "generate", "La niña", "--run", run["run"], "--max-new-tokens", "8")
    assert out.out.startswith("La niña") and len(out.out) > len("La niña\n")


def test_a_prompt_longer_than_the_context_is_cut_from_the_left(run, capsys):
    out = _cli(capsys, "gpt", "generate", "El perro corre por el campo. " * 10, "--run", run["run"],
               "--max-new-tokens", "4", "--temperature", "0")
    assert "se usan los últimos" in out.err and "Traceback" not in out.err
    assert out.out.startswith("El perro corre")


def test_documents_of_fortunes_and_plain_text(tmp_path):
    folder = tmp_path / "es"
    folder.mkdir()
    (folder / "vida.fortunes").write_text("Primera cita.\n\t-- Autora\n%\nSegunda\ncita.\n%\n", encoding="utf-8")
    (folder / "vida.fortunes.dat").write_bytes(b"\x00\x01\xff")
    (folder / "vida.fortunes.u8").write_text("no debe leerse\n%\n", encoding="utf-8")
    assert fortunes(folder) == ["Primera cita.\n\t-- Autora", "Segunda\ncita."]
    assert paragraphs("uno\ndos\n\n\n tres  \r\n") == ["uno\ndos", " tres"]


def _bad(tmp_path, capsys, args, expected, command="train"):
    refuses(capsys, ["gpt", command, *args], expected, empty=tmp_path / "runs")


def test_bad_text_files(tmp_path, capsys):
    empty = tmp_path / "vacío.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    _bad(tmp_path, capsys, ["--text", empty, *TINY], "está vacío")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Primera línea\nCañón y acción\n".encode("latin-1"))
    _bad(tmp_path, capsys, ["--text", latin, *TINY], "no está en UTF-8 (línea 1")
    _bad(tmp_path, capsys, ["--text", tmp_path / "no.txt", *TINY], "No existe el archivo de texto")
    short = tmp_path / "corto.txt"
    short.write_text("Hola.", encoding="utf-8")
    _bad(tmp_path, capsys, ["--text", short, *TINY], "muy poco texto")
    _bad(tmp_path, capsys, ["--text", _text(tmp_path), *TINY[:-1], "--heads", "5"], "múltiplo")


def test_train_command_writes_one_json_object(tmp_path, capsys):
    main(["gpt", "train", "--text", str(_text(tmp_path, 40)), *TINY, "--epochs", "1", "--name", "x", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["run"] == "runs/gpt/x" and set(report["metrics"]) >= {"perplexity", "seconds"}


def test_bad_run_folder(tmp_path, capsys):
    _bad(tmp_path, capsys, ["--run", tmp_path / "nada"], "nada", command="evaluate")


def test_resume_of_a_run_the_clock_stopped_is_done(tmp_path, capsys):
    text = _text(tmp_path, 60)
    main(["gpt", "train", "--text", str(text), *TINY, "--epochs", "3", "--max-time", "0.001", "--name", "r"])
    folder = tmp_path / "runs" / "gpt" / "r"
    assert len((folder / "results.csv").read_text().splitlines()) == 2  # header + the interrupted epoch
    main(["gpt", "train", "--resume", str(folder), "--quiet", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["run"] == str(folder) and "perplexity" in report["metrics"]
    rows = (folder / "results.csv").read_text().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["1"]  # --max-time is the run's whole budget: nothing left to do

def test_tiny_temperature_is_greedy_not_a_crash():
    import torch

    from aprende.transformer.model import sample

    logits = torch.randn(3, 50)
    for temp in (0.0, 5e-324, 1e-6):
        assert torch.equal(sample(logits, temp), logits.argmax(-1))


def test_generate_json_is_one_object_with_the_text(run, capsys):
    out = _cli(capsys, "gpt", "generate", "El gato", "--run", run["run"], "--max-new-tokens", "6", "--json", "--quiet")
    report = json.loads(out.out)
    assert report["run"] == run["run"] and report["results"][0]["prompt"] == "El gato"
    text = report["results"][0]["text"]
    plain = _cli(capsys, "gpt", "generate", "El gato", "--run", run["run"], "--max-new-tokens", "6", "--quiet").out
    assert text and text in plain  # the same seeded continuation the plain command prints


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": "1.0", "model": {"type": "BPE"}}', b"\xff\xfe"])
def test_a_damaged_tokenizer_is_named_not_a_traceback(run, tmp_path, capsys, damage):
    import shutil

    copy = tmp_path / "copia"
    shutil.copytree(run["run"], copy)
    (copy / "tokenizer.json").write_bytes(damage)
    refuses(capsys, ["gpt", "generate", "Hola", "--run", copy], str(copy / "tokenizer.json"), quiet_out=True)


def test_a_tokenizer_larger_than_the_model_is_refused(run, tmp_path):
    import shutil

    from aprende.core.errors import AprendeError
    from aprende.transformer.run import load_gpt
    from aprende.transformer.text import train_tokenizer

    copy = tmp_path / "copia"
    shutil.copytree(run["run"], copy)
    train_tokenizer([f"palabra{i} otra{i}" for i in range(400)], 600).save(str(copy / "tokenizer.json"))
    with pytest.raises(AprendeError) as info:
        load_gpt(copy)
    assert info.value.key == "transformer.bad_tokenizer"


def test_the_loader_refuses_another_labs_run(run):
    from aprende.core.errors import AprendeError
    from aprende.transformer.run import load_bert, load_gpt

    lm = load_gpt(run["run"])
    assert load_gpt(lm) is lm  # already loaded: as it is
    with pytest.raises(AprendeError) as info:
        load_bert(lm)
    assert info.value.key == "run.wrong_lab"


def test_a_word_of_a_megabyte_is_refused_at_once(tmp_path, capsys):
    """BPE training time grows with the square of a word's length: a 1 MB word would take many minutes."""
    path = tmp_path / "largo.txt"
    path.write_text("Hola.\n\nOtra frase.\n" + "x" * 1_000_000 + "\n", encoding="utf-8")
    _bad(tmp_path, capsys, ["--text", path, *TINY], f"{path}, línea 4: hay más de 10000 caracteres")
