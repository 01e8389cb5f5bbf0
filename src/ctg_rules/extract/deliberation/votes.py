"""The vote of an item: counts for, against, abstentions, unanimity, majority, the decision.

The first vote printed in the item is read: a tally ("Pour : 20 Contre : 2 Abstentions : 1",
"par 17 voix pour et 2 abstentions", "14 pour / 0 contre / 0 abstention", figures in words), a
unanimity ("à l'unanimité", "sans opposition ni abstention", "par l'ensemble des membres
présents"), possibly with abstentions named ("M. X s'abstenant"). A plain unanimity is read as no
vote against and no abstention; the votes for only when a voters count is printed with it.
Figures quoted from another vote ("11 voix au lieu de 12") are not this vote.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from ... import regex
from .. import scan
from ..positions import Path
from ..words import number
from .base import ReaderBase

# a count: figures, or French number words (text2num turns them into digits)
_UNITS = r"zero|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent"
_WORDS = rf"(?:{_UNITS})(?:[\- ](?:et[\- ])?(?:{_UNITS}))*"
N = rf"(?P<n>\d{{1,3}}(?![\d.,/]\d)|{_WORDS})\b"
# after a label, "/", "-", "néant" say none: "Contre : /"
NL = rf"(?P<n>(?=[0-9OolI|]*\d)[0-9OolI|]{{1,3}}(?![\w/]|[.,]\d)|{_WORDS}\b|/|-(?!\w)|neant\b|aucune?\b)"
# before "pour"/"contre", a count in words needs its noun: "un vote pour ..." is prose, "dix voix pour" a vote
NV = rf"(?:(?P<n>\d{{1,3}}(?![\d.,/]\d))[ \t]*(?:voix|votes?|suffrages?|bulletins?)?|(?P<w>{_WORDS})\s+voix)[ \t]*"
_BEFORE = r"(?<![\w.,/€])"
# a count-first figure is not the value of a label before it ("Pour : 9 Contre : 1"): the label's
# word (11 letters at most), then its colon
LABEL_WORD = regex.compile(r"(?:pour|contre|abstentions?|blancs?|nuls?)$")
# a label follows a figure on its line, in digits or in words: "Pour : dix-sept Contre : deux"
_AFTER_WORD = "".join(rf"|(?<=\b{u}\s)" for u in _UNITS.replace("une?", "un|une").split("|"))
_LABEL = r"(?:^|(?<=[/|,;(:])|(?<=:\s)|(?<=\s\s)|(?<=\d\s)" + _AFTER_WORD + r")[ \t]*"
# count then label ("17 voix pour"), label then count ("Pour : 17", "Pour 17" on its own line)
TALLIES: tuple[tuple[str, str], ...] = (
    ("for", _BEFORE + NV + r"(?:pour\b|\"pour\")"),
    ("for", _LABEL + r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?pour\s*(?:[:=]\s*|\s(?=\d+\s*$))" + NL),
    ("for", r"\(\s*" + N + r"\s*(?:voix|votes?)\s*\)"),
    ("against", _BEFORE + NV + r"(?:contre\b|\"contre\")"),
    ("against", _LABEL + r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?contre\s*(?:[:=]\s*|\s(?=\d+\s*$))" + NL),
    (
        "abstentions",
        _BEFORE + N + r"[ \t]*(?:abstentions?\b|se\s+sont\s+abstenus|s'abstiennent|refus\s+de\s+vote)",
    ),
    ("abstentions", _LABEL + r"abstentions?\s*(?:[:=]\s*|\s(?=\d+\s*$))" + NL),
    ("blank", _LABEL + r"(?:bulletins\s+)?(?:blancs?(?:\s+(?:et|ou)\s+nuls?)?|nuls?)\s*[:=]\s*" + NL),
)
TALLY_RE = [(f, regex.compile(p, re.M)) for f, p in TALLIES]
# "à l'unanimité des suffrages exprimés" leaves room for abstentions: not a plain unanimity
UNANIMITY = regex.compile(
    r"\b(?:a\s+l'?\s*unanimite|unanimement|l'unanimite\s+(?:des|de\s+l)|sans\s+(?:aucune\s+)?opposition\s+ni\s+abstention"
    r"|par\s+l'ensemble\s+des\s+(?:membres|conseillers|delegues)\s+(?:presents|votants))"
    r"(?P<cast>\s+des\s+(?:suffrages\s+exprimes|votants|voix\s+exprimees))?"
)
MAJORITY = regex.compile(r"\ba\s+la\s+majorite\b")
# the names before the verb, "M." among them: "Mme X et M. Y s'étant abstenus"
ABSTAINING = regex.compile(
    r"(?P<names>(?:[^.;:()]|(?<=\bm)\.){2,160}?)\s+(?:s'abstenant|s'abstient|s'abstiennent|se\s+sont\s+abstenue?s|s'est\s+abstenue?"
    r"|s'etant\s+abstenue?s?)\b"
)
QUOTED = regex.compile(r"au\s+lieu\s+de|et\s+non\s+(?:pas\s+)?\d|rectifi|erreur")
SECRET = regex.compile(
    r"\b(?:au\s+scrutin\s+secret|a\s+bulletins?\s+secrets?|vote\s+a\s+bulletin\s+secret)\b"
)
# every vote figure stands near one of these words: the figures are looked for around them only
KEYWORD = regex.compile(r"pour\b|contre\b|abst|blancs?\b|nuls?\b|refus|\bvoix\b|votes?\b")
WINDOW = 60
# a vote's figures follow each other closely: "14 pour / 0 contre / 0 abstention"
GAP = 90
# the next item's heading ("II Budget", "3) Subvention", "4/ Rapport"): its vote is not this one
ITEM_HEAD = regex.compile(r"^[ \t]*(?:[ivx]{1,5}\b|\d{1,2}\s*[)/.\-–])", re.M)


def count(text: str) -> int | None:
    """A vote's figure: "12", "1O" (OCR), "/" (none), or in words, small ones too ("deux")."""
    value = number(text, none_is_zero=True)
    if value is None:
        converted = alpha2digit(text.strip(), "fr", threshold=0)
        value = int(converted) if converted.isdigit() else None
    return value


