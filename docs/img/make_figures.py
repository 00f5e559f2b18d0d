"""Figures of the Transformer, forecasting and classification guides (docs/es/transformers.md, docs/es/pronostico.md,
docs/es/clasificacion.md and the English pages): python docs/img/make_figures.py [--only GROUP]

Everything drawn here is computed from aprende itself: the positional encoding and the masks from
`aprende.transformer.layers` / `.attention`, the attention map from the translator shipped in `src/aprende/weights/`.
The whitening filters come from the benchmark's photo patches (`python benchmarks/data/make_photo_set.py` writes them
to ~/.cache/aprende/fotos) through `aprende.vision.model.whiten`, as `classify train` computes them. The forecasting
figures live in forecast_figures.py, which says where each comes from.

Each figure is written twice: NAME.png with Spanish labels and NAME.en.png with English ones.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib.patches
import matplotlib.pyplot as plt
import numpy as np
import torch
from figure_kit import label, save
from forecast_figures import backtest_figure, lag_window, member_average, product_embeddings, weekday_embeddings

T = {  # label -> (es, en)
    "position": ("posición en la frase", "position in the sentence"),
    "dimension": ("dimensión del vector (d_model = 128)", "vector dimension (d_model = 128)"),
    "pe_title": ("Codificación posicional: un vector por posición", "Positional encoding: one vector per position"),
    "pe_curves": ("Algunas dimensiones: ondas de distinta longitud", "A few dimensions: waves of different lengths"),
    "value": ("valor", "value"),
    "dim": ("dim", "dim"),
    "pad_title": ("Máscara de relleno\n(lote de 3 frases, S = 6)", "Padding mask\n(batch of 3 sentences, S = 6)"),
    "sentence": ("frase", "sentence"),
    "key": ("clave (posición que se mira)", "key (position looked at)"),
    "query": ("consulta (posición que mira)", "query (position looking)"),
    "causal_title": ("Máscara causal del decodificador\n(T = 6)", "Decoder's causal mask\n(T = 6)"),
    "both_title": ("Las dos juntas\n(frase 2 del lote)", "Both together\n(sentence 2 of the batch)"),
    "legend_mask": ("claro: puede mirar · oscuro: −∞ antes del softmax",
                    "light: may look · dark: −∞ before the softmax"),
    "attn_title": ("Atención cruzada del traductor incluido, media de las 4 cabezas",
                   "Cross-attention of the shipped translator, mean of the 4 heads"),
    "layer": ("capa", "layer"),
    "src": ("español (codificador)", "Spanish (encoder)"),
    "tgt": ("inglés generado (decodificador)", "generated English (decoder)"),
    "shapes_title": ("Las formas de los tensores, paso a paso (B = 2 frases, T = 7 tokens, d_model = 128, 4 cabezas)",
                     "Tensor shapes, step by step (B = 2 sentences, T = 7 tokens, d_model = 128, 4 heads)"),
    "whiten_title": ("Los 16 filtros blanqueadores de la primera capa, calculados de los parches 3x3 de las fotos\n"
                     "(de la dirección que más varía a la que menos; % de la varianza de los parches que lee cada uno)",
                     "The first layer's 16 whitening filters, computed from the photos' 3x3 patches\n"
                     "(from the direction that varies most to the least; % of the patches' variance each one reads)"),
}


def t(key: str, lang: str):
    return label(T, key, lang)


# ---------------------------------------------------------------- Transformers


def positional_encoding(lang: str) -> None:
    from aprende.transformer.layers import PositionalEncoding

    pe = PositionalEncoding(d_model=128, context=64).pe.numpy()  # (64, 128)
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.4), gridspec_kw={"width_ratios": [1.25, 1]})
    im = a.imshow(pe, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    a.set_xlabel(t("dimension", lang))
    a.set_ylabel(t("position", lang))
    a.set_title(t("pe_title", lang), fontsize=10)
    fig.colorbar(im, ax=a, fraction=0.04)
    pos = np.arange(64)
    for d in (4, 16, 32, 64):
        b.plot(pos, pe[:, d], label=f"{t('dim', lang)} {d}")
    b.set_xlabel(t("position", lang))
    b.set_ylabel(t("value", lang))
    b.set_title(t("pe_curves", lang), fontsize=10)
    b.legend(fontsize=8, loc="lower left", ncol=2)
    fig.tight_layout()
    save(fig, "transformers", "codificacion-posicional", lang)


def masks(lang: str) -> None:
    from aprende.transformer.attention import causal_mask, padding_mask

    ids = torch.tensor([[5, 9, 7, 3, 2, 4], [8, 6, 2, 0, 0, 0], [3, 7, 9, 4, 0, 0]])  # 0 = pad
    pad = padding_mask(ids, pad_id=0)[:, 0, 0, :].numpy()  # (3, 6)
    causal = causal_mask(6, 6).numpy()  # (6, 6)
    both = causal & pad[1][None, :]
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.3), gridspec_kw={"width_ratios": [1, 1.2, 1.2]})
    cmap = matplotlib.colors.ListedColormap(["#3b3b58", "#f2e8a0"])
    panels = [(pad, "pad_title", ["tok", "tok", "tok", "tok", "tok", "tok"]), (causal, "causal_title", None),
              (both, "both_title", None)]
    tokens = [["El", "gato", "duerme", "en", "casa", "."], ["Hola", ".", "<eos>", "pad", "pad", "pad"],
              ["Dios", "es", "amor", ".", "pad", "pad"]]
    for ax, (m, title, _) in zip(axes, panels):
        ax.imshow(m, cmap=cmap, vmin=0, vmax=1)
        ax.set_title(t(title, lang), fontsize=9)
        ax.set_xticks(range(m.shape[1]))
        ax.set_yticks(range(m.shape[0]))
    for i in range(3):
        for j in range(6):
            axes[0].text(j, i, tokens[i][j], ha="center", va="center", fontsize=7,
                         color="black" if pad[i, j] else "white")
    axes[0].set_ylabel(t("sentence", lang))
    axes[0].set_yticklabels(["1", "2", "3"])
    axes[0].set_xlabel(t("key", lang), fontsize=8)
    for ax in axes[1:]:
        ax.set_xlabel(t("key", lang), fontsize=8)
        ax.set_ylabel(t("query", lang), fontsize=8)
    fig.text(0.5, -0.02, t("legend_mask", lang), ha="center", fontsize=9)
    fig.tight_layout()
    save(fig, "transformers", "mascaras", lang)


def attention_map(lang: str) -> None:
    from aprende.transformer.run import load_translator

    tr = load_translator(None)  # the model shipped in src/aprende/weights/translate
    src, out, w = tr.attention("En el principio creó Dios los cielos y la tierra.")
    w = w.float().mean(dim=1).numpy()  # (layers, T, S): mean over heads
    n = w.shape[0]
    fig, axes = plt.subplots(1, n, figsize=(3.3 * n, 4.0), sharey=True)
    for layer, ax in enumerate(np.atleast_1d(axes)):
        ax.imshow(w[layer], cmap="viridis", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(src)), [s.strip() for s in src], rotation=90, fontsize=8)
        ax.set_yticks(range(len(out)), [s.strip() for s in out], fontsize=8)
        ax.set_title(f"{t('layer', lang)} {layer + 1}", fontsize=9)
        ax.set_xlabel(t("src", lang), fontsize=8)
    np.atleast_1d(axes)[0].set_ylabel(t("tgt", lang), fontsize=8)
    fig.suptitle(t("attn_title", lang), fontsize=10)
    fig.tight_layout()
    save(fig, "transformers", "atencion", lang)


def shapes(lang: str) -> None:
    """Runs real modules on a batch and draws the shape that comes out of each step."""
    from aprende.transformer.attention import MultiHeadAttention
    from aprende.transformer.layers import FeedForward, PositionalEncoding, TokenEmbedding

    torch.manual_seed(0)
    b, s, c, nh, vocab = 2, 7, 128, 4, 4000
    ids = torch.randint(1, vocab, (b, s))
    emb, pos = TokenEmbedding(vocab, c), PositionalEncoding(c, 64)
    mha, ff = MultiHeadAttention(c, nh, explicit=True), FeedForward(c, 512)
    mha.keep_weights = True
    x = emb(ids)
    xp = pos(x)
    q = mha._heads(mha.qkv(xp), 3)[0]  # (B, nh, T, hs): the queries of the fused Q, K, V projection
    y = mha(xp)
    z = ff(y)
    logits = torch.nn.functional.linear(z, emb.embedding.weight)
    fmt = lambda tensor: "(" + ", ".join(str(d) for d in tensor.shape) + ")"  # noqa: E731
    es = lang == "es"
    steps = [
        ("ids de los tokens" if es else "token ids", "(B, T)", fmt(ids), "text.py"),
        ("embedding × √d_model", "(B, T, C)", fmt(x), "layers.py TokenEmbedding"),
        ("+ codificación posicional" if es else "+ positional encoding", "(B, T, C)", fmt(xp),
         "layers.py PositionalEncoding"),
        ("Q, K, V por cabeza" if es else "Q, K, V per head", "(B, nh, T, hs)", fmt(q), "attention.py qkv, _heads"),
        ("pesos softmax(QKᵀ/√d_k)" if es else "weights softmax(QKᵀ/√d_k)", "(B, nh, T, S)", fmt(mha.weights),
         "attention.py attention_explicit"),
        ("cabezas juntas, W^O" if es else "heads joined, W^O", "(B, T, C)", fmt(y), "attention.py MultiHeadAttention"),
        ("feed-forward (d_ff = 512)", "(B, T, C)", fmt(z), "layers.py FeedForward"),
        ("lineal de salida → logits" if es else "output linear → logits", "(B, T, V)", fmt(logits),
         "model.py project"),
    ]
    fig, ax = plt.subplots(figsize=(10, 0.52 * len(steps) + 0.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.5, len(steps) - 0.3)
    ax.axis("off")
    for i, (what, sym, real, where) in enumerate(steps):
        yy = len(steps) - 1 - i
        ax.add_patch(matplotlib.patches.FancyBboxPatch((0.05, yy - 0.32), 3.6, 0.64, boxstyle="round,pad=0.02",
                                                       fc="#e8eef8", ec="#5577aa"))
        ax.text(1.85, yy, what, ha="center", va="center", fontsize=9)
        ax.text(4.0, yy, sym, ha="left", va="center", fontsize=9, family="monospace")
        ax.text(5.9, yy, real, ha="left", va="center", fontsize=9, family="monospace", color="#aa3311")
        ax.text(7.5, yy, where, ha="left", va="center", fontsize=8, color="#555555")
        if i:
            ax.annotate("", xy=(1.85, yy + 0.33), xytext=(1.85, yy + 0.68),
                        arrowprops=dict(arrowstyle="->", color="#5577aa"))
    ax.set_title(t("shapes_title", lang), fontsize=9.5)
    save(fig, "transformers", "formas", lang)


# ---------------------------------------------------------------- Classification


def whitening_filters(lang: str) -> None:
    """The 16 whitening filters (their positive halves) of the photo patches, as 3x3 colour tiles, largest first."""
    from aprende.vision.data import load_folder
    from aprende.vision.model import FastCNN, normalize, whiten_from_images
    from aprende.vision.train import normalizer

    photos = Path.home() / ".cache" / "aprende" / "fotos" / "train"
    if not photos.is_dir():
        raise SystemExit(f"{photos} missing: run python benchmarks/data/make_photo_set.py first")
    x = load_folder(photos).x  # (N, 3, 32, 32) uint8
    mean, std = normalizer(x)
    conv = FastCNN(3, 2, (32, 32), (32,), 1, 0).features[0]
    whiten_from_images(conv, x, mean, std)
    w = conv.weight[:16].detach().permute(0, 2, 3, 1).numpy()  # (16, 3, 3, RGB)
    spread = 1 / (w.reshape(16, -1) ** 2).sum(1)  # the variance along each direction (eps aside)
    patches = torch.nn.functional.unfold(normalize(x.float() / 255, mean, std), 3)  # (N, 27, L)
    total = float((patches**2).sum(1).mean())  # all 27 directions together
    fig, axes = plt.subplots(2, 8, figsize=(8, 3.2))
    for k, ax in enumerate(axes.flat):
        wk = w[k] * np.sign(w[k].sum() or 1.0)  # each filter comes with both signs: draw the one that sums up
        tile = wk / (2 * np.abs(wk).max()) + 0.5  # 0.5 grey = 0; bright/dark = positive/negative weights
        ax.imshow(tile, interpolation="nearest")
        share = f"{100 * spread[k] / total:.{1 if spread[k] / total >= 0.01 else 2}f} %"
        ax.set_title(f"{k + 1}: {share.replace('.', ',') if lang == 'es' else share}", fontsize=7)
        ax.axis("off")
    fig.suptitle(t("whiten_title", lang), fontsize=9)
    fig.tight_layout()
    save(fig, "clasificacion", "blanqueo", lang)


FIGURES = {"transformers": [positional_encoding, masks, attention_map, shapes],
           "pronostico": [lag_window, backtest_figure, weekday_embeddings, product_embeddings, member_average],
           "clasificacion": [whitening_filters]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(FIGURES))
    args = parser.parse_args()
    for group, makers in FIGURES.items():
        if args.only and group != args.only:
            continue
        for make in makers:
            for lang in ("es", "en"):
                make(lang)


if __name__ == "__main__":
    main()
