"""What keeps other sites and other machines out: hosts, origins, sizes and headers.

backcoach in personal mode has no accounts: whoever can send it a request is
"the person". So it must only answer requests that come from its own pages:

- a Host allow-list (Starlette's ``TrustedHostMiddleware``) stops DNS rebinding,
  where a page on another site points its own name at 127.0.0.1 and reads the answers;
- a cross-site guard refuses every state-changing request (and every WebSocket)
  whose ``Sec-Fetch-Site`` or ``Origin`` says it came from another site, so a page
  elsewhere cannot post a form or a no-cors fetch here. Clients that are not
  browsers (curl, the tests) send neither header, and no web page can make a
  browser leave both out of a cross-site request;
- request bodies have a size limit, enforced while reading, answered with a 413;
- every response carries security headers and a Content-Security-Policy that the
  app's own pages satisfy (no inline script or style).

These are plain ASGI middlewares so that they also cover static files, errors and
the WebSocket handshake.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Sec-Fetch-Site values a page of this app (or the person typing a URL) produces.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})
MAX_BODY_BYTES = 1024 * 1024
# A camera frame is about 3,000 characters; uvicorn refuses bigger messages before
# reading them into memory.
MAX_WEBSOCKET_BYTES = 64 * 1024

# MediaPipe's WebAssembly needs 'wasm-unsafe-eval' (compiling wasm), not 'unsafe-eval'.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # "no-referrer" would make Chromium send Origin: null on the app's own form posts.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(self), microphone=(), geolocation=(), payment=()"),
)


def is_loopback(host: str) -> bool:
    return host.strip("[]") in {"127.0.0.1", "localhost", "::1"} or host.startswith("127.")


def allowed_hosts(configured: Iterable[str], serving_host: str | None = None) -> list[str]:
    """The Host names the app answers to: loopback names, configured ones, and the
    address it was asked to listen on when that is a specific one."""
    hosts = [*LOOPBACK_HOSTS, *configured]
    if serving_host and serving_host not in {"0.0.0.0", "::", ""}:
        hosts.append(serving_host)
    return list(dict.fromkeys(hosts))


def cross_site_reason(scope: Scope) -> str | None:
    """Why this request must be refused as coming from another site, or None."""
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        # The browser's own word, which no page can forge; Origin can be "null" on the
        # app's own form posts (privacy settings, redirects), so it only decides without it.
        if fetch_site in OWN_FETCH_SITES:
            return None
        return f"a request from another site ({fetch_site}) cannot change anything here"
    origin = headers.get("origin")
    if origin is None:
        return None
    host = headers.get("host")
    parts = urlsplit(origin)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.netloc != host:
        return f"a request from {origin} cannot change anything here"
    return None


async def _send_json(send: Send, status: int, message: str) -> None:
    body = orjson.dumps({"message": message})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _refuse_handshake(scope: Scope, send: Send, reason: str) -> None:
    """A 403 answer to the WebSocket handshake, with the reason where the server can send
    one (the ASGI denial-response extension), else a plain refusal before accepting."""
    if "websocket.http.response" in scope.get("extensions", {}):
        body = orjson.dumps({"message": reason})
        await send(
            {
                "type": "websocket.http.response.start",
                "status": 403,
                "headers": [(b"content-type", b"application/json"), *SECURITY_HEADERS],
            }
        )
        await send({"type": "websocket.http.response.body", "body": body})
    else:
        await send({"type": "websocket.close", "code": 1008, "reason": reason})


class CrossSiteGuard:
    """403 for a state-changing request or a WebSocket that another site started."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            reason = cross_site_reason(scope)
            if reason is not None:
                await _send_json(send, 403, reason)
                return
        elif scope["type"] == "websocket":
            reason = cross_site_reason(scope)
            if reason is not None:
                await _refuse_handshake(scope, send, reason)
                return
        await self.app(scope, receive, send)


class BodySizeLimit:
    """413 for a body over ``limit`` bytes: refused from its Content-Length when it says
    so; a body without one (chunked) is read up to the limit, never held whole."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.limit:
                await _send_json(send, 413, self._message())
                return
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _send_json(send, 413, self._message())
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    def _message(self) -> str:
        return f"request body too large: at most {self.limit // 1024} KiB"


class SecurityHeaders:
    """Adds the security headers to every HTTP response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", ())}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
