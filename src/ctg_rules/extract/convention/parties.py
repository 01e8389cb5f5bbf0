"""The parties of a convention, however the block is laid out.

"Entre : X, représentée par ..., ci-après dénommée « ... » et Y ..." with the parties separated
by "et", "d'une part, et entre", bullets or nothing at all; "ENTRE" printed after the list; a
table of parties (one row each, or "Partie | Représentée par | Qualité" columns); a block the
text cuts short, completed by the organisations its title names.

The block is cut in chunks at the separators; a chunk holding several "représenté(e) par" is
cut again before each party's name (the paragraph above each of them).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from ... import regex
from ...names import fold
from .. import scan
from ..positions import plain
from ..words import clean_name, is_upper_word, name_score, org_kind, significant
from . import lexicon as lx
from .base import Part, cells, strip_article

#: how far from the convention's start a table of parties is looked for
_TABLE_REACH = 6000
_STARTS_A_NAME = regex.compile(
    r"^[ \t" + re.escape(lx.BULLET) + r"]*(?:[A-ZÀ-Þ]|(?:la|le|les|l['’])\s*[A-ZÀ-Þ])"
)
Party = dict[str, Any]  # field -> (value, offset); "representatives" -> [(person, offset)]


class PartiesReader(Part):
    """Reads the parties block of ``src.text[start:end]``."""

    def parties(self) -> int:
        """Read the parties; return where the block ends (the start when there is none)."""
        table = self.table_parties()
        if table is not None:
            self.emit(table[0])
            return table[1]
        region = self.parties_region()
        if region is None:
            found: list[Party] = []
            stop = self.start
            cut = True
        else:
            a, stop, cut = region
            found = [party for chunk in self.chunks(a, stop) for party in self.chunk_parties(*chunk)]
            found = [party for party in found if party is not None]
        if cut or not found:
            found += self.title_parties(found)
        self.emit(found)
        return stop

    # where the block is -------------------------------------------------------------------------

    def parties_region(self) -> tuple[int, int, bool] | None:
        """(start, end, cut short?) of the parties block, or None."""
        entre = scan.search(lx.ENTRE, self.p, self.start, self.end)
        inline = scan.search(lx.ENTRE_INLINE, self.t, self.start, self.end)
        if inline is not None and (entre is None or inline.start() < entre.start()):
            entre = inline
        if entre is not None:
            stop = lx.PARTIES_END.search(self.p, entre.end(), self.end)
            end = stop.start() if stop else self.end
            if self.holds_a_party(entre.end(), end):
                return entre.end(), end, stop is None
        # no "Entre", or "ENTRE" printed after the parties: the parties are before it
        stop = lx.PARTIES_END.search(self.p, self.start, entre.start() if entre else self.end)
        end = stop.start() if stop else (entre.start() if entre else self.end)
        if lx.REPRESENTED.search(self.p, self.start, end):
            return self.start, end, False
        return None

    def holds_a_party(self, a: int, b: int) -> bool:
        if lx.REPRESENTED.search(self.p, a, b) or lx.SHORT_NAME.search(self.p, a, b):
            return True
        first = self.p[a:b].lstrip(" \t\n:" + lx.BULLET)
        return bool(lx.ORG_START.match(first))

    # a table under a header ------------------------------------------------------------------------

    def table_parties(self) -> tuple[list[Party], int] | None:
        """A table of parties under a header ("Partie | Représentée par | Qualité"): a party per row."""
        src = self.src
        limit = min(self.end, self.start + _TABLE_REACH)
        i = src.line_of(self.start)
        while i < len(src.lines) and src.starts[i] < limit:
            a, b = src.line_span(i)
            columns = lx.table_header(self.p[a:b]) or {}
            if "name" in columns and "person" in columns:
                return self.table_rows(i + 1, columns)
            i += 1
        return None

    def table_rows(self, i: int, columns: dict[str, int]) -> tuple[list[Party], int]:
        src = self.src
        parties: list[Party] = []
        end = src.starts[i] if i < len(src.lines) else self.end
        while i < len(src.lines) and src.starts[i] < self.end:
            a, b = src.line_span(i)
            spans = [(a + x, a + y) for x, y in cells(self.t[a:b])]
            if len(spans) <= max(columns.values()):
                break
            name_at, name_end = spans[columns["name"]]
            name = strip_article(" ".join(self.t[name_at:name_end].split()))
            party: Party = {"_at": name_at, "name": (name, name_at)}
            kind = org_kind(name)
            if kind:
                party["kind"] = (kind, name_at)
            person_at, person_end = spans[columns["person"]]
            person = clean_name(lx.CIVILITY.sub("", self.t[person_at:person_end], count=1))
            if name_score(person):
                rep = {"name": person}
                if "role" in columns:
                    rep["role"] = _role(self.t[slice(*spans[columns["role"]])])
                party["representatives"] = [(rep, person_at)]
            parties.append(party)
            end = b
            i += 1
        return parties, end

    # chunks ---------------------------------------------------------------------------------------

    def chunks(self, a: int, b: int) -> list[tuple[int, int]]:
        """The block cut at the separators ("et", "d'une part,", bullets, a leading table cell)."""
        out: list[tuple[int, int]] = []
        begin, pos = a, a
        while pos < b:
            stop = min(self.line_end(pos), b)
            for before, after in self.separators(self.p[pos:stop]):
                out.append((begin, pos + before))
                begin = pos + after
            pos = stop + 1
        out.append((begin, b))
        return self.merged([(x, y) for x, y in out if self.t[x:y].strip(" \t\n,;:" + lx.BULLET)])

    @staticmethod
    def separators(line: str) -> list[tuple[int, int]]:
        """Where a line separates two parties: (end of the one before, start of the next) each."""
        if not line.strip():
            return []
        if lx.SEPARATOR_LINE.fullmatch(line):
            return [(0, len(line))]
        lead = lx.LEAD_CELL.match(line)
        out = [(0, lead.end())] if lead else []
        body = line.lstrip(" \t")
        if not lead and body[:1] and body[0] in lx.BULLET and not re.match(r"^.\s*ci-\s*apres", body):
            indent = len(line) - len(body)
            out.append((indent, indent))
        tail = lx.SEPARATOR_TAIL.search(line)
        if tail:
            out.append((tail.start(), len(line)))
        return out

    def merged(self, chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A chunk that cannot start a party (« son Directeur, M. X » after « représentée par : ») joins the one before."""
        out: list[tuple[int, int]] = []
        for a, b in chunks:
            head = self.p[a:b].lstrip(" \t\n" + lx.BULLET)
            before = self.p[out[-1][0] : out[-1][1]].rstrip() if out else ""
            if out and (
                re.match(r"^(?:son|sa|ses)\b|^ci-\s*apres", head)
                or before.endswith(":")
                or (lx.ROLE_START.match(head) and before.endswith("par"))
            ):
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def chunk_parties(self, a: int, b: int) -> list[Party | None]:
        """The parties of one chunk: one, or one per "représenté(e) par" each under its own name."""
        anchors = list(lx.REPRESENTED.finditer(self.p, a, b))
        if len(anchors) < 2:
            return [self.party(a, b)]
        starts: list[int] = []
        floor = a
        for anchor in anchors:
            start = self.name_start(anchor.start(), floor)
            if start is not None and (not starts or start > starts[-1]):
                starts.append(start)
            floor = self.line_end(anchor.start())
        if not starts:
            return [self.party(a, b)]
        starts[0] = min(starts[0], a) if self.t[a : starts[0]].strip(" \t\n" + lx.BULLET) == "" else starts[0]
        bounds = [*starts, b]
        return [self.party(x, y) for x, y in itertools.pairwise(bounds)]

    def name_start(self, anchor: int, floor: int) -> int | None:
        """Where the name of the party represented at ``anchor`` starts: its line, or the paragraph above."""
        src = self.src
        i = src.line_of(anchor)
        first = src.line_of(floor) if floor > 0 else 0
        before = self.p[src.starts[i] : anchor]
        before = before[lx.LEAD_CELL.match(before).end() :] if lx.LEAD_CELL.match(before) else before
        j = i if before.strip(" \t,;" + lx.BULLET) else i - 1
        while j > first and not src.lines[j].strip():
            j -= 1
        if j < first or not src.lines[j].strip() or self.stops_a_name(j):
            return None
        while j - 1 >= first and src.lines[j - 1].strip() and not self.stops_a_name(j - 1):
            j -= 1
        while j < i and not _STARTS_A_NAME.match(src.lines[j]):
            j += 1  # the tail of the representative's clause above
        return max(src.starts[j], floor)

    def stops_a_name(self, index: int) -> bool:
        a, b = self.src.line_span(index)
        line = self.p[a:b]
        return bool(
            lx.REPRESENTED.search(line)
            or lx.SHORT_NAME.search(line)
            or re.match(r"^[ \t\-•]*ci-\s*apres", line)
            or lx.SEPARATOR_LINE.fullmatch(line)
            or lx.ENTRE.match(line)
            or lx.TITLE.match(line)
        )

    # one party ------------------------------------------------------------------------------------

    def party(self, a: int, b: int) -> Party | None:
        a = self.skip_lead(a, b)
        rep = lx.REPRESENTED.search(self.p, a, b)
        cut = lx.NAME_END.search(self.p, a, rep.start() if rep else b)
        name_end = cut.start() if cut else (rep.start() if rep else b)
        name_end = min(name_end, self.address_line(a, name_end))
        raw = " ".join(self.t[a:name_end].split()).strip(" ,;:-")
        name = strip_article(raw)
        if not name or len(name) > 160 or (not raw[:1].isupper() and name == raw):
            return None
        short = lx.SHORT_NAME.search(self.p, a, b)
        if not (rep or short) and not (lx.ORG_START.match(fold(name)) or org_kind(name)):
            return None
        party: Party = {"_at": a, "name": (name, a)}
        kind = org_kind(name)
        if kind:
            party["kind"] = (kind, a)
        if short:
            party["short_name"] = (
                " ".join(self.t[short.start("s") : short.end("s")].split()),
                short.start("s"),
            )
        else:
            self.bracketed_short_name(party, name_end, b)
        if rep:
            stop = short.start() if short and short.start() > rep.end() else b
            party["representatives"] = self.representatives(rep.end(), stop)
        return party

    def skip_lead(self, a: int, b: int) -> int:
        """Past blanks, bullets, "Entre :", a leading "Et" cell."""
        while a < b:
            rest = self.p[a:b]
            m = re.match(r"[ \t\n:,;" + re.escape(lx.BULLET) + r"]+", rest) or lx.LEAD_CELL.match(rest)
            m = m or re.match(r"entre\b[ \t]*:?", rest)
            if not m or not m.end():
                break
            a += m.end()
        return a

    def address_line(self, a: int, b: int) -> int:
        """A name stops before a line that starts with a number (an address)."""
        m = re.search(r"\n[ \t]*\d", self.p[a:b])
        return a + m.start() if m else b

    def bracketed_short_name(self, party: Party, at: int, b: int) -> None:
        """ "Association X, (U.M.C.S.)": an acronym in brackets after the name."""
        m = scan.compiled(r"[ \t,]*\((?P<s>[^()\n]{2,30})\)").match(self.t, at, b)
        if m and (
            is_upper_word(m.group("s").replace(".", "").replace(" ", ""))
            or m.group("s")[:3] in ("la ", "le ")
        ):
            party["short_name"] = (m.group("s").strip(), m.start("s"))

    def representatives(self, a: int, b: int) -> list[tuple[dict[str, str], int]]:
        stop = lx.REPRESENTATIVE_END.search(self.p, a, b)
        b = stop.start() if stop else b
        # a new sentence on a line of its own ("L'UMCS est constituée ...") is no longer the clause
        for m in re.finditer(r"\n[ \t]*(?=(?:la|le|les|l')\s*[a-z])", self.p[a:b]):
            if not lx.ROLE_START.match(self.p[a + m.end() : b]):
                b = a + m.start()
                break
        out = []
        begin = a
        for sep in [*lx.REPRESENTATIVES_SPLIT.finditer(self.p, a, b), None]:
            end = sep.start() if sep else b
            person = self.person(begin, end)
            if person is not None:
                out.append(person)
            begin = sep.end() if sep else b
        return out

    def person(self, a: int, b: int) -> tuple[dict[str, str], int] | None:
        """ "son Président, M. X", "M. X, son Maire", "X LASTNAME, Directrice", "son Maire"."""
        text = self.t[a:b]
        civ = lx.CIVILITY.search(text)
        if civ:
            role, name, name_at = self.role_then_name(text, civ.start())
        else:
            left, comma, right = text.partition(",")
            if comma and lx.ROLE_START.match(plain(left).strip()) and name_score(right):
                role, name, name_at = left, right, len(left) + 1
            elif comma and name_score(left) == 2 and lx.ROLE_START.match(plain(right).strip()):
                role, name, name_at = right, left, 0
            else:
                role, name, name_at = text, "", 0
        name = clean_name(re.sub(r"^\s*(?:le|la)\s+", "", lx.CIVILITY.sub("", name, count=1)))
        role = _role(role)
        if name and not name_score(name):
            name = ""
        if not name and not (role and lx.ROLE_START.match(plain(role))):
            return None
        person = {"name": name, "role": role} if name else {"role": role}
        if not role:
            del person["role"]
        at = a + (max(text.find(name.split()[0], name_at), 0) if name else len(text) - len(text.lstrip()))
        return person, at

    def role_then_name(self, text: str, civility: int) -> tuple[str, str, int]:
        before = text[:civility]
        if before.strip(" ,\n"):
            name = text[civility:].split(",")[0]
            return before, name, civility
        name, _, role = text[civility:].partition(",")
        role = re.sub(r"^\s*(?:en\s+sa\s+qualit[ée]\s+de|agissant\s+en\s+qualit[ée]\s+de)\s+", "", role)
        return role, name, civility

    # the title, when the block is cut short ----------------------------------------------------

    def title_parties(self, found: list[Party]) -> list[Party]:
        """Organisations the title names that the parties block (cut short) does not."""
        title = self.out.get(("convention", "title"))
        at = self.title_at
        if not title or at is None:
            return []
        text = self.t[at : self.line_end(at)]
        known = [set(significant(p["name"][0])) for p in found]
        out: list[Party] = []
        for m in lx.TITLE_ORG.finditer(text):
            name = re.split(r"\s+(?:et|pour|relative|portant)\s+", m.group(0))[0]
            words = set(significant(name))
            if not words or any(words <= k or k <= words for k in known):
                continue
            known.append(words)
            party: Party = {"_at": at + m.start(), "name": (name, at + m.start())}
            kind = org_kind(name)
            if kind:
                party["kind"] = (kind, at + m.start())
            out.append(party)
        return out

    # output ------------------------------------------------------------------------------------------

    def emit(self, parties: list[Party]) -> None:
        ids: set[str] = set()
        for i, party in enumerate(parties):
            pid = party_id(party, ids)
            self.put(("parties", i, "id"), pid, party.pop("_at"))
            for key in ("name", "short_name", "kind"):
                if key in party:
                    value, at = party[key]
                    self.put(("parties", i, key), value, at)
            for j, (person, at) in enumerate(party.get("representatives", [])):
                self.put(("parties", i, "representatives", j), person, at)


