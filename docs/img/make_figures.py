"""Figures of the Transformer, forecasting and classification guides (docs/es/transformers.md, docs/es/pronostico.md,
docs/es/clasificacion.md and the English pages): python docs/img/make_figures.py [--only GROUP]

Everything drawn here is computed from aprende itself: the positional encoding and the masks from
`aprende.transformer.layers` / `.attention`, the attention map from the translator shipped in `src/aprende/weights/`,
and the forecasting figures from the article's CSV (`../shared/seed-data/time_series.csv`, or the one that
`aprende data get ventas-articulo` downloads) with `aprende.forecast.features` and `.forecasters`. The weekday
embeddings come from a small `embeddings` network trained here for a few seconds (seed 0). The whitening filters
come from the benchmark's photo patches (`python benchmarks/data/make_photo_set.py` writes them to
~/.cache/aprende/fotos) through `aprende.vision.model.whiten`, as `classify train` computes them.

Each figure is written twice: NAME.png with Spanish labels and NAME.en.png with English ones.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.patches  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DPI = 110

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
    "sales": ("unidades vendidas", "units sold"),
    "lag_title": ("La serie como problema supervisado: 7 retardos → el día siguiente",
                  "The series as a supervised problem: 7 lags → the next day"),
    "lags": ("entrada: 7 retardos", "input: 7 lags"),
    "target": ("objetivo", "target"),
    "next_window": ("la ventana siguiente, un paso después", "the next window, one step later"),
    "sample": ("muestra", "sample"),
    "matrix_title": ("Cada fila, una muestra", "Each row, one sample"),
    "bt_title": ("Backtest con origen móvil: 12 orígenes, 7 días cada uno", "Rolling-origin backtest: 12 origins, 7 days each"),
    "origin": ("origen", "origin"),
    "history": ("historia que ve el modelo", "history the model sees"),
    "forecast_window": ("días pronosticados", "forecast days"),
    "actual": ("real", "actual"),
    "snaive": ("«misma semana pasada» (seasonal_naive)", "“same day last week” (seasonal_naive)"),
    "bt_bottom": ("Lo real y una referencia en cada ventana; los domingos cerrados no se puntúan",
                  "Actual and one baseline in each window; closed Sundays are not scored"),
    "emb_title": ("Embeddings aprendidos del día de la semana (2 números por día)",
                  "Learned weekday embeddings (2 numbers per day)"),
    "onehot_title": ("One-hot: 7 números por día,\ntodos a la misma distancia",
                     "One-hot: 7 numbers per day,\nall equally far apart"),
    "emb_note": ("domingo: casi siempre cerrado, casi no se entrena", "Sunday: almost always closed, barely trained"),
    "days": (["lun", "mar", "mié", "jue", "vie", "sáb", "dom"], ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
    "mean_units": ("media de ventas del día (unidades)", "mean sales of the day (units)"),
    "whiten_title": ("Los 16 filtros blanqueadores de la primera capa, calculados de los parches 3x3 de las fotos\n"
                     "(de la dirección que más varía a la que menos; % de la varianza de los parches que lee cada uno)",
                     "The first layer's 16 whitening filters, computed from the photos' 3x3 patches\n"
                     "(from the direction that varies most to the least; % of the patches' variance each one reads)"),
    "ens_title": ("Cinco redes con distinto punto de partida y su media (60 series de `supermercado`, backtest)",
                  "Five networks with different starting points, and their mean (60 `supermercado` series, backtest)"),
    "ens_one": ("cada red sola", "each network alone"),
    "ens_mean": ("media de las cinco", "mean of the five"),
    "ens_member": ("red", "network"),
    "ens_ratio": ("error / error de «la semana pasada»", "error / “same day last week” error"),
    "ens_week": ("Una semana de «{id}», el producto que más vende", "One week of “{id}”, the best seller"),
    "units": ("unidades", "units"),
    "prod_title": ("Embedding aprendido de cada producto (60 series de `supermercado`, PCA)\n"
                   "la red solo ve el identificador: el color es la categoría, que nunca recibió",
                   "Learned embedding of each product (60 `supermercado` series, PCA)\n"
                   "the network sees only the id: the colour is the category, which it was never given"),
}


def t(key: str, lang: str):
    return T[key][0 if lang == "es" else 1]


def save(fig, folder: str, name: str, lang: str) -> Path:
    out = HERE / folder / (f"{name}.png" if lang == "es" else f"{name}.en.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    print(f"{out.relative_to(ROOT)}  {out.stat().st_size / 1024:.0f} KB")
    return out


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


# ---------------------------------------------------------------- forecasting


def article_csv() -> Path:
    for p in (ROOT.parent / "shared" / "seed-data" / "time_series.csv",
              Path.home() / ".cache" / "aprende" / "ventas-articulo" / "time_series.csv"):
        if p.exists():
            return p
    raise SystemExit("time_series.csv not found: run `aprende data get ventas-articulo`")


def article_steps(calendar: str = "daily"):
    from aprende.forecast.data import read_sales_csv
    from aprende.forecast.features import to_steps

    return to_steps(read_sales_csv(article_csv()), calendar)


def lag_window(lang: str) -> None:
    steps = article_steps("observed")  # the article's view: rows as consecutive steps
    v = steps.values[:30]
    n_lags, start = 7, 8
    fig, (a, b) = plt.subplots(1, 2, figsize=(10.5, 3.3), gridspec_kw={"width_ratios": [1.7, 1]})
    x = np.arange(len(v))
    a.plot(x, v, "-o", color="#888888", ms=3, lw=1)
    a.axvspan(start - 0.4, start + n_lags - 0.6, color="#4c8bd6", alpha=0.25, label=t("lags", lang))
    a.plot(start + n_lags, v[start + n_lags], "o", color="#d1495b", ms=9, label=t("target", lang))
    a.axvspan(start + 0.6, start + n_lags + 0.4, ymin=0.0, ymax=0.08, color="#f4a261", alpha=0.7,
              label=t("next_window", lang))
    a.set_xlabel("t")
    a.set_ylabel(t("sales", lang))
    a.set_title(t("lag_title", lang), fontsize=10)
    a.legend(fontsize=8, loc="upper left")
    rows = np.stack([v[i:i + n_lags + 1] for i in range(start, start + 6)])  # (6, 8)
    b.imshow(rows, cmap="Blues", aspect="auto")
    for i in range(rows.shape[0]):
        for j in range(rows.shape[1]):
            b.text(j, i, f"{rows[i, j]:.0f}", ha="center", va="center", fontsize=7,
                   color="#d1495b" if j == n_lags else "black", weight="bold" if j == n_lags else None)
    b.axvline(n_lags - 0.5, color="#d1495b", lw=2)
    b.set_xticks(range(n_lags + 1), [f"t−{n_lags - j}" for j in range(n_lags)] + ["y"], fontsize=8)
    b.set_yticks(range(rows.shape[0]), [f"{t('sample', lang)} {i + 1}" for i in range(rows.shape[0])], fontsize=8)
    b.set_title(t("matrix_title", lang), fontsize=10)
    fig.tight_layout()
    save(fig, "pronostico", "ventana-retardos", lang)


def backtest_figure(lang: str) -> None:
    from aprende.forecast.backtest import HORIZON, N_ORIGINS, origins_for
    from aprende.forecast.forecasters import BASELINES, WIDTH, recursive

    steps = article_steps("daily")
    origins = origins_for(steps)
    first = int(origins[0]) - 28
    fig, (a, b) = plt.subplots(2, 1, figsize=(10, 5.6), sharex=True, gridspec_kw={"height_ratios": [1.1, 1]})
    for k, o in enumerate(origins):
        a.barh(k, o - first, left=first, color="#cfd8e3", height=0.7)
        a.barh(k, HORIZON, left=o, color="#d1495b", height=0.7)
    a.set_ylim(N_ORIGINS - 0.2, -0.8)
    a.set_xlim(first - 1, len(steps) + 1)
    a.set_yticks(range(N_ORIGINS), [f"{t('origin', lang)} {k + 1}" for k in range(N_ORIGINS)], fontsize=7)
    a.set_title(t("bt_title", lang), fontsize=10)
    a.legend(handles=[matplotlib.patches.Patch(color="#cfd8e3", label=t("history", lang)),
                      matplotlib.patches.Patch(color="#d1495b", label=t("forecast_window", lang))],
             fontsize=8, loc="lower left")
    hist = origins[:, None] + np.arange(-WIDTH, 0)[None, :]
    fut = origins[:, None] + np.arange(HORIZON)[None, :]
    dates = [steps.dates[f] for f in fut]
    pred = recursive(BASELINES["seasonal_naive"], steps.values[hist], steps.open[hist], dates, steps.open[fut])
    span = np.arange(first, len(steps))
    vals = np.where(steps.open[span], steps.values[span], np.nan)
    b.plot(span, vals, "-", color="#333333", lw=1, label=t("actual", lang))
    for k in range(N_ORIGINS):
        p = np.where(steps.open[fut[k]], pred[k], np.nan)
        b.plot(fut[k], p, "-", color="#d1495b", lw=1.3, label=t("snaive", lang) if k == 0 else None)
        b.axvline(origins[k] - 0.5, color="#bbbbbb", lw=0.6)
    b.set_ylabel(t("sales", lang))
    b.set_title(t("bt_bottom", lang), fontsize=9)
    b.legend(fontsize=8, loc="upper left")
    ticks = np.arange(first, len(steps), 14)
    b.set_xticks(ticks, [steps.dates[i].strftime("%d/%m/%y") for i in ticks], fontsize=8)
    fig.tight_layout()
    save(fig, "pronostico", "backtest", lang)


_EMB = {}


def weekday_embeddings_trained():
    """A small `embeddings` network (weekday_dim 2) fitted on the article's data before the backtest (seed 0)."""
    if "w" in _EMB:
        return _EMB["w"], _EMB["mean"]
    from aprende.forecast.features import Scaler, calendar_features, windows
    from aprende.forecast.model import SalesNet

    steps = article_steps("daily")
    n_lags, end = 14, len(steps) - 84
    scaler = Scaler.fit(steps.values[:end][steps.open[:end]])
    targets = np.arange(n_lags, end)
    targets = targets[steps.open[targets]]
    cal = calendar_features(steps.dates[targets])
    lags = torch.tensor(scaler.transform(windows(steps.values, targets, n_lags)), dtype=torch.float32)
    wd, mo, hol = (torch.as_tensor(cal[k]) for k in ("weekday", "month", "holiday"))
    y = torch.tensor(scaler.transform(steps.values[targets]), dtype=torch.float32)
    torch.manual_seed(0)
    model = SalesNet("embeddings", n_lags=n_lags, hidden=32)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    gen = torch.Generator().manual_seed(0)
    for _ in range(150):
        for idx in torch.randperm(len(y), generator=gen).split(32):
            opt.zero_grad()
            loss = torch.nn.functional.l1_loss(model(lags[idx], wd[idx], mo[idx], hol[idx]), y[idx])
            loss.backward()
            opt.step()
    w = model.weekday.weight.detach().numpy()  # (7, 2)
    vals, days = steps.values[targets], cal["weekday"]
    mean = np.array([vals[days == d].mean() if (days == d).any() else np.nan for d in range(7)])
    _EMB["w"], _EMB["mean"] = w, mean
    return w, mean


