"""The generated code kept on disk (ctg_rules/codecache.py): the classes and annotations made with
it behave as without it, the code is compiled once, and a problem only costs a compile."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from ctg_rules import codecache
from tests.conftest import SEED


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch) -> Path:
    """An empty cache folder, a process that has read nothing from it, the hooks installed."""
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path / "cache"))
    _next_process(monkeypatch)
    monkeypatch.setattr(codecache, "_used", set())
    codecache.install()
    yield tmp_path / "cache"
    codecache.uninstall()


def _next_process(monkeypatch) -> None:
    monkeypatch.setattr(codecache, "_table", None)
    monkeypatch.setattr(codecache, "_new", {})


def _make_class() -> type:
    @dataclasses.dataclass(frozen=True, order=True)
    class Member:
        name: str
        seats: int = 1
        roles: list[str] = dataclasses.field(default_factory=list, compare=False)

    return Member


def test_a_dataclass_made_from_the_cache_behaves_as_one_compiled(fresh: Path, monkeypatch) -> None:
    first = _make_class()
    made = len(codecache._new)
    assert made >= 4  # __init__, __repr__, __eq__, the order and frozen methods...
    codecache.save()
    assert [p.name.split("-")[0] for p in fresh.iterdir()] == ["generated"]

    _next_process(monkeypatch)
    again = _make_class()
    assert not codecache._new and len(codecache._table or {}) == made  # read back, not compiled
    a, b = again("Jean DURAND", 2), again("Claire ROBIN")
    assert repr(a) == "_make_class.<locals>.Member(name='Jean DURAND', seats=2, roles=[])"
    assert repr(b) == repr(first("Claire ROBIN"))
    assert b < a and a == again("Jean DURAND", 2, ["maire"]) and hash(a) == hash(again("Jean DURAND", 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.seats = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        again()  # type: ignore[call-arg]


def test_the_callers_future_flags_are_kept_and_keyed(fresh: Path) -> None:
    source = "def f(x: not_defined_anywhere) -> None:\n    return x\n"
    postponed: dict[str, object] = {}
    codecache._exec(source, {}, postponed)  # this module has `from __future__ import annotations`
    assert postponed["f"].__annotations__ == {"x": "not_defined_anywhere", "return": "None"}  # type: ignore[attr-defined]
    plain = compile("codecache._exec(source, {}, {})", "<test>", "exec", dont_inherit=True)
    with pytest.raises(NameError):  # without the flag, annotations are evaluated, as exec does
        exec(plain, {"codecache": codecache, "source": source})
    assert len({flags for (_, flags, text) in codecache._new if text == source}) == 2


def test_errors_and_other_sources_go_to_the_builtins(fresh: Path) -> None:
    with pytest.raises(SyntaxError, match="Forward reference must be an expression"):
        typing.ForwardRef("1 +")
    assert typing.ForwardRef("list[int]")._evaluate(globals(), None, frozenset()) == list[int]
    assert eval(codecache._compile("6 * 7", "<other>", "eval")) == 42  # not kept: another file name
    assert eval(codecache._compile(b"6 * 7", "<string>", "eval")) == 42  # nor bytes
    assert all(text != "6 * 7" for (_, _, text) in codecache._new)


def test_a_damaged_table_or_no_cache_only_costs_a_compile(fresh: Path, monkeypatch) -> None:
    _make_class()
    codecache.save()
    entry = next(fresh.iterdir())
    entry.write_bytes(entry.read_bytes()[:100])
    _next_process(monkeypatch)
    member = _make_class()
    assert member("x") == member("x") != member("y") and codecache._table == {}

    codecache.uninstall()
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")  # caching off: nothing installed
    codecache.install()
    assert "exec" not in vars(dataclasses) and "compile" not in vars(typing)


def test_the_program_compiles_its_generated_code_once(tmp_path: Path) -> None:
    """The first run writes the table at its exit; the second reads it and writes nothing, with the
    same report. A program importing ctg_rules as a library is left alone."""
    seed = shutil.copy(SEED, tmp_path / "seed.yaml")
    env = {**os.environ, "CTG_RULES_CACHE_DIR": str(tmp_path / "cache")}
    program = "import sys; from ctg_rules.cli import main; sys.argv[0] = 'ctg-rules'; main()"
    runs, stamps = [], []
    for _ in range(2):
        runs.append(
            subprocess.run(
                [sys.executable, "-c", program, "check", "--format", "json", str(seed)],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp_path,
                timeout=120,
            )
        )
        stamps.append([p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("generated-code-*")])
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert len(stamps[0]) == 1 and stamps[0] == stamps[1]  # written once, then only read

    library = "import dataclasses, ctg_rules.engine; print('exec' in vars(dataclasses))"
    done = subprocess.run(
        [sys.executable, "-c", library], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.strip() == "False", done.stderr
