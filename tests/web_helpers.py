"""A real ``ctg-rules serve`` application on uvicorn, on the loopback, for the API and browser tests.

The server runs in a thread of the test process on a free port; requests are made with the
standard library (``http.client``), which lets a test send any Host or Origin header.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("starlette")
pytest.importorskip("python_multipart")

from ctg_rules.server import Binding, create_app  # noqa: E402
from ctg_rules.server.uploads import UploadLimits  # noqa: E402


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        connection.close()
        return answer

    def post(
        self,
        path: str,
        files: Sequence[tuple[str, bytes]] = (),
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        config: tuple[str, bytes] | None = None,
    ) -> Answer:
        body, content_type = multipart(files, fields or {}, config)
        return self.request("POST", path, body, {"Content-Type": content_type, **(headers or {})})


def multipart(
    files: Sequence[tuple[str, bytes]], fields: dict[str, str], config: tuple[str, bytes] | None = None
) -> tuple[bytes, str]:
    """A multipart/form-data body: ``files`` fields (name, content), text fields, a ``config`` file."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    items = [("files", name, content) for name, content in files]
    if config is not None:
        items.append(("config", *config))
    for field, name, content in items:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@contextlib.contextmanager
def serving(limits: UploadLimits | None = None, host: str = "127.0.0.1") -> Iterator[Server]:
    """The application on uvicorn in a thread, on a free port of ``host``, stopped at the end."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    app = create_app(Binding(host, port), limits)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.025)
    try:
        yield Server(host, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextlib.contextmanager
def private_tmp(folder: Path) -> Iterator[Path]:
    """Temporary folders made in ``folder`` meanwhile (so a test sees what the server leaves)."""
    saved = tempfile.tempdir
    folder.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved
