"""Marian (the opus-mt translators) inside our Seq2Seq: the paper's base Transformer, trained, with a few changes.

What Marian does differently from the paper (each a TransformerConfig field): SiLU instead of ReLU; sinusoids with
every sine first and every cosine after; a fixed bias on the logits (final_logits_bias); the pad starts the decoder
and is never written; <eos> is id 0; no dropout on the attention weights. The same embedding serves the encoder, the
decoder and the output layer, scaled by √d_model, as in the paper."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import torch

from aprende.core.errors import AprendeError
from aprende.transformer.layers import TransformerConfig

ACTIVATIONS = {"swish": "silu", "silu": "silu", "relu": "relu", "gelu": "gelu"}
EMBEDDINGS = ("model.shared.weight", "model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight",
              "lm_head.weight")  # one tensor, saved under any of these names
IGNORED = ("model.encoder.embed_positions.weight", "model.decoder.embed_positions.weight")  # computed, not learned
CODES = {"eng": "en", "spa": "es", "en": "en", "es": "es"}


def model_config(config: dict, path: str = "config.json") -> TransformerConfig:
    """Our settings for a Marian config.json; what our modules cannot do is refused by name."""
    def need(ok: bool, what: str):
        if not ok:
            raise AprendeError("marian.unsupported", path=path, what=what)

    try:
        act = config.get("activation_function", "swish")
        need(act in ACTIVATIONS, f"activation_function={act}")
        need(config.get("scale_embedding", False) is True, "scale_embedding=false")
        need(config.get("share_encoder_decoder_embeddings", True) is True, "share_encoder_decoder_embeddings=false")
        need(config.get("decoder_vocab_size") in (None, config["vocab_size"]), "decoder_vocab_size")
        need(config["encoder_attention_heads"] == config["decoder_attention_heads"], "decoder_attention_heads")
        need(config["encoder_ffn_dim"] == config["decoder_ffn_dim"], "decoder_ffn_dim")
        need(not config.get("normalize_before", False), "normalize_before")
        pad = int(config["pad_token_id"])
        start = config.get("decoder_start_token_id", pad)
        return TransformerConfig(
            vocab_size=int(config["vocab_size"]), d_model=int(config["d_model"]),
            n_heads=int(config["encoder_attention_heads"]), n_layers=int(config["encoder_layers"]),
            n_decoder_layers=int(config["decoder_layers"]), d_ff=int(config["encoder_ffn_dim"]),
            dropout=float(config.get("dropout", 0.1)), context=int(config.get("max_position_embeddings", 512)),
            positional="sinusoidal", norm="post", activation=ACTIVATIONS[act], pad_id=pad, init="paper",
            ffn_dropout=float(config.get("activation_dropout", 0.0)) > 0, sinusoid_layout="halves",
            attn_dropout=float(config.get("attention_dropout", 0.0)), pad_no_grad=True, logits_bias=True,
            decoder_start_id=int(pad if start is None else start), eos_id=int(config.get("eos_token_id", 0)),
            ban_pad=True)
    except (KeyError, TypeError, ValueError):
        raise AprendeError("marian.bad_config", path=path) from None


def _layer(src: str, dst: str, cross: bool) -> dict[str, list[str] | str]:
    """Our name -> Marian's name(s) for one layer (q, k and v are stacked into our one qkv)."""
    names: dict = {}
    attns = [("self_attn", "self_attn", "add_norm1", "self_attn_layer_norm")]
    if cross:
        attns.append(("cross_attn", "encoder_attn", "add_norm2", "encoder_attn_layer_norm"))
    for ours, theirs, norm, their_norm in attns:
        for kind in ("weight", "bias"):
            names[f"{dst}.{ours}.qkv.{kind}"] = [f"{src}.{theirs}.{p}_proj.{kind}" for p in "qkv"]
            names[f"{dst}.{ours}.out_proj.{kind}"] = f"{src}.{theirs}.out_proj.{kind}"
            names[f"{dst}.{norm}.norm.{kind}"] = f"{src}.{their_norm}.{kind}"
    last = "add_norm3" if cross else "add_norm2"
    for kind in ("weight", "bias"):
        names[f"{dst}.feed_forward.w1.{kind}"] = f"{src}.fc1.{kind}"
        names[f"{dst}.feed_forward.w2.{kind}"] = f"{src}.fc2.{kind}"
        names[f"{dst}.{last}.norm.{kind}"] = f"{src}.final_layer_norm.{kind}"
    return names


