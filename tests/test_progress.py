"""The progress line: on a terminal's stderr once a run lasts a second, never in a pipe or a CI log."""

from __future__ import annotations

import io

import pytest

from ctg_rules.progress import Progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_appears_after_a_second_and_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "CI",
        "GITHUB_ACTIONS",
        "GITLAB_CI",
        "BUILDKITE",
        "JENKINS_URL",
        "TF_BUILD",
        "TEAMCITY_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty, clock = Terminal(), Clock()
    progress = Progress(2000, tty, "fr", clock=clock)
    progress.update(1, "lot/a.yaml")
    assert tty.getvalue() == ""  # a short run shows nothing
    clock.now += 1.5
    progress.update(12, "lot/b.yaml")
    assert tty.getvalue() == "\r\x1b[Kvérification 12/2000 — lot/b.yaml"
    clock.now += 0.01
    progress.update(13, "lot/c.yaml")  # redrawn at most ten times a second
    assert tty.getvalue().count("\r") == 1
    progress.clear()
    assert tty.getvalue().endswith("\r\x1b[K") and not progress.shown


def test_never_in_a_pipe_or_a_ci_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert not wanted(io.StringIO())  # a pipe, a file
    assert wanted(Terminal())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert not wanted(Terminal())
    monkeypatch.delenv("GITHUB_ACTIONS")
    monkeypatch.setenv("TERM", "dumb")
    assert not wanted(Terminal())


def test_a_long_path_keeps_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    tty, clock = Terminal(), Clock()
    progress = Progress(10, tty, "en", clock=clock, enabled=True, after=0)
    progress.update(3, "a/very/long/path/to/some/folder/of/dossiers/d0003.yaml")
    line = tty.getvalue().removeprefix("\r\x1b[K")
    assert len(line) == 39 and line.startswith("checking 3/10") and line.endswith("d0003.yaml")
