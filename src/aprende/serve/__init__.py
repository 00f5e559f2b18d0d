"""`aprende serve`: the labs' models behind a REST API and a web page, on 127.0.0.1 by default.

    from aprende.serve import create_app
    app = create_app({"detect": "runs/detect/train"})   # others: the shipped weights
"""

__all__ = ["Limits", "create_app"]


def __getattr__(name: str):
    """create_app and Limits on first use: `aprende --help` mounts the serve command without loading FastAPI."""
    if name == "create_app":
        from aprende.serve.app import create_app  # deferred: FastAPI, the routes and every lab, only when serving

        return create_app
    if name == "Limits":
        from aprende.serve.limits import Limits  # deferred: FastAPI, only when serving

        return Limits
    raise AttributeError(name)
