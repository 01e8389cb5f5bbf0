"""Built-in rules: identifiers."""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from ..packs import builtin_pack


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("identifiers.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return []
