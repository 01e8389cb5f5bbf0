"""The shape of the source tree, measured with the standard library (issue 24).

No import cycle between the modules of ``src/`` (every import counts: at the top, inside a
function, or only for type checkers, since each one ties two rooms together), no module over
600 lines and no function of 60 lines or more. Run this file as a script to print the figures.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60  # a function must be shorter than this

#: Packages left out of the size limits, TEMPORARILY, while they are being rewritten. Remove an
#: entry as soon as its rewrite lands (test_an_exemption_is_still_needed fails once it is not);
#: the list must not grow.
SIZE_EXEMPT: tuple[str, ...] = ()


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def exempt(module: str) -> bool:
    """Whether a module is in an exempted package (or is one)."""
    return any(within(module, p) for p in SIZE_EXEMPT)


def modules(src: Path = SRC) -> dict[str, Path]:
    """Every module under ``src`` by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(
    node: ast.Import | ast.ImportFrom, name: str, is_package: bool, known: set[str]
) -> Iterator[str]:
    """The modules of ``known`` one import statement of module ``name`` names."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = name.split(".") if is_package else name.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        # `from pkg import mod` names the module pkg.mod; `from pkg import attr` names pkg
        targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    for target in targets:
        while target and target not in known:  # `import pkg.mod.attr` or an outside module
            target = target.rpartition(".")[0]
        if target and target != name:
            yield target


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module -> the modules of ``src`` it imports, wherever the import statement stands."""
    found = modules(src)
    known = set(found)
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        graph[name] = {
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _imported(node, name, is_package, known)
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(out)


@functools.cache
def module_lines(src: Path = SRC) -> dict[str, int]:
    return {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules(src).items()}


@functools.cache
def function_lines(src: Path = SRC) -> dict[str, int]:
    """``module:qualified.name`` -> lines from ``def`` to the function's last line."""
    out = {}
    for name, path in modules(src).items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def walk(node: ast.AST, prefix: str, module: str = name) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    qualified = f"{prefix}{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        out[f"{module}:{qualified}"] = (child.end_lineno or child.lineno) - child.lineno + 1
                    walk(child, qualified + ".", module)
                else:
                    walk(child, prefix, module)

        walk(tree, "")
    return out


def test_the_graph_sees_relative_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    """The walker itself: a cycle hidden in a function or behind TYPE_CHECKING is still a cycle."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import x\n")
    (pkg / "a.py").write_text("def f():\n    from .sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .. import a\n"
    )
    (pkg / "c.py").write_text("import pkg.a\nfrom pkg import sub\n")
    graph = import_graph(tmp_path)
    assert graph["pkg"] == {"pkg.a"}
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert graph["pkg.c"] == {"pkg.a", "pkg.sub"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


def test_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles in src/: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_module_over_600_lines() -> None:
    too_long = {name: n for name, n in module_lines().items() if n > MAX_MODULE_LINES and not exempt(name)}
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_no_function_of_60_lines() -> None:
    too_long = {
        name: n
        for name, n in function_lines().items()
        if n >= MAX_FUNCTION_LINES and not exempt(name.partition(":")[0])
    }
    assert not too_long, f"functions of {MAX_FUNCTION_LINES} lines or more: {too_long}"


@pytest.mark.parametrize("package", SIZE_EXEMPT)
def test_an_exemption_is_still_needed(package: str) -> None:
    """An exempted package that meets the limits again leaves the list (it must not go stale)."""
    lines = [n for name, n in module_lines().items() if within(name, package)]
    functions = [n for name, n in function_lines().items() if within(name.partition(":")[0], package)]
    assert max(lines, default=0) > MAX_MODULE_LINES or max(functions, default=0) >= MAX_FUNCTION_LINES, (
        f"{package} meets the limits now: remove it from SIZE_EXEMPT"
    )


def main() -> None:
    """Print the figures: import cycles, largest modules, longest functions."""
    found = cycles(import_graph())
    print(f"import cycles (strongly connected groups of modules): {len(found)}")
    for component in found:
        print("  " + " <-> ".join(component))
    for title, table in (("largest modules", module_lines()), ("longest functions", function_lines())):
        print(title + ":")
        for name, n in sorted(table.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {n:5d}  {name}")


if __name__ == "__main__":
    sys.exit(main())
