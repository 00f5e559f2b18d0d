"""`aprende gpt train|generate|evaluate` and `aprende bert train|fill`."""

from __future__ import annotations

import click

from aprende.core.cliopts import common_train_options, json_option, quiet_option
from aprende.core.console import print_json, say
from aprende.core.i18n import t

text_option = click.option("--text", "text", type=click.Path(dir_okay=False), default=None,
                           help=t("transformer.opt.text"))


def model_options(norm: str):
    """The sizes and choices GPT and BERT share (see GPTSettings); `norm` is the model's own default."""
    options = [
        click.option("--vocab-size", type=int, default=2000, help=t("transformer.opt.vocab_size")),
        click.option("--d-model", type=int, default=128, help=t("transformer.opt.d_model")),
        click.option("--heads", type=int, default=4, help=t("transformer.opt.heads")),
        click.option("--layers", type=int, default=4, help=t("transformer.opt.layers")),
        click.option("--d-ff", type=int, default=512, help=t("transformer.opt.d_ff")),
        click.option("--context", type=int, default=64, help=t("transformer.opt.context")),
        click.option("--dropout", type=float, default=0.1, help=t("transformer.opt.dropout")),
        click.option("--norm", type=click.Choice(["pre", "post"]), default=norm, help=t("transformer.opt.norm")),
        click.option("--positional", type=click.Choice(["learned", "sinusoidal"]), default="learned",
                     help=t("transformer.opt.positional")),
        click.option("--label-smoothing", type=float, default=0.0, help=t("transformer.opt.label_smoothing")),
    ]

    def decorate(fn):
        for opt in reversed(options):
            fn = opt(fn)
        return fn

    return decorate


def _sizes(kw: dict) -> dict:
    keys = ("vocab_size", "d_model", "heads", "layers", "d_ff", "context", "dropout", "norm", "positional",
            "label_smoothing")
    v = {k: kw.pop(k) for k in keys}
    return dict(vocab_size=v["vocab_size"], d_model=v["d_model"], n_heads=v["heads"], n_layers=v["layers"],
                d_ff=v["d_ff"], context=v["context"], dropout=v["dropout"], norm=v["norm"],
                positional=v["positional"], label_smoothing=v["label_smoothing"])


def _metrics_line(metrics: dict) -> None:
    say("transformer.gpt.metrics", perplexity=metrics["perplexity"], loss=metrics["val_loss"],
        tokens=metrics["tokens"])


def gpt_group() -> click.Group:
    @click.group(name="gpt", help=t("transformer.gpt.help"))
    def gpt():
        pass

    @gpt.command("train", help=t("transformer.gpt.train.help"))
    @text_option
    @model_options(norm="pre")
    @common_train_options
    def train_cmd(text, project, name, resume, as_json, quiet, train_cfg, **sizes):
        from aprende.core import distributed
        from aprende.transformer.gpt import GPTSettings, default_train_config, train

        settings = GPTSettings(**_sizes(sizes))
        result = train(text, settings, default_train_config(**train_cfg), project, name, resume)
        if not distributed.is_main():
            return
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
        if not quiet:
            _metrics_line(result.metrics)
            say("transformer.gpt.done", run=str(result.run_dir))

    @gpt.command("generate", help=t("transformer.gpt.generate.help"))
    @click.argument("prompt", default="")
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("opt.run_shipped"))
    @click.option("--max-new-tokens", type=click.IntRange(1, 100000), default=100, help=t("transformer.opt.max_new"))
    @click.option("--temperature", type=click.FloatRange(0.0), default=0.8, help=t("transformer.opt.temperature"))
    @click.option("--top-k", type=click.IntRange(0), default=50, help=t("transformer.opt.top_k"))
    @click.option("--top-p", type=click.FloatRange(0.0, 1.0, min_open=True), default=0.95,
                  help=t("transformer.opt.top_p"))
    @click.option("--seed", type=int, default=0, help=t("opt.seed"))
    @click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="cpu", help=t("opt.device"))
    @click.option("--no-cache", is_flag=True, help=t("transformer.opt.no_cache"))
    def generate_cmd(prompt, run_dir, max_new_tokens, temperature, top_k, top_p, seed, device, no_cache):
        from aprende.transformer.gpt import write
        from aprende.weights import resolve_run

        run_dir = resolve_run("gpt", run_dir)
        write(run_dir, prompt, max_new_tokens, temperature, top_k or None, top_p, seed, device,
              use_cache=not no_cache)

    @gpt.command("evaluate", help=t("transformer.gpt.evaluate.help"))
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("opt.run_shipped"))
    @text_option
    @click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="cpu", help=t("opt.device"))
    @json_option
    @quiet_option
    def evaluate_cmd(run_dir, text, device, as_json, quiet):
        from aprende.transformer.gpt import evaluate
        from aprende.weights import resolve_run

        run_dir = resolve_run("gpt", run_dir)
        result = evaluate(run_dir, text, device)
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
        if not quiet:
            _metrics_line(result.metrics)

    return gpt


def bert_group() -> click.Group:
    @click.group(name="bert", help=t("transformer.bert.help"))
    def bert():
        pass

    @bert.command("train", help=t("transformer.bert.train.help"))
    @text_option
    @model_options(norm="post")
    @click.option("--mask-prob", type=float, default=0.15, help=t("transformer.opt.mask_prob"))
    @common_train_options
    def train_cmd(text, mask_prob, project, name, resume, as_json, quiet, train_cfg, **sizes):
        from aprende.core import distributed
        from aprende.transformer.bert import BERTSettings, default_train_config, train

        settings = BERTSettings(**_sizes(sizes), mask_prob=mask_prob)
        result = train(text, settings, default_train_config(**train_cfg), project, name, resume)
        if not distributed.is_main():
            return
        if as_json:
            print_json({"run": str(result.run_dir), "metrics": result.metrics})
        if not quiet:
            say("transformer.bert.metrics", accuracy=result.metrics["accuracy"],
                perplexity=result.metrics["perplexity"])
            say("transformer.bert.done", run=str(result.run_dir))

    @bert.command("fill", help=t("transformer.bert.fill.help"))
    @click.argument("text")
    @click.option("--run", "run_dir", type=click.Path(), default=None, help=t("opt.run_shipped"))
    @click.option("--top-k", type=click.IntRange(1, 100), default=5, help=t("transformer.opt.fill_top_k"))
    @click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="cpu", help=t("opt.device"))
    def fill_cmd(text, run_dir, top_k, device):
        import sys

        from aprende.transformer.bert import fill
        from aprende.weights import resolve_run

        run_dir = resolve_run("bert", run_dir)
        for i, options in enumerate(fill(run_dir, text, top_k, device)):
            best = options[0][0]
            text = text.replace("[MASK]", f"[{best}]", 1)
            for word, p in options:
                sys.stdout.write(f"{i + 1}\t{word}\t{p:.3f}\n")
        say("transformer.bert.filled", text=text)

    return bert
