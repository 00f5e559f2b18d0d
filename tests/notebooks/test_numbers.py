"""The prose of each chapter agrees with its stored outputs: a number the text states is the number the code printed.

A chapter source marks a claim by putting `<!-- cifra NAME -->` right after the number in its prose (invisible once
rendered); CLAIMS below says, for each NAME, the regex that finds the same number in the chapter's stored outputs
(its first group). The prose number is read the Spanish way (decimal comma, thin-space thousands, `%`, `1,9 millones`),
the output the way core.numbers.fmt or Python writes it; they must agree to the prose's decimals. A marked claim with
no entry, an entry with no marked claim, or an output the regex cannot find fails: the last one means the chapter was
not re-executed since the cell that prints it changed (python scripts/make_notebooks.py --execute --only NN).
RANKINGS checks who comes first where the prose says so (the cache is faster, calendar beats mlp, camisa is the
weakest class), reading both numbers from the same printed table.

Claims expected to move when a chapter is re-executed, and then to be copied from the new output into the prose:
01 ppl_antes, ppl_despues (the cache's timings change with the load: the prose states none, RANKINGS checks
it is faster); 03 every mase_*, ratio_global
and the reproduce MAEs (the forecasting code is changing); 05 epocas_articulo and acierto_prueba, f1_ponderado (a
loaded machine stops the article's CNN before its 6 epochs)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "notebooks" / "chapters"
MARK = re.compile(r"<!-- cifra (\w+) -->")
NUMBER = re.compile(r"\d[\d\u202f\u00a0.]*(?:,\d+)?")

THIN = r"[\d\u202f]+"  # an integer as core.numbers.fmt writes it: `1 295 362`
DEC = r"[\d.,]+"  # a decimal, Spanish (`0,887`) or Python's (`0.887`)
# the backtest row of seasonal_naive: mae rmse smape MASE, then its ratio to itself (1, or 1,000 rounded)
MASE_NAIVE = rf"seasonal_naive\s+{DEC}\s+{DEC}\s+{DEC}\s+({DEC})\s+1(?:[.,]0+)?\s"

# chapter prefix -> claim name -> regex over the stored outputs (group 1 is the number)
CLAIMS: dict[str, dict[str, str]] = {
    "01": {
        "traductor_parametros": rf"\n({THIN}) parámetros \(el modelo base",
        "peso_gato": r"softmax, cada fila suma 1 =\n tensor\(\[\[[\d.]+, ([\d.]+),",
        "bert_comunes": r"(\d+) de 5 propuestas se repiten",
        "cache_tokens": r"con caché: (\d+) tokens,",
        "paper_base": rf"6 \+ 6 capas \+ embeddings: ({THIN})",
        "capa_codificador": rf"una capa del codificador: ({THIN})",
        "capa_decodificador": rf"una capa del decodificador: ({THIN})",
        "ppl_antes": r"perplejidad en frases.txt: (\d+) antes",
        "ppl_despues": r"antes de afinar, (\d+) después",
    },
    "02": {
        "epocas_cortas": r"(\d+) épocas · mAP@0,5",
        "red_parametros": rf"parámetros: ({THIN}) \(el del artículo",
        "map_paquete": rf"(?m)^mAP@0,5 = ({DEC}) ·",
        "rejilla": r"anclas × (\d+)×\d+ casillas",
        "iou_forma": r"IoU de forma con cada ancla: \[.*'([\d,]+)'\] → ancla",
        "fila_asignada": r"assign de aprende: ancla \d+, columna \d+, fila \d+, fila de salida (\d+)",
        "perdida_noobj": r"no-objeto \(\d+ filas\)\s+([\d,]+)",
        "perdida_total": r"total a mano ([\d,]+) \| yolo_loss de aprende \1",
        "filtros_cabeza": r"head 1×1\s+→ \(1, (\d+),",
        "nms_antes": r"(\d+) cajas con confianza > 0,25 →",
        "nms_despues": r"→ (\d+) tras la NMS",
        "fila_segura": r"(?m)^fila (\d+): ancla",
        "iou_anclas": rf"IoU media de cada caja con su mejor ancla: ({DEC}) ",
        "iou_azar": rf"con anclas al azar: ({DEC})\)",
    },
    "03": {  # the backtest rows (six numbers) and the article's protocol (one number, its column) are told apart
        "filas_csv": r"(\d+) días con ventas",
        "ocultas": r"Linear\(in_features=7, out_features=(\d+)",
        "entradas_calendario": r"festivo: \d\nSalesNet\(\n\s+\(body\): Sequential\(\n"
                               r"\s+\(0\): Linear\(in_features=(\d+)",
        "mae_calendar": rf"(?m)^calendar\s+({DEC})\s+≈",
        "mae_embeddings": rf"(?m)^embeddings\s+({DEC})\s+— \(\*\)",
        "art_estacional": rf"(?m)^seasonal_naive\s+({DEC})\s+{DEC}$",
        "art_mean7": rf"(?m)^mean7\s+({DEC})\s+{DEC}$",
        "mismo_dia": r"en (\d+) de 30 días de validación",
        "mase_estacional": MASE_NAIVE,
        "mase_estacional_ej1": MASE_NAIVE,
        "mase_estacional_ej2": MASE_NAIVE,
        "mase_mlp": rf"(?m)^mlp\s+{DEC}\s+{DEC}\s+{DEC}\s+({DEC})\s+{DEC}\s+{DEC}$",
        "mase_mlp_ej2": rf"(?m)^mlp\s+{DEC}\s+{DEC}\s+{DEC}\s+({DEC})\s+{DEC}\s+{DEC}$",
        "mase_calendar": rf"(?m)^calendar\s+{DEC}\s+{DEC}\s+{DEC}\s+({DEC})\s+{DEC}\s+{DEC}$",
        "mase_calendar_ej2": rf"(?m)^calendar\s+{DEC}\s+{DEC}\s+{DEC}\s+({DEC})\s+{DEC}\s+{DEC}$",
        "ratio_global": rf"(?m)^embeddings\s+{DEC}\s+({DEC})\s+{DEC}$",
    },
    "04": {
        "neuronas_entrada": r"= (\d+) neuronas de entrada",
        "sin_relleno": r"28×28, núcleo 3×3, relleno 0, paso 1: fórmula \d+ · PyTorch (\d+)",
        "paso_dos": r"28×28, núcleo 3×3, relleno 1, paso 2: fórmula \d+ · PyTorch (\d+)",
        "mapas_entrada": r"suma de (\d+) términos",
        "campo_conv2": r"MaxPool2d 2×2: campo receptivo \d+×\d+ píxeles de la imagen\n"
                       r"\s*Conv2d 3×3: campo receptivo (\d+)×",
        "mapas_finales": r"tras las convoluciones: \(1, (\d+), 7, 7\)",
        "flatten": r"Flatten → \(1, (\d+)\)",
        "densa": r"Linear → \(1, (\d+)\)",
        "pesos_conv1": rf"\(32, 28, 28\)\s+({THIN})\s",
        "pesos_densa": rf"\(32, 28, 28\)\s+{THIN}\s+({THIN})\s",
    },
    "05": {
        "acierto_sportsmnist": rf"sportsMNIST: ({DEC})\s*%",
        "imagenes_moda": rf"({THIN}) imágenes, torch.Size",
        "mal_etiquetadas": r"mal etiquetadas de 30: el artículo (\d+)",
        "parametros_articulo": rf"parámetros: ({THIN}) \(el artículo",
        "epocas_articulo": r"(\d+) épocas? · acierto en prueba",
        "acierto_prueba": rf"acierto ({DEC})\s*% · F1 ponderado",
        "f1_ponderado": rf"F1 ponderado ({DEC})",
        "acierto_fast": rf"fast: acierto ({DEC})\s*%",
    },
    "06": {
        "cnn_acierto": r"la red convolucional acierta el ([\d,]+) %",
        "mlp_acierto": r"el perceptrón multicapa el ([\d,]+) %; con los dígitos",
        "cnn_movidos": r"movidos un píxel: ([\d,]+) % frente",
        "mlp_movidos": r"movidos un píxel: [\d,]+ % frente a ([\d,]+) %",
        "meseta": r"responder siempre 1 da ([\d,]+)\)",
        "meseta_ej2": r"responder siempre 1 da ([\d,]+)\)",
        "dbn_ganancia": r"\(\+([\d,]+) puntos\); con",
        "ae_mse": r"el autocodificador reconstruye los dígitos de prueba con MSE ([\d,]+)",
        "pca_mse": r"y el PCA con ([\d,]+) \(",
        "gan_anillo": r"\((\d+) % de muestras junto a un modo\)",
        "gan_confianza": r"confianza media del clasificador (\d+) %",
        "gan_clases": r"genera (\d+) de las 10 clases",
        "gan_clases_ej4": r"genera (\d+) de las 10 clases",
    },
}


def spanish_number(text: str) -> tuple[float, int]:
    """`1 295 362`, `83,1`, `1.295.362` -> (value, decimals written)."""
    text = text.replace("\u202f", "").replace("\u00a0", "").rstrip(".")
    whole, _, frac = text.partition(",")
    return float(whole.replace(".", "") + ("." + frac if frac else "")), len(frac)


def output_number(text: str) -> float:
    """A printed number: Spanish as core.numbers.fmt writes it (`0,887`, `25,221`, `1 295 362`), which the chapters'
    prints and tables use, or Python's bare float (`0.887`, a tensor's repr). No chapter prints `1,295,362`."""
    text = text.replace("\u202f", "").replace("\u00a0", "").replace("\u2212", "-")
    return float(text.replace(",", "."))


def prose_claims(prefix: str) -> dict[str, tuple[float, int]]:
    """Each marked claim of chapter `prefix`'s source: the last number written before its mark, in units
    (`1,9 millones` -> 1 900 000 to 1 decimal of a million, kept as (1.9e6, -5))."""
    source = next(SOURCES.glob(f"{prefix}_*.md")).read_text(encoding="utf-8")
    claims = {}
    for m in MARK.finditer(source):
        window = source[max(0, m.start() - 80):m.start()]
        before = list(NUMBER.finditer(window))
        assert before, f"chapter {prefix}: no number before the mark of {m.group(1)}"
        assert m.group(1) not in claims, f"chapter {prefix}: two marks named {m.group(1)}"
        value, decimals = spanish_number(before[-1].group())
        if window[before[-1].end():].strip() == "millones":
            value, decimals = round(value * 1e6), decimals - 6
        claims[m.group(1)] = (value, decimals)
    return claims


def stored_text(prefix: str) -> str:
    """Everything chapter `prefix` printed when it was last executed."""
    nb = nbformat.read(next((ROOT / "notebooks").glob(f"{prefix}_*.ipynb")), as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif data.get("text/plain", "").startswith("<pandas.io.formats.style.Styler"):  # a styled table
                parts.append(re.sub(r"<[^>]+>", " ", data.get("text/html", "")))
            else:
                parts.append(data.get("text/plain", ""))
    return "\n".join(parts)


CHAPTERS = sorted(p.name[:2] for p in SOURCES.glob("[0-9][0-9]_*.md"))


@pytest.mark.parametrize("prefix", CHAPTERS)
def test_every_marked_claim_has_its_output(prefix):
    """A mark in the prose without a CLAIMS entry (or the reverse) checks nothing: both must exist."""
    assert set(prose_claims(prefix)) == set(CLAIMS.get(prefix, {}))


@pytest.mark.parametrize("prefix,name", [(c, n) for c, names in CLAIMS.items() for n in names])
def test_prose_number_equals_the_output(prefix, name):
    value, decimals = prose_claims(prefix)[name]
    found = re.search(CLAIMS[prefix][name], stored_text(prefix))
    assert found, (f"chapter {prefix}: the output for {name} is not in the stored chapter: "
                   f"python scripts/make_notebooks.py --execute --only {prefix}")
    printed = output_number(found.group(1))
    assert round(printed, decimals) == value, f"chapter {prefix}: the prose says {value}, the output {printed} ({name})"


def row(text: str, header: str, name: str) -> list[float]:
    """The leading numbers of row `name` of the printed table whose header matches `header` (NaN kept as nan)."""
    start = re.search(header, text)
    assert start, f"no table with the header {header!r}"
    table = text[start.end():].split("\n\n")[0]  # one output: the table ends where the next output starts
    found = re.search(rf"(?m)^{re.escape(name)}[ \t]+(.*)$", table)
    assert found, f"no row {name!r} in the table {header!r}"
    values = []
    for v in found.group(1).split():
        if not re.fullmatch(r"-?[\d.,]+|NaN|—", v):
            break
        values.append(float("nan") if v in ("NaN", "—") else output_number(v))
    return values


def _cache(text):
    same = "los mismos tokens: True" in text
    faster = output_number(re.search(r"la caché va ([\d,.]+) veces más deprisa", text).group(1)) > 1
    return same and faster, "the cache writes the same tokens, faster (prose: cambia la velocidad)"


BACKTEST = r"mae\s+rmse\s+smape\s+mase\s+ratio"  # the backtest table's header
PROTOCOL = r"MAE de aprende \(unidades\)\s+MAE del artículo"  # the article's protocol (reproduce)


def _backtest(text):
    mase = {m: row(text, BACKTEST, m)[3] for m in ("seasonal_naive", "mean7", "calendar", "mlp")}
    return (mase["seasonal_naive"] < mase["mean7"] and mase["calendar"] < mase["mlp"],
            f"backtest: seasonal_naive beats mean7 and calendar beats mlp (prose, exercise 2): {mase}")


def _article_protocol(text):
    mae = {m: row(text, PROTOCOL, m)[0] for m in ("mean7", "seasonal_naive", "mlp", "calendar", "embeddings")}
    best_net = min(("mlp", "calendar", "embeddings"), key=mae.get)
    return (mae["mean7"] < mae["seasonal_naive"] and best_net == "calendar",
            f"article's protocol: mean7 beats seasonal_naive, calendar is the best net at its size: {mae}")


def _closed_days(text):
    """The 28-day forecast's first week: closed days at 0, every open day inside its band."""
    rows = re.findall(rf"(?m)^\d+\s+\d{{4}}-\d\d-\d\d\s+({DEC})\s+({DEC})\s+({DEC})\s+(True|False)$", text)
    num = output_number
    closed = [num(f) for f, lo, hi, open_ in rows if open_ == "False"]
    inside = all(num(lo) <= num(f) <= num(hi) for f, lo, hi, open_ in rows if open_ == "True")
    return (len(rows) == 7 and closed and max(closed) == 0 and inside,
            f"the forecast's closed days are 0 and its open days inside the band (prose): {rows}")