def weekday_embeddings(lang: str) -> None:
    w, mean = weekday_embeddings_trained()
    days = t("days", lang)
    fig, (a, b) = plt.subplots(1, 2, figsize=(9.5, 3.6), gridspec_kw={"width_ratios": [0.8, 1.3]})
    a.imshow(np.eye(7), cmap="Greys", vmin=0, vmax=1.4)
    a.set_xticks(range(7), range(7), fontsize=8)
    a.set_yticks(range(7), days, fontsize=8)
    a.set_title(t("onehot_title", lang), fontsize=9)
    sc = b.scatter(w[:6, 0], w[:6, 1], c=mean[:6], cmap="viridis", s=80, zorder=3)
    b.scatter(w[6, 0], w[6, 1], c="#bbbbbb", s=80, zorder=3, marker="s")
    for d in range(7):
        b.annotate(days[d], (w[d, 0], w[d, 1]), textcoords="offset points", xytext=(6, 5), fontsize=9)
    b.annotate(t("emb_note", lang), (w[6, 0], w[6, 1]), textcoords="offset points", xytext=(6, -12), fontsize=7,
               color="#777777")
    b.set_xlabel("embedding[0]")
    b.set_ylabel("embedding[1]")
    b.set_title(t("emb_title", lang), fontsize=9)
    b.grid(alpha=0.3)
    fig.colorbar(sc, ax=b, fraction=0.05, label=t("mean_units", lang))
    fig.tight_layout()
    save(fig, "pronostico", "embeddings-dia", lang)