def _spaces_back(text: str, at: int) -> int:
    """Where the run of spaces and line ends that ends at ``at`` starts."""
    while at and text[at - 1].isspace():
        at -= 1
    return at


def after_label(text: str, at: int) -> bool:
    """Whether a vote's label and its colon stand before the figure at ``at``, however many spaces a
    table's columns put between them: "Pour :            9 Contre : 1" (9 is the votes for)."""
    colon = _spaces_back(text, at) - 1
    if text[colon : colon + 1] not in (":", "="):
        return False
    word_end = _spaces_back(text, colon)
    return LABEL_WORD.search(text, max(word_end - 11, 0), word_end) is not None


class VotesReader(ReaderBase):
    """Reads the vote and the decision."""

    def vote(self, base: Path, start: int, end: int) -> None:
        v = (*base, "vote")
        tallies = self.tallies(start, end)
        unanimity = scan.search(UNANIMITY, self.p, start, end)
        first = min(
            [at for _, _, at, _ in tallies[:1]] + ([unanimity.start()] if unanimity else []), default=None
        )
        if first is None:
            self.majority(v, start, end)
            self.decision(base, start, end)
            return
        if unanimity is not None and unanimity.start() == first:
            # the figures printed with the unanimity, in its sentence
            stop = min(self.sentence_end(unanimity.end(), 200) + 150, end)
            head = scan.search(ITEM_HEAD, self.p, self.line_end(unanimity.end()), stop)
            tallies = self.tallies(unanimity.start(), head.start() if head else stop)
        else:
            unanimity = None
        for fieldname, value, _, at in self.cluster(tallies):
            if self.out.get((*v, fieldname)) is None:
                self.out.put((*v, fieldname), value, self.pos(at))
        if unanimity is not None:
            self.unanimous(base, unanimity, end)
        m = scan.search(SECRET, self.p, start, end)
        if m:
            self.out.put((*v, "secret"), True, self.pos(m.start()))
        self.majority(v, start, end)
        self.decision(base, start, end)

    def tallies(self, start: int, end: int) -> list[tuple[str, int, int, int]]:
        """Every figure of a vote in the range: (field, value, match start, value's offset), in order."""
        out = []
        windows = self.windows(start, end)
        for fieldname, rx in TALLY_RE:
            for m in (m for a, b in windows for m in scan.finditer(rx, self.p, a, b)):
                group = "w" if "w" in rx.groupindex and m.group("w") else "n"
                value = count(self.t[m.start(group) : m.end(group)])
                if value is None or value > 2000 or after_label(self.p, m.start()):
                    continue
                around = self.p[max(m.start() - 40, start) : min(m.end() + 30, end)]
                if QUOTED.search(around):
                    continue
                out.append((fieldname, value, m.start(), m.start(group)))
        out.sort(key=lambda t: t[2])
        return out

    def windows(self, start: int, end: int) -> list[list[int]]:
        """The stretches around a vote's words: figures are looked for there only (an act is long, they few)."""
        windows: list[list[int]] = []
        for k in scan.finditer(KEYWORD, self.p, start, end):
            a, b = max(start, k.start() - WINDOW), min(end, k.end() + WINDOW)
            if windows and a <= windows[-1][1]:
                windows[-1][1] = b
            else:
                windows.append([a, b])
        return windows

    @staticmethod
    def cluster(tallies: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
        """The first vote's figures: the first tally and those that follow it closely, each field once."""
        if not tallies:
            return []
        out = [tallies[0]]
        for t in tallies[1:]:
            if t[2] - out[-1][3] > GAP or any(t[0] == o[0] for o in out):
                break
            out.append(t)
        return out

    def unanimous(self, base: Path, m: re.Match[str], end: int) -> None:
        """A unanimity: no vote against; no abstention unless some are named or counted."""
        v = (*base, "vote")
        at = self.pos(m.start())
        if not m.group("cast"):
            self.out.put((*base, "unanimous"), True, at)
        if self.out.get((*v, "abstentions")) is None:
            stop = min(self.sentence_end(m.end(), 250), end)
            begin = max(self.p.rfind(".", 0, m.start()), self.p.rfind("\n\n", 0, m.start()), 0)
            # those named after the unanimity ("à l'unanimité, Mme X s'abstenant"), else before it
            named = ABSTAINING.search(self.p, m.end(), stop) or ABSTAINING.search(self.p, begin, stop)
            if named is not None:
                raw = named.group("names")
                names = [n for n in re.split(r",|\bet\b", raw) if n.strip()]
                # at the first name, not at the comma after the unanimity
                self.out.put(
                    (*v, "abstentions"), len(names), self.pos(named.end("names") - len(raw.lstrip(" ,")))
                )
            elif not m.group("cast"):
                self.out.put((*v, "abstentions"), 0, at)
        if self.out.get((*v, "against")) is None:
            self.out.put((*v, "against"), 0, at)
        voters = self.out.get((*base, "declared", "voters"))
        if (
            voters is not None
            and not m.group("cast")  # of the votes cast only: the abstentions, unknown, may be many
            and self.out.get((*v, "for")) is None
            and not self.out.get((*v, "abstentions"))
            and not self.out.get((*v, "blank"))
        ):
            self.out.put((*v, "for"), voters, at)  # "à l'unanimité": every voter voted for

    def majority(self, v: Path, start: int, end: int) -> None:
        """ "à la majorité (3 contre)": the figures of its sentence."""
        m = scan.search(MAJORITY, self.p, start, end)
        if m is None:
            return
        stop = self.sentence_end(m.end(), 200)
        for fieldname, value, _, at in self.cluster(self.tallies(m.start(), stop)):
            if self.out.get((*v, fieldname)) is None:
                self.out.put((*v, fieldname), value, self.pos(at))

    def decision(self, base: Path, start: int, end: int) -> None:
        # "APPROUVE le ..." in capitals at a line start, or a phrase: "Le Conseil adopte", "adopté à l'unanimité"
        verb = scan.compiled(r"^[ \t]*(?:ADOPTE|APPROUVE|D[EÉ]CIDE|VALIDE|ACCEPTE)\b", re.M)
        adopted = scan.compiled(
            r"\ble\s+conseil(?:\s+\w+)?\s+(?:adopte|approuve)\b|\badoptee?s?\s+a\s+l'unanimite|\badoptee?s?\s+a\s+la\s+majorite"
            r"|\bl'adoption\s+est\s+votee|^[ \t]*adoptee?s?\b",
            re.M,
        )
        rejected = scan.compiled(
            r"\brejette\b|\brejetee?\b|\bn'adopte\s+pas\b|\bn'approuve\s+pas\b|\brefuse\s+d'approuver\b"
        )
        yes = [m.start() for m in scan.finditer(verb, self.t, start, end)] + [
            m.start() for m in scan.finditer(adopted, self.p, start, end)
        ]
        no = [m.start() for m in scan.finditer(rejected, self.p, start, end)]
        if yes and not no:
            self.out.put((*base, "decision"), "adopted", self.pos(min(yes)))
        elif no and not yes:
            self.out.put((*base, "decision"), "rejected", self.pos(min(no)))
