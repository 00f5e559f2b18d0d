"""create_app: the API under /api/v1, the web page at /, limits and JSON errors around both."""

from __future__ import annotations

import tempfile
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from aprende import __version__
from aprende.serve.errors import install as install_errors
from aprende.serve.guard import Guard, allowed_hosts
from aprende.serve.limits import BodyLimit, Limits, Runner
from aprende.serve.models import Models
from aprende.serve.routes_images import router as images
from aprende.serve.routes_misc import router as misc
from aprende.serve.routes_text import router as text

STATIC = Path(__file__).parent / "static"


@dataclass
class State:
    """Shared by every request: the models, the limits, and the cached history exhibits."""

    models: Models
    limits: Limits
    runner: Runner
    scratch: str
    heavy: threading.Lock = field(default_factory=threading.Lock)  # training, matplotlib: one at a time (limits.hold)
    exhibits: dict = field(default_factory=dict)


def create_app(runs: dict[str, str | Path | None] | None = None, limits: Limits | None = None,
               host: str = "127.0.0.1") -> FastAPI:
    """The app; `runs` maps classify/detect/translate/gpt/bert to a run folder (missing or None: shipped weights);
    it answers only requests addressed to 127.0.0.1, localhost or `host` (the --host it listens on)."""
    limits = limits or Limits()
    state = State(Models(runs), limits, Runner(limits), "")

    @asynccontextmanager
    async def lifespan(app):
        """On shutdown, wait for model calls still running (a timed-out one finishes first), then clean up."""
        yield
        state.runner.shutdown()
        scratch.cleanup()

    app = FastAPI(title="aprende", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="The labs of «Aprende Machine Learning» as a REST API. Errors are "
                              "`{\"error\": key, \"message\": text}`; the language comes from `?lang=es|en` or "
                              "Accept-Language (Spanish by default).")
    scratch = tempfile.TemporaryDirectory(prefix="aprende-serve-")  # the history exhibits' run folders
    state.scratch = scratch.name
    app.state.serve = state
    install_errors(app)
    for router in (misc, images, text):
        app.include_router(router, prefix="/api/v1")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index():
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return RedirectResponse("/openapi.json")

    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))  # DNS rebinding gets a 400
    app.add_middleware(Guard)  # outermost: its headers go on every answer, the host check's too
    return app
