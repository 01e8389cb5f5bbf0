"""Human labels of the dossier's fields and values, in French and English (``rules/labels.yaml``).

Reports read by people (text, Markdown, HTML), messages and load errors name a field as a clerk
would ("le nombre de présents imprimé", "la 3e annexe") and a fixed value in words ("la liste des
équipements"), never by the model's path or internal value; machine formats keep the paths.
The words are data: this module only looks them up and fits them into a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import regex

Path = Sequence[str | int]

_SEGMENT = regex.compile(r"([^.\[\]]+)|\[(\d*)\]")
#: a pack's `code` span, and a run of spans in parentheses that only glosses the words before it
_SPAN = regex.compile(r"`([^`\n]+)`")
_PARENTHESIS = regex.compile(r" ?\(([^()]*`[^()]*)\)")
_ONLY_SPANS = regex.compile(r"\s*`[^`]+`(?:\s*(?:/|\bou\b|\bor\b|\bet\b|\band\b)\s*`[^`]+`)*\s*")
#: English words after which a label drops its "the" ("a deliberation's `approves.period`")
_EN_DETERMINERS = ("'s", " a", " an", " the", " its", " their", " whose")
_CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
_YES_NO = {
    "fr": {"true": "oui", "false": "non", "[]": "aucun"},
    "en": {"true": "yes", "false": "no", "[]": "none"},
}


@dataclass(frozen=True)
class Labels:
    """The label table: field patterns (``deliberations[].declared.present``) and their values."""

    fields: Mapping[str, Mapping[str, str]]
    values: Mapping[str, Mapping[str, Mapping[str, str]]]
    #: bare keys shared by several fields (``party``), as they read when a text names one alone
    keys: Mapping[str, Mapping[str, str]]
    #: a list's name in the singular, as a text may write it (`party.deliberation`)
    aliases: Mapping[str, str]
    #: what a rule may need a dossier to say, as a report names it missing (rules/facts.yaml)
    facts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@cache
def labels() -> Labels:
    """The built-in label table (parsed once, from the cache when it can)."""
    from .packs import _parsed, builtin_pack

    data = _parsed(builtin_pack("labels.yaml")) or {}
    values = {
        field: {_value_key(v): words for v, words in (table or {}).items()}
        for field, table in (data.get("values") or {}).items()
    }
    return Labels(
        dict(data.get("fields") or {}),
        values,
        dict(data.get("keys") or {}),
        dict(data.get("aliases") or {}),
        dict(data.get("facts") or {}),
    )


def _value_key(value: Any) -> str:
    """YAML reads `false` and `0` as a bool and an int: values are looked up as their text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def segments(path: Path | str) -> list[str | int]:
    """``"deliberations[0].declared.present"`` or a tuple -> ``["deliberations", 0, "declared", "present"]``."""
    if not isinstance(path, str):
        return list(path)
    out: list[str | int] = []
    for name, index in _SEGMENT.findall(path):
        out.append(name if name else int(index) if index else -1)
    return out


def pattern(path: Path | str) -> str:
    """The label table's key for a path: list indices written ``[]``."""
    out = ""
    for part in segments(path):
        if isinstance(part, int):
            out += "[]"
        else:
            out += f".{part}" if out else part
    return out


def _words(entry: Mapping[str, str] | None, lang: str) -> str | None:
    if not entry:
        return None
    return entry.get(lang) or entry.get("fr") or entry.get("en")


def field_label(path: Path | str, lang: str) -> str | None:
    """The label of the field at ``path`` ("le nombre de présents imprimé"), None if it has none."""
    return _words(labels().fields.get(pattern(path)), lang)


def value_label(path: Path | str, value: Any, lang: str) -> str | None:
    """A fixed value of the field at ``path`` in words ("la liste des équipements"), None if unknown."""
    table = labels().values.get(pattern(path))
    return _words(table.get(_value_key(value)), lang) if table else None


def ordinal(n: int, lang: str, feminine: bool = False) -> str:
    """1 -> "1er"/"1re" (fr) or "1st" (en); 2 -> "2e" or "2nd"."""
    if lang == "fr":
        return f"{n}{('re' if feminine else 'er') if n == 1 else 'e'}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def item_label(list_path: Path | str, index: int, lang: str, article: bool = False) -> str:
    """The ``index``-th (0-based) item of a list: "la 3e annexe", "the 2nd party"."""
    entry = labels().fields.get(pattern(list_path) + "[]") or {}
    noun = _words(entry, lang) or ("élément" if lang == "fr" else "item")
    feminine = entry.get("gender") == "f"
    text = f"{ordinal(index + 1, lang, feminine)} {noun}"
    if not article:
        return text
    return f"{'la' if feminine else 'le'} {text}" if lang == "fr" else f"the {text}"


def describe(path: Path | str, lang: str) -> str:
    """A finding's path as a person reads it: the field, then the list items it sits in.

    ``deliberations[0].absent[2].proxy_to`` -> "le porteur du pouvoir (3e membre absent, 1re
    délibération)". A path the table does not know is named by its nearest known parent.
    """
    parts = segments(path)
    items = [(parts[:i], part) for i, part in enumerate(parts) if isinstance(part, int) and part >= 0]
    leaf: str | None = None
    for end in range(len(parts), 0, -1):
        head = parts[:end]
        last = head[-1]
        if isinstance(last, int):
            leaf = item_label(head[:-1], last, lang, article=True)
            items = [item for item in items if len(item[0]) < end - 1]
        else:
            leaf = field_label(head, lang)
            items = [item for item in items if len(item[0]) < end]
        if leaf:
            break
    leaf = leaf or ("le dossier" if lang == "fr" else "the dossier")
    where = [item_label(list_path, index, lang) for list_path, index in reversed(items)]
    return f"{leaf} ({', '.join(where)})" if where else leaf


