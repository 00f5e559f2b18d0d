"""Write the notebooks in notebooks/ (stored without outputs). Run after changing a cell: python scripts/make_notebooks.py"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

SETUP = '''# Instala aprende si falta (en un servicio de cuadernos: clona antes el repositorio) y mira si hay GPU.
import os
try:
    import aprende
except ImportError:
    %pip install -q -e ..
    import aprende
import torch
TINY = os.environ.get("APRENDE_TINY") == "1"   # las pruebas ejecutan cada celda en segundos
print("aprende", aprende.__version__, "| GPU:", torch.cuda.get_device_name() if torch.cuda.is_available() else "no, CPU")'''

SHOW = "from IPython.display import Image, display"

NOTEBOOKS = {
    "01_transformers.ipynb": [
        ("md", "# ¿Cómo funcionan los Transformers?\n\nEl artículo recorre el diagrama de «Attention is all you need»: "
               "embeddings, codificación posicional, atención, suma y normalización, red feed-forward, decodificador y "
               "salida, y sus hijos BERT y GPT. Aquí cada caja es código de `aprende.transformer` que podemos ejecutar."),
        ("code", SETUP),
        ("md", "## Embeddings y codificación posicional\n\nLa atención no sabe de orden: cada posición suma su propio "
               "vector de senos y cosenos de muchas longitudes de onda."),
        ("code", "import matplotlib.pyplot as plt\nimport torch\nfrom aprende.transformer.layers import PositionalEncoding\n\n"
                 "pe = PositionalEncoding(d_model=64, context=50).pe  # (50, 64)\n"
                 "plt.figure(figsize=(7, 3))\nplt.imshow(pe.T, aspect=\"auto\", cmap=\"RdBu\")\n"
                 "plt.xlabel(\"posición\"); plt.ylabel(\"dimensión\"); plt.colorbar(); plt.show()"),
        ("md", "## Atención: softmax(QKᵀ/√d)·V\n\nDos caminos, un resultado: el explícito (devuelve los pesos, para "
               "dibujarlos) y el rápido de PyTorch (`scaled_dot_product_attention`, flash attention en GPU)."),
        ("code", "import torch.nn.functional as F\nfrom aprende.transformer.attention import attention_explicit, causal_mask\n\n"
                 "q, k, v = torch.randn(3, 1, 2, 5, 8).unbind(0)  # (B, heads, T, d)\n"
                 "out, weights = attention_explicit(q, k, v, causal_mask(5, 5))\n"
                 "print(torch.allclose(out, F.scaled_dot_product_attention(q, k, v, is_causal=True), atol=1e-6))\n"
                 "plt.imshow(weights[0, 0].detach(), cmap=\"viridis\"); plt.title(\"máscara causal: nadie mira al futuro\"); plt.show()"),
        ("md", "## Traducción: el Transformer completo (codificador + decodificador)\n\nEl artículo trata el "
               "Transformer como traductor. Entrenamos uno con versículos de la Biblia (Reina-Valera 1909 → World "
               "English Bible) o, en modo mínimo, con unas pocas frases de un TSV."),
        ("code", "from pathlib import Path\nfrom aprende.transformer.run import load_translator\nfrom aprende.transformer.translate import plot_attention\n"
                 "from aprende.transformer.translate_train import TranslateSettings, default_train_config, train\n" + SHOW + "\n\n"
                 "pairs = None\nif TINY:\n    pairs = Path(\"pares.tsv\")\n"
                 "    pairs.write_text(\"el agua es buena\\tthe water is good\\nla luz es buena\\tthe light is good\\n\" * 16, encoding=\"utf-8\")\n"
                 "small = TranslateSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, n_decoder_layers=1, d_ff=64)\n"
                 "result = train(pairs, small if TINY else TranslateSettings(),\n"
                 "               default_train_config(max_time=5 if TINY else 600, epochs=2 if TINY else 100, quiet=True))\n"
                 "result.metrics"),
        ("code", "tr = load_translator(result.run_dir)\nfrase = \"la luz es buena\" if TINY else \"En el principio creó Dios los cielos y la tierra.\"\n"
                 "print(tr.translate([frase], beam=4))\nsrc, out, weights = tr.attention(frase)\n"
                 "plot_attention(src, out, weights, \"atencion.png\")\ndisplay(Image(\"atencion.png\"))"),
        ("md", "## GPT: solo el decodificador, escribe la siguiente palabra\n\nEntrenado con las citas en español de "
               "`fortunes-es`. La generación usa la caché de claves y valores: cada paso procesa solo la última palabra."),
        ("code", "import io\nfrom aprende.transformer.gpt import GPTSettings, default_train_config as gpt_config, train as train_gpt, write\n\n"
                 "gpt_small = GPTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64) if TINY else GPTSettings()\n"
                 "gpt = train_gpt(None, gpt_small, gpt_config(epochs=1 if TINY else 5, max_time=5 if TINY else None, quiet=True))\n"
                 "print(gpt.metrics)\nprint(write(gpt.run_dir, \"El amor\", 40, out=io.StringIO()))"),
        ("md", "## BERT: solo el codificador, adivina la palabra tapada"),
        ("code", "from aprende.transformer.bert import BERTSettings, default_train_config as bert_config, fill, train as train_bert\n\n"
                 "bert_small = BERTSettings(vocab_size=300, d_model=32, n_heads=2, n_layers=1, d_ff=64) if TINY else BERTSettings()\n"
                 "bert = train_bert(None, bert_small, bert_config(epochs=1 if TINY else 5, max_time=5 if TINY else None, quiet=True))\n"
                 "fill(bert.run_dir, \"El que busca [MASK] .\")"),
        ("md", "En la terminal, a tamaño completo:\n\n```bash\naprende translate train\n"
               "aprende translate run \"En el principio creó Dios los cielos y la tierra.\" --run runs/translate/exp --beam 4 --attention atencion.png\n"
               "aprende translate evaluate --run runs/translate/exp --json\n"
               "aprende gpt train && aprende gpt generate \"El amor\" --run runs/gpt/exp\n"
               "aprende bert train && aprende bert fill \"El que busca [MASK] .\" --run runs/bert/exp\n```"),
    ],
    "02_deteccion_yolo.ipynb": [
        ("md", "# Detección de objetos con YOLO\n\nEl artículo entrenó un YOLOv2 de 50 millones de parámetros con piezas de "
               "lego anotadas en Pascal VOC: 7 horas para 6 épocas en una CPU de 4 núcleos y un vídeo a 1,33 imágenes/s. "
               "Aquí hacemos el mismo trabajo con un YOLO `tiny` (1,3 M de parámetros) que entrena en minutos."),
        ("code", SETUP),
        ("md", "## Los datos: escenas de lego en Pascal VOC\n\n`write_lego` genera escenas (JPEG + XML de Pascal VOC, "
               "como las del artículo) con la misma semilla siempre. Tus propias carpetas VOC o YOLO se leen con "
               "`load_detection`, que valida cada caja."),
        ("code", "from pathlib import Path\nfrom aprende.datasets.lego import write_lego\n"
                 "from aprende.detection import DetectSettings, default_train_config, load_detection, predict_objects, train_detector\n"
                 + SHOW + "\n\n"
                 "folder = write_lego(Path(\"lego\"), n_images=24 if TINY else 500)\n"
                 "data = load_detection(folder)\nprint(len(data.samples), \"imágenes,\", data.n_boxes, \"cajas, clases:\", data.classes)"),
        ("md", "## Las anclas: k-medias con 1 − IoU como distancia\n\nYOLOv2 no predice cajas desde cero: ajusta "
               "unas formas típicas (anclas) que salen de agrupar las cajas del conjunto de entrenamiento."),
        ("code", "from aprende.detection.anchors import box_sizes, kmeans_anchors, plot_anchors\n\n"
                 "wh = box_sizes(data, 320)\nanchors = kmeans_anchors(wh, k=5, seed=0, size=320)\n"
                 "print(anchors.anchors.round(1), f\"IoU media {anchors.mean_iou:.3f} (al azar {anchors.random_iou:.3f})\")\n"
                 "plot_anchors(wh, anchors, \"anclas.png\")\ndisplay(Image(\"anclas.png\"))"),
        ("md", "## Entrenar\n\nEl bucle común de aprende: AdamW, one-cycle, el mejor epoch por mAP@0.5 en validación."),
        ("code", "result = train_detector(data=folder, settings=DetectSettings(img_size=256 if TINY else 320),\n"
                 "                        cfg=default_train_config(epochs=1 if TINY else 30, quiet=True))\n"
                 "print({k: round(v, 3) for k, v in result.metrics.items() if k in (\"map50\", \"map50_95\")})\n"
                 "display(Image(str(result.plots[\"val_predictions\"])), Image(str(result.plots[\"pr_curve\"])))"),
        ("md", "## Predecir sobre una imagen nueva\n\nLa predicción escribe una copia anotada de cada imagen y "
               "`detections.json` (clase, confianza y caja en píxeles)."),
        ("code", "p = predict_objects(result.run_dir, folder / \"images\" / \"00000.jpg\", conf=0.05 if TINY else 0.25)\n"
                 "print(p.detections[0][\"detections\"][:3], f\"{p.fps:.1f} imágenes/s\")\n"
                 "display(Image(str(next(p.out_dir.glob(\"*.jpg\")))))"),
        ("md", "En la terminal, a tamaño completo (también vídeo, cámara y ONNX):\n\n```bash\n"
               "aprende detect train --dataset lego\naprende detect evaluate --run runs/detect/exp --json\n"
               "aprende detect predict --run runs/detect/exp --source MI_IMAGEN.jpg\n"
               "aprende detect predict --run runs/detect/exp --source MI_VIDEO.mp4\n"
               "aprende detect export --run runs/detect/exp --format onnx\n```"),
    ],
    "03_pronostico_ventas.ipynb": [
        ("md", "# Pronóstico de ventas con redes neuronales\n\nEl artículo quería prever las ventas de mañana de una "
               "tienda con redes pequeñas. Aquí entrenamos sus tres modelos (con sus fallos corregidos) y los "
               "comparamos de forma honesta con reglas sencillas, sobre la tienda generada `tienda` (o tu CSV)."),
        ("code", SETUP),
        ("md", "## Los datos\n\nCualquier CSV de fecha y cantidad sirve (`read_sales_csv`); sin él, la tienda "
               "generada: dos años con tendencia, semana, año, festivos y domingos cerrados."),
        ("code", "from aprende.forecast import ForecastSettings, default_train_config, predict, train_forecaster\n" + SHOW),
        ("md", "## Entrenar los tres modelos y compararlos\n\nBacktest con origen móvil: horizonte 7 días, un origen "
               "cada semana durante las últimas 12. MASE < 1 bate a «lo mismo que la semana pasada»."),
        ("code", "result = train_forecaster(dataset=\"tienda\", settings=ForecastSettings(hidden=16 if TINY else 32),\n"
                 "                          cfg=default_train_config(epochs=3 if TINY else 300, quiet=True))\n"
                 "result.table().round(3)"),
        ("code", "display(Image(str(result.plots[\"backtest\"])))"),
        ("md", "## Pronosticar las próximas 4 semanas, con intervalo"),
        ("code", "fc = predict(result.run_dir, horizon=28)\ndisplay(Image(str(fc.plot)))\nfc.frame.head(10)"),
        ("md", "Lo mismo en la terminal, a tamaño completo:\n\n```bash\naprende forecast train --model all\n"
               "aprende forecast predict --run runs/forecast/exp --horizon 28\n```"),
    ],
    "04_como_funcionan_las_cnn.ipynb": [
        ("md", "# ¿Cómo funcionan las CNN?\n\nPíxeles, núcleos que se deslizan, mapas de características, "
               "activación y pooling: primero a mano, en NumPy, y luego dentro de una red entrenada."),
        ("code", SETUP),
        ("md", "## La convolución a mano\n\n`conv2d` multiplica el núcleo por cada trozo de imagen y suma. "
               "Comprobamos que da lo mismo que PyTorch."),
        ("code", "import numpy as np\nimport torch.nn.functional as F\nfrom aprende.vision import conv2d, pool2d\n"
                 "from aprende.vision.scratch import KERNELS\n" + SHOW + "\n\n"
                 "x = np.random.default_rng(0).normal(size=(1, 1, 8, 8))\nw = KERNELS[\"edges_vertical\"][None, None]\n"
                 "print(np.allclose(conv2d(x, w, padding=1), F.conv2d(torch.tensor(x), torch.tensor(w), padding=1).numpy()))\n"
                 "print(pool2d(conv2d(x, w, padding=1), 2).shape)  # 8x8 -> 4x4"),
        ("md", "## Núcleos puestos a mano sobre una imagen"),
        ("code", "from PIL import Image as PILImage\nfrom aprende.vision import kernel_demo, load_fashion_data\n\n"
                 "data = load_fashion_data()\nx_test, y_test = data.part(\"test\")\n"
                 "PILImage.fromarray(x_test[0, 0].numpy()).save(\"prenda.png\")\n"
                 "d = kernel_demo(\"prenda.png\", size=64 if TINY else 128)\n"
                 "display(Image(str(d.figures[\"kernels\"])), Image(str(d.figures[\"pooling\"])))"),
        ("md", "## Lo que ve una red entrenada: mapas de características y Grad-CAM"),
        ("code", "from aprende.vision import default_train_config, explain_image, train_classifier\n\n"
                 "run = train_classifier(dataset=\"fashion-mnist\", cfg=default_train_config(\"fast\", max_time=5 if TINY else 60, quiet=True))\n"
                 "ex = explain_image(\"prenda.png\", run.run_dir)\nprint(ex.top)\n"
                 "for name in (\"kernels\", \"act1\", \"pool1\", \"gradcam\"):\n    display(Image(str(ex.figures[name])))"),
        ("md", "En la terminal:\n\n```bash\naprende cnn demo IMAGEN\naprende cnn explain IMAGEN --run runs/classify/exp\n```"),
    ],
    "05_clasificacion_imagenes.ipynb": [
        ("md", "# Clasificación de imágenes\n\nEl artículo clasificaba deportes con una CNN pequeña (84 %). Aquí: su CNN "
               "exacta frente a `fast`, en Fashion-MNIST y en una carpeta por clase como la suya."),
        ("code", SETUP),
        ("code", "from aprende.vision import ClassifySettings, default_train_config, train_classifier\n" + SHOW),
        ("md", "## La CNN del artículo y la nuestra, con el mismo tiempo"),
        ("code", "budget = 5 if TINY else 60\n"
                 "article = train_classifier(dataset=\"fashion-mnist\", settings=ClassifySettings(model=\"article\"),\n"
                 "                           cfg=default_train_config(\"article\", epochs=1 if TINY else 6, quiet=True))\n"
                 "fast = train_classifier(dataset=\"fashion-mnist\", cfg=default_train_config(\"fast\", max_time=budget, quiet=True))\n"
                 "print(f\"artículo {article.metrics['accuracy']:.3f}  |  fast {fast.metrics['accuracy']:.3f}\")"),
        ("code", "display(Image(str(fast.plots[\"confusion\"])), Image(str(fast.plots[\"errors\"])))"),
        ("md", "## Tus propias carpetas\n\nUna subcarpeta por clase, como en el artículo. `formas` es un conjunto "
               "pequeño que aprende genera (círculos, cuadrados, líneas)."),
        ("code", "shapes = train_classifier(dataset=\"formas\", cfg=default_train_config(\"fast\", epochs=2 if TINY else 20, quiet=True))\n"
                 "print(shapes.classes, round(shapes.metrics[\"accuracy\"], 3))"),
        ("md", "En la terminal:\n\n```bash\naprende classify train --data MI_CARPETA\n"
               "aprende classify evaluate --run runs/classify/exp --json\n```"),
    ],
    "06_historia_redes_neuronales.ipynb": [
        ("md", "# Breve historia de las redes neuronales, ejecutable\n\nDe 1958 a 2014: cada red entrena en segundos y "
               "muestra lo que podía hacer y lo que la frenó."),
        ("code", SETUP),
        ("code", "import pandas as pd\nfrom aprende.history import TIMELINE, run\n" + SHOW + "\n"
                 "pd.DataFrame(TIMELINE)"),
        ("md", "## 1958: el perceptrón separa con una recta… y no puede con XOR"),
        ("code", "p = run(\"perceptron\", quiet=True)\nprint(p.sentence)\n"
                 "for path in p.figures.values():\n    display(Image(str(path)))"),
        ("md", "## 1986: una capa oculta y la retropropagación resuelven XOR"),
        ("code", "m = run(\"mlp\", quiet=True)\nprint(m.sentence)"),
        ("md", "## 1997: la LSTM recuerda donde la RNN olvida"),
        ("code", "l = run(\"lstm\", quiet=True, **({\"lengths\": \"5,10\", \"steps\": 50} if TINY else {}))\nprint(l.sentence)\n"
                 "for path in l.figures.values():\n    display(Image(str(path)))"),
        ("md", "## 2014: una GAN aprende un anillo de 8 gaussianas"),
        ("code", "g = run(\"gan\", quiet=True, **({\"steps\": 50, \"digit_steps\": 20} if TINY else {}))\nprint(g.sentence)\n"
                 "for path in g.figures.values():\n    display(Image(str(path)))"),
        ("md", "En la terminal: `aprende history list` y `aprende history run NOMBRE`."),
    ],
}


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=[new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells])
        for i, cell in enumerate(nb.cells):  # stable ids: regenerating changes only what changed
            cell.id = f"{name[:2]}-{i:02d}"
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, ROOT / "notebooks" / name)


if __name__ == "__main__":
    main()
