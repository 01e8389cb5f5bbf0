"""Attendance: the lists of members present, absent, represented (proxies) and substitutes.

The lists are found by their labels (:mod:`.labels`), inline or at a line start, in any order; a
list runs to the next label. Counts printed inside it (a margin column flattened into the text) are
blanked; a sentence ends it. Its entries are cut at separators (commas, semicolons, dashes, slashes,
"et", bullets, line ends when the list is one entry per line), each entry read by :mod:`.proxies`
and :mod:`.people` (missing separators, civilities, offices, proxies in every form).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ... import regex
from ...names import CIVILITIES, name_tokens
from ..positions import Path, plain
from . import labels, people, proxies
from .base import Item, ReaderBase, merge

_SEPARATOR = regex.compile(r"[,;•·▪✓]|\s[-–—/&]\s|\s[-–—](?=\n)|(?<=\n)[ \t]*[-–—/](?=\s)|\set\s|\bet\n")
_SENTENCE = regex.compile(r"(?:(?<=[^\W\d_]{2})|(?<=\)))\.(?=\s)")
_EMPTY = regex.compile(r"^[\s.:]*(?:(?:neant|aucune?|sans\s+objet)\b|[-/][\s.]*$|$)")
_COUNT_VALUE = regex.compile(r"[ \t]*(?:\(\s*)?(?:\d{1,4}|neant|zero)\s*\)?")
#: what goes on with the entry after a comma: "X, représenté par Y", "X, ayant donné pouvoir à Y"
_GOES_ON = regex.compile(
    r"\s*(?:representee?|ayant\s+donne|qui\s+a|a\s+donne|donne\s+(?:pouvoir|procuration)|pou?voir\s+(?:donne|a)\b"
    r"|procuration\s+(?:donnee\s+)?a\b|porteu(?:r|se)|remplacee?\s+par|suppleante?\s+de)"
)
_LISTS = ("present", "absent", "proxy", "substitute")
_DASHES = ("-", "–", "—")
_NOBODY = regex.compile(r"[ \t]*(?:neant|zero|0)\b")
_LINE_OR_GAP = regex.compile(r"\n|\s{3,}")
_NEW_ENTRY_LINE = regex.compile(r"\n(?=[ \t]*(?:[•·▪*+]|[^\n:]{2,40}:[ \t]*[^\s]))")
# one proxy a line, "X donne procuration à Y" then "Z a donné pouvoir à W": the line end between them
# (not the one of a name wrapped over two lines, "M. Paul" / "DURAND donne pouvoir à ...")
_PROXY_LINE = regex.compile(
    r"(?:pou?voir|procuration)\s+a\s[^\n,;]{2,60}?(?P<nl>\n)"
    r"(?=[^\n]{3,60}?\s(?:a\s+)?donnee?\s+(?:son\s+|sa\s+)?(?:pou?voir|procuration)\s+a\s)"
)


@dataclass
class Region:
    """One list: its kind, where its text is, where its label is."""

    kind: str
    start: int
    end: int
    label: int


class AttendanceReader(ReaderBase):
    """Reads the attendance lists of a session."""

    def attendance(self, base: Path, start: int, end: int) -> None:
        present: list[Item] = []
        absent: list[Item] = []
        seen: dict[str, int] = {}
        for region in self.regions(start, end):
            items = self.read_region(region.start, region.end, region.kind)
            if items is None:
                continue
            seen.setdefault(region.kind, region.label)
            here: list[Item] = []
            _route(region.kind, items, here, absent)
            present += _again(present, here)
        _pair_marks(present, absent)
        if "present" in seen or present:
            self.put_people((*base, "present"), present, seen.get("present", start))
        if absent or "absent" in seen or "proxy" in seen:
            at = seen.get("absent", seen.get("proxy", start))
            self.put_people((*base, "absent"), merge(absent), at)

    def first_list(self, start: int, end: int) -> int:
        """Where the first attendance list starts (its label's end), or ``start``."""
        kinds = ("present", "absent", "proxy", "substitute")
        found = next(
            (lab for lab in labels.find(self.p, self.t, start, end, self.lexicon) if lab.kind in kinds), None
        )
        return found.end if found else start

    def regions(self, start: int, end: int) -> list[Region]:
        """Each list between two offsets: from its label to the next label that is not a count."""
        out: list[Region] = []
        every = labels.find(self.p, self.t, start, end, self.lexicon)
        for lab in every:  # "Absents : néant": a count of nobody, and an empty list
            if lab.count and lab.kind in _LISTS and _NOBODY.match(self.p, lab.end):
                out.append(Region(lab.kind, lab.end, lab.end, lab.start))
        found = [lab for lab in every if not lab.count]
        current: str | None = None
        for k, lab in enumerate(found):
            stop = found[k + 1].start if k + 1 < len(found) else end
            kind = lab.kind
            if kind == "group":
                kind = current or "stop"
            current = kind if kind in _LISTS else None
            if current is not None:
                out.append(Region(current, lab.end, stop, lab.start))
        return sorted(out, key=lambda r: r.start)

    def region_text(self, start: int, end: int) -> str:
        """The text of a list, the counts printed inside it blanked (offsets kept)."""
        text = list(self.t[start:end])
        for lab in labels.find(self.p, self.t, start, end, self.lexicon):
            if lab.count:
                m = _COUNT_VALUE.match(self.p, lab.end)
                stop = m.end() if m else lab.end
                text[lab.start - start : stop - start] = " " * (stop - lab.start)
        return "".join(text)

    def read_region(self, start: int, end: int, kind: str) -> list[Item]:
        """The people of a list ("néant": none)."""
        text = self.region_text(start, end)
        if _EMPTY.match(plain(text)):
            return []
        return self._people(text, start, kind)

    def _people(self, text: str, start: int, kind: str) -> list[Item]:
        """The people of a list, their offsets from ``start`` (the list read once per run: the acts
        of one session print the same lists, and a folder's are read for its dossier and checked)."""
        return [
            replace(
                i, offset=i.offset + start, held_proxy_of=[(name, at + start) for name, at in i.held_proxy_of]
            )
            for i in _list_people(text, kind)
        ]


def _read_list(text: str, kind: str) -> tuple[Item, ...]:
    """The people of a list, their offsets in ``text`` (never changed: :meth:`_people` copies them)."""
    pieces = _pieces(text)
    line_mode = _line_mode(text, len(pieces))
    way = people.order([p for p, _ in pieces])
    items: list[Item] = []
    commune: str | None = None  # a list grouped by commune: the heading holds for what follows
    for piece, at in pieces:
        commune = proxies.heading(piece, way) or commune
        if _after_stop(text, at) and not _strong(piece) and not proxies.is_status(piece):
            break  # after a full stop, words without a surname: "Départ de Paul à 21 h."
        prose = people.is_prose(proxies.blank_parens(piece)[0])
        if prose:
            lead = _salvage(text, piece, at, len(items))
            if not lead and _title_after_label(text, piece, at, [i.offset for i in items]):
                items = []  # "Absents :" then a title: a sentence, not a list
            piece = lead
        items += [_item(p, at, commune) for p in proxies.parse(piece, kind, way, line_mode=line_mode)]
        if prose:  # the names before it, on its line, end the list
            break
    if sum(1 for i in items if " " in i.name) * 2 > len(items):
        items = [i for i in items if " " in i.name or i.name.isupper()]  # not "Majorité" among full names
    if kind == "proxy" and not any(i.proxy_to for i in items):
        for item in items:  # "Absents ayant voté par procuration : X, Y": holders not named
            item.proxy = not item.held_proxy_of and item.reason != "present"
    return tuple(items)


# kept per run, wrapped without a decorator's syntax so that mutation testing reaches its body
_list_people = lru_cache(maxsize=64)(_read_list)


def _salvage(text: str, piece: str, at: int, before: int) -> str:
    """The entry a sentence of the list starts with ("C. ROSELLO formant la majorité"), or ""."""
    lead = _lead(piece)
    strong = _strong(lead)
    # a sentence of its own (after a full stop, a blank line) holds no entry
    fresh = _after_stop(text, at) or "\n\n" in piece[: len(piece) - len(piece.lstrip())]
    return lead if not fresh and not people.is_prose(lead) and (strong or before >= 2) else ""


def _after_stop(text: str, at: int) -> bool:
    """The entry at ``at`` follows a full stop: it starts a sentence of its own."""
    return text[:at].rstrip().endswith(".")


def _strong(piece: str) -> bool:
    """A surname in capitals or a civility, with or without its dot ("M Paul Robin"): surely people."""
    return any(t.kind in ("up", "civ") for t in people.tokens(piece))


def _title_after_label(text: str, piece: str, at: int, offsets: list[int]) -> bool:
    """A label ending its line, then a line of words: "Absents :" / "Modalités de remboursement"."""
    if _after_stop(text, at):  # a new sentence: the entries before its full stop were a list, not a title
        return False
    line = text.count("\n", 0, at + len(piece) - len(piece.lstrip()))
    alone = "\n" in text[: len(text) - len(text.lstrip())]
    return alone and len(offsets) <= 1 and all(text.count("\n", 0, o) == line for o in offsets)


def _item(p: proxies.Person, at: int, commune: str | None = None) -> Item:
    item = Item(p.name, at + p.at, proxy_to=p.proxy_to, substitute_for=p.substitute_for, commune=commune)
    item.held_proxy_of = [(n, at + a) for n, a in p.held_from]
    item.reason = p.status  # routed below, then cleared
    item.mark = p.mark
    if p.replaced:
        item.reason = "replaced"
    return item


def _route(kind: str, items: list[Item], present: list[Item], absent: list[Item]) -> None:
    """Each person to the present or the absent, whatever the list, by what their entry says."""
    for item in items:
        status, item.reason = item.reason, None
        if status == "replaced":
            continue  # a titulaire whose suppléant sits: not present, not counted absent
        for held, at in item.held_proxy_of:
            absent.append(Item(held, at, proxy_to=item.name))
        if item.held_proxy_of and kind == "proxy" and status is None:
            continue  # "Pouvoirs : Y (pouvoir de X)": the holder is listed where they sit, not absent
        if item.proxy_to or status == "absent":
            absent.append(item)
        elif status == "present" or kind in ("present", "substitute"):
            present.append(item)
        else:
            absent.append(item)


def _again(known: list[Item], new: list[Item]) -> list[Item]:
    """A list's people not already named by an earlier list (a roll printed again, a suppléant's
    list naming who they replace); a name printed twice in one list stays twice, as printed."""
    index = {name_tokens(i.name): i for i in known}
    out = []
    for item in new:
        earlier = index.get(name_tokens(item.name))
        if earlier is None:
            out.append(item)
        else:
            earlier.substitute_for = earlier.substitute_for or item.substitute_for
            earlier.commune = earlier.commune or item.commune
    return out


def _pair_marks(present: list[Item], absent: list[Item]) -> None:
    """ "Jean (Pr*)" present and "Paul (Pr*)" absent: Paul gave his proxy to Jean."""
    holders = {p.mark: p.name for p in present if p.mark}
    for item in absent:
        if item.mark and not item.proxy_to:
            if item.mark in holders:
                item.proxy_to = holders[item.mark]
            else:
                item.proxy = True


def _pieces(text: str) -> list[tuple[str, int]]:
    """The entries of a list: cut at separators outside parentheses, and before a bulleted or 'X :' line."""
    cuts: list[tuple[int, int]] = []
    depth = 0
    folded = plain(text)
    seps = {m.start(): m.end() for rx in (_SEPARATOR, _NEW_ENTRY_LINE) for m in rx.finditer(folded)}
    seps.update({m.start("nl"): m.end("nl") for m in _PROXY_LINE.finditer(folded)})
    for m in _SENTENCE.finditer(text):
        word = _word_before(text, m.start())
        if not word or (len(word) >= 3 and plain(word) not in CIVILITIES):  # not "Ph.", "JL.", "Mme."
            seps[m.start()] = m.end()
    for at in [a for a in seps if text[a] == "," and _GOES_ON.match(folded, seps[a])]:
        del seps[at]  # "M. X, représenté par Y": one entry
    skip = 0  # a separator's end: what it spans is neither a parenthesis nor another separator
    # only the parentheses and the separators matter: their offsets, not every character, in order
    parens = _parens(text)
    for i in sorted({*seps, *parens}):
        if i < skip:
            continue
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and i in seps:
            cuts.append((i, seps[i]))
            skip = max(seps[i], i + 1)
    joined = [  # a dash alone may join a surname's two halves (a comma, a line end never do)
        c
        for n, c in enumerate(cuts)
        if text[c[0] : c[1]].strip() in _DASHES and _inside_surname(text, cuts[n - 1][1] if n else 0, c, cuts)
    ]
    if joined:
        cuts = [c for c in cuts if c not in joined]
    for a, b in joined:  # "DURAND  -\nMOREL" -> "DURAND-MOREL", the entry padded at its end: offsets stay
        a = len(text[:a].rstrip())
        stop = next((c[0] for c in cuts if c[0] >= b), len(text))
        word = text[b:stop].lstrip()
        text = text[:a] + "-" + word + " " * (stop - a - 1 - len(word)) + text[stop:]
    out = []
    begin = 0
    for a, b in [*cuts, (len(text), len(text))]:
        if text[begin:a].strip():
            out.append((text[begin:a], begin))
        begin = b
    return out


def _parens(text: str) -> list[int]:
    """The offsets of the parentheses that close: one never closed (its ")" lost) holds no entry."""
    if "(" not in text:
        return []  # a ")" alone closes nothing
    opened: list[int] = []
    out: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            out += [opened.pop(), i]
    return out


def _word_before(text: str, end: int) -> str:
    """The word ``text[:end]`` ends with (``\\w+$``: letters, figures, "_"), read backwards."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def _inside_surname(text: str, begin: int, cut: tuple[int, int], cuts: list[tuple[int, int]]) -> bool:
    """A spaced hyphen inside a family name: "Jean DURAND - MOREL" (given name, surname, then a surname
    alone, or one that goes on with what the entry says: "DURAND - MOREL donne procuration à ...")."""
    a, b = cut
    if text[a:b].strip() not in _DASHES:
        return False
    stop = next((c[0] for c in cuts if c[0] >= b), len(text))
    before, after = people.tokens(text[begin:a]), people.tokens(text[b:stop])
    return (
        len(before) >= 2
        and [t.kind for t in before[-2:]] == ["cap", "up"]
        and bool(after)
        and after[0].kind == "up"
        and (len(after) == 1 or after[1].kind in ("low", "other"))
    )


def _lead(piece: str) -> str:
    """The entry a sentence starts with: up to a line end, a blanked count or a common word
    ("C. ROSELLO formant la majorité", "TIEYRE   Monsieur X a été nommé", "Adeline / Le secrétaire")."""
    body = piece.lstrip()
    stop = len(body)
    for rx in (_LINE_OR_GAP, people.COMMON_WORD):
        m = rx.search(body)
        if m:
            stop = min(stop, m.start())
    return piece[: len(piece) - len(body) + stop]


def _line_mode(text: str, pieces: int) -> bool:
    """One entry per line: fewer separators than lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and pieces <= len(lines)
