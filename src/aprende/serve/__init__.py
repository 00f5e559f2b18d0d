"""`aprende serve`: the labs' models behind a REST API and a web page, on 127.0.0.1 by default.

    from aprende.serve import create_app
    app = create_app({"detect": "runs/detect/train"})   # others: the shipped weights
"""

from aprende.core.lazy import lazy_exports

# imported on first use: `aprende --help` mounts the serve command without loading FastAPI and every lab
EXPORTS = {"create_app": "aprende.serve.app", "Limits": "aprende.serve.limits"}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
