"""GPT-2 and BERT, as published, inside the modules the reader has just read: each Hugging Face tensor finds its
place in our GPT or BERT, and what the published model does differently from the paper becomes a setting.

What GPT-2 changed (TransformerConfig fields): the norm before each sub-layer and one after the stack (`norm="pre"`),
GELU's tanh approximation (`activation="gelu_tanh"`), learned positions, tokens not scaled by √d_model
(`init="gpt2"`), and Conv1D layers that store each weight as (in, out): transposed here for our Linear layers.
What BERT changed: the exact GELU, LayerNorm's epsilon 1e-12 (`ln_eps`), a segment vector (`token_types`) and a
LayerNorm after the embeddings (`embed_norm`), tokens not scaled (`scale_embed=False`), and the masked-word head
(dense → GELU → LayerNorm → the tied embedding, with its own bias), which our BERT already has."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import torch

from aprende.core.errors import AprendeError
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.published.files import take

GPT2_IGNORED = (".attn.bias", ".attn.masked_bias")  # causal-mask buffers older files store
BERT_IGNORED = ("position_ids", "pooler.dense.weight", "pooler.dense.bias", "cls.seq_relationship.weight",
                "cls.seq_relationship.bias", "cls.predictions.decoder.weight", "cls.predictions.decoder.bias")
GPT2_ACTS = {"gelu_new": "gelu_tanh", "gelu_pytorch_tanh": "gelu_tanh", "gelu": "gelu"}


def _need(ok: bool, path: Path, what: str) -> None:
    if not ok:
        raise AprendeError("published.unsupported_option", path=str(path), what=what)


def gpt2_config(config: dict, path: Path) -> TransformerConfig:
    """Our settings for a GPT2LMHeadModel config.json."""
    d = config.get("n_embd", 768)
    act = config.get("activation_function", "gelu_new")
    _need(act in GPT2_ACTS, path, f"activation_function={act}")
    _need(not config.get("scale_attn_by_inverse_layer_idx") and not config.get("reorder_and_upcast_attn"), path,
          "scale_attn_by_inverse_layer_idx")
    heads = config.get("n_head", 12)
    _need(d % heads == 0, path, f"n_embd={d} n_head={heads}")
    return TransformerConfig(vocab_size=config.get("vocab_size", 50257), d_model=d, n_heads=heads,
                             n_layers=config.get("n_layer", 12), d_ff=config.get("n_inner") or 4 * d,
                             dropout=float(config.get("resid_pdrop", 0.1)), context=config.get("n_positions", 1024),
                             positional="learned", norm="pre", activation=GPT2_ACTS[act], init="gpt2",
                             ffn_dropout=False, ln_eps=float(config.get("layer_norm_epsilon", 1e-5)),
                             pad_id=-1, eos_id=_eos(config))


def _eos(config: dict) -> int:
    """GPT-2's <|endoftext|> (50256), or the id config.json names (0 is an id too: a small tokenizer's first)."""
    eos = config.get("eos_token_id")
    eos = eos[0] if isinstance(eos, list) and eos else eos
    return int(eos) if isinstance(eos, int) and not isinstance(eos, bool) else 50256


def _strip(tensors: dict, prefix: str) -> dict:
    """Keys without `prefix` (save_pretrained writes `transformer.`/`bert.`; the original releases do not)."""
    return {(k[len(prefix):] if k.startswith(prefix) else k): v for k, v in tensors.items()}


def gpt2_state(cfg: TransformerConfig, tensors: dict[str, torch.Tensor], path: Path) -> dict:
    """Our GPT's state dict from GPT-2's tensors: Conv1D weights (in, out) transposed to Linear's (out, in)."""
    t = _strip(tensors, "transformer.")
    t.pop("lm_head.weight", None)  # tied to wte: our output projection reads the embedding
    mapping = {"embed.embedding.weight": "wte.weight", "pos.learned.weight": "wpe.weight",
               "decoder.norm.weight": "ln_f.weight", "decoder.norm.bias": "ln_f.bias"}
    conv = set()
    for i in range(cfg.n_layers):
        ours, theirs = f"decoder.layers.{i}.", f"h.{i}."
        pairs = {"add_norm1.norm": "ln_1", "self_attn.qkv": "attn.c_attn", "self_attn.out_proj": "attn.c_proj",
                 "add_norm3.norm": "ln_2", "feed_forward.w1": "mlp.c_fc", "feed_forward.w2": "mlp.c_proj"}
        for a, b in pairs.items():
            for kind in ("weight", "bias"):
                mapping[ours + a + "." + kind] = theirs + b + "." + kind
            if "norm" not in a:
                conv.add(ours + a + ".weight")
    state = take(t, mapping, path, GPT2_IGNORED)
    return {k: (v.t().contiguous() if k in conv else v) for k, v in state.items()}


