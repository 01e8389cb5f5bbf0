"""Attendance: the lists of members present, absent, represented (proxies), substitutes, recusals."""

from __future__ import annotations

import re

from ...names import fold
from ..positions import Path, plain
from ..words import (
    clean_name,
    name_score,
    number,
)
from .base import Item, ReaderBase, merge
from .lexicon import (
    ANY_LABEL,
    GROUP_PREFIX,
    HELD_PROXY,
    LIST_RE,
    LISTS,
    NOT_LIST_TAIL,
    PARENS,
    PROXY_FORMS,
    PROXY_LIST_FORMS,
    PROXY_WORDS,
    SUBSTITUTE_FORMS,
)


class AttendanceReader(ReaderBase):
    """Reads the attendance lists and the recusals."""

    # attendance -------------------------------------------------------------------------------

    def attendance(self, base: Path, start: int, end: int) -> None:
        present: list[Item] = []
        absent: list[Item] = []
        seen_lists: dict[str, int] = {}
        for m in self.finditer(LIST_RE, start, end):
            kind = next(k for k, _ in LISTS if m.group(k))
            if kind == "recused":
                continue
            tail = m.group("tail") or ""
            if kind == "substitute" and NOT_LIST_TAIL.search(self.p[m.start() : m.end()]):
                continue
            items = self.read_list(m.end(), end, kind)
            if items is None:
                continue
            seen_lists.setdefault(kind, m.start())
            del tail
            if kind in ("present", "substitute"):
                for item in items:
                    present.append(item)
                    for held, at in item.held_proxy_of:
                        absent.append(Item(held, at, proxy_to=item.name))
            elif kind == "proxy":
                for item in items:
                    if not item.proxy_to:
                        item.proxy = True
                    absent.append(item)
            else:
                absent.extend(items)
        if "present" in seen_lists or present:
            self.put_people((*base, "present"), merge(present), seen_lists.get("present", start))
        if absent or "absent" in seen_lists or "proxy" in seen_lists:
            self.put_people(
                (*base, "absent"), merge(absent), seen_lists.get("absent", seen_lists.get("proxy", start))
            )

    def read_list(self, start: int, end: int, kind: str) -> list[Item] | None:
        """The names after a list label, on its line and on the lines that go on with names."""
        line_stop = min(self.line_end(start), end)
        first = self.t[start:line_stop].strip()
        if (
            first
            and number(first.split()[0].strip(".,;"), none_is_zero=False) is not None
            and not re.search(r"[A-Z]{2}", first)
        ):
            return None  # "Présents : 24": a count
        if re.match(r"(?:neant|aucune?|-|/)\s*\.?\s*$", self.p[start:line_stop].strip()):
            return []
        comma_mode = bool(re.search(r"[,;]", first))
        stop = line_stop
        strict = not first
        probe = line_stop + 1
        while probe < end:
            nxt_end = min(self.line_end(probe), end)
            line = self.t[probe:nxt_end]
            if self.src.line_of(probe) in self.src.dropped:
                probe = nxt_end + 1
                continue
            if not line.strip():
                if stop > start and self.t[start:stop].strip():
                    break
                probe = nxt_end + 1
                continue
            if ANY_LABEL.match(self.p, probe) or LIST_RE.match(self.p, probe):
                break
            if not self.names_line(line, strict and stop == line_stop and not first):
                break
            if stop == line_stop and not first:
                comma_mode = bool(re.search(r"[,;]", line))
            stop = nxt_end
            probe = nxt_end + 1
        region = self.t[start:stop]
        if not region.strip():
            return []
        return self.split_items(region, start, comma_mode, kind)

    def names_line(self, line: str, strict: bool) -> bool:
        parts = [p for p in re.split(r"[,;]|\bet\b", PARENS.sub("", line)) if p.strip(" .-")]
        if not parts:
            return False
        scores = [_item_score(GROUP_PREFIX.sub("", p)) for p in parts]
        good = sum(1 for s in scores if s)
        if strict:
            return all(scores) and sum(1 for s in scores if s == 2) * 2 >= len(scores)
        return good * 2 > len(scores)

    def split_items(self, region: str, base: int, comma_mode: bool, kind: str) -> list[Item]:
        pieces: list[tuple[str, int]] = []
        depth = 0
        begin = 0
        i = 0
        folded = self.p[base : base + len(region)]
        while i < len(region):
            ch = region[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(depth - 1, 0)
            elif depth == 0:
                cut = 0
                if ch in ",;" or (ch == "\n" and not comma_mode and not region[:i].rstrip(" ").endswith("-")):
                    cut = 1
                elif folded.startswith(" et ", i) and not re.match(r" et (?:par|a) ", folded[i:]):
                    cut = 4
                if cut:
                    pieces.append((region[begin:i], begin))
                    begin = i + cut
                    i += cut
                    continue
            i += 1
        pieces.append((region[begin:], begin))
        items: list[Item] = []
        for text, offset in pieces:
            item = self.parse_item(text, base + offset, kind)
            if item is not None:
                if items and item.name == "" and item.proxy_to:
                    items[-1].proxy_to = item.proxy_to  # "X, pouvoir à Y" split by the comma
                    continue
                items.append(item)
        return [i for i in items if i.name]

    def parse_item(self, text: str, offset: int, kind: str) -> Item | None:
        lead = len(text) - len(text.lstrip())
        offset += lead
        text = re.sub(r"-\s*\n\s*", "-", text.strip())
        text = " ".join(text.replace("\n", " ").split()).strip(" .*-–•")
        if not text or fold(text) in ("neant", "aucun", "aucune"):
            return None
        group = GROUP_PREFIX.match(text)
        if group and _item_score(PARENS.sub("", text[group.end() :]).split(",")[0]):
            offset += group.end()
            text = text[group.end() :]
        folded = plain(text)
        held = []
        for m in HELD_PROXY.finditer(folded):
            held.append((clean_name(text[m.start("n") : m.end("n")]), offset + m.start("n")))
        for m in reversed(list(HELD_PROXY.finditer(folded))):
            text = text[: m.start()] + text[m.end() :]
        folded = plain(text)
        forms = list(SUBSTITUTE_FORMS) + list(PROXY_FORMS)
        if kind == "proxy":
            forms += list(PROXY_LIST_FORMS)
        if re.match(r"^(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+(?P<h>.+)$", folded):
            holder = clean_name(
                text[re.match(r"^(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+", folded).end() :]
            )  # type: ignore[union-attr]
            return Item("", offset, proxy_to=holder) if name_score(holder) else None
        for rx in forms:
            m = rx.match(folded)
            if not m:
                continue
            name = clean_name(PARENS.sub("", text[m.start("n") : m.end("n")]))
            other = clean_name(PARENS.sub("", text[m.start("h") : m.end("h")]))
            if not name_score(name) or not name_score(other):
                continue
            item = Item(name, offset + m.start("n"))
            if rx in SUBSTITUTE_FORMS:
                item.substitute_for = other
            else:
                item.proxy_to = other
            item.held_proxy_of = held
            return item
        name = clean_name(PARENS.sub("", text))
        if not name_score(name):
            return None
        return Item(name, offset + max(text.find(name.split()[0]), 0), held_proxy_of=held)

    # recusals, votes, decision ---------------------------------------------------------------------

    def recusals(self, base: Path, start: int, end: int) -> None:
        people: list[Item] = []
        verb = re.compile(
            r"\b(?:ne\s+(?:participe|participent|prend|prennent)\s+pas\s+(?:part\s+)?(?:a|au)\s+(?:ce\s+|la\s+|cette\s+)?(?:vote|deliberation|debat)"
            r"|n'(?:a|ont)\s+pas\s+pris\s+part\s+(?:au\s+vote|a\s+la\s+deliberation)|se\s+retire(?:nt)?\b|s'est\s+retiree?|quitte(?:nt)?\s+la\s+salle)"
        )
        for m in verb.finditer(self.p, start, end):
            if self.p[m.end() : m.end() + 3].lstrip().startswith(":"):
                stop = self.line_end(m.end())
                colon = self.p.index(":", m.end())
                items = self.split_items(self.t[colon + 1 : stop], colon + 1, True, "recused")
                people.extend(items)
                continue
            begin = max(
                self.p.rfind("(", start, m.start()),
                self.p.rfind(". ", start, m.start()) + 1,
                self.p.rfind("\n\n", start, m.start()) + 1,
                start,
            )
            people.extend(self.people_in_sentence(begin, m.start()))
        if people:
            self.put_people((*base, "recused"), merge(people), people[0].offset)

    def people_in_sentence(self, start: int, stop: int) -> list[Item]:
        """ "Monsieur A en tant que Président de X et Madame B et Monsieur C en tant qu'agents de X"."""
        text = self.t[start:stop]
        folded = self.p[start:stop]
        marks = [
            m.start()
            for m in re.finditer(r"(?<![a-z])(?:monsieur|madame|mademoiselle|mme|mlle|m\.|mm\.)\s", folded)
        ]
        if not marks:
            cut = re.split(r",\s*|\s+et\s+", text.strip(" ()"))
            out = []
            for piece in cut:
                name = clean_name(piece)
                if name_score(name) == 2:
                    out.append(Item(name, start + text.find(piece)))
            return out
        out = []
        pending: list[Item] = []
        for k, mark in enumerate(marks):
            seg_end = marks[k + 1] if k + 1 < len(marks) else len(text)
            seg = text[mark:seg_end]
            fseg = folded[mark:seg_end]
            r = re.search(
                r"\s(?:en\s+tant\s+qu[e']\s*|en\s+sa\s+qualite\s+d[e']\s*|en\s+qualite\s+d[e']\s*)|\s*,\s*",
                fseg,
            )
            name_part = seg[: r.start()] if r else seg
            name_part = re.sub(r"\s+et\s*$", "", name_part.strip())
            name = clean_name(name_part)
            if not name_score(name):
                continue
            item = Item(
                name,
                start + mark + (len(seg) - len(seg.lstrip())) + len(seg[: seg.find(name.split()[0])])
                if name.split()[0] in seg
                else start + mark,
            )
            reason = None
            if r:
                reason = " ".join(seg[r.end() :].split())
                reason = re.sub(r"\s*(?:,|\bet)\s*$", "", reason).strip(" ,)")
            if reason:
                item.reason = reason
                for p in pending:
                    p.reason = reason  # "X et Y en tant qu'agents de ...": the reason is theirs too
                pending = []
            else:
                pending.append(item)
            out.append(item)
        return out


def _item_score(text: str) -> int:
    """How surely a list item names people: each side of "X à Y", "X donne pouvoir à Y" must."""
    folded = plain(text)
    cuts = [0]
    for m in PROXY_WORDS.finditer(folded):
        cuts.extend((m.start(), m.end()))
    cuts.append(len(text))
    sides = [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True) if text[a:b].strip()]
    return min((name_score(side) for side in sides), default=0)