def supermercado_trained():
    """The `embeddings` network on generated `supermercado` (3 shops × 20 products, seed 0, no static columns, the
    lab's default settings: five networks averaged): (model, its model.json, the panel, the frame)."""
    if "run" in _EMB:
        return _EMB["run"]
    import tempfile

    from aprende.core.lifecycle import load_model
    from aprende.datasets.supermercado import generate_supermercado
    from aprende.forecast import ForecastSettings, default_train_config, train_forecaster
    from aprende.forecast.model import build_net
    from aprende.forecast.panel import panel_from_frame

    frame = generate_supermercado(3, 20, seed=0)
    panel = panel_from_frame(frame, "producto", "fecha", "unidades")
    with tempfile.TemporaryDirectory() as tmp:
        res = train_forecaster(panel, settings=ForecastSettings(models=["embeddings"]),
                               cfg=default_train_config(panel=True, seed=0, quiet=True), project=tmp)
        model, config = load_model(res.run_dir / "embeddings", build_net)
    _EMB["run"] = model, config, panel, frame
    return _EMB["run"]


def product_embeddings_trained():
    """Its id embeddings in 2-D (every member's side by side), and each product's category and volume."""
    from aprende.forecast.panel_train import id_embeddings
    from aprende.forecast.plots import project_2d

    model, _, panel, frame = supermercado_trained()
    xy = project_2d(id_embeddings(model))  # (60, 2)
    cat = frame.groupby("producto")["categoria"].first().reindex(panel.ids).to_numpy()
    return xy, cat, panel.volume()


