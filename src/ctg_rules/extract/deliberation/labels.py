"""Attendance labels, inline or at a line start, in any order: where each list starts and what it holds.

A label is a run of lexicon words (:mod:`.lexicon`) holding a head word, ended by a colon ("Étaient
présents :", "… Christian BOURA Membres titulaires :" in a flattened paragraph) or alone on its line
("Pouvoirs"). A label at a line start may run on to a colon on the next line ("Absents ayant voté par
procuration en application de l'article L 2121-20 du Code / Général des CT :"). A label followed by a
number is a count ("Présents : 24"): it does not end the list it interrupts (a margin column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import regex
from .lexicon import LEXICON, Lexicon

#: a word of a label: "présents", "absent.e.s", "excusé(e)s"; "d'" reads "d", its apostrophe a gap
_WORD = regex.compile(r"[a-z]+(?:[.()]+[a-z]+)*[.)]?")
_COUNT_AFTER = regex.compile(r"[ \t]*(?:\(\s*)?(?:\d{1,4}|neant|zero)\b(?!\s*(?:h\b|heures|[/.]\d))")
_COUNT_IN_PARENS = regex.compile(r"\s*\(\s*\d{1,4}\s*\)\s*$")
_DENY = frozenset({"non", "sans"})
_LEADING = frozenset(["de", "du", "des", "la", "le", "les", "l", "d", "et", "ou", "a", "en"])
_NAMED = regex.compile(r"\b(?:M|Mme|Mmes|MM|Mlle|Monsieur|Madame)\b\.?\s|\b[A-ZÀ-Þ]{3,}\b")
_BULLETS = regex.compile(r"[ \t+\-•*·◦▪]*")


@dataclass
class Label:
    """A label found: its span, its kind, and whether a number follows it (a count)."""

    start: int
    end: int  # after the colon, or the line end
    kind: str
    count: bool = False


def _word(token: str) -> str:
    """ "present.e.s" -> "presentes", "excuse.e.s" -> "excusees"."""
    return token.replace(".", "").replace("(", "").replace(")", "")


def kind_of(words: list[str], lex: Lexicon = LEXICON) -> str | None:
    """What a label's words say the list holds (None: not a label)."""
    # "Absents non représentés", "Excusés sans pouvoir": a denied head says nothing of the list
    heads = {
        kind
        for k, w in enumerate(words)
        if (kind := lex.head(w)) and not (kind == "proxy" and k and words[k - 1] in _DENY)
    }
    if not heads:
        return None
    if "stop" in heads:
        return "stop"
    if "substitute" in heads:
        return "substitute" if lex.substitute_voting & set(words) else "stop"
    if "proxy" in heads:
        return "present" if "present" in heads and "absent" not in heads else "proxy"
    for kind in ("absent", "present", "group"):
        if kind in heads:
            return kind
    return None


def _next_to(found: list[tuple[str, int]], kind: str, lex: Lexicon) -> bool:
    """The words read so far start with a head of ``kind``, maybe after "et": "absents (et) excusés"."""
    words = [w for w, _ in found[:2]]
    if words and words[0] in ("et", "ou", "non"):
        words = words[1:]
    return bool(words) and words[0] in lex.heads[kind]


def _backward(plain: str, colon: int, floor: int, lex: Lexicon) -> tuple[int, list[str]]:
    """The label words ending at a colon, read backwards: (start, words)."""
    stop = colon
    m = _COUNT_IN_PARENS.search(plain, max(floor, colon - 12), colon)
    if m:
        stop = m.start()
    found: list[tuple[str, int]] = []
    kinds: set[str] = set()
    start = stop
    for m in reversed(list(_WORD.finditer(plain, max(floor, stop - 160), stop))):
        gap = plain[m.end() : start]
        if gap.strip(" \t\n-'()") or (found and ("," in gap or m.group(0).endswith("."))):
            break  # a comma or a full stop ends it: "… étaient absents. Présents :" is a present's label
        word = _word(m.group(0))
        head = lex.head(word)
        if not lex.known(word) or (head is not None and head in kinds and not _next_to(found, head, lex)):
            break  # a second head of a kind starts an earlier label ("Suppléants remplaçants … Suppléants :")
        if head is not None:
            kinds.add(head)
        found.insert(0, (word, m.start()))
        start = m.start()
    while found and found[0][0] in _LEADING:
        found.pop(0)
    return (found[0][1] if found else stop), [w for w, _ in found]


def _line_label(plain: str, original: str, a: int, b: int, lex: Lexicon) -> tuple[int, int, list[str]] | None:
    """A label at the start of the line [a, b): its start, its end (a colon, maybe on the next line)."""
    s = _BULLETS.match(plain, a, b).end()  # type: ignore[union-attr]
    words: list[str] = []
    end = s
    for m in _WORD.finditer(plain, s, b):
        if plain[end : m.start()].strip(" \t-',()") or not lex.known(_word(m.group(0))):
            break
        words.append(_word(m.group(0)))
        end = m.end()
    if not words or kind_of(words, lex) is None:
        return None
    rest = plain[end:b].strip(" \t.")
    if rest[:1] in (";", "="):  # an OCR'd colon at a line start: "Présents ; M. X"
        return s, plain.index(rest[0], end) + 1, words
    if not rest or rest == ":":
        colon = plain.find(":", end, b)
        return s, (colon + 1 if colon >= 0 else b), words
    colon = plain.find(":", end, min(len(plain), b + 1 + 120))
    if colon < 0 or "." in plain[end:colon].replace("l.", "") or plain[end:colon].count("\n") > 1:
        return None
    if _NAMED.search(original, end, colon):  # "ayant donné pouvoir à Mme X BOURGADE:": an entry, not a label
        return None
    return s, colon + 1, words


def find(plain: str, original: str, start: int, end: int, lex: Lexicon = LEXICON) -> list[Label]:
    """Every attendance (or stop) label between two offsets of the plain text, in order."""
    found: dict[int, Label] = {}
    line_start = start
    while line_start < end:
        line_end = plain.find("\n", line_start, end)
        line_end = end if line_end < 0 else line_end
        at = _line_label(plain, original, line_start, line_end, lex)
        if at is not None:
            s, e, words = at
            found[e] = Label(s, e, kind_of(words, lex) or "stop")
        line_start = line_end + 1
    for m in re.finditer(":", plain[start:end]):
        colon = start + m.start()
        if colon + 1 in found or (colon and plain[colon - 1].isdigit()):
            continue
        s, words = _backward(plain, colon, start, lex)
        kind = kind_of(words, lex)
        if kind is not None:
            found[colon + 1] = Label(s, colon + 1, kind)
    labels = sorted(found.values(), key=lambda lab: lab.start)
    for lab in labels:
        lab.count = bool(_COUNT_AFTER.match(plain, lab.end))
    return [lab for k, lab in enumerate(labels) if not any(o.start < lab.start < o.end for o in labels[:k])]
