"""A regular expression's ``finditer``, tried only where one of its matches may start.

Python's regular expressions skip ahead fast only when a pattern starts with a literal or a
character class; a pattern that starts with an optional word, a word boundary or an alternation
("nombre de conseillers en exercice | membres en exercice | en exercice ...") is tried at every
offset of the text, and a deliberation's readers run such patterns over whole documents.
A :class:`Scanner` first finds the offsets where a match may start (a character class, searched
in C, and the words a match must begin with, found with ``str.find``), then tries the pattern
there only: the same matches as ``finditer``, in the same order. :func:`finditer` and
:func:`search` work out those words from the pattern itself (its parse tree: the literal
beginnings of every branch); a pattern they cannot bound is run as it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from .. import cache, regex

try:  # the parser of the standard library's own ``re`` (a private module: any surprise, no scanner)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

#: how many characters of a match's beginning are worked out (enough to make a word rare)
_DEPTH = 4
#: the first stretch of text whose possible starts are listed at a time (each next one twice the last)
_STRETCH = 1024
#: a character class spelt out as its characters up to this size ("[ao]", "[eé]")
_SMALL_CLASS = 6


#: in a pattern's beginnings: "at a line start" (``^``), the offset after each line end
LINE_START = "\x00^"
#: in a pattern's beginnings, followed by blank characters: the words may follow a run of those
#: (a pattern led by ``[ \t]*``): a match starts anywhere in the run before one of them
BLANKS = "\x00 "


class Scanner:
    """``rx.finditer`` tried only at the offsets where ``first`` (a character class) matches or one
    of ``words`` starts (:data:`LINE_START`: where a line starts); every match of ``rx`` must start
    there, and ``rx`` never match ""."""

    def __init__(self, rx: re.Pattern[str], first: str | None = None, words: tuple[str, ...] = ()) -> None:
        self.rx = rx
        self.first = regex.compile(first) if first else None
        self.lines = LINE_START in words
        self.blanks = next((w[len(BLANKS) :] for w in words if w.startswith(BLANKS)), "")
        self.words = tuple(w for w in words if w != LINE_START and not w.startswith(BLANKS))
        #: strings one of which every match holds, rarer than the words it starts with ("majorite"
        #: in "a la majorite"): a text without any is not scanned
        self.needs: tuple[str, ...] = ()
        #: a pattern no words begin but that holds a character at a fixed offset from every match's
        #: start ("-" 3 characters in, in "\b\d{2}[\dab]-\d{9}..."): the starts are its offsets
        #: minus that one
        self.anchor: tuple[str, int] | None = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches ``rx.finditer(text, pos, endpos)`` gives (the offsets found a stretch at a
        time: a search that matches early looks no further)."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if self.needs and not self._holds_needs(text, pos, endpos):
            return
        match = self.rx.match
        after = pos  # finditer goes on from the end of the previous match
        a, size = pos, _STRETCH
        while a < endpos:
            b = min(a + size, endpos)
            for at in self._starts(text, pos, max(a, after), b, endpos):
                if at < after:
                    continue  # inside the previous match, or tried already
                m = match(text, at, endpos)
                if m is not None:
                    yield m
                    after = m.end()
            # each stretch twice the last: a search that matches early still looks no further, a
            # whole text is done in a few stretches (each costs a find per word)
            a, size = b, size * 2

    def _holds_needs(self, text: str, pos: int, endpos: int) -> bool:
        """Whether ``text[pos:endpos]`` holds one of the needed strings. A string absent costs a
        whole find: the one found is looked for first next time (the documents of a run are alike)."""
        needs = self.needs
        for k, word in enumerate(needs):
            if text.find(word, pos, endpos) >= 0:
                if k:
                    self.needs = (word, *needs[:k], *needs[k + 1 :])
                return True
        return False

    def _starts(self, text: str, pos: int, a: int, b: int, endpos: int) -> list[int]:
        """The offsets in [a, b) where a match may start, in order."""
        if self.anchor is not None:
            char, shift = self.anchor
            stop = min(b + shift, endpos)
            found: list[int] = []
            at = text.find(char, a + shift, stop)
            while at >= 0:
                found.append(at - shift)
                at = text.find(char, at + 1, stop)
            return found
        starts = [m.start() for m in self.first.finditer(text, a, b)] if self.first else []
        if self.lines:  # the pattern says whether a line starts here (or the text, at pos)
            if a == pos:
                starts.append(pos)
            at = text.find("\n", max(a - 1, pos), b - 1)
            while at >= 0:
                starts.append(at + 1)
                at = text.find("\n", at + 1, b - 1)
        if self.blanks:
            return self._led_starts(text, a, b, endpos)
        for word in self.words:  # a word starting before b may end after it
            stop = min(b + len(word) - 1, endpos)
            at = text.find(word, a, stop)
            while at >= 0:
                starts.append(at)
                at = text.find(word, at + 1, stop)
        if len(self.words) + bool(self.first) + self.lines > 1:
            starts.sort()
        return starts

    def _led_starts(self, text: str, a: int, b: int, endpos: int) -> list[int]:
        """The offsets in [a, b) followed by blanks, then one of the words (the blanks may run past b)."""
        blanks = self.blanks
        last = b  # the first offset from b on that is not a blank: the last a word may start at
        while last < endpos and text[last] in blanks:
            last += 1
        starts: list[int] = []
        for word in self.words:
            stop = min(last + len(word), endpos)
            at = text.find(word, a, stop)
            while at >= 0:
                first = at
                while first > a and text[first - 1] in blanks:
                    first -= 1
                starts.extend(range(first, min(at + 1, b)))
                at = text.find(word, at + 1, stop)
        starts.sort()
        return starts

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


@lru_cache(maxsize=256)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``regex.compile(pattern, flags)``, once per process for a pattern a reader builds as it reads:
    a new pattern object at every call costs its construction, and its scanner (kept by the
    pattern object) is worked out again (Montpellier: 1,230 patterns and 820 scanners a run)."""
    return regex.compile(pattern, flags)


