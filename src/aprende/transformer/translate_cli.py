"""`aprende translate train|run|evaluate`.

Every option defaults to None: the one default lives in TranslateSettings or in the function called."""

from __future__ import annotations

import sys

import click

from aprende.core.cliopts import common_train_options, json_option, quiet_option
from aprende.core.console import print_result, say
from aprende.core.i18n import t
from aprende.transformer.cli import device_option, given

run_option = click.option("--run", "run", type=click.Path(), default=None, help=t("translate.opt.run"))
beam_option = click.option("--beam", type=click.IntRange(1, 32), default=None, help=t("translate.opt.beam"))
pairs_option = click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False), default=None,
                            help=t("translate.opt.pairs"))

# The model's sizes and choices, named as the fields of TranslateSettings (--layers sets both stacks).
SIZE_OPTIONS = [
    click.option("--direction", type=click.Choice(["es-en", "en-es"]), default=None,
                 help=t("translate.opt.direction")),
    click.option("--vocab-size", "vocab_size", type=int, default=None, help=t("transformer.opt.vocab_size")),
    click.option("--d-model", "d_model", type=int, default=None, help=t("transformer.opt.d_model")),
    click.option("--heads", "n_heads", type=int, default=None, help=t("transformer.opt.heads")),
    click.option("--layers", "n_layers", type=int, default=None, help=t("translate.opt.layers")),
    click.option("--d-ff", "d_ff", type=int, default=None, help=t("transformer.opt.d_ff")),
    click.option("--dropout", type=float, default=None, help=t("transformer.opt.dropout")),
    click.option("--max-len", "max_len", type=int, default=None, help=t("translate.opt.max_len")),
    click.option("--context", type=int, default=None, help=t("translate.opt.context")),
    click.option("--norm", type=click.Choice(["pre", "post"]), default=None, help=t("transformer.opt.norm")),
    click.option("--positional", type=click.Choice(["learned", "sinusoidal"]), default=None,
                 help=t("transformer.opt.positional")),
    click.option("--label-smoothing", "label_smoothing", type=float, default=None,
                 help=t("transformer.opt.label_smoothing")),
    click.option("--compile", "compile", is_flag=True, default=None, help=t("translate.opt.compile")),
]


def size_options(fn):
    for opt in reversed(SIZE_OPTIONS):
        fn = opt(fn)
    return fn


def _metrics_line(metrics: dict) -> None:
    say("translate.metrics", bleu=metrics["bleu"], chrf=metrics["chrf"], n=metrics.get("sentences", 0))


def group() -> click.Group:
    @click.group(name="translate", help=t("translate.help"))
    def translate():
        pass

    @translate.command("train", help=t("translate.train.help"))
    @pairs_option
    @size_options
    @common_train_options
    def train_cmd(pairs_file, project, name, resume, as_json, quiet, train_cfg, **sizes):
        from aprende.core import distributed  # deferred: the lab imports torch; `aprende --help` must not
        from aprende.core.lifecycle import settings_from  # deferred: torch
        from aprende.transformer.translate_train import TranslateSettings, default_train_config, train  # deferred

        sizes["n_decoder_layers"] = sizes["n_layers"]
        sizes["batch_size"] = train_cfg.pop("batch_size", None)  # pairs per batch: a setting of this lab
        settings = settings_from(TranslateSettings, sizes)
        result = train(pairs_file, settings, default_train_config(**train_cfg), project, name, resume)
        if not distributed.is_main():
            return
        if as_json:
            print_result(result.run_dir, metrics=result.metrics)
        if not quiet:
            say("translate.val_metrics", bleu=result.metrics["bleu"], chrf=result.metrics["chrf"],
                loss=result.metrics["val_loss"])
            say("translate.done", run=str(result.run_dir))

    @translate.command("run", help=t("translate.run.help"))
    @click.argument("text", required=False, default=None)
    @run_option
    @beam_option
    @click.option("--attention", "attention_png", type=click.Path(dir_okay=False), default=None,
                  help=t("translate.opt.attention"))
    @device_option
    @json_option
    @quiet_option
    def run_cmd(text, run, beam, attention_png, device, as_json, quiet):
        from aprende.transformer.run import load_translator  # deferred: torch
        from aprende.transformer.translate import plot_attention  # deferred: torch

        lines = [text] if text not in (None, "-") else sys.stdin.read().splitlines()
        if text in (None, "-") and not lines:
            lines = [""]  # nothing on stdin: the same clear error as an empty argument
        translator = load_translator(run, **given(device=device))
        outs = translator.translate(lines, **given(beam=beam))
        if as_json:
            print_result(translator.run_dir, results=[{"source": s, "translation": o} for s, o in zip(lines, outs)])
        else:
            sys.stdout.write("".join(out + "\n" for out in outs))
            sys.stdout.flush()
        if attention_png:
            src, tgt, weights = translator.attention(lines[0])
            plot_attention(src, tgt, weights, attention_png, f"{translator.direction}: {lines[0][:60]}")
            say("translate.attention_saved", quiet, path=attention_png)

    @translate.command("evaluate", help=t("translate.evaluate.help"))
    @run_option
    @pairs_option
    @beam_option
    @click.option("--limit", type=click.IntRange(1), default=None, help=t("translate.opt.limit"))
    @device_option
    @json_option
    @quiet_option
    def evaluate_cmd(run, pairs_file, beam, limit, device, as_json, quiet):
        from aprende.transformer.run import load_translator  # deferred: torch
        from aprende.transformer.translate import evaluate  # deferred: torch

        translator = load_translator(run, **given(device=device))
        metrics = evaluate(translator, pairs_file, limit=limit, quiet=quiet, **given(beam=beam))
        if as_json:
            print_result(translator.run_dir, metrics=metrics)
        if not quiet:
            _metrics_line(metrics)

    return translate
