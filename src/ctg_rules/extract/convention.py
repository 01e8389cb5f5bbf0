"""The convention a deliberation approves: title, parties ("Entre : ... représentée par ...
ci-après dénommée"), "Vu ..." lines, "Liste des annexes", articles, steering committee,
"Fait à ..., En N exemplaires" and the signature blocks, however the columns came out.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..names import fold
from .positions import Extraction, Path, Reader, Source
from .words import (
    OrgMatcher,
    clean_name,
    find_date,
    is_upper_word,
    name_score,
    number,
    org_kind,
    sentence_case,
    significant,
)

_TITLE = re.compile(r"^[ \t]*(?:projet\s+de\s+)?convention\b[^\n]{3,140}$", re.M)
_ENTRE = re.compile(r"^[ \t]*entre\s*(?::|les\s+soussignes|$)", re.M)
_PARTIES_END = re.compile(
    r"^[ \t\-]*(?:sommaire|il\s+(?:a\s+ete|est)\s+(?:convenu|arrete)|vu\b|preambule|article\b|liste\s+des\s+annexes|"
    r"ci-apres\s+(?:denommees|designees)\s+ensemble|ensemble\s+(?:denommees|designees)|projet\s*$)",
    re.M,
)
_REPRESENTED = re.compile(r",?\s*(?:represente|representee|representes|representees)\s+par\s+")
_ARTICLE = re.compile(
    r"^[ \t]*article\s+(?P<n>\d+(?:\.\d+)?|premier|1er|preliminaire|unique)\b\s*(?:[:\-–.)]\s*)?(?P<t>[^\n]*)$",
    re.M,
)
_PREAMBLE = re.compile(r"^[ \t]*preambule\s*:?\s*$", re.M)
_ROLE_WORDS = (
    r"(?:vice-)?(?:president|presidente|directeur|directrice|maire|adjointe?|prefete?|sous-prefete?|recteur|rectrice|"
    r"secretaire|deleguee?|conseillere?|representante?|inspecteur|inspectrice|chef|responsable)"
)
_ROLE_LINE = re.compile(rf"^(?:pour\s+)?(?:le|la|l')\s*{_ROLE_WORDS}\b")
_ORG_LINE = re.compile(
    r"^(?:pour\s+)?(?:le|la|l'|les)\s*(?:commune|communaute|caisse|departement|direction|mutualite|region|prefecture|"
    r"etat|syndicat|metropole|association|ville|centre|msa|caf|ccss|dsden|cpam|agence|academie|conseil)\b"
)
_ANNEX_KINDS = (
    (r"^(?:deliberation|decision|arrete)\b", "deliberation"),
    (r"diagnostic", "diagnostic"),
    (r"fiches?[\s-]+actions?|plan\s+d'actions?", "action-plan"),
    (r"liste\s+des\s+equipements|equipements\s+et\s+services", "equipment-list"),
    (r"comite\s+de\s+pilotage", "steering-committee"),
)


class ConventionReader(Reader):
    """Reads the convention held in ``src.text[start:end]`` into ``convention``."""

    def __init__(self, src: Source, out: Extraction, start: int, end: int) -> None:
        super().__init__(src, out, start, end)
        self.base: Path = ("convention",)
        self.matcher = OrgMatcher([])

    def put(self, sub: Path, value: Any, offset: int) -> None:
        self.out.put((*self.base, *sub), value, self.pos(offset))

    def read(self) -> None:
        self.title()
        m = re.compile(r"^[ \t]*projet[ \t]*$|^[ \t]*document\s+de\s+travail[ \t]*$", re.M).search(
            self.p, self.start, self.end
        )
        if m:
            self.put(("status",), "draft", m.start())
        parties_end = self.parties()
        self.visas(parties_end)
        self.annexes()
        articles_end = self.signature_start()
        self.articles(parties_end, articles_end)
        self.period()
        self.governance()
        self.signature(articles_end)

    def title(self) -> None:
        m = _TITLE.search(self.p, self.start, self.end)
        if m is None:
            return
        value = " ".join(self.t[m.start() : m.end()].split())
        self.put(
            ("title",),
            sentence_case(value),
            m.start() + len(self.t[m.start() : m.end()]) - len(self.t[m.start() : m.end()].lstrip()),
        )
        if "territoriale globale" in fold(value):
            self.put(("type",), "ctg", m.start())

    # parties ------------------------------------------------------------------------------------------

    def parties(self) -> int:
        m = _ENTRE.search(self.p, self.start, self.end)
        if m is None:
            return self.start
        stop_m = _PARTIES_END.search(self.p, m.end(), self.end)
        stop = stop_m.start() if stop_m else self.end
        chunks: list[tuple[int, int]] = []
        begin = m.end()
        for sep in re.finditer(
            r"^[ \t]*(?:et|d'une\s+part,?\s+et|d'autre\s+part)[ \t,]*$", self.p[:stop], re.M
        ):
            if sep.start() < begin:
                continue
            chunks.append((begin, sep.start()))
            begin = sep.end()
        chunks.append((begin, stop))
        parties: list[dict[str, Any]] = []
        for a, b in chunks:
            party = self.party(a, b, len(parties))
            if party is not None:
                parties.append(party)
        ids: set[str] = set()
        for i, party in enumerate(parties):
            pid = _party_id(party, ids)
            self.put(("parties", i, "id"), pid, party.pop("_at"))
            for key in ("name", "short_name", "kind"):
                if key in party:
                    value, at = party[key]
                    self.put(("parties", i, key), value, at)
            for j, (person, at) in enumerate(party.get("representatives", [])):
                self.put(("parties", i, "representatives", j), person, at)
        self.matcher = OrgMatcher(self.out.get(("convention", "parties"), []))
        return stop

    def party(self, a: int, b: int, index: int) -> dict[str, Any] | None:
        text = self.t[a:b]
        lead = len(text) - len(text.lstrip(" \n\t-•"))
        a += lead
        folded = self.p[a:b]
        rep = _REPRESENTED.search(folded)
        name_end = rep.start() if rep else len(folded)
        cut = re.search(
            r",\s*(?:sise?|dont\s+le\s+siege|ayant\s+son\s+siege|domiciliee?|etablissement|n°\s*siren)|\s*[,;]\s*$|\n",
            folded[:name_end],
        )
        if cut:
            name_end = min(name_end, cut.start())
        raw_name = " ".join(self.t[a : a + name_end].split()).strip(" ,;-")
        raw_name = re.sub(r"^(?:La|Le|Les|L['’])\s*", "", raw_name)
        if not raw_name or len(raw_name) > 160 or not raw_name[:1].isupper():
            return None
        party: dict[str, Any] = {"_at": a, "name": (raw_name, a)}
        kind = org_kind(raw_name)
        if kind:
            party["kind"] = (kind, a)
        short = re.compile(
            r"ci-apres\s+(?:denommee?s?|designee?s?|appelee?s?)\s*,?\s*[«\"“]\s*(?P<s>[^»\"”]+?)\s*[»\"”]"
        ).search(folded)
        if short:
            party["short_name"] = (
                " ".join(self.t[a + short.start("s") : a + short.end("s")].split()),
                a + short.start("s"),
            )
        if rep:
            tail_end = short.start() if short else len(folded)
            party["representatives"] = self.representatives(a + rep.end(), a + tail_end)
        return party

    def representatives(self, a: int, b: int) -> list[tuple[dict[str, str], int]]:
        text = self.t[a:b]
        folded = self.p[a:b]
        stop = re.search(r",?\s*(?:dument|agissant|habilitee?s?|autorisee?s?)\b|;", folded)
        if stop:
            text, folded = text[: stop.start()], folded[: stop.start()]
        out = []
        for piece in re.split(
            r"\s+et\s+(?:par\s+)?(?=(?:le|la|son|sa|l'|monsieur|madame|m\.|mme)\b)", folded
        ):
            off = folded.find(piece)
            original = text[off : off + len(piece)]
            m = re.match(r"^\s*(?:le|la|son|sa|l')\s*(?P<role>[^,]+?),\s*(?P<name>.+)$", piece)
            if m:
                role = " ".join(original[m.start("role") : m.end("role")].split())
                name = clean_name(original[m.start("name") : m.end("name")])
            else:
                m = re.match(
                    r"^\s*(?P<name>(?:monsieur|madame|m\.|mme)\s+[^,]+?)\s*,\s*(?:son|sa|en\s+sa\s+qualite\s+de|le|la)\s+(?P<role>.+)$",
                    piece,
                )
                if not m:
                    continue
                name = clean_name(original[m.start("name") : m.end("name")])
                role = " ".join(original[m.start("role") : m.end("role")].split())
            if not name_score(name):
                continue
            role = re.sub(r"\s+de\s+son\s+", " du ", role)
            out.append(
                (
                    {"name": name, "role": role[:1].upper() + role[1:]},
                    a + off + original.find(name.split()[0]),
                )
            )
        return out

    # visas, annexes, articles -------------------------------------------------------------------------

    def visas(self, start: int) -> None:
        for n, m in enumerate(re.compile(r"^[ \t\-]*vu\s", re.M).finditer(self.p, start, self.end)):
            stop = self.line_end(m.start())
            while not self.t[m.start() : stop].rstrip().endswith((";", ".", ":")):
                nxt = stop + 1
                line = self.p[nxt : self.line_end(nxt)]
                if not line.strip() or re.match(r"^[ \t\-]*vu\s", line) or nxt >= self.end:
                    break
                stop = self.line_end(nxt)
            text = " ".join(self.t[m.start() : stop].split()).lstrip("- ")
            at = m.start() + len(self.t[m.start() : stop]) - len(self.t[m.start() : stop].lstrip(" -\t"))
            path = ("visas", n)
            self.put((*path, "text"), text, at)
            folded = self.p[m.start() : stop]
            if re.search(r"\b(?:deliberation|decision|arrete)\b", folded):
                party = self.matcher.mentioned(text)
                if party is not None:
                    self.put((*path, "party"), self.out.get(("convention", "parties", party, "id")), at)
            annex = re.search(r"\bannexe\s+(?:n°\s*)?(?P<a>[0-9]+[a-z]?|[a-z])\b", folded)
            if annex:
                self.put(
                    (*path, "annex"),
                    self.t[m.start() + annex.start("a") : m.start() + annex.end("a")],
                    m.start() + annex.start("a"),
                )
            when = re.search(r"\ben\s+date\s+(?:du\s+)?", folded)
            if when:
                value, d_at = find_date(
                    self.t, self.p, m.start() + when.end(), min(m.start() + when.end() + 14, stop)
                )
                if value is not None:
                    self.put((*path, "date"), value, d_at)

    def annexes(self) -> None:
        m = re.compile(r"^[ \t]*(?:liste\s+des\s+)?annexes\s*:?\s*$", re.M).search(
            self.p, self.start, self.end
        )
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
            a = re.match(
                r"^[ \t\-•]*annexe\s+(?:n°\s*)?(?P<id>[0-9]+[a-z]?|[a-z]|[ivx]+)\s*[:\-–.]\s*(?P<title>.*)$",
                line,
            )
            if not a:
                break
            ident = self.t[pos + a.start("id") : pos + a.end("id")]
            title = " ".join(self.t[pos + a.start("title") : stop].split())
            path = ("annexes", n)
            self.put((*path, "id"), ident, pos + a.start("id"))
            if title:
                self.put((*path, "title"), title, pos + a.start("title"))
            ftitle = fold(title)
            kind = next((k for rx, k in _ANNEX_KINDS if re.search(rx, ftitle)), None)
            self.put((*path, "kind"), kind or "other", pos + a.start("title"))
            if kind == "deliberation":
                party = self.matcher.mentioned(title)
                if party is not None:
                    self.put(
                        (*path, "party"),
                        self.out.get(("convention", "parties", party, "id")),
                        pos + a.start("title"),
                    )
            when = re.search(r"\ben\s+date\s+(?:du\s+)?", line)
            if when:
                value, d_at = find_date(self.t, self.p, pos + when.end(), min(pos + when.end() + 14, stop))
                if value is not None:
                    self.put((*path, "date"), value, d_at)
            n += 1
            pos = stop + 1

    def signature_start(self) -> int:
        m = re.compile(r"^[ \t]*fait\s+(?:a|en)\s", re.M).search(self.p, self.start, self.end)
        return m.start() if m else self.end

    def articles(self, start: int, end: int) -> None:
        toc = re.compile(r"^[ \t]*(?:sommaire|table\s+des\s+matieres)[ \t]*$", re.M).search(
            self.p, self.start, end
        )
        toc_end = -1
        toc_has_preamble = False
        if toc:
            pos = self.line_end(toc.start()) + 1
            while pos < end:
                stop = self.line_end(pos)
                line = self.p[pos:stop]
                if line.strip() and not _ARTICLE.match(line):
                    break
                toc_has_preamble = toc_has_preamble or bool(re.match(r"^[ \t]*article\s+preliminaire", line))
                pos = stop + 1
            toc_end = pos
        heads: list[tuple[int, int, str, str]] = []  # (line start, body start, number, title)
        for m in _ARTICLE.finditer(self.p, start, end):
            if m.start() < toc_end or (
                re.search(r"\s\d{1,3}\s*$", self.t[m.start() : m.end()]) and toc_end > 0
            ):
                continue
            n = self.t[m.start("n") : m.end("n")]
            number_ = {"premier": "1", "1er": "1"}.get(
                fold(n), n.lower() if fold(n) in ("preliminaire", "unique") else n
            )
            heads.append(
                (m.start(), m.end() + 1, number_, " ".join(self.t[m.start("t") : m.end("t")].split()))
            )
        for m in _PREAMBLE.finditer(self.p, max(start, toc_end), end):
            heads.append(
                (m.start(), m.end() + 1, "préliminaire" if True else "", self.t[m.start() : m.end()].strip())
            )
        heads.sort()
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

    def period(self) -> None:
        rx = re.compile(
            r"\b(?:conclue?|valable|signee?|prend\s+effet|couvre|porte\s+sur|pour\s+la\s+periode|duree|est\s+etablie)\b[^.]{0,120}?"
            r"\b(?:a\s+compter\s+du|du)\s+"
        )
        for m in rx.finditer(self.p, self.start, self.end):
            first, at1 = find_date(self.t, self.p, m.end(), m.end() + 30)
            if not isinstance(first, date) or at1 - m.end() > 3:
                continue
            sep = re.compile(r"[^\n.]{0,25}?\b(?:au|jusqu'au)\s+").search(self.p, at1 + 6, at1 + 40)
            if sep is None:
                continue
            second, at2 = find_date(self.t, self.p, sep.end(), sep.end() + 30)
            if isinstance(second, date):
                self.put(("period", "start"), first, at1)
                self.put(("period", "end"), second, at2)
                return

    def governance(self) -> None:
        m = re.compile(
            r"\bcomite\b[^.]{0,60}?\bcompose\b[^.]{0,60}?\brepresentants\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)"
        ).search(self.p, self.start, self.end)
        if m is None or not self.matcher.parties:
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
                    pid = self.out.get(("convention", "parties", i, "id"))
                    if pid not in members:
                        members.append(pid)
        if members:
            self.put(("governance", "steering_committee"), members, m.start())

    # signature ------------------------------------------------------------------------------------------

    def signature(self, start: int) -> None:
        if start >= self.end:
            return
        m = re.compile(r"fait\s+(?:a|en)\s+(?P<p>[^,\n]+)").match(
            self.p, start + len(self.p[start:]) - len(self.p[start:].lstrip())
        )
        if m:
            place = " ".join(self.t[m.start("p") : m.end("p")].split()).strip(" ,.")
            if place and not re.match(r"^(?:\d|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)", fold(place)):
                self.put(("signature", "place"), place, m.start("p"))
        zone_end = min(self.end, start + 400)
        d = re.compile(r"(?:^|,)\s*le\s+").search(self.p, start, zone_end)
        if d:
            value, at = find_date(self.t, self.p, d.end(), d.end() + 30)
            if value is not None and at - d.end() < 3:
                self.put(("signature", "date"), value, at)
        e = re.compile(r"\ben\s+(?P<n>[a-z0-9\-]+(?:\s[a-z\-]+)?)\s+(?:exemplaires|originaux)\b").search(
            self.p, start, zone_end
        )
        blocks_from = start
        if e:
            words = self.t[e.start("n") : e.end("n")].split()
            for k in range(len(words)):
                value = number(" ".join(words[k:]))
                if value is not None:
                    self.put(("signature", "originals"), value, e.start("n"))
                    break
            blocks_from = self.line_end(e.end()) + 1
        else:
            blocks_from = self.line_end(start) + 1
        self.blocks(blocks_from)

    def blocks(self, start: int) -> None:
        src = self.src
        first = src.line_of(start)
        last = src.line_of(self.end - 1) if self.end > 0 else 0
        logical: list[tuple[str, int]] = []  # (text, offset)
        i = first
        while i <= last and i < len(src.lines):
            line = src.lines[i]
            if not line.strip():
                i += 1
                continue
            group = src.bold_group.get(i)
            j = i
            while group is not None and j + 1 < len(src.lines) and src.bold_group.get(j + 1) == group:
                j += 1
            a = src.starts[i]
            text = " ".join(" ".join(src.lines[k].split()) for k in range(i, j + 1))
            logical.append((text, a + len(line) - len(line.lstrip())))
            i = j + 1
        blocks: list[dict[str, Any]] = []
        slots: list[tuple[int, str, int]] = []  # (block, role, offset)
        for text, at in logical:
            folded = fold(text).replace(" ", " ")
            plainline = self.p[at : at + len(text)]
            if len(text) > 120:
                if blocks:
                    break
                continue
            if _ROLE_LINE.match(plainline) and not _ORG_LINE.match(plainline):
                if blocks:
                    slots.append((len(blocks) - 1, text, at))
                continue
            if _ORG_LINE.match(plainline) or (org_kind(text) and name_score(text) < 2):
                label = re.sub(r"^Pour\s+", "", text)
                blocks.append({"label": (label, at), "signatories": []})
                continue
            if name_score(text) == 2 and folded:
                name = clean_name(text)
                if slots:
                    b, role, r_at = slots.pop(0)
                    blocks[b]["signatories"].append(({"name": name, "role": role}, at))
                elif blocks:
                    blocks[-1]["signatories"].append(({"name": name}, at))
        for n, block in enumerate(blocks):
            path = ("signature", "blocks", n)
            label, at = block["label"]
            party = self.matcher.best(label) if self.matcher.parties else None
            if party is not None:
                self.put((*path, "party"), self.out.get(("convention", "parties", party, "id")), at)
            self.put((*path, "label"), label, at)
            for k, (person, p_at) in enumerate(block["signatories"]):
                self.put((*path, "signatories", k), person, p_at)
        for b, role, r_at in slots:  # a role printed without a name under it
            path = ("signature", "blocks", b, "signatories")
            k = len(self.out.get(("convention", *path), []))
            self.put((*path, k), {"role": role}, r_at)


def _party_id(party: dict[str, Any], taken: set[str]) -> str:
    """A short id: the acronym it is known by (« la CCSS » -> ccss), else the place it names."""
    short = party.get("short_name", ("", 0))[0]
    words = [w for w in short.split() if is_upper_word(w)]
    if words:
        base = fold(words[0]).replace(" ", "")
    else:
        name = party["name"][0]
        rest = re.sub(
            r"^(?:commune|ville|communaute\s+de\s+communes|communaute\s+d\s+agglomeration|departement|region)\s+(?:de\s+(?:la\s+|l\s+)?|d\s+|du\s+)?",
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
