"""What a translation run is asked, each setting declared once with its range (`translate train`'s options are made
from these fields). No PyTorch here: `aprende translate train --help` is built from this file."""

from __future__ import annotations

from dataclasses import dataclass

from aprende.core.settings import setting


@dataclass
class TranslateSettings:
    """Model sizes, data and batching; saved in config.yaml. Defaults train in about ten minutes on a laptop CPU."""

    direction: str = setting("es-en", "translate.opt.direction", choices=("es-en", "en-es"))
    # one byte-level BPE shared by both languages (the embeddings are shared too)
    vocab_size: int = setting(4000, "transformer.opt.vocab_size", range=(100, 1_000_000))
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
