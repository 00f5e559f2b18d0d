"""What one request may cost: body size and the time to receive it (checked while it arrives), text lengths,
wall-clock time, and a place in a bounded queue (503 with Retry-After when full)."""

from __future__ import annotations

import asyncio
import contextvars
import ctypes
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request

from aprende.core import budgets
from aprende.core.deadline import deadline, passed, remaining
from aprende.serve.errors import ServeError, error_response


@dataclass(frozen=True)
class Limits:
    """Defaults fit a laptop; every one is a create_app argument so tests and deployments can change them."""

    max_upload_mb: float = 10.0  # text lengths are in the schema (schemas.MAX_TEXT), so OpenAPI documents them
    timeout_s: float = 30.0  # one model call (forecast training included)
    forecast_s: float = 4.0  # the quick model's training budget
    workers: int = 4  # model calls running at once; the rest wait their turn
    heavy_workers: int = 1  # forecast trainings and exhibit runs at once (they take the shared lock anyway)
    body_s: float = 20.0  # the whole request body must have arrived by then (a client sending a byte a second: 408)
    queue: int = 32  # model calls waiting for a light worker; one more is a 503 with Retry-After
    heavy_queue: int = 4  # heavy calls waiting (each holds its upload; 4 × a forecast's seconds fits timeout_s)
    retry_after_s: int = 5  # what a 503 asks the client to wait
    stop_grace_s: float = 1.0  # after a 504, how long the call may take to stop by itself before it is stopped
    connections: int = 64  # open connections uvicorn serves at once (limit_concurrency); more get its own 503
    keep_alive_s: int = 5  # an idle kept-alive connection is closed after this (uvicorn's timeout_keep_alive)

    @property
    def max_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


class TooLarge(HTTPException):
    def __init__(self, limit_mb: float):
        super().__init__(413)
        self.limit_mb = f"{limit_mb:g}"


class TooSlow(HTTPException):
    def __init__(self, seconds: float):
        super().__init__(408)
        self.seconds = f"{seconds:g}"


class BodyLimit:
    """ASGI middleware: refuse a body over the limit from its Content-Length, or as soon as it grows past it, and a
    body that has not fully arrived within `body_s` of the request's start (408)."""

    def __init__(self, app, limits: Limits):
        self.app, self.limits = app, limits

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limits.max_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self._refuse(scope, send)
        seen, end = 0, time.monotonic() + self.limits.body_s

        async def counted():
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), max(0.0, end - time.monotonic()))
            except asyncio.TimeoutError:
                raise TooSlow(self.limits.body_s) from None
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
        except TooSlow:
            if not started:
                await self._refuse(scope, send, slow=True)

    async def _refuse(self, scope, send, slow: bool = False):
        if slow:
            response = error_response(Request(scope), 408, "serve.too_slow", seconds=f"{self.limits.body_s:g}")
        else:
            response = error_response(Request(scope), 413, "serve.too_large", limit=f"{self.limits.max_upload_mb:g}")
        await response(scope, _nothing, send)


async def _nothing():
    return {"type": "http.disconnect"}


class Stopped(BaseException):
    """Raised inside a worker whose call is past its deadline, so code that never checks the deadline stops too
    (and its `with hold(...)` frees the shared lock); a BaseException, so no `except Exception` in lab code eats it."""


class _Job:
    """One call's place on a worker: queued, running (on thread `tid`) or done; `lock` orders stop() with the end."""

    def __init__(self):
        self.lock, self.state, self.tid = threading.Lock(), "queued", 0

    def stop(self) -> None:
        """Raise Stopped in the worker if the call still runs there (at its next bytecode, after any C call ends)."""
        with self.lock:
            if self.state == "running":
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.tid), ctypes.py_object(Stopped))
            self.state = "done"  # a call still queued is dropped when a worker reaches it


