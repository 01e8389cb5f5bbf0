"""The title, the "Vu ..." lines, the list of annexes, the articles, the period and the steering committee."""

from __future__ import annotations

import re
from datetime import date

from ...names import fold
from .. import scan
from ..words import find_date, is_upper_word, sentence_case
from . import lexicon as lx
from .base import Part

#: at most this many lines make a title ("Contrat Local de Santé / de / La Communauté ...")
_TITLE_LINES = 10


class SectionsReader(Part):
    """Everything between the parties and the signatures."""

    def title(self, limit: int) -> None:
        m = lx.TITLE.search(self.p, self.start, limit)
        if m is None:
            return
        src = self.src
        first = src.line_of(m.start())
        last = first
        while (
            last + 1 < min(len(src.lines), first + _TITLE_LINES)
            and src.lines[last + 1].strip()
            and src.starts[last + 1] < limit
            and not lx.ENTRE.match(self.p, src.starts[last + 1])
        ):
            last += 1
        text = " ".join(
            " ".join(src.lines[i].split()) for i in range(first, last + 1) if src.lines[i].strip()
        )
        at = m.start() + len(self.t[m.start() : m.end()]) - len(self.t[m.start() : m.end()].lstrip())
        self.title_at = at
        self.put(("title",), sentence_case(text), at)
        if "territoriale globale" in fold(text):
            self.put(("type",), "ctg", m.start())

    def status(self) -> None:
        m = lx.DRAFT.search(self.p, self.start, self.end)
        if m:
            self.put(("status",), "draft", m.start())

    # visas -------------------------------------------------------------------------------------------

    def visas(self, start: int, end: int) -> None:
        n = 0
        for m in lx.VISA.finditer(self.p, start, end):
            stop = self.visa_end(m.start(), end)
            begin = m.start()
            for sep in [*lx.VISA_INLINE.finditer(self.p, m.start(), stop), None]:
                piece_end = sep.start() + 1 if sep else stop
                self.visa(n, begin, piece_end)
                n += 1
                begin = sep.end() if sep else stop

    def visa_end(self, start: int, end: int) -> int:
        """A visa goes on over the lines that follow it until one ends with ";", "." or ":"."""
        stop = self.line_end(start)
        while not self.t[start:stop].rstrip().endswith((";", ".", ":")):
            nxt = stop + 1
            line = self.p[nxt : self.line_end(nxt)]
            if not line.strip() or lx.VISA.match(line) or nxt >= end:
                break
            stop = self.line_end(nxt)
        return stop

    def visa(self, n: int, start: int, stop: int) -> None:
        text = " ".join(self.t[start:stop].split()).lstrip("- •\uf0b7")
        at = start + len(self.t[start:stop]) - len(self.t[start:stop].lstrip(" -•\uf0b7\t"))
        path = ("visas", n)
        self.put((*path, "text"), text, at)
        folded = self.p[start:stop]
        act = re.search(r"\b(?:deliberation|decision|arrete)\b", folded)
        if act:
            party = self.matcher.mentioned(text)
            if party is not None:
                self.put((*path, "party"), self.party_id(party), at)
        annex = re.search(r"\bannexe\s+(?:n°\s*)?(?P<a>[0-9]+[a-z]?|[a-z])\b", folded)
        if annex:
            self.put(
                (*path, "annex"),
                self.t[start + annex.start("a") : start + annex.end("a")],
                start + annex.start("a"),
            )
        when = re.search(r"\ben\s+date\s+(?:du\s+)?", folded) or (
            re.search(r"\b(?:deliberation|decision)\b[^;]{0,60}?\bdu\s+", folded) if act else None
        )
        if when:
            value, d_at = find_date(self.t, self.p, start + when.end(), min(start + when.end() + 18, stop))
            if value is not None and d_at - (start + when.end()) < 3:
                self.put((*path, "date"), value, d_at)

    # annexes -----------------------------------------------------------------------------------------

    def annexes(self) -> None:
        m = lx.ANNEX_LIST.search(self.p, self.start, self.end)
        if m is None:
            return
        pos = self.line_end(m.end()) + 1
        n = 0
        while pos < self.end:
            stop = self.line_end(pos)
            line = self.p[pos:stop]
            if not line.strip():
                pos = stop + 1
                continue
            a = lx.ANNEX_LINE.match(line)
            if not a:
                break
            self.annex(n, pos, stop, a)
            n += 1
            pos = stop + 1

    def annex(self, n: int, pos: int, stop: int, a: re.Match[str]) -> None:
        ident = self.t[pos + a.start("id") : pos + a.end("id")]
        title = " ".join(self.t[pos + a.start("title") : stop].split())
        path = ("annexes", n)
        self.put((*path, "id"), ident, pos + a.start("id"))
        if title:
            self.put((*path, "title"), title, pos + a.start("title"))
        kind = next((k for rx, k in lx.ANNEX_KINDS if re.search(rx, fold(title))), None)
        self.put((*path, "kind"), kind or "other", pos + a.start("title"))
        if kind == "deliberation":
            party = self.matcher.mentioned(title)
            if party is not None:
                self.put((*path, "party"), self.party_id(party), pos + a.start("title"))
        when = re.search(r"\ben\s+date\s+(?:du\s+)?", self.p[pos:stop])
        if when:
            value, d_at = find_date(self.t, self.p, pos + when.end(), min(pos + when.end() + 14, stop))
            if value is not None:
                self.put((*path, "date"), value, d_at)
        elif kind == "deliberation":  # "Délibération du conseil municipal de X du 14 mars 2024"
            self.dated(path, pos, stop)

    def dated(self, path: tuple[str | int, ...], start: int, stop: int) -> None:
        """The date printed right after a "du" (the first "du" that a date follows)."""
        for m in re.finditer(r"\bdu\s+", self.p[start:stop]):
            value, at = find_date(self.t, self.p, start + m.end(), min(start + m.end() + 18, stop))
            if value is not None and at == start + m.end():
                self.put((*path, "date"), value, at)
                return

    # articles ----------------------------------------------------------------------------------------

    def articles(self, start: int, end: int) -> int:
        """Read the articles; return where the first one starts (``end`` when there is none)."""
        heads = self.article_heads(start, end)
        if not heads:
            return self.inline_articles(end)
        for i, (line_start, body, number_, title) in enumerate(heads):
            stop = heads[i + 1][0] if i + 1 < len(heads) else end
            text = "\n".join(line.rstrip() for line in self.t[body:stop].split("\n")).strip("\n")
            path = ("articles", i)
            at = line_start + len(self.t[line_start:body]) - len(self.t[line_start:body].lstrip())
            self.put((*path, "number"), number_, at)
            if title:
                self.put((*path, "title"), title, at)
            if text.strip():
                self.put((*path, "text"), text + "\n", body)
        return heads[0][0]

    def article_heads(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """(line start, body start, number, title) of each article, a table of contents left out."""
        toc_end = self.toc_end(end)
        heads: list[tuple[int, int, str, str]] = []
        for m in lx.ARTICLE.finditer(self.p, start, end):
            if m.start() < toc_end or (
                toc_end > 0 and re.search(r"\s\d{1,3}\s*$", self.t[m.start() : m.end()])
            ):
                continue
            n = fold(self.t[m.start("n") : m.end("n")])
            number_ = {"premier": "1", "1er": "1"}.get(n, self.t[m.start("n") : m.end("n")].lower())
            title, body = self.heading(m.start("t"), m.end(), end)
            heads.append((m.start(), body, number_, title))
        if re.search(r"\barticle\s+preliminaire\b", self.p[self.start : self.end]):
            for m in lx.PREAMBLE.finditer(self.p, max(start, toc_end), end):
                heads.append((m.start(), m.end() + 1, "préliminaire", self.t[m.start() : m.end()].strip()))
        return _one_per_number(sorted(heads))

    def heading(self, start: int, stop: int, end: int) -> tuple[str, int]:
        """An article's title and where its text starts: a title in capitals goes on over the
        lines in capitals under it (a long heading wrapped)."""
        title = self.t[start:stop]
        while is_upper_word(title.replace(" ", "")) and stop + 1 < end:
            nxt = self.line_end(stop + 1)
            line = self.t[stop + 1 : nxt]
            if not is_upper_word(line.replace(" ", "")) or lx.ARTICLE.match(self.p, stop + 1, nxt):
                break
            title, stop = f"{title} {line}", nxt
        return " ".join(title.split()), stop + 1

    def toc_end(self, end: int) -> int:
        """Where a table of contents made of article lines ends (-1 when there is none)."""
        toc = lx.TOC.search(self.p, self.start, end)
        if not toc:
            return -1
        pos = self.line_end(toc.start()) + 1
        while pos < end:
            stop = self.line_end(pos)
            line = self.p[pos:stop]
            if line.strip() and not lx.ARTICLE.match(line):
                break
            pos = stop + 1
        return pos

    def inline_articles(self, end: int) -> int:
        """ "ARTICLE 1 : OBJET ... 4 ARTICLE 2 : ..." in one paragraph (a flattened table of contents)."""
        seen: set[str] = set()
        n = 0
        first = end
        for m in lx.ARTICLE_INLINE.finditer(self.t, self.start, end):
            number_ = m.group("n")
            if number_ in seen or int(number_) != n + 1:
                continue
            seen.add(number_)
            self.put(("articles", n, "number"), number_, m.start())
            title = " ".join(m.group("t").split()).strip(" .:")
            if title:
                self.put(("articles", n, "title"), title, m.start("t"))
            first = min(first, m.start())
            n += 1
        return first

    # period, governance ------------------------------------------------------------------------------

    def period(self) -> None:
        for m in lx.PERIOD.finditer(self.p, self.start, self.end):
            first, at1 = find_date(self.t, self.p, m.end(), m.end() + 30)
            if not isinstance(first, date) or at1 - m.end() > 3:
                continue
            sep = scan.compiled(r"[^\n.]{0,25}?\b(?:au|jusqu'au)\s+").search(self.p, at1 + 6, at1 + 40)
            if sep is None:
                continue
            second, at2 = find_date(self.t, self.p, sep.end(), sep.end() + 30)
            if isinstance(second, date):
                self.put(("period", "start"), first, at1)
                self.put(("period", "end"), second, at2)
                return

    def governance(self) -> None:
        if not self.matcher.parties:
            return
        every = lx.COMMITTEE_ALL.search(self.p, self.start, self.end)
        if every:
            members = [self.party_id(i) for i in range(len(self.matcher.parties))]
            self.put(("governance", "steering_committee"), members, every.start())
            return
        m = lx.COMMITTEE.search(self.p, self.start, self.end)
        if m is None:
            return
        stop = self.p.find(".", m.end())
        stop = self.end if stop < 0 else stop
        members: list[str] = []
        for piece in re.finditer(r"[^,]+", self.p[m.end() : stop]):
            for part in re.split(r"\s+et\s+", piece.group(0)):
                part = part.strip()
                if re.match(r"^(?:les\s+)?communes\s*$", part):
                    found = self.matcher.kinds("commune")
                else:
                    one = self.matcher.best(part)
                    found = [one] if one is not None else []
                for i in found:
                    pid = self.party_id(i)
                    if pid not in members:
                        members.append(pid)
        if members:
            self.put(("governance", "steering_committee"), members, m.start())


def _one_per_number(heads: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """An article printed twice (its line in a table of contents, then the article): the last one."""
    keep: dict[str, tuple[int, int, str, str]] = {}
    for head in heads:
        keep[head[2]] = head
    return sorted(keep.values())
