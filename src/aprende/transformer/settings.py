"""What a Transformer run is asked (GPT, BERT, the translator), each setting declared once with its range:
`gpt train`, `bert train` and `translate train` make their options from these fields. No PyTorch here, so their
`--help` is built from this file."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.settings import setting

NORMS, POSITIONALS = ("pre", "post"), ("learned", "sinusoidal")


@dataclass
class LMSettings:
    """Model sizes, tokenizer and loss; saved in config.yaml. Small enough to learn something in minutes on a CPU."""

    # a run may hold fewer than it asked (a small text); what is asked must be ≥ 300 (lm.check_settings)
    vocab_size: int = setting(2000, "transformer.opt.vocab_size", range=(16, 1_000_000))
    d_model: int = setting(128, "transformer.opt.d_model", range=(8, 16384))
    n_heads: int = setting(4, "transformer.opt.heads", range=(1, 256), cli="--heads")
    n_layers: int = setting(4, "transformer.opt.layers", range=(1, 96), cli="--layers")
    d_ff: int = setting(512, "transformer.opt.d_ff", range=(8, 65536))
    context: int = setting(64, "transformer.opt.context", range=(4, 100_000))
    dropout: float = setting(0.1, "transformer.opt.dropout", range=(0.0, 0.9))
    # GPT-2 moved the norm before each sub-layer: deep stacks train more easily
    norm: str = setting("pre", "transformer.opt.norm", choices=NORMS)
    positional: str = setting("learned", "transformer.opt.positional", choices=POSITIONALS)
    # 0: the loss stays a true perplexity
    label_smoothing: float = setting(0.0, "transformer.opt.label_smoothing", range=(0.0, 0.9))
    # starting weights: the paper's (√d_model-scaled tokens) or "gpt2" (model.small_init); --init names a run
    init: str = setting("paper", "transformer.opt.init", choices=("paper", "gpt2"), cli="--init-scheme")
    # dropout inside the feed-forward as well as where each sub-layer joins the stream
    ffn_dropout: bool = setting(True)

    def model_config(self):
        """The model's TransformerConfig (imported here: this file builds `gpt train --help`)."""
        from aprende.transformer.layers import TransformerConfig  # deferred: torch

        return TransformerConfig(vocab_size=self.vocab_size, d_model=self.d_model, n_heads=self.n_heads,
                                 n_layers=self.n_layers, d_ff=self.d_ff, dropout=self.dropout, context=self.context,
                                 positional=self.positional, norm=self.norm, activation="gelu", init=self.init,
                                 ffn_dropout=self.ffn_dropout)


@dataclass
class GPTSettings(LMSettings):
    """GPT's sizes and choices (pre-norm and starting weights, as GPT-2); saved in config.yaml. A context of 256
    tokens holds a paragraph or two of the corpus: enough to keep a subject, still cheap on a CPU."""

    context: int = setting(256, "transformer.opt.context", range=(4, 100_000))
    # the paper's start makes it guess "the same token again" at first (model.small_init)
    init: str = setting("gpt2", "transformer.opt.init", choices=("paper", "gpt2"), cli="--init-scheme")
    ffn_dropout: bool = setting(False)  # GPT-2's places only: each step is about 4 % cheaper on a CPU


@dataclass
class BERTSettings(LMSettings):
    """GPT's sizes, BERT's choices: post-norm as in the paper, 15% of the words hidden, whole words at once."""

    norm: str = setting("post", "transformer.opt.norm", choices=NORMS)
    context: int = setting(128, "transformer.opt.context", range=(4, 100_000))  # a sentence or two each side
    mask_prob: float = setting(0.15, "transformer.opt.mask_prob", range=(0.01, 0.99))
    # hide every BPE piece of a chosen word: no guessing "-ción" from "cancio-"
    whole_word: bool = setting(True, "transformer.opt.whole_word", flag=True, cli="--whole-word")


@dataclass
class TranslateSettings:
    """Model sizes, data and batching; saved in config.yaml. Defaults train in about ten minutes on a laptop CPU."""

    direction: str = setting("es-en", "translate.opt.direction", choices=("es-en", "en-es"))
    # one byte-level BPE shared by both languages (the embeddings are shared too)
    vocab_size: int = setting(4000, "transformer.opt.vocab_size", range=(16, 1_000_000))
    d_model: int = setting(128, "transformer.opt.d_model", range=(8, 16384))
    n_heads: int = setting(4, "transformer.opt.heads", range=(1, 256), cli="--heads")
    n_layers: int = setting(3, "translate.opt.layers", range=(1, 64), cli="--layers")  # encoder layers
    n_decoder_layers: int = setting(3, range=(1, 64))  # --layers sets both stacks
    d_ff: int = setting(512, "transformer.opt.d_ff", range=(8, 65536))
    dropout: float = setting(0.1, "transformer.opt.dropout", range=(0.0, 0.9))
    # longer pairs (in tokens) are left out of training
    max_len: int = setting(64, "translate.opt.max_len", range=(4, 100_000))
    # the longest input the model accepts (positional encoding length)
    context: int = setting(128, "translate.opt.context", range=(8, 100_000))
    norm: str = setting("post", "transformer.opt.norm", choices=("pre", "post"))  # as in the paper
    positional: str = setting("sinusoidal", "transformer.opt.positional", choices=("learned", "sinusoidal"))
    label_smoothing: float = setting(0.1, "transformer.opt.label_smoothing", range=(0.0, 0.9))
    # --batch-size (the loop's option); pairs per batch (per process under torchrun), grouped by length
    batch_size: int = setting(64, range=(1, 1_000_000))
    compile: bool = setting(False, "translate.opt.compile", flag=True)

    def model_config(self):
        """The model's TransformerConfig (imported here: this file builds `translate train --help`)."""
        from aprende.transformer.layers import TransformerConfig  # deferred: torch

        return TransformerConfig(vocab_size=self.vocab_size, d_model=self.d_model, n_heads=self.n_heads,
                                 n_layers=self.n_layers, n_decoder_layers=self.n_decoder_layers, d_ff=self.d_ff,
                                 dropout=self.dropout, context=self.context, positional=self.positional,
                                 norm=self.norm, activation="relu")
