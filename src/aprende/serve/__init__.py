"""`aprende serve`: the labs' models behind a REST API and a web page, on 127.0.0.1 by default.

    from aprende.serve import create_app
    app = create_app({"detect": "runs/detect/train"})   # others: the shipped weights
"""

from aprende.serve.app import create_app
from aprende.serve.limits import Limits

__all__ = ["Limits", "create_app"]
