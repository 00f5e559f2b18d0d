"""The `aprende` command: mounts each lab's commands; a user error prints its message and exits with code 2."""

from __future__ import annotations

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


def build_cli() -> click.Group:
    @click.group(help=t("cli.help"), context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="aprende")
    @click.option("--lang", type=click.Choice(["es", "en"]), default=None, help=t("opt.lang"))
    def root(lang):
        pass

    # deferred: the commands' help texts are translated as they are built, after main() has read --lang
    from aprende.datasets.cli import group as data_group
    from aprende.detection.cli import group as detect_group
    from aprende.forecast.cli import group as forecast_group
    from aprende.history.cli import group as history_group
    from aprende.report.cli import tour_command
    from aprende.serve.cli import serve_command
    from aprende.transformer.cli import bert_group, gpt_group
    from aprende.transformer.translate_cli import group as translate_group
    from aprende.vision.cli import classify_group, cnn_group
    from aprende.weights.cli import group as weights_group

    root.add_command(forecast_group())
    root.add_command(history_group())
    root.add_command(classify_group())
    root.add_command(cnn_group())
    root.add_command(translate_group())
    root.add_command(gpt_group())
    root.add_command(bert_group())
    root.add_command(detect_group())
    root.add_command(data_group())
    root.add_command(weights_group())
    root.add_command(tour_command())
    root.add_command(serve_command())
    _show_lang(root)
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
