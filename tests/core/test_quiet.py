"""`quiet` is context, not a parameter: quietly() hides say() and progress() for a block (never undone inside it),
--quiet wraps a command's body in it, DDP workers are quiet, and the public jobs' quiet=True is the same block."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aprende.cli import build_cli
from aprende.core.console import is_quiet, progress, quietly, say, warn

HINT = "Cada exhibición con sus opciones"  # history.list.options: a hint line `history list` prints unless --quiet


def test_say_prints_on_stderr_unless_quietly(capsys):
    say("history.list.options")
    out = capsys.readouterr()
    assert HINT in out.err and out.out == ""
    with quietly():
        say("history.list.options")
        assert progress().disable
        warn("history.list.options")  # a warning is about the user's data: printed even when quiet
    assert capsys.readouterr().err.count(HINT) == 1
    assert not progress().disable and not is_quiet()


def test_nesting_never_unquiets_and_each_block_ends(capsys):
    with quietly(False):
        assert not is_quiet()
    with quietly(True):
        with quietly(False):
            assert is_quiet()
            say("history.list.options")
        assert is_quiet()
    assert not is_quiet() and capsys.readouterr().err == ""
    with pytest.raises(RuntimeError), quietly():
        raise RuntimeError("boom")
    assert not is_quiet()


@pytest.mark.parametrize("var", ["RANK", "LOCAL_RANK"])
def test_a_ddp_worker_is_quiet(monkeypatch, capsys, var):
    """Only rank 0 prints: a worker's rank is read from torchrun's environment (console.py never imports torch)."""
    monkeypatch.delenv("RANK", raising=False)
    monkeypatch.delenv("LOCAL_RANK", raising=False)
    monkeypatch.setenv(var, "1")
    assert is_quiet()
    say("history.list.options")
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(var, "0")
    assert not is_quiet()


def _invoke(*args):
    result = CliRunner().invoke(build_cli(), list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_quiet_option_wraps_the_command_body():
    """`history list` prints its title and hints; with --quiet, the table alone; `data get` its last line."""
    loud, quiet = _invoke("history", "list"), _invoke("history", "list", "--quiet")
    assert HINT in loud.stderr and "Breve historia" in loud.stderr
    assert HINT not in quiet.stderr and "Breve historia" not in quiet.stderr and "perceptron" in quiet.stderr
    loud, quiet = _invoke("data", "get", "tienda"), _invoke("data", "get", "tienda", "--quiet")
    assert "«tienda» listo" in loud.stderr
    assert quiet.stderr == "" and quiet.stdout == ""
    assert not is_quiet()  # the command's block ended with it


def test_a_public_job_with_quiet_true_is_silent(monkeypatch, capsys):
    """tour(quiet=True) says nothing, and its sections are quiet without being told (no plan.quiet to pass)."""
    from aprende.report import runner, tour
    from aprende.report.section import Section

    seen = []

    def section(project, plan):
        seen.append(is_quiet())
        say("history.list.options")
        return Section(lab="ok", title="t", question="q", text="x")

    monkeypatch.setattr(runner, "SECTIONS", {"ok": section})
    tour(["ok"], quiet=True)
    assert capsys.readouterr().err == ""
    tour(["ok"])
    err = capsys.readouterr().err
    assert "laboratorio «ok»" in err and HINT in err
    assert seen == [True, False] and not is_quiet()


def test_a_train_job_is_as_quiet_as_its_cfg():
    """quiet_as_cfg: a lab's train job enters quietly(cfg.quiet), however cfg is passed (or left out)."""
    from aprende.core.lifecycle import quiet_as_cfg
    from aprende.core.train_config import TrainConfig

    @quiet_as_cfg
    def job(data=None, cfg=None, project=None):
        return is_quiet()

    assert job(cfg=TrainConfig(quiet=True)) and job(None, TrainConfig(quiet=True))
    assert not job() and not job(cfg=TrainConfig()) and not is_quiet()
    with quietly():
        assert job(cfg=TrainConfig(quiet=False))  # the caller's quiet stands