#: each pattern's scanner by the pattern's id (a pattern's own hash runs over its whole compiled
#: code, microseconds for a long one, at every call); the pattern is kept with it, so that its id
#: is never another's
_SCANNERS: dict[int, tuple[re.Pattern[str], Scanner | None]] = {}
#: patterns kept by id, and entries of the on-disk table, beyond which they are dropped: the readers
#: also build patterns from a document's own words (a body's name, an item's number), one or two
#: an act, which a server's process or the cache of years of runs would otherwise keep for good
_LIMIT = 4096


def _keep(table: dict[int, Any], rx: re.Pattern[str], value: Any) -> None:
    """``table[id(rx)] = (rx, value)``, the table emptied first when full (it fills again as used)."""
    if len(table) >= _LIMIT:
        table.clear()
    table[id(rx)] = (rx, value)


def scanner(rx: re.Pattern[str]) -> Scanner | None:
    """The scanner of ``rx`` (the words every match starts with, from its parse tree), or None."""
    known = _SCANNERS.get(id(rx))
    if known is not None and known[0] is rx:
        return known[1]
    words = _known(rx)
    found = Scanner(rx, words=words) if words else None
    if found is None and (anchor := _anchored(rx)) is not None:
        found = Scanner(rx)
        found.anchor = (anchor[0], int(anchor[1]))
    elif found is not None:
        needed = needs(rx)
        shortest = min((len(w) for w in found.words), default=0)
        if needed and (found.lines or found.first or min(map(len, needed)) > shortest + 1):
            found.needs = needed
    _keep(_SCANNERS, rx, found)
    return found


#: the beginnings worked out by earlier processes (parsing a pattern again costs half a millisecond)
_KIND = "scan"
_KEY = f"{sys.version}\x00{_DEPTH}\x00{_SMALL_CLASS}\x00 3".encode()
_table: dict[tuple[Any, ...], tuple[str, ...] | None] | None = None
_new: dict[tuple[Any, ...], tuple[str, ...] | None] = {}
_used: set[tuple[Any, ...]] = set()  # the keys this process asked for: kept past the table's limit


