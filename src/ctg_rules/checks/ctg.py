"""Built-in rule: what a Convention Territoriale Globale's articles say of itself (CTG001).

A CTG states its duration in an article ("conclue pour une durée de cinq ans", "à compter du 1er
janvier 2024 jusqu'au 31 décembre 2028") and organises its steering and its evaluation. The
article's figures are read with a few patterns; what they cannot read is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..dates import MONTHS_FR, add_years, real_date
from ..hookspecs import hookimpl
from ..model import Article, Convention, Dossier
from ..names import fold_alnum
from ..packs import builtin_pack

_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
            "huit": 8, "neuf": 9, "dix": 10}  # fmt: skip
_MONTH = "|".join(sorted({fold_alnum(m) for m in MONTHS_FR}, key=lambda m: (-len(m), m)))
_DATE = rf"(\d{{1,2}})(?:er)?\s+(?:({_MONTH})\s+(\d{{4}})|(\d{{1,2}})\s+(\d{{4}}))"
#: "du 1er janvier 2024 au 31 décembre 2028", "à compter du 01 01 2024 jusqu'au 31 12 2028"
_SPAN = regex.compile(rf"\b(?:du|compter\s+du)\s+{_DATE}\s+(?:au|jusqu\s+au)\s+{_DATE}")
#: "pour une durée de cinq (5) ans", "conclue pour 4 années", "d'une durée de quatre ans"
_YEARS = regex.compile(
    rf"\b(?:duree|pour)\s+(?:de\s+|d\s+)?(?:une\s+duree\s+de\s+)?({'|'.join(_NUMBERS)}|\d{{1,2}})"
    r"(?:\s+\d{1,2})?\s+(?:ans|annees)\b"
)
#: what an article on the steering of the convention or on its evaluation says
_GOVERNANCE = regex.compile(r"\b(?:comite\s+de\s+pilotage|pilotage|gouvernance|comite\s+de\s+suivi)\b")
_EVALUATION = regex.compile(r"\b(?:evalu\w*|bilans?)\b")


def is_ctg(convention: Convention) -> bool:
    """A CTG: its type says so, or its title ("Convention territoriale globale")."""
    if convention.type and fold_alnum(convention.type) == "ctg":
        return True
    return "convention territoriale globale" in fold_alnum(convention.title or "")


def _date(groups: tuple[str | None, ...]) -> date | None:
    day, month_word, year_word, month_number, year_number = groups
    month = MONTHS_FR.get(month_word or "") or (int(month_number) if month_number else None)
    try:
        return date(int(year_word or year_number or 0), month or 0, int(day or 0))
    except ValueError:
        return None


def stated_terms(text: str) -> Iterator[tuple[str, Any]]:
    """The durations an article states: ("span", (start, end)) and ("years", n)."""
    plain = fold_alnum(text)
    for m in _SPAN.finditer(plain):
        start, end = _date(m.groups()[:5]), _date(m.groups()[5:])
        if start and end:
            yield "span", (start, end)
    for m in _YEARS.finditer(plain):
        word = m.group(1)
        yield "years", _NUMBERS.get(word) or int(word)


_DURATION_TITLE = regex.compile(r"\b(?:duree|periode|vigueur|effet)\b")
_SENTENCE = regex.compile(r"(?<=[.;:!?])\s+|\n+")


def _duration_text(article: Article) -> str:
    """What of an article speaks of the convention's own duration: the whole article when its title
    says so ("Durée de la convention"), else only its sentences about "la présente convention"
    (an action plan's own dates elsewhere are not the convention's)."""
    if _DURATION_TITLE.search(fold_alnum(article.title or "")):
        return f"{article.title or ''}\n{article.text or ''}"
    sentences = _SENTENCE.split(article.text or "")
    return "\n".join(x for x in sentences if "presente convention" in fold_alnum(x))


def _article_path(k: int, article: Article) -> tuple[Any, ...]:
    return ("convention", "articles", k, "text" if article.text else "title")


def _duration_findings(convention: Convention) -> Iterator[Violation]:
    period = convention.period
    start = real_date(period.start) if period else None
    end = real_date(period.end) if period else None
    if not (start and end):
        return
    for k, article in enumerate(convention.articles):
        args = {"article": article.number or k + 1, "start": start, "end": end}
        for kind, value in stated_terms(_duration_text(article)):
            if kind == "span" and value != (start, end):
                yield Violation(
                    _article_path(k, article),
                    key="span",
                    args={**args, "stated_start": value[0], "stated_end": value[1]},
                )
            elif kind == "years" and add_years(start, value) != end + timedelta(days=1):
                yield Violation(_article_path(k, article), key="years", args={**args, "years": value})


def _mentions(convention: Convention, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(fold_alnum(f"{a.title or ''} {a.text or ''}")) for a in convention.articles)


@rule("CTG001")
def ctg_articles(dossier: Dossier) -> Iterator[Violation]:
    """A CTG whose articles state another duration than its period, or say nothing of its
    governance or its evaluation."""
    convention = dossier.convention
    if convention is None or not convention.articles or not is_ctg(convention):
        return
    yield from _duration_findings(convention)
    steered = bool(convention.governance and convention.governance.steering_committee)
    missing = [
        what
        for what, present in (
            ("governance", steered or _mentions(convention, _GOVERNANCE)),
            ("evaluation", _mentions(convention, _EVALUATION)),
        )
        if not present
    ]
    if missing:
        key = "both" if len(missing) == 2 else missing[0]
        yield Violation(("convention", "articles"), key=key, args={"articles": len(convention.articles)})


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("ctg.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [ctg_articles]