def bert_config(config: dict, path: Path) -> TransformerConfig:
    """Our settings for a BertForMaskedLM config.json."""
    act = config.get("hidden_act", "gelu")
    _need(act == "gelu", path, f"hidden_act={act}")
    _need(config.get("position_embedding_type", "absolute") == "absolute", path, "position_embedding_type")
    d, heads = config.get("hidden_size", 768), config.get("num_attention_heads", 12)
    _need(d % heads == 0, path, f"hidden_size={d} num_attention_heads={heads}")
    return TransformerConfig(vocab_size=config.get("vocab_size", 30522), d_model=d, n_heads=heads,
                             n_layers=config.get("num_hidden_layers", 12), d_ff=config.get("intermediate_size", 3072),
                             dropout=float(config.get("hidden_dropout_prob", 0.1)),
                             context=config.get("max_position_embeddings", 512), positional="learned", norm="post",
                             activation="gelu", ln_eps=float(config.get("layer_norm_eps", 1e-12)), scale_embed=False,
                             token_types=config.get("type_vocab_size", 2), embed_norm=True,
                             pad_id=int(config.get("pad_token_id") or 0), init="paper")


def _legacy(tensors: dict) -> dict:
    """BETO's older layout: LayerNorm.gamma/beta for weight/bias."""
    return {k.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias"): v
            for k, v in tensors.items()}


def bert_state(cfg: TransformerConfig, tensors: dict[str, torch.Tensor], path: Path) -> dict:
    """Our BERT's state dict from BERT's tensors (q, k, v stacked into our one qkv layer)."""
    t = _strip(_legacy(tensors), "bert.")
    e = "embeddings."
    mapping = {"embed.embedding.weight": e + "word_embeddings.weight", "pos.learned.weight": e +
               "position_embeddings.weight", "token_type.weight": e + "token_type_embeddings.weight",
               "embed_norm.weight": e + "LayerNorm.weight", "embed_norm.bias": e + "LayerNorm.bias",
               "mlm_dense.weight": "cls.predictions.transform.dense.weight",
               "mlm_dense.bias": "cls.predictions.transform.dense.bias",
               "mlm_norm.weight": "cls.predictions.transform.LayerNorm.weight",
               "mlm_norm.bias": "cls.predictions.transform.LayerNorm.bias", "mlm_bias": "cls.predictions.bias"}
    qkv = {}
    for i in range(cfg.n_layers):
        ours, theirs = f"encoder.layers.{i}.", f"encoder.layer.{i}."
        pairs = {"self_attn.out_proj": "attention.output.dense", "add_norm1.norm": "attention.output.LayerNorm",
                 "feed_forward.w1": "intermediate.dense", "feed_forward.w2": "output.dense",
                 "add_norm2.norm": "output.LayerNorm"}
        for a, b in pairs.items():
            for kind in ("weight", "bias"):
                mapping[ours + a + "." + kind] = theirs + b + "." + kind
        for kind in ("weight", "bias"):
            parts = [f"{theirs}attention.self.{n}.{kind}" for n in ("query", "key", "value")]
            qkv[f"{ours}self_attn.qkv.{kind}"] = parts
            for j, name in enumerate(parts):
                mapping[f"_{ours}{kind}{j}"] = name
    state = take(t, mapping, path, BERT_IGNORED)
    for ours in qkv:
        kind = ours.rsplit(".", 1)[1]
        state[ours] = torch.cat([state.pop(f"_{ours.rsplit('self_attn', 1)[0]}{kind}{j}") for j in range(3)])
    return state


def convert_gpt2(folder: Path, config: dict, tensors: dict[str, torch.Tensor]) -> tuple[dict, dict]:
    """(model.json, state_dict) of our GPT for a GPT2LMHeadModel folder."""
    cfg = gpt2_config(config, folder / "config.json")
    state = gpt2_state(cfg, tensors, folder / "model.safetensors")
    return {"lab": "gpt", **asdict(cfg), "family": "GPT2LMHeadModel", "tokens": _gpt2_tokens(cfg)}, state


def convert_bert(folder: Path, config: dict, tensors: dict[str, torch.Tensor]) -> tuple[dict, dict]:
    """(model.json, state_dict) of our BERT for a BertForMaskedLM folder (save_pretrained's layout or BETO's)."""
    cfg = bert_config(config, folder / "config.json")
    state = bert_state(cfg, tensors, folder / "model.safetensors")
    return {"lab": "bert", **asdict(cfg), "family": "BertForMaskedLM", "tokens": {}}, state


def _gpt2_tokens(cfg: TransformerConfig) -> dict:
    """GPT-2's prompt starts as it is (no token of ours in front); it ends at <|endoftext|>."""
    return {"start": [], "empty_start": [cfg.eos_id], "eos": cfg.eos_id}