# --- prose ----------------------------------------------------------------------------------------


@cache
def _suffixes() -> dict[tuple[str, ...], list[str]]:
    """Every tail of every field pattern (brackets dropped) -> the patterns it ends."""
    out: dict[tuple[str, ...], list[str]] = {}
    for key in labels().fields:
        names = tuple(str(p) for p in segments(key) if isinstance(p, str))
        if key.endswith("[]"):
            continue
        for start in range(len(names)):
            out.setdefault(names[start:], []).append(key)
    return out


def _names(name: str) -> tuple[str, ...]:
    """A path's keys, a list named in the singular read as the list (`party.x` is `parties[].x`)."""
    names = [str(p) for p in segments(name.strip()) if isinstance(p, str)]
    aliases = labels().aliases
    return tuple([aliases.get(n, n) for n in names[:-1]] + names[-1:])


def resolve(name: str) -> str | None:
    """The field a pack's text names by a path or a tail of one (`declared.present`), if unambiguous."""
    found = _suffixes().get(_names(name), [])
    if len(found) > 1:  # the shallowest reading wins: `present` is the list, not declared.present
        depth = min(len(segments(f)) for f in found)
        found = [f for f in found if len(segments(f)) == depth]
    return found[0] if len(found) == 1 else None


def is_model_name(span: str) -> bool:
    """Does a `code` span name a dossier field (a path, a key, or ``key: value``)?"""
    names = _names(span.split(":", 1)[0])
    return bool(names) and names in _suffixes()


def span_label(span: str, lang: str) -> str | None:
    """A pack's `code` span naming a field or ``field: value`` in words, None if it names none."""
    name, colon, value = span.partition(":")
    if not is_model_name(span):
        return None
    field = resolve(name)
    value = value.strip()
    if colon and value:
        worded = value_label(field, value, lang) if field else None
        if worded:
            return worded
        label = (field_label(field, lang) if field else None) or _key_label(name, lang)
        return f"{label} : {_YES_NO[lang if lang in _YES_NO else 'en'].get(value, value)}"
    return (field_label(field, lang) if field else None) or _key_label(name, lang)


def _key_label(name: str, lang: str) -> str:
    key = str(segments(name.strip())[-1])
    return _words(labels().keys.get(key), lang) or key.replace("_", " ")


def humanize(text: str, lang: str, parameters: Mapping[str, Any] | None = None) -> str:
    """A pack's prose for a person: glosses such as "(`file`)" dropped, field names in words, a
    rule's parameter (``parameters``: name -> value) by its value when it is a number or a word.

    `code` spans that name nothing of the dossier (a command, a pattern) are kept as they are.
    """
    parameters = parameters or {}

    def glossed(span: str) -> bool:
        return span in parameters or is_model_name(span)

    def drop_glosses(match: re.Match[str]) -> str:
        # In a parenthesis, the items that only name fields ("(`annex`, `party`)") gloss the
        # words before it for whoever writes YAML: a person reads it without them.
        items = re.split(r"\s*[,;]\s*", match[1])
        kept = [
            item
            for item in items
            if not (_ONLY_SPANS.fullmatch(item) and all(glossed(s) for s in _SPAN.findall(item)))
        ]
        if len(kept) == len(items):
            return match[0]
        return f"{match[0][: match[0].index('(')]}({', '.join(kept)})" if kept else ""

    text = _PARENTHESIS.sub(drop_glosses, text)
    out = ""
    last = 0
    for match in _SPAN.finditer(text):
        value = parameters.get(match[1])
        words = str(value) if isinstance(value, int | str) else span_label(match[1], lang)
        out += text[last : match.start()]
        last = match.end()
        out = fit(out, words, lang, capitalise=True) if words else out + match[0]
    return out + text[last:]


def fit(before: str, words: str, lang: str, *, capitalise: bool = False) -> str:
    """``before + words``, French "de le" contracted to "du" ("à les" to "aux"...); with
    ``capitalise``, ``words`` capitalised where a sentence starts."""
    stripped = before.rstrip()
    if capitalise and (not stripped or stripped.endswith((".", "!", "?"))):
        return before + words[:1].upper() + words[1:]
    if lang == "en" and stripped.endswith(_EN_DETERMINERS) and words.startswith("the "):
        return before + words[4:]  # "a deliberation's the period" -> "a deliberation's period"
    if lang != "fr" or not before.endswith(" "):
        return before + words
    previous = stripped.rsplit(" ", 1)[-1]
    article, _, rest = words.partition(" ")
    contracted = _CONTRACTIONS.get((previous.lower(), article.lower())) if rest else None
    if not contracted:
        return before + words
    if previous[0].isupper():
        contracted = contracted.capitalize()
    return f"{stripped[: -len(previous)]}{contracted} {rest}"
