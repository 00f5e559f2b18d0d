"""The forecasting guide's figures (docs/es/pronostico.md, docs/en/forecasting.md), drawn by make_figures.py.

The lag window and the backtest come from the article's CSV (`../shared/seed-data/time_series.csv`, or the one that
`aprende data get ventas-articulo` downloads) through `aprende.forecast.features` and `.forecasters`; the weekday
embeddings from a small `embeddings` network trained here for a few seconds (seed 0); the product map and the
averaged networks from a global network trained on the generated `supermercado` set.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.patches
import matplotlib.pyplot as plt
import numpy as np
import torch
from figure_kit import ROOT, label, save

T = {  # label -> (es, en)
    "sales": ("unidades vendidas", "units sold"),
    "lag_title": ("La serie como problema supervisado: 7 retardos → el día siguiente",
                  "The series as a supervised problem: 7 lags → the next day"),
    "lags": ("entrada: 7 retardos", "input: 7 lags"),
    "target": ("objetivo", "target"),
    "next_window": ("la ventana siguiente, un paso después", "the next window, one step later"),
    "sample": ("muestra", "sample"),
    "matrix_title": ("Cada fila, una muestra", "Each row, one sample"),
    "bt_title": ("Backtest con origen móvil: 12 orígenes, 7 días cada uno",
                 "Rolling-origin backtest: 12 origins, 7 days each"),
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
    return label(T, key, lang)



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
