"""aprende: the deep-learning lessons of "Aprende Machine Learning" as runnable software."""

__version__ = "0.1.0"
__all__ = ["__version__"]
