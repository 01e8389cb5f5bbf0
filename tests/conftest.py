from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# No time limit per generated example (Hypothesis's default is 200 ms): on a loaded machine it
# failed tests that had found nothing wrong. Durations are measured in benchmarks/, not asserted.
settings.register_profile("ctg-rules", deadline=None)
settings.load_profile("ctg-rules")

# Parsed packs are cached on disk (ctg_rules.cache): in a throwaway directory, not the user's.
os.environ.setdefault("CTG_RULES_CACHE_DIR", tempfile.mkdtemp(prefix="ctg-rules-cache-"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "seed-ctg-aubrac-2023.yaml"
CLEAN = EXAMPLES / "clean-commune-ctg-2024.yaml"
DEFECTS = EXAMPLES / "defects-epci-ctg-2024.yaml"
# ../shared beside the checkout; CTG_RULES_SHARED points a worktree elsewhere at it
SHARED = Path(os.environ.get("CTG_RULES_SHARED") or ROOT.parent / "shared")


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _empty_memo_caches_under_mutmut() -> None:
    """Under mutmut, the package's memo caches (functools) start empty in each test.

    mutmut runs each mutant's tests in a process forked after the tests ran once: answering from
    caches filled then (people._split, _tokens...), the readers would never call a mutated function
    and every mutant below a cache would survive. Outside mutmut the caches are left alone.
    """
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    import sys
    from functools import cached_property

    for name, module in list(sys.modules.items()):
        if name.startswith("ctg_rules") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                    value.cache_clear()
                # a module-level object's cached properties (the built-in lexicon's word kinds)
                kept = getattr(value, "__dict__", None)
                if isinstance(kept, dict):
                    for attr, found in vars(type(value)).items():
                        if isinstance(found, cached_property):
                            kept.pop(attr, None)
