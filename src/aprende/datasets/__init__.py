"""Named data sets and where each comes from: a system package, the cache, a download, or a generator."""

from aprende.datasets.registry import DATASETS, Dataset, available_source, download, get

__all__ = ["DATASETS", "Dataset", "available_source", "download", "get"]
