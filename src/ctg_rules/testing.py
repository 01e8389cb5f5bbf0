"""Helpers to test rules with YAML fixtures, for ctg-rules itself and for plugin authors.

A fixture is a dossier whose expected findings are written as comments on the lines they
point at::

    vote: {for: 20, against: 5}   # expect: VOT004 error

``check_fixture(path, code)`` returns the expected and actual ``(code, severity, line)`` sets
for the codes it is asked about, so a test is one equality. A plugin's tests lay fixtures out as
``<dir>/<CODE>/fail_*.yaml`` and ``pass_*.yaml`` and run them all with::

    @pytest.mark.parametrize("path", fixture_paths(FIXTURES), ids=fixture_id)
    def test_fixture(path):
        assert_fixture(path, builtins_only=True, extra_plugins=(my_plugin,))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .engine import Engine, Options
from .report import Run
from .results import FileResult, Finding

_EXPECT_RE = re.compile(
    r"#\s*expect:\s*(?P<items>[A-Z]{2,5}[0-9]{3}\s+\w+(?:\s*,\s*[A-Z]{2,5}[0-9]{3}\s+\w+)*)"
)

Expectation = tuple[str, str, int]


def expectations(text: str) -> set[Expectation]:
    """``(code, severity, line)`` announced by ``# expect: CODE severity[, CODE severity]`` comments."""
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT_RE.search(line)
        if match:
            for item in match.group("items").split(","):
                code, severity = item.split()
                found.add((code, severity, number))
    return found


def check_text(text: str, name: str = "<fixture>", **options: Any) -> FileResult:
    """Check YAML text with the installed rules; ``options`` are :class:`ctg_rules.Options` fields."""
    engine = Engine(Options(**options))
    return _whole_run(engine, engine.check_text(text, name))


def check_file(path: str | Path, **options: Any) -> FileResult:
    """Check one file; the run-scoped rules' findings are added to its own."""
    engine = Engine(Options(**options))
    return _whole_run(engine, engine.check_file(path))


def _whole_run(engine: Engine, result: FileResult) -> FileResult:
    """A run of one file: its result with the findings of the rules that look across the run."""
    run = Run([engine])
    [result] = run.results([(result, engine)])
    result.findings.extend(run.end().run_findings)
    return result


def triples(findings: Iterable[Finding], codes: Iterable[str] | None = None) -> set[Expectation]:
    wanted = set(codes) if codes is not None else None
    return {
        (f.code, f.severity, f.line or 0)
        for f in findings
        if (wanted is None or f.code in wanted) and not f.suppressed
    }


def check_fixture(
    path: str | Path, codes: Iterable[str] | None = None, **options: Any
) -> tuple[set[Expectation], set[Expectation]]:
    """Expected and actual findings of a fixture file, restricted to ``codes`` (all when None).

    Raises AssertionError with the load errors when the fixture itself is not a valid dossier.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    result = check_file(path, **options)
    if result.errors:
        raise AssertionError("fixture does not load:\n" + "\n".join(str(e) for e in result.errors))
    expected = expectations(text)
    if codes is not None:
        expected = {e for e in expected if e[0] in set(codes)}
    return expected, triples(result.findings, codes)


def fixture_paths(directory: str | Path) -> list[Path]:
    """Every fixture ``<directory>/<CODE>/*.yaml``, sorted (for ``pytest.mark.parametrize``)."""
    return sorted(Path(directory).glob("*/*.yaml"))


def fixture_id(path: Path) -> str:
    """``VOT001/fail_counts``: a readable test id."""
    return f"{path.parent.name}/{path.stem}"


def assert_fixture(path: str | Path, **options: Any) -> None:
    """A fixture in a ``<CODE>`` directory gives exactly the findings of ``<CODE>`` it announces.

    ``fail_*.yaml`` must announce at least one; ``pass_*.yaml`` none. ``options`` are
    :class:`ctg_rules.Options` fields (``extra_plugins=(module,)`` for a plugin not installed).
    """
    path = Path(path)
    code = path.parent.name
    expected, actual = check_fixture(path, [code], **options)
    if path.stem.startswith("fail"):
        assert expected, f"{path.name}: a failing fixture must announce its findings with '# expect:'"
    else:
        assert path.stem.startswith("pass"), f"{path.name}: fixture names start with fail_ or pass_"
        assert not expected, f"{path.name}: a passing fixture announces no finding"
    assert actual == expected, f"{path}: expected {sorted(expected)}, got {sorted(actual)}"
