"""Tiny random GPT-2 and BERT checkpoints made by Hugging Face's own classes (nothing is downloaded): every LayerNorm
and bias randomised before saving, so a mapping bug cannot hide behind a zero or a one."""

from __future__ import annotations

import json
from pathlib import Path

import torch

LINES = ["El gato duerme en la casa.", "La casa es grande y el perro corre.", "Mañana vamos a la playa a nadar.",
         "El perro y el gato juegan en el jardín.", "La inteligencia artificial aprende de los datos."] * 4


def randomise(model: torch.nn.Module, seed: int = 0) -> None:
    """Every parameter random (LayerNorms around 1, biases around 0, nothing left at its start)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=g) * 0.1
            p.copy_(1 + noise if "ln" in name.lower() and name.endswith("weight") or "LayerNorm.weight" in name
                    else noise if p.dim() == 1 else torch.randn(p.shape, generator=g) * 0.05)
        for name, b in model.named_buffers():
            if name.endswith("final_logits_bias"):
                b.copy_(torch.randn(b.shape, generator=g) * 0.1)


def gpt2_folder(folder: Path, vocab: int = 320, seed: int = 0) -> Path:
    """A 2-layer GPT-2 (d 32) with a byte-level BPE trained on LINES, saved with save_pretrained."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(LINES, trainers.BpeTrainer(vocab_size=vocab, special_tokens=["<|endoftext|>"],
                                                       initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                                       show_progress=False))
    n = tok.get_vocab_size()
    eos = tok.token_to_id("<|endoftext|>")
    config = GPT2Config(vocab_size=n, n_positions=64, n_embd=32, n_layer=2, n_head=4, bos_token_id=eos,
                        eos_token_id=eos)
    torch.manual_seed(seed)
    model = GPT2LMHeadModel(config).eval()
    randomise(model, seed)
    model.save_pretrained(folder)
    PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", bos_token="<|endoftext|>") \
        .save_pretrained(folder)
    return folder


def bert_folder(folder: Path, seed: int = 0) -> Path:
    """A 2-layer BERT (d 32) with a WordPiece trained on LINES, saved with save_pretrained (and a vocab.txt)."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertForMaskedLM, PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.train_from_iterator(LINES, trainers.WordPieceTrainer(vocab_size=200, special_tokens=specials,
                                                             show_progress=False))
    config = BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=0)
    torch.manual_seed(seed)
    model = BertForMaskedLM(config).eval()
    randomise(model, seed)
    model.save_pretrained(folder)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    fast.save_pretrained(folder)
    vocab = sorted(tok.get_vocab().items(), key=lambda kv: kv[1])
    (folder / "vocab.txt").write_text("".join(w + "\n" for w, _ in vocab), encoding="utf-8")  # as BETO ships it
    return folder


def legacy_copy(folder: Path, dest: Path) -> Path:
    """`folder`'s BERT as BETO's older files are laid out: keys without `bert.`, LayerNorm.gamma/beta, pooler and
    next-sentence tensors, position ids, and vocab.txt without tokenizer.json."""
    import shutil

    from safetensors.torch import load_file, save_file

    shutil.copytree(folder, dest)
    tensors = load_file(str(dest / "model.safetensors"))
    old = {}
    for k, v in tensors.items():
        k = k.removeprefix("bert.").replace("LayerNorm.weight", "LayerNorm.gamma")
        old[k.replace("LayerNorm.bias", "LayerNorm.beta")] = v.contiguous()
    d = tensors["bert.embeddings.word_embeddings.weight"].shape[1]
    old["pooler.dense.weight"], old["pooler.dense.bias"] = torch.randn(d, d), torch.randn(d)
    old["cls.seq_relationship.weight"], old["cls.seq_relationship.bias"] = torch.randn(2, d), torch.randn(2)
    old["embeddings.position_ids"] = torch.arange(64)[None]
    save_file(old, str(dest / "model.safetensors"))
    (dest / "tokenizer.json").unlink()
    (dest / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": False}), encoding="utf-8")
    return dest
