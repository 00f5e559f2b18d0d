"""The `aprende` command: mounts each lab's commands; a user error prints its message and exits with code 2."""

from __future__ import annotations

import importlib
import sys

import click

from aprende import __version__
from aprende.core.console import err
from aprende.core.errors import AprendeError
from aprende.core.i18n import set_lang, t


def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang es|en` may stand anywhere on the line; it is read first so that help and errors use it."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        a = argv[i]
        if a == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if a.startswith("--lang="):
            lang = a.split("=", 1)[1]
        else:
            rest.append(a)
        i += 1
    return lang, rest


# name -> (module, factory, help key): a lab's commands are imported only when that lab is asked for, so
# `aprende --help` lists them all without importing PyTorch or any lab.
COMMANDS = {
    "tour": ("aprende.report.cli", "tour_command", "tour.help"),
    "forecast": ("aprende.forecast.cli", "group", "forecast.help"),
    "classify": ("aprende.vision.cli", "classify_group", "vision.help"),
    "cnn": ("aprende.vision.cli", "cnn_group", "cnn.help"),
    "detect": ("aprende.detection.cli", "group", "detect.help"),
    "translate": ("aprende.transformer.translate_cli", "group", "translate.help"),
    "gpt": ("aprende.transformer.cli", "gpt_group", "transformer.gpt.help"),
    "bert": ("aprende.transformer.cli", "bert_group", "transformer.bert.help"),
    "history": ("aprende.history.cli", "group", "history.help"),
    "data": ("aprende.datasets.cli", "group", "data.help"),
    "weights": ("aprende.weights.cli", "group", "weights.help"),
    "serve": ("aprende.serve.cli", "serve_command", "serve.help"),
}


class LazyGroup(click.Group):
    """The root command: each lab's commands are built on first use; the help lists them from COMMANDS."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        if name not in self.commands:
            module, factory, _ = COMMANDS[name]
            command = getattr(importlib.import_module(module), factory)()
            _show_lang(command)
            self.add_command(command, name)
        return self.commands[name]

    def format_commands(self, ctx, formatter):
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, _short(t(key), limit)) for name, (_, _, key) in COMMANDS.items()]
        with formatter.section(t("cli.commands")):
            formatter.write_dl(rows)


def _short(text: str, limit: int) -> str:
    """The first sentence of a help text, cut at a word to `limit` characters (as click shortens a command's)."""
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first + ("." if first != text else "")
    return first[: limit - 3].rsplit(" ", 1)[0] + "..."


def build_cli() -> click.Group:
    @click.group(cls=LazyGroup, help=t("cli.help"), context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="aprende")
    @click.option("--lang", type=click.Choice(["es", "en"]), default=None, help=t("opt.lang"))
    def root(lang):
        pass

    return root


def _show_lang(command: click.Command) -> None:
    """Every command's help lists --lang; main() has already taken it from the line, wherever it stood."""
    if not any("--lang" in p.opts for p in command.params):
        command.params.append(click.Option(["--lang"], type=click.Choice(["es", "en"]), default=None,
                                           expose_value=False, help=t("opt.lang")))
    for sub in getattr(command, "commands", {}).values():
        _show_lang(sub)


def main(argv: list[str] | None = None) -> None:
    lang, args = _take_lang(list(sys.argv[1:] if argv is None else argv))
    if lang is not None and lang not in ("es", "en"):
        lang = None
    set_lang(lang)
    cli = build_cli()
    try:
        cli.main(args=args, prog_name="aprende", standalone_mode=False)
    except AprendeError as exc:
        err.print(t("error.prefix") + exc.message(), style="bold red", markup=False)
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