def member_average(lang: str) -> None:
    """Each of the five networks alone against their mean, on the backtest: the pooled ratio of each, and one week
    of the best seller."""
    from aprende.forecast.backtest import panel_backtest, pooled
    from aprende.forecast.forecasters import BASELINES, WIDTH
    from aprende.forecast.panel import PanelScaler, static_codes
    from aprende.forecast.panel_train import panel_step

    if "bt" not in _EMB:
        model, c, panel, _ = supermercado_trained()
        scaler = PanelScaler(np.asarray(c["scaler"]["lo"], float), np.asarray(c["scaler"]["hi"], float))
        codes, _ = static_codes(panel)
        nets = {f"m{k}": m for k, m in enumerate(model.members)} | {"mean": model}
        steps = {n: panel_step(m, scaler, c["n_lags"], codes, c["center"], c["window_scale"]) for n, m in nets.items()}
        bt = panel_backtest(panel, {**steps, **BASELINES}, width=max(WIDTH, c["n_lags"]))
        snaive = pooled(bt, "seasonal_naive")["mae"]
        _EMB["bt"] = bt, {n: pooled(bt, n)["mae"] / snaive for n in nets}, int(np.argmax(panel.volume()))
    bt, ratio, top = _EMB["bt"]
    fmt = (lambda v: f"{v:.3f}".replace(".", ",")) if lang == "es" else (lambda v: f"{v:.3f}")
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.8), gridspec_kw={"width_ratios": [1, 1.6]})
    members = [ratio[f"m{k}"] for k in range(len(ratio) - 1)]
    a.scatter(range(1, len(members) + 1), members, color="tab:blue", s=40, label=t("ens_one", lang), zorder=3)
    a.axhline(ratio["mean"], color="tab:red", lw=2, label=t("ens_mean", lang) + f": {fmt(ratio['mean'])}")
    a.set_xticks(range(1, len(members) + 1))
    a.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: fmt(v)))
    a.set_xlabel(t("ens_member", lang))
    a.set_ylabel(t("ens_ratio", lang))
    a.legend(fontsize=8)
    a.grid(alpha=0.3)
    k = len(bt.origins) - 4  # a week before the Christmas rush
    days = np.arange(bt.actual.shape[2])
    b.plot(days, bt.actual[top, k], "k-o", ms=4, label=t("actual", lang), zorder=4)
    for j in range(len(members)):
        b.plot(days, bt.forecasts[f"m{j}"][top, k], color="tab:blue", lw=1, alpha=0.5,
               label=t("ens_one", lang) if j == 0 else None)
    b.plot(days, bt.forecasts["mean"][top, k], color="tab:red", lw=2.2, label=t("ens_mean", lang))
    b.set_xticks(days, [d.strftime("%d/%m") for d in bt.dates[k]], fontsize=7)
    b.set_title(t("ens_week", lang).format(id=bt.ids[top]), fontsize=9)
    b.set_ylabel(t("units", lang))
    b.legend(fontsize=8)
    b.grid(alpha=0.3)
    fig.suptitle(t("ens_title", lang), fontsize=10)
    fig.tight_layout()
    save(fig, "pronostico", "media-de-redes", lang)


def product_embeddings(lang: str) -> None:
    xy, cat, volume = product_embeddings_trained()
    fig, ax = plt.subplots(figsize=(7, 4.8))
    for c, name in enumerate(sorted(set(cat))):
        m = cat == name
        ax.scatter(xy[m, 0], xy[m, 1], s=20 + 60 * np.sqrt(volume[m] / volume.max()), color=plt.cm.tab10(c),
                   label=name, alpha=0.8, zorder=3)
    ax.legend(fontsize=8)
    ax.set_xlabel("PC1")
    ax.set_ylabel("PC2")
    ax.set_title(t("prod_title", lang), fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    save(fig, "pronostico", "embeddings-producto", lang)


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
