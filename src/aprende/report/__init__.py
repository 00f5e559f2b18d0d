"""`aprende tour`: every lab in quick mode, one self-contained HTML report."""

from aprende.core.lazy import lazy_exports

# imported on first use: `aprende --help` mounts the command without importing every lab (and torch)
EXPORTS = {"TourResult": "aprende.report.runner", "tour": "aprende.report.runner"}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
