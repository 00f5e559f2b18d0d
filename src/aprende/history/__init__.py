"""Article 6, "Breve Historia de las Redes Neuronales Artificiales": a museum where every network of the timeline runs.

    from aprende.history import TIMELINE, run
    result = run("perceptron")          # ExhibitResult: name, metrics, run_dir, figures, sentence
"""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    "ExhibitResult": "aprende.history.museum",
    "run": "aprende.history.museum",
    "EXHIBITS": "aprende.history.registry",
    "TIMELINE": "aprende.history.registry",
    "Exhibit": "aprende.history.registry",
    "Param": "aprende.history.registry",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
