"""Built-in rules: vote totals, quorum, proxies and recusals (VOT, PRX, REC)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..api import Violation, rule
from ..hookspecs import hookimpl
from ..model import Dossier
from ..packs import builtin_pack
from . import deliberations, has_proxy


@rule("VOT001")
def declared_counts(dossier: Dossier) -> Iterator[Violation]:
    """A printed count (present, represented, absent) differs from the names listed."""
    for i, d in deliberations(dossier):
        declared = d.declared
        if declared is None:
            continue
        represented = sum(1 for a in d.absent if has_proxy(a))
        if declared.present is not None and d.present and declared.present != len(d.present):
            yield Violation(
                ("deliberations", i, "declared", "present"),
                key="present",
                args={"declared": declared.present, "listed": len(d.present)},
            )
        if declared.represented is not None and d.absent and declared.represented != represented:
            yield Violation(
                ("deliberations", i, "declared", "represented"),
                key="represented",
                args={"declared": declared.represented, "listed": represented},
            )
        # Acts print "absents" either with or without the members represented: accept both.
        if (
            declared.absent is not None
            and d.absent
            and declared.absent not in (len(d.absent), len(d.absent) - represented)
        ):
            yield Violation(
                ("deliberations", i, "declared", "absent"),
                key="absent",
                args={"declared": declared.absent, "listed": len(d.absent), "represented": represented},
            )


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("votes.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [declared_counts]