def _role(text: str) -> str:
    """ "son Président le " -> "Président"; "le président de son Conseil" -> "Président du Conseil"."""
    role = " ".join(text.split()).strip(" ,;:.-–")
    role = re.sub(r"^(?:son|sa|ses|le|la|les|l['’])\s*", "", role, flags=re.I)
    role = re.sub(r"\s+(?:le|la)$", "", role, flags=re.I)
    role = re.sub(r"\s+de\s+son\s+", " du ", role)
    return role[:1].upper() + role[1:]


def party_id(party: Party, taken: set[str]) -> str:
    """A short id: the acronym it is known by (« la CCSS » -> ccss), else the place it names."""
    short = party.get("short_name", ("", 0))[0]
    words = [w for w in short.split() if is_upper_word(w)]
    if words:
        base = fold(words[0]).replace(" ", "")
    else:
        name = party["name"][0]
        rest = re.sub(
            r"^(?:commune|ville|communaute\s+de\s+communes|communaute\s+d\s+agglomeration|departement|region)\s+"
            r"(?:de\s+(?:la\s+|l\s+)?|d\s+|du\s+)?",
            "",
            fold(name),
        )
        kind = party.get("kind", ("", 0))[0]
        tokens = significant(rest) if kind != "departement" else ["departement"]
        base = "-".join(tokens[:4]) or "partie"
    ident = base
    n = 2
    while ident in taken:
        ident = f"{base}-{n}"
        n += 1
    taken.add(ident)
    return ident
