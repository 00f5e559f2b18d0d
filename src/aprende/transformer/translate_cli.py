"""`aprende translate train|run|evaluate`."""

from __future__ import annotations

import sys

import click

from aprende.core.cliopts import common_train_options, json_option, quiet_option
from aprende.core.console import print_json, say
from aprende.core.i18n import t

device_option = click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="cpu",
                             help=t("opt.device"))
run_option = click.option("--run", "run_dir", type=click.Path(), default=None, help=t("translate.opt.run"))
beam_option = click.option("--beam", type=click.IntRange(1, 32), default=1, help=t("translate.opt.beam"))
pairs_option = click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False), default=None,
                            help=t("translate.opt.pairs"))


def size_options(fn):
    """The model's sizes and choices (see TranslateSettings); defaults train in about ten minutes on a CPU."""
    options = [
        click.option("--direction", type=click.Choice(["es-en", "en-es"]), default="es-en",
                     help=t("translate.opt.direction")),
        click.option("--vocab-size", type=int, default=4000, help=t("transformer.opt.vocab_size")),
        click.option("--d-model", type=int, default=128, help=t("transformer.opt.d_model")),
        click.option("--heads", type=int, default=4, help=t("transformer.opt.heads")),
        click.option("--layers", type=int, default=3, help=t("translate.opt.layers")),
        click.option("--d-ff", type=int, default=512, help=t("transformer.opt.d_ff")),
        click.option("--dropout", type=float, default=0.1, help=t("transformer.opt.dropout")),
        click.option("--max-len", type=int, default=64, help=t("translate.opt.max_len")),
        click.option("--context", type=int, default=128, help=t("translate.opt.context")),
        click.option("--norm", type=click.Choice(["pre", "post"]), default="post", help=t("transformer.opt.norm")),
        click.option("--positional", type=click.Choice(["learned", "sinusoidal"]), default="sinusoidal",
                     help=t("transformer.opt.positional")),
        click.option("--label-smoothing", type=float, default=0.1, help=t("transformer.opt.label_smoothing")),
        click.option("--compile", "compile_", is_flag=True, help=t("translate.opt.compile")),
    ]
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def _resolve(run_dir):
    from aprende.weights import resolve_run

    return resolve_run("translate", run_dir)


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
    def train_cmd(pairs_file, direction, vocab_size, d_model, heads, layers, d_ff, dropout, max_len, context, norm,
                  positional, label_smoothing, compile_, project, name, resume, as_json, quiet, train_cfg):
        from aprende.core import distributed
        from aprende.transformer.translate_train import TranslateSettings, default_train_config, train

        batch = train_cfg.pop("batch_size", None) or 64
        settings = TranslateSettings(direction, vocab_size, d_model, heads, layers, layers, d_ff, dropout, max_len,
                                     context, norm, positional, label_smoothing, batch, compile_)
        result = train(pairs_file, settings, default_train_config(**train_cfg), project, name, resume)
        if not distributed.is_main():
            return
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
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
    def run_cmd(text, run_dir, beam, attention_png, device):
        from aprende.transformer.translate import load_translator, plot_attention

        lines = [text] if text not in (None, "-") else sys.stdin.read().splitlines()
        if text in (None, "-") and not lines:
            lines = [""]  # nothing on stdin: the same clear error as an empty argument
        translator = load_translator(_resolve(run_dir), device)
        for out in translator.translate(lines, beam):
            sys.stdout.write(out + "\n")
        sys.stdout.flush()
        if attention_png:
            src, tgt, weights = translator.attention(lines[0])
            plot_attention(src, tgt, weights, attention_png, f"{translator.direction}: {lines[0][:60]}")
            say("translate.attention_saved", path=attention_png)

    @translate.command("evaluate", help=t("translate.evaluate.help"))
    @run_option
    @pairs_option
    @beam_option
    @click.option("--limit", type=click.IntRange(1), default=None, help=t("translate.opt.limit"))
    @device_option
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, pairs_file, beam, limit, device, as_json, quiet):
        from aprende.transformer.translate import evaluate

        run = _resolve(run_dir)
        metrics = evaluate(run, pairs_file, beam, limit, device, quiet)
        if as_json:
            print_json({"run": str(run), "metrics": metrics})
        if not quiet:
            _metrics_line(metrics)

    return translate
