"""``ctg-rules serve`` as a user starts it: the address it says, a warning off the loopback, a plain
error when the port is taken, and a clean stop on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from tests.conftest import ROOT

pytest.importorskip("uvicorn")


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """The command in a child process; its URL once it says it (read from stderr)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "ctg_rules.cli", "serve", "--no-browser", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert child.stderr is not None
    said = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        said += child.stderr.readline()
        found = re.search(r"http://[^\s]+/", said)
        if found:
            return child, said
        if child.poll() is not None:
            break
    child.kill()
    raise AssertionError(f"no address said: {said!r}")


def stop(child: subprocess.Popen[str]) -> tuple[int, str]:
    child.send_signal(signal.SIGINT)
    try:
        _, rest = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        raise
    return child.returncode, rest


def test_serve_answers_then_stops_cleanly_on_ctrl_c() -> None:
    child, said = start("--port", "0")
    url = re.search(r"http://127\.0\.0\.1:\d+/", said)
    assert url, said
    assert "warning" not in said
    with urllib.request.urlopen(url[0] + "healthz", timeout=30) as answer:
        assert answer.status == 200
    with urllib.request.urlopen(url[0], timeout=30) as page:
        html = page.read().decode()
    assert 'lang="fr"' in html and "/static/app.js" in html and "http" not in html.split("<body>")[1]
    code, rest = stop(child)
    assert code == 0, rest
    assert "stopped" in rest and "Traceback" not in rest


def test_serve_warns_off_the_loopback() -> None:
    child, said = start("--host", "0.0.0.0", "--port", "0")
    try:
        assert "warning" in said and "0.0.0.0" in said
    finally:
        assert stop(child)[0] == 0


def test_a_taken_port_is_a_plain_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--no-browser", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
