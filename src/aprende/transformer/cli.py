"""`aprende gpt train|generate|evaluate` and `aprende bert train|fill`.

Every option defaults to None: the one default lives in GPTSettings/BERTSettings or in the function called."""

from __future__ import annotations

import importlib
import io
import sys

import click

from aprende.core.cliopts import common_train_options, lab_group, report_options, show_metrics, show_trained
from aprende.core.console import print_result, say
from aprende.core.i18n import t
from aprende.core.settings import click_options, settings_from
from aprende.transformer.settings import BERTSettings, GPTSettings

text_option = click.option("--text", "text", type=click.Path(dir_okay=False), default=None,
                           help=t("transformer.opt.text"))
dataset_option = click.option("--dataset", "dataset", type=click.Choice(["corpus-es", "fortunes-es"]), default=None,
                              help=t("transformer.opt.dataset"))
run_option = click.option("--run", "run", type=click.Path(), default=None, help=t("opt.run_shipped"))
device_option = click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=None,
                             help=t("opt.device"))
init_option = click.option("--init", "init_run", type=click.Path(), default=None, metavar="RUN",
                           help=t("transformer.opt.init_run"))
freeze_option = click.option("--freeze-embeddings", is_flag=True, default=None,
                             help=t("transformer.opt.freeze_embeddings"))

def given(**options) -> dict:
    """The options the user gave (not None): the called function's own defaults fill the rest."""
    return {k: v for k, v in options.items() if v is not None}


def _gpt_lines(result) -> None:
    m = result.metrics
    say("transformer.gpt.metrics", perplexity=m["perplexity"], loss=m["val_loss"], tokens=m["tokens"])


def _bert_lines(result) -> None:
    m = result.metrics
    say("transformer.bert.eval_line", top1=m["accuracy"], top5=m["top5"], perplexity=m["perplexity"], n=m["tokens"],
        source=result.source or "?")


def _add_train(group: click.Group, lab: str, settings_cls, lines) -> None:
    """`aprende gpt|bert train`: the same options and steps for both language models, from their own settings."""
    @group.command("train", help=t(f"transformer.{lab}.train.help"))
    @text_option
    @dataset_option
    @click_options(settings_cls)
    @init_option
    @freeze_option
    @common_train_options
    def train_cmd(text, dataset, init_run, freeze_embeddings, project, name, resume, as_json, train_cfg,
                  **sizes):
        job = importlib.import_module(f"aprende.transformer.{lab}")  # deferred: torch; `aprende --help` must not

        settings = settings_from(settings_cls, sizes)
        loop = (job.finetune_train_config if init_run else job.default_train_config)(**train_cfg)
        result = job.train(text, settings, loop, project, name, resume, dataset, init_run=init_run,
                           freeze_embeddings=bool(freeze_embeddings))

        def done() -> None:
            lines(result)
            say(f"transformer.{lab}.done", run=str(result.run_dir))

        show_trained(result, as_json, done)


def _add_evaluate(group: click.Group, lab: str, lines) -> None:
    """`aprende gpt|bert evaluate`: a run (or the shipped model) on held-out text."""
    @group.command("evaluate", help=t(f"transformer.{lab}.evaluate.help"))
    @run_option
    @text_option
    @dataset_option
    @device_option
    @report_options
    def evaluate_cmd(run, text, dataset, device, as_json):
        job = importlib.import_module(f"aprende.transformer.{lab}")  # deferred: torch

        result = job.evaluate(run, text, dataset=dataset, quiet=as_json, **given(device=device))
        show_metrics(result.run_dir, result.metrics, as_json, lambda: lines(result))


def gpt_group() -> click.Group:
    gpt = lab_group("gpt", "transformer.gpt.help")
    _add_train(gpt, "gpt", GPTSettings, _gpt_lines)
    _add_evaluate(gpt, "gpt", _gpt_lines)

    @gpt.command("generate", help=t("transformer.gpt.generate.help"))
    @click.argument("prompt", default="")
    @run_option
    @click.option("--max-new-tokens", type=click.IntRange(1, 100000), default=None, help=t("transformer.opt.max_new"))
    @click.option("--temperature", type=click.FloatRange(0.0), default=None, help=t("transformer.opt.temperature"))
    @click.option("--top-k", type=click.IntRange(0), default=None, help=t("transformer.opt.top_k"))
    @click.option("--top-p", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
                  help=t("transformer.opt.top_p"))
    @click.option("--seed", type=int, default=None, help=t("opt.seed"))
    @device_option
    @click.option("--no-cache", is_flag=True, help=t("transformer.opt.no_cache"))
    @report_options
    def generate_cmd(prompt, run, max_new_tokens, temperature, top_k, top_p, seed, device, no_cache, as_json):
        from aprende.transformer.gpt import write  # deferred: torch
        from aprende.transformer.run import load_gpt  # deferred: torch

        lm = load_gpt(run, **given(device=device))
        options = given(max_new_tokens=max_new_tokens, temperature=temperature, top_k=top_k, top_p=top_p, seed=seed)
        if options.get("top_k") == 0:
            options["top_k"] = None  # 0: every token
        out = io.StringIO() if as_json else sys.stdout  # --json: one object, not the stream
        text = write(lm, prompt, out=out, use_cache=not no_cache, **options)
        if as_json:
            print_result(lm.run_dir, results=[{"prompt": prompt, "text": text}])

    return gpt


def bert_group() -> click.Group:
    bert = lab_group("bert", "transformer.bert.help")
    _add_train(bert, "bert", BERTSettings, _bert_lines)
    _add_evaluate(bert, "bert", _bert_lines)

    @bert.command("fill", help=t("transformer.bert.fill.help"))
    @click.argument("text")
    @run_option
    @click.option("--top-k", type=click.IntRange(1, 100), default=None, help=t("transformer.opt.fill_top_k"))
    @device_option
    @report_options
    def fill_cmd(text, run, top_k, device, as_json):
        from aprende.transformer.bert import fill  # deferred: torch
        from aprende.transformer.run import load_bert  # deferred: torch

        lm = load_bert(run, **given(device=device))
        masks = fill(lm, text, **given(top_k=top_k))
        if as_json:
            print_result(lm.run_dir, results=[
                {"text": text, "mask": i + 1, "fills": [{"token": w, "probability": p} for w, p in options]}
                for i, options in enumerate(masks)])
            return
        filled = text
        for i, options in enumerate(masks):
            filled = filled.replace("[MASK]", f"[{options[0][0] if options else '?'}]", 1)
            for word, p in options:
                sys.stdout.write(f"{i + 1}\t{word}\t{p:.3f}\n")
        say("transformer.bert.filled", text=filled)

    return bert