def state_dict(cfg: TransformerConfig, tensors: dict[str, torch.Tensor], path: str = "model.safetensors") -> dict:
    """Our Seq2Seq's state_dict from Marian's tensors: every one used once, each the size the config says."""
    from aprende.transformer.model import Seq2Seq  # deferred: importing this module stays cheap

    expected = {k: v.shape for k, v in Seq2Seq(cfg).state_dict().items()}
    names: dict = {}
    for i in range(cfg.n_layers):
        names.update(_layer(f"model.encoder.layers.{i}", f"encoder.layers.{i}", cross=False))
    for i in range(cfg.n_decoder_layers or cfg.n_layers):
        names.update(_layer(f"model.decoder.layers.{i}", f"decoder.layers.{i}", cross=True))
    names["logits_bias"] = "final_logits_bias"
    used = set(IGNORED)
    state = {}
    embeds = [n for n in EMBEDDINGS if n in tensors]
    if not embeds:
        raise AprendeError("marian.missing_tensor", path=path, name=EMBEDDINGS[0])
    for n in embeds[1:]:
        if tensors[n].shape != tensors[embeds[0]].shape or not torch.equal(tensors[n], tensors[embeds[0]]):
            raise AprendeError("marian.unsupported", path=path, what=f"{n} differs from {embeds[0]}")
    state["embed.embedding.weight"], used = tensors[embeds[0]], used | set(embeds)
    for ours, theirs in names.items():
        parts = [theirs] if isinstance(theirs, str) else theirs
        for name in parts:
            if name not in tensors:
                raise AprendeError("marian.missing_tensor", path=path, name=name)
        used |= set(parts)
        try:  # q, k and v of one layer are stacked (cat fails when their sizes disagree)
            state[ours] = torch.cat([tensors[n] for n in parts]) if len(parts) > 1 else tensors[parts[0]]
        except RuntimeError:
            raise AprendeError("marian.bad_shape", path=path, name=parts[0], expected="?",
                               shape="×".join(map(str, tensors[parts[0]].shape))) from None
        if ours == "logits_bias" and state[ours].dim() == 2 and state[ours].size(0) == 1:
            state[ours] = state[ours][0]  # Marian keeps it (1, V)
    _check_positions(cfg, tensors, path)
    extra = sorted(set(tensors) - used)
    if extra:
        raise AprendeError("marian.extra_tensor", path=path, name=extra[0], n=len(extra))
    for ours, shape in expected.items():
        if ours not in state:
            raise AprendeError("marian.missing_tensor", path=path, name=ours)
        if tuple(state[ours].shape) != tuple(shape):
            theirs = names.get(ours, embeds[0])
            raise AprendeError("marian.bad_shape", path=path, name=theirs if isinstance(theirs, str) else theirs[0],
                               shape="×".join(map(str, state[ours].shape)), expected="×".join(map(str, shape)))
    return {k: v.float().contiguous() for k, v in state.items()}


def _check_positions(cfg: TransformerConfig, tensors: dict, path: str) -> None:
    """Older checkpoints store the sinusoids we compute: they must be Marian's layout, else the outputs are wrong."""
    from aprende.transformer.layers import PositionalEncoding  # deferred: only for files that store positions

    ours = PositionalEncoding(cfg.d_model, cfg.context, layout="halves").pe  # (L, C)
    for name in IGNORED:
        if name in tensors:
            stored = tensors[name].float()
            n = min(len(stored), len(ours))
            if stored.dim() != 2 or stored.size(1) != cfg.d_model or (stored[:n] - ours[:n]).abs().max() > 1e-3:
                raise AprendeError("marian.unsupported", path=path, what=f"{name} is not Marian's sinusoids")


