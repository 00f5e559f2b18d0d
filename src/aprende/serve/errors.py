"""Errors as JSON `{"error": key, "message": text}` in the request's language, never a traceback."""

from __future__ import annotations

from contextlib import contextmanager

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from aprende.core import i18n
from aprende.core.errors import AprendeError
from aprende.core.i18n import LANGS, localize

# A lab's user error is the client's fault (422); these keys mean the thing asked for does not exist (404).
NOT_FOUND_KEYS = {"history.unknown_exhibit", "serve.not_found"}


class ServeError(Exception):
    """An AprendeError with its HTTP status (413, 503, 504, …)."""

    def __init__(self, status: int, key: str, **params):
        self.status, self.key, self.params = status, key, params
        super().__init__(key)


def request_lang(request: Request) -> str:
    """`?lang=` wins, then the first es/en of Accept-Language, else Spanish."""
    lang = request.query_params.get("lang", "").lower()[:2]
    if lang in LANGS:
        return lang
    for part in request.headers.get("accept-language", "").split(","):
        code = part.strip().lower()[:2]
        if code in LANGS:
            return code
    return "es"


def error_response(request: Request, status: int, key: str, **params) -> JSONResponse:
    lang = request_lang(request)
    params = {k: localize(lang, v.key, **v.params) if isinstance(v, AprendeError) else v for k, v in params.items()}
    return JSONResponse({"error": key, "message": localize(lang, key, **params)}, status_code=status)


@contextmanager
def process_lang(lang: str):
    """Run lab code whose figures and sentences use i18n.t in this language (callers hold State.heavy)."""
    before = i18n.chosen()
    i18n.set_lang(lang)
    try:
        yield
    finally:
        i18n.set_lang(before)


def _validation_key(errors: list[dict]) -> tuple[str, dict]:
    """Pydantic's first complaint as one of our keys: empty text and too-long text have their own."""
    first = errors[0] if errors else {}
    field = ".".join(str(p) for p in first.get("loc", ())[1:]) or "body"
    kind = first.get("type", "")
    if kind == "string_too_short":
        return "serve.empty_text", {"field": field}
    if kind == "string_too_long":
        return "serve.text_too_long", {"field": field, "max": (first.get("ctx") or {}).get("max_length", "?")}
    if kind == "missing":
        return "serve.missing_field", {"field": field}
    return "serve.bad_field", {"field": field, "detail": str(first.get("msg", ""))[:200]}


def install(app) -> None:
    """Register the handlers that turn every failure into the JSON error shape."""

    @app.exception_handler(AprendeError)
    async def _aprende(request: Request, exc: AprendeError):
        status = 404 if exc.key in NOT_FOUND_KEYS else 422
        return error_response(request, status, exc.key, **exc.params)

    @app.exception_handler(ServeError)
    async def _serve(request: Request, exc: ServeError):
        response = error_response(request, exc.status, exc.key, **exc.params)
        if exc.status == 503:  # a full queue: the client may come back once it has drained
            response.headers["retry-after"] = str(exc.params.get("seconds", "5"))
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        key, params = _validation_key(list(exc.errors()))
        return error_response(request, 422, key, **params)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        key = {404: "serve.not_found", 405: "serve.bad_method", 408: "serve.too_slow",
               413: "serve.too_large"}.get(exc.status_code, "serve.bad_request")
        params = {"what": request.url.path, "limit": getattr(exc, "limit_mb", "?"), "detail": str(exc.detail)[:200],
                  "seconds": getattr(exc, "seconds", "?")}
        return error_response(request, exc.status_code, key, **params)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        return error_response(request, 500, "serve.internal", kind=type(exc).__name__)
