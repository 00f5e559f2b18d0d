"""`aprende translate train|run|evaluate`.

Every option defaults to None: the one default lives in TranslateSettings or in the function called."""

from __future__ import annotations

import sys

import click

from aprende.core.cliopts import common_train_options, lab_group, report_options, show_metrics, show_trained
from aprende.core.console import print_result, say
from aprende.core.i18n import t
from aprende.core.settings import click_options, settings_from
from aprende.transformer.cli import device_option, freeze_option, given
from aprende.transformer.settings import TranslateSettings

run_option = click.option("--run", "run", type=click.Path(), default=None, help=t("translate.opt.run"))
beam_option = click.option("--beam", type=click.IntRange(1, 32), default=None, help=t("translate.opt.beam"))
pairs_option = click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False), default=None,
                            help=t("translate.opt.pairs"))

max_new_option = click.option("--max-new-tokens", type=click.IntRange(1, 4096), default=None,
                              help=t("translate.opt.max_new"))


def _metrics_line(metrics: dict) -> None:
    say("translate.metrics", bleu=metrics["bleu"], chrf=metrics["chrf"], n=metrics.get("sentences", 0))


def group() -> click.Group:
    translate = lab_group("translate", "translate.help")

    @translate.command("train", help=t("translate.train.help"))
    @pairs_option
    @click_options(TranslateSettings)
    @click.option("--init", "init_run", type=click.Path(), default=None, metavar="RUN", help=t("translate.opt.init"))
    @freeze_option
    @common_train_options
    def train_cmd(pairs_file, init_run, freeze_embeddings, project, name, resume, as_json, train_cfg,
                  **sizes):
        # deferred: the lab imports torch; `aprende translate --help` must not
        from aprende.transformer.translate_train import default_train_config, finetune_train_config, train

        sizes["n_decoder_layers"] = sizes["n_layers"]
        sizes["batch_size"] = train_cfg.pop("batch_size", None)  # pairs per batch: a setting of this lab
        settings = settings_from(TranslateSettings, sizes)
        loop = (finetune_train_config if init_run else default_train_config)(**train_cfg)
        result = train(pairs_file, settings, loop, project, name, resume, init_run=init_run,
                       freeze_embeddings=bool(freeze_embeddings))

        def done() -> None:
            say("translate.val_metrics", bleu=result.metrics["bleu"], chrf=result.metrics["chrf"],
                loss=result.metrics["val_loss"])
            say("translate.done", run=str(result.run_dir))

        show_trained(result, as_json, done)

    @translate.command("run", help=t("translate.run.help"))
    @click.argument("text", required=False, default=None)
    @run_option
    @beam_option
    @max_new_option
    @click.option("--attention", "attention_png", type=click.Path(dir_okay=False), default=None,
                  help=t("translate.opt.attention"))
    @device_option
    @report_options
    def run_cmd(text, run, beam, max_new_tokens, attention_png, device, as_json):
        from aprende.transformer.run import load_translator  # deferred: torch
        from aprende.transformer.translate import plot_attention  # deferred: torch

        lines = [text] if text not in (None, "-") else sys.stdin.read().splitlines()
        if text in (None, "-") and not lines:
            lines = [""]  # nothing on stdin: the same clear error as an empty argument
        translator = load_translator(run, **given(device=device))
        outs = translator.translate(lines, beam, **given(max_new_tokens=max_new_tokens))  # None: the model's own
        if as_json:
            print_result(translator.run_dir, results=[{"source": s, "translation": o} for s, o in zip(lines, outs)])
        else:
            sys.stdout.write("".join(out + "\n" for out in outs))
            sys.stdout.flush()
        if attention_png:
            src, tgt, weights = translator.attention(lines[0])
            plot_attention(src, tgt, weights, attention_png, f"{translator.direction}: {lines[0][:60]}")
            say("translate.attention_saved", path=attention_png)

    @translate.command("evaluate", help=t("translate.evaluate.help"))
    @run_option
    @pairs_option
    @beam_option
    @max_new_option
    @click.option("--limit", type=click.IntRange(1), default=None, help=t("translate.opt.limit"))
    @device_option
    @report_options
    def evaluate_cmd(run, pairs_file, beam, max_new_tokens, limit, device, as_json):
        from aprende.transformer.run import load_translator  # deferred: torch
        from aprende.transformer.translate import evaluate  # deferred: torch

        translator = load_translator(run, **given(device=device))
        metrics = evaluate(translator, pairs_file, limit=limit,
                           **given(beam=beam, max_new_tokens=max_new_tokens))
        show_metrics(translator.run_dir, metrics, as_json, lambda: _metrics_line(metrics))

    return translate
