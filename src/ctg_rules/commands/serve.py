"""``ctg-rules serve``: the page for clerks and the HTTP API, on this machine."""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import Any

import click

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


@click.command()
@click.option(
    "--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on (loopback by default)."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option(
    "--max-files",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Files one request may send (each file's size is bounded by the usual limits).",
)
def serve(host: str, port: int, no_browser: bool, max_files: int) -> None:
    """Page web et API HTTP sur cette machine / the web page and HTTP API (Ctrl-C stops).

    Needs the `web` extra: pip install 'ctg-rules[web]'. Files sent are checked in a private
    temporary folder deleted after each request; see docs/http.md.
    """
    try:
        import uvicorn

        from ..server import Binding, create_app
        from ..server.guard import is_loopback
        from ..server.uploads import UploadLimits
    except ImportError as exc:
        click.echo(
            f"ctg-rules serve: {exc.name or 'a package'} is missing; install the web extra: "
            "pip install 'ctg-rules[web]'",
            err=True,
        )
        sys.exit(2)
    if not is_loopback(host):
        click.echo(
            f"ctg-rules serve: warning: listening on {host}: other machines may reach this server "
            "and send it documents; there is no authentication.",
            err=True,
        )
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    app = create_app(Binding(host, port), UploadLimits(max_files=max_files))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    url = f"http://{_url_host(host)}:{port}/"
    threading.Thread(target=_when_ready, args=(server, url, not no_browser), daemon=True).start()
    # uvicorn shuts down on Ctrl-C, then raises the signal again for the caller: a normal stop here
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    click.echo("ctg-rules serve: stopped", err=True)


def _bind(host: str, port: int) -> Any:
    """The listening socket, or a plain error (exit 2) when the address is taken or unknown."""
    import socket

    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        click.echo(f"ctg-rules serve: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _when_ready(server: Any, url: str, browse: bool) -> None:
    """Say the address, and open the page, once the server answers (not before: an error page)."""
    import time
    import webbrowser

    for _ in range(1200):
        if server.started:
            click.echo(f"ctg-rules serve: {url} (Ctrl-C to stop)", err=True)
            if browse:
                webbrowser.open(url)
            return
        if server.should_exit:
            return
        time.sleep(0.05)
