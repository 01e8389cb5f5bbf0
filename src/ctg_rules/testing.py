"""Helpers to test rules with YAML fixtures, for ctg-rules itself and for plugin authors.

A fixture is a dossier whose expected findings are written as comments on the lines they
point at::

    vote: {for: 20, against: 5}   # expect: VOT004 error

An expectation may also pin the column and the message: ``@COLUMN`` and the message template's
key with its arguments, as :func:`detail` writes them (``# expect: VOT004 error @11
total(counted=25, declared=20)``); an expectation that gives them must match them exactly.
``check_fixture(path, code)`` returns the expected and actual ``(code, severity, line)`` sets
for the codes it is asked about, so a test is one equality. A plugin's tests lay fixtures out as
``<dir>/<CODE>/fail_*.yaml`` and ``pass_*.yaml`` and run them all with::

    @pytest.mark.parametrize("path", fixture_paths(FIXTURES), ids=fixture_id)
    def test_fixture(path):
        assert_fixture(path, builtins_only=True, extra_plugins=(my_plugin,))
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import regex
from .engine import Engine, Options
from .report import Run
from .results import FileResult, Finding

_EXPECT_RE = regex.compile(r"#\s*expect:(?P<items>.*)$")
# one item: CODE severity, then optionally @column and key(name=value, ...) (quoted strings may
# hold parentheses and commas)
_ITEM_RE = regex.compile(
    r"\s*(?P<code>[A-Z]{2,5}[0-9]{3})\s+(?P<severity>\w+)(?:\s+@(?P<column>[0-9]+))?"
    r"(?:\s+(?P<detail>[\w-]+\((?:[^()\"]|\"(?:[^\"\\]|\\.)*\")*\)))?\s*(?:,|$)"
)

Expectation = tuple[str, str, int]
#: (code, severity, line, column, detail); column and detail are None when the fixture leaves them out
Detailed = tuple[str, str, int, int | None, str | None]


def expectations_detailed(text: str) -> set[Detailed]:
    """Every ``# expect:`` item of ``text`` with its line, and its column and detail when given."""
    found: set[Detailed] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT_RE.search(line)
        if not match:
            continue
        items, at = match.group("items"), 0
        while at < len(items.rstrip()):
            item = _ITEM_RE.match(items, at)
            if item is None or item.end() == at:
                raise ValueError(f"line {number}: cannot read the expectation {items[at:].strip()!r}")
            column = item.group("column")
            found.add(
                (item["code"], item["severity"], number, int(column) if column else None, item["detail"])
            )
            at = item.end()
    return found


def expectations(text: str) -> set[Expectation]:
    """``(code, severity, line)`` announced by ``# expect: CODE severity[, CODE severity]`` comments."""
    return {e[:3] for e in expectations_detailed(text)}


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(_value(v) for v in items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def detail(key: str, args: Mapping[str, Any]) -> str:
    """A message as a fixture pins it: the template's key and its arguments, sorted by name."""
    return f"{key}(" + ", ".join(f"{name}={_value(v)}" for name, v in sorted(args.items())) + ")"


class _Recorder(Engine):
    """An engine that remembers each finding's message key and arguments (for fixtures)."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.details: dict[int, str] = {}
        self._kept: list[Finding] = []  # keeps the ids of ``details`` from being reused

    def _finding(self, rule: Any, violation: Any, ctx: Any) -> Finding:
        finding = super()._finding(rule, violation, ctx)
        if violation.message is None:
            self.details[id(finding)] = detail(violation.key, violation.args)
            self._kept.append(finding)
        return finding


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


def _detailed_check(path: Path, code: str, **options: Any) -> tuple[set[Detailed], set[Detailed]]:
    """Expected items of ``code`` and the actual findings, each with its column and detail."""
    engine = _Recorder(Options(**options))
    result = _whole_run(engine, engine.check_file(path))
    if result.errors:
        raise AssertionError("fixture does not load:\n" + "\n".join(str(e) for e in result.errors))
    expected = {e for e in expectations_detailed(path.read_text(encoding="utf-8")) if e[0] == code}
    actual = {
        (f.code, f.severity, f.line or 0, f.column or 0, _here(engine.details.get(id(f)), path))
        for f in result.findings
        if f.code == code and not f.suppressed
    }
    return expected, actual


def _here(text: str | None, path: Path) -> str | None:
    """A detail naming the fixture itself by its file name, wherever the suite runs from."""
    return text.replace(json.dumps(str(path), ensure_ascii=False)[1:-1], path.name) if text else text


def _matches(expected: Detailed, actual: Detailed) -> bool:
    """An expectation matches a finding on what it gives (column and detail may be left out)."""
    return expected[:3] == actual[:3] and all(
        e is None or e == a for e, a in zip(expected[3:], actual[3:], strict=True)
    )


def assert_fixture(path: str | Path, **options: Any) -> None:
    """A fixture in a ``<CODE>`` directory gives exactly the findings of ``<CODE>`` it announces,
    at the line it is written on, and at the column and with the message it gives when it does.

    ``fail_*.yaml`` must announce at least one; ``pass_*.yaml`` none. ``options`` are
    :class:`ctg_rules.Options` fields (``extra_plugins=(module,)`` for a plugin not installed).
    """
    path = Path(path)
    code = path.parent.name
    expected, actual = _detailed_check(path, code, **options)
    if path.stem.startswith("fail"):
        assert expected, f"{path.name}: a failing fixture must announce its findings with '# expect:'"
    else:
        assert path.stem.startswith("pass"), f"{path.name}: fixture names start with fail_ or pass_"
        assert not expected, f"{path.name}: a passing fixture announces no finding"
    missing = sorted((e for e in expected if not any(_matches(e, a) for a in actual)), key=str)
    extra = sorted((a for a in actual if not any(_matches(e, a) for e in expected)), key=str)
    assert not missing and not extra, (
        f"{path}: expected but not found {missing}; found but not expected {extra}"
    )