def generation(folder: Path, config: dict, cfg: TransformerConfig) -> dict:
    """The checkpoint's generation settings (generation_config.json, else config.json), with Hugging Face's meaning."""
    path = Path(folder) / "generation_config.json"
    gen = dict(config)
    if path.is_file():
        try:
            gen = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise AprendeError("marian.bad_config", path=str(path)) from None
    banned = gen.get("bad_words_ids") or []
    if any(len(seq) != 1 for seq in banned):
        raise AprendeError("marian.unsupported", path=str(path), what="bad_words_ids longer than one token")
    if gen.get("do_sample") or (gen.get("no_repeat_ngram_size") or 0) > 0 or (gen.get("repetition_penalty") or 1) != 1:
        raise AprendeError("marian.unsupported", path=str(path), what="sampling or repetition settings")
    return {"num_beams": int(gen.get("num_beams") or 1), "length_penalty": float(gen.get("length_penalty", 1.0)),
            "max_length": int(gen.get("max_length") or 20), "early_stopping": gen.get("early_stopping", False),
            "bad_words_ids": [int(seq[0]) for seq in banned],
            "forced_eos": gen.get("forced_eos_token_id") is not None}


def direction(folder: Path) -> str:
    """"en-es" from tokenizer_config.json's languages where it names them, else "src-tgt"."""
    path = Path(folder) / "tokenizer_config.json"
    try:
        options = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (ValueError, UnicodeDecodeError):
        options = {}
    src, tgt = (CODES.get(str(options.get(k) or "").lower()) for k in ("source_lang", "target_lang"))
    return f"{src}-{tgt}" if src and tgt else "src-tgt"


def convert(folder: Path, config: dict, tensors: dict[str, torch.Tensor]) -> tuple[dict, dict]:
    """(model.json, state_dict) of our Seq2Seq for a MarianMTModel checkpoint folder; the tokenizer is checked too."""
    from aprende.transformer.published.marian_tokenizer import MarianTokenizer  # deferred: sentencepiece

    folder = Path(folder)
    cfg = model_config(config, str(folder / "config.json"))
    state = state_dict(cfg, tensors, str(folder / "model.safetensors"))
    tok = MarianTokenizer(folder)
    if tok.get_vocab_size() > cfg.vocab_size or max(tok.vocab.values()) >= cfg.vocab_size:
        raise AprendeError("marian.bad_vocab", path=str(folder / "vocab.json"), n=tok.get_vocab_size(),
                           vocab=cfg.vocab_size)
    model_json = {"lab": "translate", **asdict(cfg), "direction": direction(folder), "tokenizer": "marian",
                  "generation": generation(folder, config, cfg), "family": "MarianMTModel"}
    return model_json, state


def import_marian(folder: str | Path, dest: str | Path) -> Path:
    """A run folder of ours (config.yaml, model.json, weights, tokenizer files) from a Marian checkpoint folder.

    The plain reader used until the shared `weights import` (published.import_checkpoint) takes this family: it reads
    everything and checks it before `dest` exists, so a bad checkpoint writes nothing."""
    # deferred: the readers and writers, only when a checkpoint is imported
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    # deferred: as above
    from aprende.core.checkpoint import save_weights
    from aprende.core.runs import fresh_run, write_yaml
    from aprende.transformer.published.marian_tokenizer import MarianTokenizer

    folder, dest = Path(folder), Path(dest)
    for name in ("config.json", "model.safetensors"):
        if not (folder / name).is_file():
            raise AprendeError("marian.missing_file", path=str(folder / name))
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        tensors = load_file(str(folder / "model.safetensors"))
    except (ValueError, UnicodeDecodeError, SafetensorError, OSError):
        raise AprendeError("marian.bad_config", path=str(folder)) from None
    model_json, state = convert(folder, config, tensors)
    with fresh_run(dest) as run_dir:
        (run_dir / "weights").mkdir(parents=True, exist_ok=True)
        save_weights(run_dir / "weights" / "best.safetensors", state)
        (run_dir / "model.json").write_text(json.dumps(model_json, indent=2), encoding="utf-8")
        MarianTokenizer(folder).save(run_dir)
        write_yaml(run_dir / "config.yaml", {"lab": "translate", "imported": str(folder),
                                             "settings": {"direction": model_json["direction"]}})
    return dest
