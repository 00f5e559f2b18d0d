"""Each section's article on the blog, and where a reader goes next: chapter, guide and the full-size command."""

from __future__ import annotations

from dataclasses import dataclass

SITE = "https://www.aprendemachinelearning.com/"


@dataclass(frozen=True)
class Article:
    title: str  # the article's own (Spanish) title
    url: str
    chapter: str  # the notebook, by its path in the repository
    guide: str  # the guide's file name under docs/es/ (Spanish) …
    guide_en: str  # … and under docs/en/
    commands: tuple[str, ...]  # the full-size commands


ARTICLES = {
    "transformer": Article(
        "¿Cómo funcionan los Transformers?", SITE + "como-funcionan-los-transformers-espanol-nlp-gpt-bert/",
        "notebooks/01_transformers.ipynb", "transformers.md", "transformers.md",
        ("aprende translate train", "aprende gpt train", "aprende bert train")),
    "detect": Article(
        "Detección de Objetos con Python", SITE + "deteccion-de-objetos-con-python-yolo-keras-tutorial/",
        "notebooks/02_deteccion_yolo.ipynb", "deteccion.md", "detection.md",
        ("aprende detect train --dataset lego --max-time 600",)),
    "forecast": Article(
        "Pronóstico de Ventas con Redes Neuronales – Parte 2",
        SITE + "pronostico-de-ventas-redes-neuronales-python-embeddings/",
        "notebooks/03_pronostico_ventas.ipynb", "pronostico.md", "forecasting.md",
        ("aprende forecast train --model all",)),
    "cnn": Article(
        "¿Cómo funcionan las Convolutional Neural Networks?",
        SITE + "como-funcionan-las-convolutional-neural-networks-vision-por-ordenador/",
        "notebooks/04_como_funcionan_las_cnn.ipynb", "cnn.md", "cnn.md",
        ("aprende cnn explain docs/img/cnn/botin.png",)),
    "classify": Article(
        "Clasificación de Imágenes en Python", SITE + "clasificacion-de-imagenes-en-python/",
        "notebooks/05_clasificacion_imagenes.ipynb", "clasificacion.md", "classification.md",
        ("aprende classify train --dataset fashion-mnist",)),
    "history": Article(
        "Breve Historia de las Redes Neuronales Artificiales",
        SITE + "breve-historia-de-las-redes-neuronales-artificiales/",
        "notebooks/06_historia_redes_neuronales.ipynb", "historia.md", "history.md",
        ("aprende history list", "aprende history run gan")),
}

URLS = frozenset(a.url for a in ARTICLES.values())  # the only addresses the report links to
