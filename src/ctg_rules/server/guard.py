"""What every request goes through before the application: the Host check and the origin check.

A server on the loopback is still reachable from any web page the clerk opens: a page may post
to ``http://127.0.0.1:8765`` (a cross-origin post) or point a name of its own at that address
(DNS rebinding) to read the answers. So a request is refused unless its ``Host`` header names
the address the server is bound to (``localhost`` too on the loopback; on a wildcard address any
IP literal, never a domain name), and a request that changes something (POST...) is refused
when the browser says it comes from another origin (``Origin``, ``Sec-Fetch-Site``). Programs
that are not browsers send no ``Origin``: they are served.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WILDCARDS = ("0.0.0.0", "::", "")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: sent with every answer: no sniffing, no framing, no referrer, the page's own assets only
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
]


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1``, ``localhost``: reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return None


def split_host(value: str) -> tuple[str, int | None]:
    """``127.0.0.1:8765`` -> (``127.0.0.1``, 8765); ``[::1]:80`` -> (``::1``, 80); no port: None."""
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        host, _, port = value.partition(":")
    else:
        host, port = value, ""
    if port and not port.isdigit():
        return host, -1
    return host.lower(), int(port) if port else None


@dataclass(frozen=True)
class Binding:
    """The address and port the server listens on: what a request's ``Host`` must name."""

    host: str
    port: int

    def allows(self, header: str | None) -> bool:
        """Whether a ``Host`` header names this server (the DNS rebinding defence)."""
        if not header:
            return False
        host, port = split_host(header.strip())
        if (port or 80) != self.port:
            return False
        bound = self.host.lower().strip("[]")
        if host == "localhost":
            return is_loopback(bound) or bound in WILDCARDS
        ip, bound_ip = _ip(host), _ip(bound)
        if ip is None:  # a domain name: only the one the server was bound to by name
            return bound_ip is None and host == bound
        if bound in WILDCARDS:
            return True
        return bound_ip is not None and ip == bound_ip


def cross_origin(headers: dict[bytes, bytes], host: str) -> bool:
    """Whether the browser says the request comes from a page of another origin."""
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if site and site not in ("same-origin", "none"):
        return True
    origin = headers.get(b"origin")
    if origin is None:
        return False
    return origin.decode("latin-1") != f"http://{host}"


class Guard:
    """ASGI middleware: refuse foreign Host headers (400) and cross-origin changes (403)."""

    def __init__(self, app: ASGIApp, binding: Binding) -> None:
        self.app = app
        self.binding = binding

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not self.binding.allows(host):
            await refuse(send, 400, "invalid Host header (this server answers to its own address only)")
            return
        if scope["method"] not in _SAFE_METHODS and cross_origin(headers, host):
            await refuse(send, 403, "cross-origin request refused")
            return

        async def secured(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, secured)


async def refuse(send: Send, status: int, message: str) -> None:
    """A JSON refusal, ``{"error": message}``, sent before the application sees the request."""
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})