def _known(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words every match of ``rx`` starts with (worked out once per installation)."""

    def work_out() -> tuple[str, ...] | None:
        if rx.flags & (re.IGNORECASE | re.VERBOSE) or rx.match(""):
            return None
        return beginnings(rx.pattern)

    return _worked_out((rx.pattern, rx.flags), work_out)


def _anchored(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """(character, its offset as a string): a character every match holds at that offset from its
    start, after a fixed-width beginning (worked out once per installation), or None."""

    def work_out() -> tuple[str, ...] | None:
        if rx.flags & (re.IGNORECASE | re.VERBOSE) or rx.match(""):
            return None
        found = anchor(rx.pattern, rx.flags)
        return (found[0], str(found[1])) if found else None

    return _worked_out((rx.pattern, rx.flags, "anchor"), work_out)


def anchor(pattern: str, flags: int = 0) -> tuple[str, int] | None:
    """The first literal character of ``pattern`` and its offset when what comes before it has a
    fixed width (assertions: none), or None. Not at offset 0 (``re`` finds a leading literal
    itself, in C) nor white space (everywhere)."""
    parsed = _p.parse(pattern, flags)
    offset = 0
    for i, (op, av) in enumerate(parsed.data):
        if op is _c.LITERAL:
            char = chr(av)
            return (char, offset) if offset and not char.isspace() else None
        low, high = parsed[i : i + 1].getwidth()
        if low != high:
            return None
        offset += low
    return None


def needs(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` holds (from its parse tree), or None."""

    def work_out() -> tuple[str, ...] | None:
        if rx.flags & re.IGNORECASE:
            return None
        return _fewest(_needs(list(_p.parse(rx.pattern, rx.flags))))

    return _worked_out((rx.pattern, rx.flags, "needs"), work_out)


def _worked_out(
    key: tuple[Any, ...], work_out: Callable[[], tuple[str, ...] | None]
) -> tuple[str, ...] | None:
    global _table
    if _table is None:
        kept = cache.load(_KIND, _KEY)
        _table = kept if isinstance(kept, dict) else {}
    _used.add(key)
    if key in _table:
        return _table[key]
    try:
        words = work_out()
    except Exception:  # a construct the parser spells otherwise: the pattern as it is
        words = None
    if not _new:
        import atexit

        atexit.register(save)
    _table[key] = _new[key] = words
    if len(_new) >= _LIMIT:  # a long-lived process (a server): written now, the memo read again
        save()
        _table = None
    return words


def save() -> None:
    """Write the beginnings this process worked out (with those other processes wrote meanwhile);
    past the limit, the table keeps only what this process used (a document's own patterns go)."""
    global _new
    if not _new:
        return
    cache.merge(_KIND, _KEY, _new, _LIMIT, set(_used))
    _new = {}
    _used.clear()


def finditer(
    rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)``, tried only where a match may start."""
    found = scanner(rx)
    if found is None:
        endpos = len(text) if endpos is None else endpos
        return rx.finditer(text, pos, endpos) if holds_needs(rx, text, pos, endpos) else iter(())
    return found.finditer(text, pos, endpos)


def search(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``rx.search(text, pos, endpos)``, tried only where a match may start."""
    found = scanner(rx)
    if found is None:
        endpos = len(text) if endpos is None else endpos
        return rx.search(text, pos, endpos) if holds_needs(rx, text, pos, endpos) else None
    return found.search(text, pos, endpos)


def holds_needs(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """False when ``text[pos:endpos]`` holds none of the strings every match of ``rx`` holds: no
    match there (a pattern that may start anywhere is then not tried at every offset)."""
    known = _NEEDS.get(id(rx))
    if known is not None and known[0] is rx:
        found = known[1]
    else:
        words = needs(rx)
        # many strings: one search of their alternation (a call in C) rather than a find each
        found = regex.compile("|".join(map(re.escape, words))) if words and len(words) > 3 else words
        _keep(_NEEDS, rx, found)
    if found is None:
        return True
    endpos = len(text) if endpos is None else endpos
    if isinstance(found, tuple):
        return any(text.find(word, pos, endpos) >= 0 for word in found)
    return found.search(text, pos, endpos) is not None


_NEEDS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | re.Pattern[str] | None]] = {}  # as _SCANNERS


