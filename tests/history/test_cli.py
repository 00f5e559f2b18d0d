"""`aprende history list|run`: the timeline, one JSON object on stdout, and bad options refused before any output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aprende.cli import main
from tests.helpers import assert_refused


def call(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
        raise SystemExit(0)
    out = capsys.readouterr()
    return exc.value.code or 0, out.out, out.err


def test_list_prints_the_timeline_in_spanish(capsys):
    code, out, err = call(capsys, "history", "list")
    assert code == 0 and out == ""
    for text in ("1958", "Perceptrón", "Rosenblatt", "XOR", "Hochreiter", "2014", "colapso de modos",
                 "aprende history run lstm --lengths 5,10,20,40"):
        assert text in err, text


def test_list_in_english(capsys):
    code, _, err = call(capsys, "history", "list", "--lang", "en")
    assert code == 0 and "what held it back" in err and "mode collapse" in err


def test_run_json_is_one_object_on_stdout(capsys, tmp_path):
    code, out, err = call(capsys, "history", "run", "perceptron", "--json", "--quiet")
    assert code == 0
    data = json.loads(out)  # exactly one JSON document: json.loads refuses trailing text
    assert out.count("\n") == 1
    assert data["run"] == "runs/history/perceptron"
    assert data["metrics"]["separable"]["errors"] == 0 and "seconds" in data["metrics"]
    assert "separó" in err  # the sentence goes to stderr
    assert {p.name for p in (tmp_path / "runs/history/perceptron").glob("*.png")} == {"boundary.png", "xor.png"}


def test_run_twice_keeps_both_and_name_is_exact(capsys, tmp_path):
    for _ in range(2):
        assert call(capsys, "history", "run", "sigmoid", "--quiet", "--epochs", "5")[0] == 0
    assert (tmp_path / "runs/history/sigmoid").is_dir() and (tmp_path / "runs/history/sigmoid2").is_dir()
    code, out, err = call(capsys, "history", "run", "sigmoid", "--quiet", "--name", "sigmoid")
    assert_refused(code, err, ("ya existe", "sigmoid"), out=out)


def test_table_and_knobs_in_english(capsys):
    code, out, err = call(capsys, "history", "run", "mlp", "--epochs", "200", "--hidden", "3", "--lr", "0,5",
                          "--lang", "en")
    assert code == 0 and out == ""
    assert "gradcheck_rel_error" in err and "finite differences" in err and "runs/history/mlp/xor.png" in err
    cfg = Path("runs/history/mlp/config.yaml").read_text()
    assert "hidden: 3" in cfg and "lr: 0.5" in cfg and "epochs: 200" in cfg


BAD = [
    (["nada"], "Exhibición desconocida «nada»"),
    (["perceptron", "--lr", "-0.1"], "--lr debe ser mayor que 0 (recibido -0.1)"),
    (["mlp", "--hidden", "0"], "--hidden debe ser mayor que 0"),
    (["mlp", "--epochs", "muchas"], "--epochs espera un número (recibido «muchas»)"),
    (["mlp", "--epochs", "2.5"], "--epochs espera un número"),
    (["mlp", "--lr", "nan"], "--lr espera un número"),
    (["perceptron", "--points", "2"], "--points debe ser al menos 4"),
    (["perceptron", "--margin", "1.5"], "--margin no puede pasar de 0.9"),
    (["lstm", "--lengths", "10,,x"], "--lengths espera números enteros positivos separados por comas"),
    (["lstm", "--lengths", "1,10"], "--lengths debe ser al menos 2"),
    (["cnn", "--filters", "6"], "--filters espera exactamente 2 números"),
    (["autoencoder", "--code", "65"], "--code no puede pasar de 64"),
    (["perceptron", "--hidden", "8"], "La exhibición «perceptron» no usa --hidden"),
    (["gan", "--seed", "x"], "--seed espera un número"),
    (["perceptron", "--name", "a/b"], "Nombre de ejecución no válido"),
]


@pytest.mark.parametrize("args,expected", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_options_exit_2_with_a_clear_message_and_no_folder(capsys, tmp_path, args, expected):
    code, out, err = call(capsys, "history", "run", *args)
    assert_refused(code, err, expected, empty=tmp_path / "runs", out=out)


def test_bad_option_in_english(capsys):
    code, out, err = call(capsys, "history", "run", "rbm", "--lr", "-1", "--lang", "en")
    assert_refused(code, err, "--lr must be greater than 0", out=out)


def test_python_api_checks_the_same_way(tmp_path):
    from aprende.core.errors import AprendeError
    from aprende.history import run

    with pytest.raises(AprendeError) as exc:
        run("mlp", hidden=0)
    assert exc.value.key == "history.bad_positive"
    with pytest.raises(AprendeError):
        run("mlp", epochs=2.5)
    assert not (tmp_path / "runs").exists()


def test_tour_section_has_the_timeline_and_figures(tmp_path):
    from aprende.report import tour

    result = tour(["history"], mode="tiny", quiet=True)
    report = result.report.read_text(encoding="utf-8")
    assert "<h2 id='history'>" in report and "Rosenblatt" in report and "Goodfellow" in report
    assert report.count("data:image/png;base64,") >= 3
    assert result.metrics["history"]["mlp_accuracy"] == 1.0


def test_list_as_json_and_quiet(capsys):
    code, out, err = call(capsys, "history", "list", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["run"] is None and data["results"][0]["name"] == "perceptron"
    assert data["results"][0]["year"] == "1958" and "lengths" in next(r for r in data["results"]
                                                                     if r["name"] == "lstm")["options"]
    code, out, err = call(capsys, "history", "list", "--quiet")
    assert code == 0 and out == "" and "Rosenblatt" in err and "aprende history run" not in err