class Runner:
    """Model calls on small thread pools, each with a deadline that the lab code sees (core.deadline), so a call past
    it answers 504 AND stops: at its next step, or else by a Stopped raised in its thread; the worker then takes the
    next call. Heavy jobs (training a forecast, drawing an exhibit) have their own pool, so they never hold every
    light worker. Each pool takes `queue` (`heavy_queue`) waiting calls beyond its workers; one more is a 503
    with Retry-After."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="aprende-serve")
        self.heavy_pool = ThreadPoolExecutor(max_workers=limits.heavy_workers, thread_name_prefix="aprende-heavy")
        self.pending = {id(self.pool): 0, id(self.heavy_pool): 0}  # calls queued or running, per pool

    def end(self) -> float:
        """The monotonic time at which a call started now must be answered."""
        return time.monotonic() + self.limits.timeout_s

    async def __call__(self, fn, *args, heavy: bool = False, end: float | None = None, **kwargs):
        """fn(*args, **kwargs) on a worker, within the deadline `end` (default: timeout_s from now), or a 504."""
        end = self.end() if end is None else end
        pool = self.heavy_pool if heavy else self.pool
        room = self.limits.heavy_workers + self.limits.heavy_queue if heavy else self.limits.workers + self.limits.queue
        if self.pending[id(pool)] >= room:  # counted on the event loop: no race
            raise ServeError(503, "serve.busy", seconds=f"{self.limits.retry_after_s}")
        loop, job = asyncio.get_running_loop(), _Job()
        self.pending[id(pool)] += 1
        # The worker runs in a copy of this context, so the deadline it sets there is the one the lab code reads.
        future = loop.run_in_executor(pool, contextvars.copy_context().run, _within, end, job, fn, args, kwargs)
        future.add_done_callback(lambda f: self._done(pool, f))
        try:
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, end - time.monotonic()))
        except asyncio.TimeoutError:
            loop.call_later(self.limits.stop_grace_s, job.stop)  # lab code that checks the deadline ends first
            raise self.timeout() from None
        except asyncio.CancelledError:  # the client left: the call is not wanted any more
            job.stop()
            raise
        except Stopped:
            raise self.timeout() from None
        except ServeError as exc:
            if exc.status == 504:  # dropped in the queue, or the shared lock not free in time
                raise self.timeout() from None
            raise

    def _done(self, pool, future) -> None:
        """The worker is free again; an answer nobody waits for any more (past its deadline) is dropped here."""
        self.pending[id(pool)] -= 1
        if not future.cancelled():
            future.exception()

    async def stream(self, fn, *args):
        """Iterate the generator fn(*args) one step per worker call, with one deadline for the whole stream: the
        same pool and limit as every other call. Past the deadline the stream simply ends."""
        end = self.end()
        steps = fn(*args)  # a generator: nothing runs until the first next(), on a worker
        try:
            while True:
                try:
                    piece = await self(next, steps, _DONE, end=end)
                except ServeError:
                    return
                if piece is _DONE:
                    return
                yield piece
        finally:
            try:
                steps.close()
            except ValueError:  # still running a step on a worker (the client left): it ends at the deadline
                pass

    def timeout(self) -> ServeError:
        return ServeError(504, "serve.timeout", seconds=f"{self.limits.timeout_s:g}")

    def shutdown(self) -> None:
        """Wait for the calls still running (a timed-out one stops at its deadline), drop the queued ones."""
        for pool in (self.pool, self.heavy_pool):
            pool.shutdown(wait=True, cancel_futures=True)


_DONE = object()


def _within(end: float, job: _Job, fn, args, kwargs):
    """On the worker: a call whose deadline passed while it waited is dropped; otherwise it runs under it."""
    with job.lock:
        left = end - time.monotonic()
        if left <= 0 or job.state == "done":
            raise ServeError(504, "serve.timeout", seconds="?")
        job.state, job.tid = "running", threading.get_ident()
    try:
        with deadline(left), budgets.tightened(budgets.SERVER):  # the server's budgets, under every call
            result = fn(*args, **kwargs)
            if passed():  # the lab code stopped at the deadline: what it returns is cut short, never an answer
                raise ServeError(504, "serve.timeout", seconds="?")
            return result
    finally:
        with job.lock:
            job.state = "done"


@contextmanager
def hold(lock: threading.Lock):
    """Take a shared lock, waiting no longer than the current deadline: a call that cannot get it in time is a 504."""
    left = remaining()
    if not lock.acquire(timeout=-1 if left is None else left):
        raise ServeError(504, "serve.timeout", seconds="?")
    try:
        yield
    finally:
        lock.release()
