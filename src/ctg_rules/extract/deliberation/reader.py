"""The whole deliberation: the session's items, each with its number, subject, vote and approvals."""

from __future__ import annotations

import re

from .. import scan
from ..positions import Path, plain
from ..words import (
    find_date,
    name_score,
    sentence_case,
)
from .base import copy_value
from .counts import CountsReader
from .header import HeaderReader
from .lexicon import (
    ACT_ID,
    ANY_LABEL,
    ATTENDANCE_END,
    LIST_RE,
    NUMBER_RE,
)
from .recusals import RecusalsReader
from .session import SessionReader
from .stamp import StampReader
from .votes import VotesReader


class DeliberationReader(HeaderReader, CountsReader, RecusalsReader, VotesReader, StampReader, SessionReader):
    """Reads one deliberation (or several sharing a session) out of ``src.text[start:end]``."""

    # the whole deliberation -----------------------------------------------------------------------

    def read(self, index: int) -> int:
        """Fill ``deliberations[index]`` (and the following ones when the act holds several); return how many."""
        items = self.items()
        base: Path = ("deliberations", index)
        # items closed by their vote line only: the margin column's counts and dates may print after the first
        preamble_end = items[0][0] if len(items) > 1 and items[0][1] is not None else self.end
        self.header(base, preamble_end)
        # attendance comes before the report: "Suppléant : X" further down designates, it does not attend
        first_list = scan.search(LIST_RE, self.p, self.start, preamble_end)
        list_end = first_list.end() if first_list else self.first_list(self.start, preamble_end)
        report = scan.search(ATTENDANCE_END, self.p, list_end, preamble_end)
        attendance_end = report.start() if report else preamble_end
        self.counts(base, self.start, attendance_end)
        self.attendance(base, self.start, attendance_end)
        if len(items) <= 1:
            number = items[0][1] if items else None
            self.item(base, self.start, self.end, number)
            self.transmission(base, self.start, self.end)
            return 1
        return self.session_items(index, items)

    def session_items(self, index: int, items: list[tuple[int, tuple[str, int] | None]]) -> int:
        """One deliberation per voted item, sharing the session's header and attendance, each with the
        arrivals and departures before it applied; the approval of the previous minutes first."""
        base: Path = ("deliberations", index)
        shared = {k: copy_value(v) for k, v in (self.out.get(base) or {}).items()}
        shared_sources = {k[2:]: v for k, v in self.out.sources.items() if k[:2] == base}
        units: list[tuple[int, int, tuple[str, int] | None]] = []
        approval = self.minutes_approval(self.start, items[0][0])
        if approval is not None:
            units.append((approval[0], approval[1], None))
        units += [
            (o, items[n + 1][0] if n + 1 < len(items) else self.end, num) for n, (o, num) in enumerate(items)
        ]
        voted = [self.has_vote(a, b) for a, b, _ in units]
        moves = self.movements(self.start, self.end)
        n = 0
        for (start, stop, number), has_vote in zip(units, voted, strict=True):
            if not has_vote and any(voted):
                continue  # an information, a decision under delegated powers: not a deliberation
            path: Path = ("deliberations", index + n)
            if n:
                for key, value in shared.items():
                    self.out.put((*path, key), copy_value(value))
                for sub, position in shared_sources.items():
                    self.out.sources[(*path, *sub)] = position
            # a move printed where the item starts (the line after the previous vote) comes before its vote
            self.apply_movements(path, [m for m in moves if m[0] <= start])
            self.session_item(path, start, stop, number)
            n += 1
        return n

    def session_item(self, path: Path, start: int, stop: int, number: tuple[str, int] | None) -> None:
        if self.is_election(start, stop):
            self.out.put((*path, "election"), True, self.pos(start))
            if number is not None:
                self.out.put((*path, "number"), number[0], self.pos(number[1]))
            self.subject(path, start, stop, number)
        else:
            self.item(path, start, stop, number)
        self.transmission(path, start, stop)

    def items(self) -> list[tuple[int, tuple[str, int] | None]]:
        """Where each deliberation of the act starts, with its number (one act may hold several)."""
        found: list[tuple[int, tuple[str, int]]] = []
        seen: set[str] = set()
        for m in self.finditer(NUMBER_RE):
            key = next(k for k in "abcd" if m.group(k))
            raw = self.t[m.start(key) : m.end(key)].strip().rstrip(".:")
            value = re.sub(r"\s*/\s*", "/", raw)
            if not any(c.isdigit() for c in value) or ACT_ID.match(self.p, m.start(key)):
                continue
            norm = plain(value).replace(" ", "")
            if norm in seen:
                continue
            seen.add(norm)
            line_start = self.t.rfind("\n", 0, m.start()) + 1
            found.append((line_start, (value, m.start(key))))
        if len(found) < 2:
            votes = self.vote_items()
            if len(votes) >= 2:
                return [(start, None) for start in votes]
        return found

    def item(self, base: Path, start: int, end: int, number: tuple[str, int] | None) -> None:
        if number is not None:
            self.out.put((*base, "number"), number[0], self.pos(number[1]))
        self.subject(base, start, end, number)
        self.recusals(base, start, end)
        self.vote(base, start, end)
        self.approves(base, start, end)

    def subject(self, base: Path, start: int, end: int, number: tuple[str, int] | None) -> None:
        m = self.find(r"^[ \t]*objet\s*:\s*", start, end)
        if m is not None:
            stop = self.line_end(m.end())
            nxt = stop + 1
            while (
                nxt < end
                and self.t[nxt : self.line_end(nxt)].strip()
                and not ANY_LABEL.match(self.p, nxt)
                and len(self.t[m.end() : stop]) < 200
                and self.t[stop - 1 : stop] not in "."
            ):
                if self.t[nxt].islower():
                    stop = self.line_end(nxt)
                    nxt = stop + 1
                else:
                    break
            value = " ".join(self.t[m.end() : stop].split()).strip(" .")
            if value:
                self.out.put((*base, "subject"), sentence_case(value), self.pos(m.end()))
                return
        if number is not None:
            rx = scan.compiled(
                re.escape(plain(number[0])).replace("/", r"\s*/\s*") + r"[ \t]*[:\-–][ \t]*(?P<s>\S[^\n]+)",
                re.M,
            )
            mm = scan.search(rx, self.p, start, end)
            if mm:
                value = " ".join(self.t[mm.start("s") : mm.end("s")].split()).strip(" .")
                if value and not re.match(r"^\d", value):
                    self.out.put((*base, "subject"), sentence_case(value), self.pos(mm.start("s")))
                    return
        self.subject_above_report(base, start, end)

    def subject_above_report(self, base: Path, start: int, end: int) -> None:
        """The lines above "Monsieur le Maire rapporte :", which follows the subject in many city layouts."""
        m = self.find(r"^[^\n]{0,60}\brapporte\s*:", start, end)
        if m is not None:
            lines: list[tuple[int, int]] = []
            i = self.src.line_of(m.start()) - 1
            while i >= 0 and self.src.starts[i] >= start and len(lines) < 4:
                a, b = self.src.line_span(i)
                line = self.t[a:b].strip()
                if not line:
                    if lines:
                        break
                    i -= 1
                    continue
                if re.search(r":\s*$", line) or LIST_RE.match(self.p, a):
                    break
                if name_score(line.split(",")[0]) == 2 and "," in line:
                    break
                lines.insert(0, (a, b))
                i -= 1
            if lines:
                value = " ".join(" ".join(self.t[a:b].split()) for a, b in lines).strip(" .")
                if value:
                    self.out.put(
                        (*base, "subject"),
                        sentence_case(value),
                        self.pos(
                            lines[0][0]
                            + len(self.t[lines[0][0] : lines[0][1]])
                            - len(self.t[lines[0][0] : lines[0][1]].lstrip())
                        ),
                    )

    def approves(self, base: Path, start: int, end: int) -> None:
        a = (*base, "approves")
        m = self.find(
            r"\b(?:approuve|adopte|autorise|valide)\b[^.]{0,200}?\bpour\s+la\s+periode\s+du\s+", start, end
        )
        if m is None:
            m = self.find(
                r"\bconvention[^.]{0,160}?\b(?:pour\s+la\s+periode|a\s+compter)\s+du\s+", start, end
            )
        if m is not None:
            first, at1 = find_date(self.t, self.p, m.end(), m.end() + 30)
            if first is not None:
                sep = scan.compiled(r"[^\n]{0,25}?\b(?:au|jusqu'au)\s+").match(self.p, at1 + 4)
                # the end is the date after 'au' (within 60 characters of the start's first)
                second, at2 = find_date(self.t, self.p, sep.end(), at1 + 60) if sep else (None, -1)
                self.out.put((*a, "period", "start"), first, self.pos(at1))
                if second is not None:
                    self.out.put((*a, "period", "end"), second, self.pos(at2))
        m = self.find(r"\bautorise\b,?\s*|\bd'autoriser\s+", start, end)
        if m is not None:
            stop = self.p.find(" a signer", m.end(), m.end() + 200)
            if stop > 0 and "convention" in self.p[stop : self.sentence_end(stop, 200)]:
                roles = []
                for r in re.finditer(
                    r"(?:monsieur|madame|m\.|mme)?\s*(?:le|la|l')\s*(?P<r>(?:vice-)?(?:president|presidente|maire|adjointe?(?:\s+delegue)?e?|directeur|directrice))\b",
                    self.p[m.end() : stop],
                ):
                    word = self.t[m.end() + r.start("r") : m.end() + r.end("r")]
                    roles.append(word[:1].upper() + word[1:])
                if roles:
                    self.out.put((*a, "authorised_signatories"), roles, self.pos(m.end()))
