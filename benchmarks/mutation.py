"""Mutation testing of the rules, the SARIF reporter, the waivers and the deliberation readers.

Runs mutmut (``pip install -e ".[test,mutation]"``) at low priority, one module after the other,
and prints the kill rate of each module. mutmut's configuration is ``[tool.mutmut]`` in
pyproject.toml: the modules it mutates and the fast tests it may run. It runs those tests once
to learn which test reaches which function, then runs against each mutant only the tests that
reach the mutated function. Not run in CI: a full run takes about half an hour on two cores.

    python benchmarks/mutation.py                      # every module
    python benchmarks/mutation.py --module sarif       # one module
    python benchmarks/mutation.py --module readers --file people.py   # some files of a module
    python benchmarks/mutation.py --survivors out.md   # and the surviving mutants' diffs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# module -> the source files mutated (their mutants are named after the dotted module path)
MODULES: dict[str, tuple[str, ...]] = {
    "votes": ("checks/votes.py", "checks/council.py"),
    "dates": ("checks/dates.py",),
    "identifiers": ("checks/identifiers.py",),
    "sarif": ("reporters/sarif.py",),
    "waivers": ("waivers.py",),
    # every section reader of the deliberation package (counts, votes, attendance, proxies...)
    "readers": tuple(
        f"extract/deliberation/{path.name}"
        for path in sorted((ROOT / "src/ctg_rules/extract/deliberation").glob("*.py"))
        if path.name != "__init__.py"
    ),
}
# module -> the tests that judge its mutants: its own, not every test that happens to run a rule
# (of those, mutmut then runs on each mutant only the ones that reach the mutated function)
FIXTURES = "tests/test_rule_fixtures.py"
TESTS: dict[str, tuple[str, ...]] = {
    "votes": ("tests/test_votes.py", "tests/test_votes_properties.py", "tests/test_council.py", FIXTURES),
    "dates": ("tests/test_dates.py", FIXTURES),
    "identifiers": ("tests/test_identifiers.py", "tests/test_transaction_numbers.py", FIXTURES),
    "sarif": ("tests/test_sarif.py", "tests/test_reporters.py"),
    "waivers": ("tests/test_waivers.py", FIXTURES),
    "readers": (
        "tests/test_extract_layouts.py",
        "tests/test_extract_seed.py",
        "tests/test_extract_cli.py",
        # the readers' unit tests: one file per reader or family of readers
        *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_reader_*.py")),
    ),
}

# mutmut's exit codes of a mutant's test run, as mutmut reads them
KILLED = {1, 3}
STATUS = {0: "survived", 33: "no tests", 5: "no tests", 34: "skipped"}
# the CPU time limit (SIGXCPU, then SIGKILL one second later): an endless loop the tests stopped
STATUS.update(dict.fromkeys((24, -24, 36, 152, 255, -9), "timeout"))


def mutate_rules_too() -> None:
    """Let mutmut mutate the functions decorated with ``@rule(...)``: the rules' own bodies.

    mutmut leaves every decorated function alone (a decorator may run side effects when the
    function is defined twice). ``rule`` only sets an attribute and returns the function, and
    mutmut's trampoline keeps the signature it reads, so its functions are safe to mutate.
    """
    import libcst as cst
    from libcst.metadata import PositionProvider
    from mutmut.mutation import file_mutation

    skip = file_mutation.MutationVisitor._skip_node_and_children

    def ours(decorator: cst.Decorator) -> bool:
        call = decorator.decorator
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "rule"

    def patched(self: Any, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FunctionDef) and node.decorators and all(map(ours, node.decorators)):
            position = self.get_metadata(PositionProvider, node, None)
            if position and position.start.line in self._ignored_node_lines:  # "# pragma: no mutate"
                self.ignored_functions.add(node.name.value)
                return True
            return False
        return skip(self, node)

    file_mutation.MutationVisitor._skip_node_and_children = patched


def mutmut(argv: list[str]) -> int:
    """mutmut's command line, rules included (``python benchmarks/mutation.py --mutmut results``)."""
    from mutmut.__main__ import cli

    mutate_rules_too()
    tests = os.environ.get("CTG_RULES_MUTATION_TESTS")
    if tests:
        from mutmut.configuration import config

        config().pytest_add_cli_args_test_selection = tests.split()
    return cli.main(argv, prog_name="mutmut", standalone_mode=True)


