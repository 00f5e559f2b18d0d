"""What keeps other web sites out: the Host the page was asked for, the Origin of a POST or an API call, and the
response headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

from aprende.serve.errors import error_response

# The page loads its own script, sheet and images only; pictures the user picks are shown from blob: URLs.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"content-security-policy", CSP.encode()),
           (b"referrer-policy", b"no-referrer")]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def allowed_hosts(host: str) -> list[str]:
    """127.0.0.1, localhost and the --host value; a wildcard address (0.0.0.0, ::) was asked to be reached from
    anywhere (the CLI warns), so then any Host is accepted."""
    if host in ("0.0.0.0", "::", "[::]", ""):
        return ["*"]
    host = host.strip("[]")
    return sorted({"127.0.0.1", "localhost", f"[{host}]" if ":" in host else host})  # an IPv6 Host is in brackets


COMPUTES = "/api/"  # routes under it run models (GET /history/{exhibit} trains one), so their GETs are checked too
LOOKS = {"/api/v1/health", "/api/v1/models", "/api/v1/history"}  # GETs that only read a list: any site may ask


def foreign_origin(scope) -> str | None:
    """The other site a browser's request comes from, for a state-changing request or any request to the API: an
    Origin naming another site than the Host asked for, or (for an <img> or a link, which send no Origin) a
    Sec-Fetch-Site of cross-site/same-site. A request without either (curl, scripts) passes."""
    path = scope.get("path", "")
    if scope["method"] not in UNSAFE and (not path.startswith(COMPUTES) or path.rstrip("/") in LOOKS):
        return None
    headers = dict(scope.get("headers") or [])
    origin = headers.get(b"origin")
    if origin is not None and origin != b"null":
        origin = origin.decode("latin-1")
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if urlsplit(origin).netloc.lower() != host:
            return origin[:100]
    elif origin == b"null":  # a sandboxed frame or a file: page
        return "null"
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    return site if site in ("cross-site", "same-site") else None


class Guard:
    """ASGI middleware: refuse a cross-site POST, or any cross-site call to the API (403), and add the security
    headers to every answer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        origin = foreign_origin(scope)
        if origin is not None:
            response = error_response(Request(scope), 403, "serve.bad_origin", origin=origin)
            return await response(scope, receive, with_headers)
        await self.app(scope, receive, with_headers)
