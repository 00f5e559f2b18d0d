"""What one request may cost: body size (checked while it arrives), text lengths, and wall-clock time."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.exceptions import HTTPException

from aprende.serve.errors import ServeError


@dataclass(frozen=True)
class Limits:
    """Defaults fit a laptop; every one is a create_app argument so tests and deployments can change them."""

    max_upload_mb: float = 10.0  # text lengths are in the schema (schemas.MAX_TEXT), so OpenAPI documents them
    timeout_s: float = 30.0  # one model call (forecast training included)
    forecast_s: float = 4.0  # the quick model's training budget
    workers: int = 4  # model calls running at once; the rest wait their turn

    @property
    def max_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


class TooLarge(HTTPException):
    def __init__(self, limit_mb: float):
        super().__init__(413)
        self.limit_mb = f"{limit_mb:g}"


class BodyLimit:
    """ASGI middleware: refuse a body over the limit from its Content-Length, or as soon as it grows past it."""

    def __init__(self, app, limits: Limits):
        self.app, self.limits = app, limits

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limits.max_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self._refuse(scope, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(self.limits.max_upload_mb)
            return message

        started = False

        async def watched_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched_send)
        except TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope, send):
        from starlette.requests import Request

        from aprende.serve.errors import error_response

        response = error_response(Request(scope), 413, "serve.too_large", limit=f"{self.limits.max_upload_mb:g}")
        await response(scope, _nothing, send)


async def _nothing():
    return {"type": "http.disconnect"}


class Runner:
    """Model calls on a small thread pool with a deadline: a call past it answers 504 (it finishes in the background)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="aprende-serve")

    async def __call__(self, fn, *args, **kwargs):
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.pool, lambda: fn(*args, **kwargs))
        try:
            return await asyncio.wait_for(future, self.limits.timeout_s)
        except asyncio.TimeoutError:
            raise ServeError(504, "serve.timeout", seconds=f"{self.limits.timeout_s:g}") from None