def beginnings(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` starts with (shortest first), or None when a
    match may start with anything (a class of letters, a dot, a back-reference...)."""
    items = list(_p.parse(pattern))
    blanks, core = _blank_lead(items)
    found = _starts(core, _DEPTH)
    words = {s for s, _ in found}
    if "" in words or words & {" ", "\t", "\n"}:  # white space is everywhere: no offset is spared
        return None
    if blanks and LINE_START in words:
        return None
    # a word that another one starts with adds nothing: its offsets are among the other's
    kept = sorted(w for w in words if not any(w != v and w.startswith(v) for v in words))
    return (BLANKS + blanks, *kept) if blanks else tuple(kept)


def _blank_lead(items: list[Any]) -> tuple[str, list[Any]]:
    """A pattern led by assertions then optional blanks ("(?:^|(?<=:))[ \t]*pour"): the blanks'
    characters and what follows them ("", ``items`` for any other pattern). The assertions only
    narrow where a match starts, so the words after the blanks still bound it."""
    at = 0
    while at < len(items) and _zero_width(items[at]):
        at += 1
    if at < len(items) and items[at][0] in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, inner = items[at][1]
        inner = list(inner)
        chars = _small(inner[0][1]) if len(inner) == 1 and inner[0][0] is _c.IN else []
        if len(inner) == 1 and inner[0][0] is _c.LITERAL:
            chars = [chr(inner[0][1])]
        if low == 0 and chars and all(ch in " \t" for ch in chars):
            return "".join(sorted(set(chars))), items[at + 1 :]
    return "", items


def _zero_width(item: tuple[Any, Any]) -> bool:
    """An assertion, or an alternation of assertions ("(?:^|(?<=[,;]))"): it matches no character."""
    op, av = item
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True
    return op is _c.BRANCH and all(len(b) == 1 and _zero_width(b[0]) for b in av[1])


def _starts(items: list[Any], depth: int) -> set[tuple[str, bool]]:
    """(beginning, whole): every match of the sequence ``items`` starts with one of the beginnings;
    ``whole`` when the beginning is all the sequence matches (so what follows may be added)."""
    if not items:
        return {("", True)}
    if depth == 0:
        return {("", False)}
    op, av = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        return {(chr(av) + s, whole) for s, whole in _starts(rest, depth - 1)}
    if op is _c.IN and _small(av):
        return {(ch + s, whole) for ch in _small(av) for s, whole in _starts(rest, depth - 1)}
    if op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
        return {(LINE_START, False)}  # "^": the match starts where a line does, whatever follows
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _starts(rest, depth)  # matches nothing: what follows begins the match
    if op is _c.SUBPATTERN:
        _, add_flags, _, inner = av
        if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return {("", False)}
        return _starts([*inner, *rest], depth)
    if op is _c.BRANCH:
        return {found for branch in av[1] for found in _starts([*branch, *rest], depth)}
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, inner = av
        once = {(s, False) for s, _ in _starts(list(inner), depth)}  # then more of it, or the rest
        return once | _starts(rest, depth) if low == 0 else once
    return {("", False)}  # a class of many characters, any character, a group reference...


def _needs(items: list[Any]) -> set[str] | None:
    """Strings one of which every match of the sequence ``items`` holds (None: not known): the
    best of its parts' (a run of literals, a group, an alternation, a repeat at least once)."""
    parts: list[set[str]] = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            parts.append({run})
            run = ""
        found: set[str] | None = None
        if op is _c.SUBPATTERN and not av[1] & _c.SRE_FLAG_IGNORECASE:
            found = _needs(list(av[3]))
        elif op is _c.BRANCH:
            branches = [_needs(list(b)) for b in av[1]]
            found = None if None in branches else set().union(*branches)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found = _needs(list(av[2]))
        elif op is _c.IN and _small(av):
            found = set(_small(av))
        if found:
            parts.append(found)
    # the part whose shortest string is the longest (the rarest in a text), then the fewest strings
    return max(parts, key=lambda p: (min(map(len, p)), -len(p)), default=None)


def _fewest(found: set[str] | None) -> tuple[str, ...] | None:
    """The strings, without those holding another one (a text holding them holds the other too)."""
    if not found or "" in found:
        return None
    return tuple(sorted(w for w in found if not any(v != w and v in w for v in found)))


def _small(items: list[Any]) -> list[str]:
    """The characters of a small class of literals and short ranges ([] when it is not one)."""
    chars: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _SMALL_CLASS:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return []
    return chars if len(chars) <= _SMALL_CLASS else []