def _weakest_class(text):
    first = re.search(r"precisión\s+exhaustividad\s+F1\s+casos\n(\S+)", text).group(1)
    return first == "camisa", f"the weakest class by F1 is camisa (prose), the output says {first}"


def _fast_wins(text):
    fast = output_number(re.search(r"fast: acierto ([\d,]+)", text).group(1))
    article = output_number(re.search(r"artículo: acierto ([\d,]+)", text).group(1))
    return fast > article, f"fast ({fast}) beats the article's CNN ({article})"


def _shifted_digits(text):
    cnn, mlp = (output_number(re.search(CLAIMS["06"][k], text).group(1)) for k in ("cnn_movidos", "mlp_movidos"))
    return cnn > mlp, f"on digits moved a pixel the CNN ({cnn}) beats the MLP ({mlp})"


def _lstm_remembers(text):
    lstm, rnn = (output_number(v) for v in re.search(r"la LSTM aprende a sumar \(MSE ([\d,]+)\) y la RNN de Elman "
                                                     r"no \(MSE ([\d,]+);", text).groups())
    return lstm < rnn / 10, f"at 40 steps the LSTM ({lstm}) learns and the RNN ({rnn}) does not"


# who ranks first, where the prose says so: (chapter, check of its stored outputs -> (holds, what it claims))
RANKINGS = {"cache": ("01", _cache), "backtest": ("03", _backtest), "article_protocol": ("03", _article_protocol),
            "closed_days": ("03", _closed_days), "weakest_class": ("05", _weakest_class),
            "fast_wins": ("05", _fast_wins), "shifted_digits": ("06", _shifted_digits),
            "lstm_remembers": ("06", _lstm_remembers)}


@pytest.mark.parametrize("name", RANKINGS)
def test_the_ranking_the_prose_states(name):
    prefix, check = RANKINGS[name]
    holds, claim = check(stored_text(prefix))
    assert holds, f"chapter {prefix}: {claim}"


def test_the_readers_agree_with_the_formatter():
    """The parsers read what core.numbers.fmt writes, and an older dot-grouped prose number."""
    from aprende.core.numbers import fmt

    assert spanish_number(fmt(1295362)) == (1295362.0, 0)
    assert spanish_number("1.295.362") == (1295362.0, 0)
    assert spanish_number(fmt(0.831, percent=True).rstrip("%").strip()) == (83.1, 1)
    assert output_number(fmt(0.887, 3)) == 0.887 and output_number(fmt(25.221, 3)) == 25.221
    assert output_number(fmt(1295362)) == 1295362.0 and output_number("0.887") == 0.887