def dotted(source: str) -> str:
    return "ctg_rules." + source.removesuffix(".py").replace("/", ".")


def sources(name: str, files: list[str] | None) -> tuple[str, ...]:
    """The module's source files, or those of them whose name is in ``files``."""
    return tuple(s for s in MODULES[name] if not files or Path(s).name in files)


def run_module(name: str, children: int, files: list[str] | None = None) -> float:
    """Run mutmut on one module's mutants; the wall-clock seconds it took."""
    globs = [dotted(source) + ".*" for source in sources(name, files)]
    command = [
        "nice",
        "-n",
        "19",
        sys.executable,
        __file__,
        "--mutmut",
        "run",
        "--max-children",
        str(children),
    ]
    start = time.monotonic()
    # mutmut draws a spinner: its output goes to a log, the summary is ours
    with open(ROOT / "mutants" / f"{name}.log", "w", encoding="utf-8") as log:
        env = {**os.environ, "CTG_RULES_MUTATION_TESTS": " ".join(TESTS[name])}
        done = subprocess.run([*command, *globs], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    if done.returncode != 0:
        sys.exit(f"mutmut failed on {name}: see mutants/{name}.log")
    return time.monotonic() - start


def results(source: str) -> dict[str, int | None]:
    """Each mutant of a source file and the exit code of its tests (None: not run)."""
    meta = ROOT / "mutants" / "src" / "ctg_rules" / (source + ".meta")
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def tally(source: str) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    survivors = []
    for mutant, code in sorted(results(source).items()):
        status = "killed" if code in KILLED else STATUS.get(code, "not run" if code is None else "other")
        counts[status] += 1
        if status not in ("killed", "timeout"):
            survivors.append(mutant)
    return counts, survivors


def diff(mutant: str, source: str) -> str:
    """The mutated lines of a mutant (mutmut's own diff, read in this process: no start-up each)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    os.chdir(ROOT)
    text = get_diff_for_mutant(mutant, path=Path("src/ctg_rules") / source)
    return "\n".join(
        line for line in text.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--mutmut"]:
        return mutmut(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--module", choices=sorted(MODULES), action="append", help="repeatable; default all")
    parser.add_argument("--max-children", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument(
        "--file",
        action="append",
        help="only these source files of the module (a name: people.py); repeatable",
    )
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from an earlier run")
    parser.add_argument("--survivors", type=Path, help="write the surviving mutants' diffs to this file")
    args = parser.parse_args(argv)
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    (ROOT / "mutants").mkdir(exist_ok=True)
    # the tests run in mutants/: point them at ../shared (the seed the readers' tests read), when
    # there is one; without it those tests skip and the readers' figures are lower
    shared = ROOT.parent / "shared"
    if "CTG_RULES_SHARED" not in os.environ and shared.is_dir():
        os.environ["CTG_RULES_SHARED"] = str(shared)
    lines = [
        "| module | file | mutants | killed | timed out | survived | no tests | other | kill rate | time |"
    ]
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    report = []
    printed = 0
    for name in args.module or list(MODULES):
        seconds = run_module(name, args.max_children, args.file)
        for source in sources(name, args.file):
            counts, survivors = tally(source)
            total = sum(counts.values())
            # a mutant the tests stop by their time limit (an endless loop) is detected: killed
            caught = counts["killed"] + counts["timeout"]
            rate = caught / total if total else 1.0
            other = total - caught - counts["survived"] - counts["no tests"]
            lines.append(
                f"| {name} | {source} | {total} | {counts['killed']} | {counts['timeout']} | {counts['survived']} "
                f"| {counts['no tests']} | {other} | {rate:.1%} | {seconds:.0f} s |"
            )
            report += [f"### {mutant}\n```diff\n{diff(mutant, source)}\n```\n" for mutant in survivors]
        print("\n".join(lines[printed:]), flush=True)
        printed = len(lines)
        if args.survivors:  # after each module: the next one's different tests reset mutmut's results
            args.survivors.write_text("\n".join(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
