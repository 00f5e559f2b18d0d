"""Named data sets and where each comes from: a system package, the cache, a download, or a generator."""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    "ARTICLE_CSV": "aprende.datasets.article",
    "article_csv": "aprende.datasets.article",
    "DATASETS": "aprende.datasets.registry",
    "Dataset": "aprende.datasets.registry",
    "available_source": "aprende.datasets.registry",
    "download": "aprende.datasets.registry",
    "get": "aprende.datasets.registry",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
