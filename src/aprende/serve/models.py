"""The models the server answers with: each loaded once, on first use, and shared by every request."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from aprende.core.errors import AprendeError
from aprende.detection.run import load_detector
from aprende.serve.errors import ServeError
from aprende.transformer.run import load_bert, load_gpt, load_translator
from aprende.vision.run import load_classifier
from aprende.weights import SHIPPED, is_shipped, metrics, resolve_run

NAMES = tuple(SHIPPED)  # classify, detect, translate, gpt, bert


@dataclass
class Loaded:
    """What a lab needs to answer: its model, and its config or tokenizer."""

    model: object
    extra: object
    run_dir: Path
    lock: threading.Lock = field(default_factory=threading.Lock)  # for calls that set state on the model


def _load(name: str, run_dir: Path) -> Loaded:
    """Each lab's own loader (its run.py), so a broken run folder gives the same message as on the command line."""
    if name == "classify":  # model: a vision.run.Classifier; extra: its model.json
        classifier = load_classifier(run_dir)
        return Loaded(classifier, classifier.config, run_dir)
    if name == "detect":  # model: a callable (PIL image, conf, iou) -> boxes, scores, labels; extra: classes
        detector = load_detector(run_dir)
        return Loaded(detector, list(detector.classes), run_dir)
    if name == "translate":
        return Loaded(load_translator(run_dir, device="cpu"), None, run_dir)
    lm = (load_gpt if name == "gpt" else load_bert)(run_dir, device="cpu")  # model: the lab's TextModel
    return Loaded(lm, lm.tok, run_dir)


class Models:
    """Lazy, thread-safe loading: the first request loads, the others wait for it; a failure is retried next time."""

    def __init__(self, runs: dict[str, str | Path | None] | None = None):
        self.runs = {name: (runs or {}).get(name) for name in NAMES}
        self._loaded: dict[str, Loaded] = {}
        self._locks = {name: threading.Lock() for name in NAMES}

    def run_dir(self, name: str) -> Path:
        return resolve_run(name, self.runs[name])

    def get(self, name: str) -> Loaded:
        """The loaded model, or a 503 that says why it is not available."""
        if name in self._loaded:
            return self._loaded[name]
        with self._locks[name]:
            if name not in self._loaded:
                try:
                    run_dir = self.run_dir(name)
                    if not run_dir.is_dir():
                        raise AprendeError("run.not_found", path=str(run_dir))
                    self._loaded[name] = _load(name, run_dir)
                except AprendeError:  # its message names server paths: the client gets the model's name
                    given = self.runs[name] is not None
                    raise ServeError(503, "serve.no_model_run" if given else "serve.no_model", name=name,
                                     train=SHIPPED.get(name, "")) from None
        return self._loaded[name]

    def status(self) -> list[dict]:
        """Per model: where its weights come from, whether they are there and loaded, and their measured metrics."""
        out = []
        for name in NAMES:
            given = self.runs[name]
            available = Path(given).is_dir() if given is not None else is_shipped(name)
            out.append({"name": name, "source": "run" if given is not None else "shipped", "available": available,
                        "loaded": name in self._loaded,
                        "metrics": _run_metrics(Path(given)) if given is not None else metrics(name)})
        return out


def _run_metrics(run_dir: Path) -> dict:
    """A run folder's metrics.json (top-level numbers only), when it has one."""
    path = run_dir / "metrics.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, (int, float, str))} if isinstance(data, dict) else {}
