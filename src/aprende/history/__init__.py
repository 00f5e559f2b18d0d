"""Article 6, "Breve Historia de las Redes Neuronales Artificiales": a museum where every network of the timeline runs.

    from aprende.history import TIMELINE, run
    result = run("perceptron")          # ExhibitResult: name, metrics, run_dir, figures, sentence
"""

from aprende.history.museum import ExhibitResult, run
from aprende.history.registry import EXHIBITS, TIMELINE, Exhibit, Param

__all__ = ["EXHIBITS", "TIMELINE", "Exhibit", "ExhibitResult", "Param", "run"]
