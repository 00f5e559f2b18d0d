"""`aprende serve`: loopback by default, a warning when exposed, --run-NAME folders handed to the app."""

from __future__ import annotations

from aprende.cli import main
from aprende.serve.cli import is_loopback


def test_loopback_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.10", "::", "example.org"))


def _serve(monkeypatch, capsys, *args):
    import uvicorn

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    main(["serve", *args])
    return calls, capsys.readouterr().err


def test_default_is_this_computer_only(monkeypatch, capsys):
    calls, err = _serve(monkeypatch, capsys)
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8000)
    assert "http://localhost:8000/" in err and "0.0.0.0" not in err
    assert calls["app"].state.serve.models.runs == dict.fromkeys(("classify", "detect", "translate", "gpt", "bert"))


def test_exposed_host_warns_and_runs_are_passed(monkeypatch, capsys, tmp_path):
    calls, err = _serve(monkeypatch, capsys, "--host", "0.0.0.0", "--port", "8123", "--run-detect", str(tmp_path),
                        "--lang", "en")
    assert calls["host"] == "0.0.0.0" and calls["port"] == 8123
    assert "0.0.0.0" in err and "anyone" in err
    assert calls["app"].state.serve.models.runs["detect"] == str(tmp_path)


def test_timeout_option_reaches_the_limits_and_quiet_says_nothing(monkeypatch, capsys):
    calls, err = _serve(monkeypatch, capsys, "--timeout", "2.5", "--quiet")
    assert calls["app"].state.serve.limits.timeout_s == 2.5 and err == ""
    calls, _ = _serve(monkeypatch, capsys)
    from aprende.serve import Limits

    assert calls["app"].state.serve.limits == Limits()  # no --timeout: the one default, in Limits
