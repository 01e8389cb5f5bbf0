"""What could not be checked, and why; and documents that are not acts at all.

A rule's pack entry lists the facts it cannot do without (``needs``, defined in rules/facts.yaml or
any pack's ``facts:``) and its family of checks (``family``). A deliberation that does not print
the members in office cannot have its quorum checked: the rule finds nothing, and the report must
not read "no error" there. :func:`not_checked` lists, per family, the rules of the run that lacked
a fact and the facts they lacked; absent data stays information, never a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from .fieldpaths import absent, parse_path, walk
from .model import Dossier
from .packs import Fact, PackSet, text
from .results import Unchecked

__all__ = ["fact_words", "lacking", "needs_words", "not_a_dossier", "not_checked", "skip_reason"]


@cache
def _steps(path: str) -> Any:
    return parse_path(path)


def _holds_any(paths: Iterable[str], item: Any) -> bool:
    return any(not absent(value) for path in paths for _, _, value in walk(item, _steps(path)))


def _said(fact: Fact, item: Any) -> bool:
    """Whether one deliberation (or the convention) says the fact: one of its paths holds a value,
    or one of its ``unless`` paths does (the fact is not asked of it)."""
    # an `unless` marker counts only when set: `election: false` is an ordinary deliberation
    return _holds_any(fact.any, item) or any(
        value not in (False, 0)
        for path in fact.unless
        for _, _, value in walk(item, _steps(path))
        if not absent(value)
    )


def _subjects(dossier: Dossier, within: str) -> list[Any]:
    if within == "convention":
        return [dossier.convention] if dossier.convention is not None else []
    return list(dossier.deliberations)


def lacking(
    dossier: Dossier,
    needs: Sequence[str],
    packs: PackSet,
    *,
    known: dict[str, list[int]] | None = None,
) -> tuple[list[str], list[tuple[str, int]]]:
    """The facts of ``needs`` some deliberation (or the convention) does not say, and the items
    that do not say them (``("deliberations", 2)``, ``("convention", 0)``).

    A rule whose subject is absent (no convention, no deliberation) does not apply: nothing lacks.
    A fact no pack defines is not asked for (a plugin's pack that is not loaded). ``known`` keeps
    the items that do not say each fact, for the next call on the same dossier.
    """
    facts = [packs.facts[n] for n in needs if n in packs.facts]
    subjects = {f.within: _subjects(dossier, f.within) for f in facts}
    if any(not items for items in subjects.values()):
        return [], []
    known = {} if known is None else known
    missing: list[str] = []
    where: dict[tuple[str, int], None] = {}
    for f in facts:
        gaps = known.get(f.name)
        if gaps is None:
            gaps = known[f.name] = [i for i, item in enumerate(subjects[f.within]) if not _said(f, item)]
        if gaps:
            missing.append(f.name)
            where.update(dict.fromkeys((f.within, i) for i in gaps))
    return missing, sorted(where)


def not_checked(
    dossier: Dossier, rules: Iterable[Any], packs: PackSet, lang: str, *, printed: bool = False
) -> list[Unchecked]:
    """The families of checks some rules of ``rules`` could not make on ``dossier``, each with the
    facts missing, worded in ``lang`` (``printed``: the dossier was read from documents)."""
    groups: dict[tuple[str, tuple[str, ...]], tuple[list[str], dict[tuple[str, int], None]]] = {}
    # the rules of a family need the same facts: each fact, and each list of needs, looked up once
    known: dict[str, list[int]] = {}
    lacks: dict[tuple[str, ...], tuple[list[str], list[tuple[str, int]]]] = {}
    for rule in rules:
        pack = rule.pack
        if pack is None or not pack.needs:
            continue
        needs = tuple(pack.needs)
        if needs not in lacks:
            lacks[needs] = lacking(dossier, needs, packs, known=known)
        missing, where = lacks[needs]
        if missing:  # one item per family and facts missing: each rule's reason stays exact
            codes, items = groups.setdefault((pack.family or rule.code, tuple(missing)), ([], {}))
            codes.append(rule.code)
            items.update(dict.fromkeys(where))
    covered = _covered(groups, packs)

    said: dict[str, str] = {}

    def words(facts: Iterable[str]) -> tuple[str, ...]:
        facts = tuple(facts)
        for f in facts:
            if f not in said:
                said[f] = fact_words(packs.facts.get(f), f, lang, printed=printed)
        return tuple(said[f] for f in facts)

    return [
        Unchecked(
            family=name,
            codes=tuple(sorted(codes)),
            missing=facts,
            title=text(packs.families.get(name), lang) or name,
            said=words(facts),
            shown=words(f for f in facts if f not in covered[name]),
            paths=tuple(
                within if within == "convention" else f"{within}[{i}]" for within, i in sorted(items)
            ),
            items=_which(dossier, sorted(items), lang),
        )
        for (name, facts), (codes, items) in sorted(groups.items(), key=lambda kv: _rank(kv[0][0], packs))
    ]


def _which(dossier: Dossier, items: Sequence[tuple[str, int]], lang: str) -> tuple[str, ...]:
    """The deliberations concerned, in words, when only some of a session's are ("n° 2024-03")."""
    from .labels import item_label

    concerned = [i for within, i in items if within == "deliberations"]
    if len(concerned) == len(dossier.deliberations):
        return ()
    out = []
    for i in concerned:
        number = dossier.deliberations[i].number
        out.append(
            f"{'n°' if lang == 'fr' else 'no.'} {number}" if number else item_label("deliberations", i, lang)
        )
    return tuple(out)


def _covered(groups: Mapping[tuple[str, tuple[str, ...]], Any], packs: PackSet) -> dict[str, set[str]]:
    """Per family, the missing facts another missing fact of the family implies (the list of
    members present when the members present are not even counted): said once, by the wider one."""
    missing: dict[str, set[str]] = {}
    for name, facts in groups:
        missing.setdefault(name, set()).update(f for f in facts if f in packs.facts)
    covered: dict[str, set[str]] = {}
    for name, facts in missing.items():
        paths = {f: set(packs.facts[f].any) for f in facts}
        covered[name] = {
            f
            for f in facts
            for g in facts
            if f != g and packs.facts[f].within == packs.facts[g].within and paths[f] < paths[g]
        }
    return covered


def _rank(family: str, packs: PackSet) -> tuple[int, str]:
    """Families in the order the packs declare them (rules/facts.yaml), others after by name."""
    order = list(packs.families)
    return (order.index(family), "") if family in order else (len(order), family)


def _fact_entry(fact: Fact | None, name: str) -> Mapping[str, Any]:
    """A fact's words: its own ``label``, else the label table's (rules/labels.yaml ``facts:``)."""
    from .labels import labels

    if fact is not None and isinstance(fact.label, Mapping):
        return fact.label
    return labels().facts.get(name) or {}


def fact_words(fact: Fact | None, name: str, lang: str, *, printed: bool = True) -> str:
    """A missing fact as a report says it: "membres en exercice non imprimés", "vote result not given"."""
    entry = _fact_entry(fact, name)
    noun = text(entry, lang) or name.replace("_", " ")
    if lang != "fr":
        return f"{noun} {'not printed' if printed else 'not given'}"
    ending = ("e" if entry.get("gender") == "f" else "") + ("s" if entry.get("plural") else "")
    return f"{noun} non {'imprimé' if printed else 'renseigné'}{ending}"


def needs_words(pack: Any, lang: str, packs: PackSet | None = None) -> str:
    """What a rule needs, for its documentation: "quorum : membres en exercice, présents"
    (``packs``: the run's facts and families; the built-in ones by default)."""
    if packs is None:
        from .plugins import registry

        packs = registry(builtins_only=True).packs
    nouns = [text(_fact_entry(packs.facts.get(n), n), lang) or n for n in pack.needs]
    family = pack.family or ""
    title = text(packs.families.get(family), lang) or family
    colon = " : " if lang == "fr" else ": "
    return f"{title}{colon}{', '.join(nouns)}" if title else ", ".join(nouns)


# --- documents that are not acts ------------------------------------------------------------------

#: what makes a document read as a deliberation (a session, an attendance, an act number: a
#: deliberation whose other facts were not read is checked, and says what it could not check) or
#: a convention (parties)
_SESSION = ("session", "number")
_ATTENDANCE = ("present", "absent", "recused", "members_in_office", "declared", "vote")


def _holds(node: Any) -> bool:
    if isinstance(node, Mapping):
        return any(_holds(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds(v) for v in node)
    return node is not None and node != ""


def skip_reason(data: Mapping[str, Any], lang: str) -> str | None:
    """Why a document's dossier is not checked: neither a session nor an attendance of a
    deliberation, nor the parties of a convention were read (None: it is an act)."""
    for d in data.get("deliberations") or ():
        if isinstance(d, Mapping) and any(_holds(d.get(k)) for k in (*_SESSION, *_ATTENDANCE)):
            return None
    convention = data.get("convention")
    if isinstance(convention, Mapping) and _holds(convention.get("parties")):
        return None
    if lang == "fr":
        return (
            "aucune délibération ni convention reconnue (aucune séance, aucune présence, aucune partie lue)"
        )
    return "no deliberation or convention recognised (no session, no attendance, no parties read)"


def not_a_dossier(lang: str) -> str:
    """Why a YAML file is skipped."""
    if lang == "fr":
        return "pas un dossier (aucune clé ctg_rules)"
    return "not a dossier (no ctg_rules key)"
