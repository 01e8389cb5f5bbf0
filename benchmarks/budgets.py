"""Time budgets that used to be asserted by unit tests (where they failed under load).

Each case is built by the test that checks its result; here it is timed (best of a few runs, in
one warm process) and compared with its budget. Prints one line per case; the exit status is 1
when a case is over budget, so it can be watched, but it is not part of the test suite.

    python benchmarks/budgets.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner
from tests.test_hostile_documents import recueil_pdf
from tests.test_hostile_yaml import NESTINGS, billion_laughs, few_aliases_bomb, many_keys, sparse_50_mb
from tests.test_names import big_roster
from tests.test_perf import _council
from tests.test_signatures import large_convention
from tests.test_votes import FAMILIES, big_council

from ctg_rules import loader
from ctg_rules.cli import cli
from ctg_rules.engine import Engine, Options
from ctg_rules.extract import extract_path
from ctg_rules.model import Dossier
from ctg_rules.names import NameResolver
from ctg_rules.testing import check_text
from ctg_rules.validation import validate


def best(work: Callable[[], object], repeat: int = 5) -> float:
    work()  # first use of every rule and cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def refused(path: Path) -> None:
    """`check` on a hostile file, in this process: it must be refused (exit 2)."""
    assert CliRunner().invoke(cli, ["check", "--lang", "en", str(path)]).exit_code == 2


def refused_in_child(path: Path) -> None:
    """The same in a fresh interpreter (start-up included), as the nesting tests run it."""
    command = [sys.executable, "-m", "ctg_rules.cli", "check", "--lang", "en", str(path)]
    assert subprocess.run(command, capture_output=True, timeout=300, check=False).returncode == 2


def checked_in_child(path: Path) -> None:
    """`check` on a document in a fresh interpreter without the extraction cache: what a first
    check of the file costs (in one process, a second check reuses what the first read)."""
    command = [sys.executable, "-m", "ctg_rules.cli", "check", "--format", "json", str(path)]
    env = {**os.environ, "CTG_RULES_CACHE_DIR": ""}
    done = subprocess.run(command, capture_output=True, timeout=600, check=False, env=env)
    assert done.returncode in (0, 1) and json.loads(done.stdout)["summary"]["checked"] == 1


def hostile_cases(tmp: Path) -> list[tuple[str, float, float]]:
    """The hostile inputs of tests/test_hostile_yaml.py and tests/test_hostile_documents.py."""
    laughs = tmp / "bomb.yaml"
    laughs.write_text(billion_laughs(), encoding="utf-8")
    huge = sparse_50_mb(tmp / "huge.yaml")
    recueil = recueil_pdf(tmp / "recueil.pdf")

    def few_aliases() -> None:
        for limits in (loader.DEFAULT_LIMITS, loader.Limits(max_aliases=10**9)):
            try:
                loader.parse(few_aliases_bomb(), limits)
            except loader.LoadError:
                continue
            raise AssertionError("the bomb was loaded")

    found = [
        ("billion laughs refused, check in process (s)", best(lambda: refused(laughs)), 5.0),
        ("60 aliases expanding to 2**30 values refused twice (s)", best(few_aliases), 5.0),
        ("50 MB file refused before it is read, check in process (s)", best(lambda: refused(huge)), 3.0),
    ]
    for name, body in NESTINGS.items():
        deep = tmp / f"deep-{name}.yaml"
        deep.write_text("ctg_rules: 1\n" + body + "\n", encoding="utf-8")
        what = f"100,000 levels of nesting ({name}) refused, fresh process (s)"
        found.append((what, best(lambda deep=deep: refused_in_child(deep), 1), 30.0))
    found.append(
        (
            "extract a 500-page PDF, one act a page, in process (s)",
            best(lambda: extract_path(recueil), 1),
            30.0,
        )
    )
    found.append(
        (
            "check a 500-page PDF, fresh process, no cache (s)",
            best(lambda: checked_in_child(recueil), 1),
            60.0,
        )
    )
    return found


def cases() -> list[tuple[str, float, float]]:
    """(what, seconds or ratio measured, budget)."""
    engine = Engine()
    small, large = _council(500), _council(2000)
    thousand = _council(1000)
    votes = Engine(Options(builtins_only=True, select=FAMILIES))
    roster, queries = big_roster()
    convention = large_convention()
    keys = many_keys()

    def resolve() -> None:
        resolver = NameResolver(roster)
        for q in queries:
            resolver.resolve(q)

    def validated() -> None:
        document = loader.parse(keys)
        validate(document.data, document.locate, "en")

    t500, t2000 = best(lambda: engine.check_text(small)), best(lambda: engine.check_text(large))
    return [
        ("check of a 1,000-member council (s)", best(lambda: engine.check_text(thousand)), 0.5),
        ("council of 2,000 / council of 500 (x4 members; linear: 4, quadratic: 16)", t2000 / t500, 7.0),
        (
            "VOT/PRX/REC on a 1,000-member council, validated (s)",
            best(lambda: votes.check_dossier(Dossier.model_validate(big_council()))),
            1.0,
        ),
        ("3,000 name resolutions against 1,000 members (s)", best(resolve), 1.0),
        (
            "ANX/SIG/NAM on 60 parties, 1,000 members, 300 articles (s)",
            best(lambda: check_text(convention, builtins_only=True, select=("ANX", "SIG", "NAM")), 3),
            5.0,
        ),
        ("load and validate 20,000 top-level keys (s)", best(validated, 3), 10.0),
    ]


def main() -> int:
    over = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, measured, budget in cases() + hostile_cases(Path(tmp)):
            verdict = "ok" if measured < budget else "OVER BUDGET"
            over += measured >= budget
            print(f"{measured:8.3f}  budget {budget:5.1f}  {verdict:11}  {what}", flush=True)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
