"""The outermost layer of the web application: request bodies limited before anything parses them, and the
security headers on every response, error pages and 500s included.

It wraps the whole ASGI stack (outside Starlette's error middleware), so nothing leaves without the headers.
"""
from __future__ import annotations

import json
import time
from typing import Callable

from starlette.exceptions import HTTPException

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin"),
           (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
           (b"cross-origin-opener-policy", b"same-origin"), (b"cross-origin-resource-policy", b"same-origin")]


class BodyTooLarge(HTTPException):
    """A request body over its limit (HTTP 413), noticed while it streams in."""

    def __init__(self, limit: int):
        super().__init__(413, f"isi permintaan terlalu besar (batas {limit} byte)")


class Guard:
    """ASGI middleware: `limit_for(method, path)` gives the body limit in bytes of a request."""

    def __init__(self, app, limit_for: Callable[[str, str], int], secure: bool = False):
        self.app, self.limit_for, self.secure = app, limit_for, secure

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        path = scope.get("path", "")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(HEADERS)]
                names = {k.lower() for k, _ in headers}
                headers += HEADERS
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                if scope.get("scheme") == "https" or self.secure:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if not path.startswith("/static/") and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        limit = self.limit_for(scope.get("method", "GET"), path)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        try:
            too_big = declared is not None and int(declared) > limit
        except ValueError:
            too_big = True
        if too_big:
            return await _refuse(scope, send_with_headers, limit)
        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send_with_headers)


async def _refuse(scope, send, limit: int) -> None:
    message = f"isi permintaan terlalu besar (batas {limit} byte)"
    if scope.get("path", "").startswith("/api/"):
        body, ctype = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body = ("<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Terlalu besar</title>"
                f"<h1>Isi permintaan terlalu besar</h1><p>{message}.</p><p><a href=\"/\">Kembali</a></p></html>").encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
