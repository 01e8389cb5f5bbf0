"""ctg-rules plugin: the CNAF's « bonus territoire CTG » (BTC001-BTC003).

Since 2020 the CTG replaces the Contrat enfance jeunesse; the CAF keeps the former CEJ
amounts and pays them directly to the structures of the territory as the « bonus territoire
CTG », on condition that the CTG is signed with the intercommunality (caf.fr, Caf de la
Moselle). The convention therefore has to list the equipment and services that receive it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import ctg_rules
from ctg_rules import Violation
from ctg_rules.names import fold

__version__ = "0.1.0"

_BONUS = re.compile(r"\bbonus territoires?\b")
_CAF = re.compile(r"\b(caf|allocations familiales|ccss|caisse commune de securite sociale)\b")


def _caf(convention) -> bool:
    """Whether a family-benefits fund (a CAF, or a CCSS where it plays that part) is a party."""
    return any(
        p.kind == "social-security" and _CAF.search(fold(f"{p.name or ''} {p.short_name or ''}"))
        for p in convention.parties
    )


def _bonus_article(convention) -> int | None:
    """The index of the first article that commits to the bonus territoire."""
    for i, article in enumerate(convention.articles):
        if _BONUS.search(fold(f"{article.title or ''} {article.text or ''}")):
            return i
    return None


def _bonus_commitment(dossier) -> tuple[object, int] | None:
    convention = dossier.convention
    if convention is None or convention.type != "ctg" or not _caf(convention):
        return None
    i = _bonus_article(convention)
    return None if i is None else (convention, i)


@ctg_rules.rule("BTC001")
def bonus_without_equipment_list(dossier) -> Iterator[Violation]:
    """The bonus territoire is promised but no annex lists the structures that receive it."""
    found = _bonus_commitment(dossier)
    if found is None:
        return
    convention, i = found
    listed = any(a.kind == "equipment-list" or _BONUS.search(fold(a.title or "")) for a in convention.annexes)
    if not listed:
        article = convention.articles[i]
        yield Violation(("convention", "articles", i), args={"article": article.number or i + 1})


@ctg_rules.rule("BTC002")
def bonus_without_intercommunality(dossier) -> Iterator[Violation]:
    """The bonus territoire is conditional on the intercommunality signing the CTG."""
    found = _bonus_commitment(dossier)
    if found is None:
        return
    convention, i = found
    if not any(p.kind == "epci" for p in convention.parties):
        article = convention.articles[i]
        yield Violation(("convention", "parties"), args={"article": article.number or i + 1})


@ctg_rules.hookimpl
def ctg_rules_rules():
    return [bonus_without_equipment_list, bonus_without_intercommunality]


@ctg_rules.hookimpl
def ctg_rules_packs():
    # titles, messages fr/en, references and documentation; BTC003 is declared there, no Python
    return [Path(__file__).with_name("bonus.yaml")]
