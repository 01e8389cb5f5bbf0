"""Where and when the convention is signed, in how many originals, and its signature blocks.

The blocks come out of a DOCX table or a PDF's columns in one of three orders, all read here:

* label first: "Pour la Commune de X" / "Le Maire" / "Jean DUPONT", one block after the other,
  or row by row (every label, then every role, then every name: a table read across);
* name first: "Monsieur Jean DUPONT" / "Maire de la commune de X" (a role naming its party);
* role first: "Le Maire de X" / "Jean DUPONT".

A line is cut into cells where a table's cells or a PDF's columns were joined (two spaces or
more); several labels, roles or names that a PDF joined with single spaces are cut apart too.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ... import regex
from ...names import compare_names, fold
from .. import scan
from ..positions import plain
from ..words import clean_name, find_date, is_upper_word, name_score, number, org_kind
from . import lexicon as lx
from .base import Part, cells

_MAX_CELL = 120  # longer: running text, no block
_NUMBER_WORD = r"^(?:\d|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_LABELS_JOINED = regex.compile(r"(?<=\S)\s+(?=Pour\s+(?:la|le|les|l['’])?\s*[A-ZÀ-Þ])")
#: matched on the plain text; only where the original prints a capital ("Le Maire La Présidente")
_ROLES_JOINED = regex.compile(rf"(?<=\S)\s+(?=(?:le|la|l')\s*{lx.ROLE_WORDS}\b)")
_ROLE_AFTER_LABEL = regex.compile(rf"(?<=\S)\s+(?=(?:(?:le|la|l')\s*)?{lx.ROLE_WORDS}\b)")
_NAME_FIRST_LAST = r"[A-ZÀ-Þ][a-zà-ÿ'’]+(?:[\s-][A-ZÀ-Þ][a-zà-ÿ'’]+)*\s+[A-ZÀ-Þ]{2,}(?:[\s'’-][A-ZÀ-Þ]{2,})*"
_NAMES_JOINED = regex.compile(rf"^(?:{_NAME_FIRST_LAST})(?:\s+{_NAME_FIRST_LAST})+$")
_NAME = regex.compile(rf"(?:(?:Monsieur|Madame|M\.|Mme)\s+)?{_NAME_FIRST_LAST}")
_ORG_AFTER = regex.compile(rf"\s(?:de\s+la|de\s+l'|du|des|de|d')\s*(?={lx.ORG_HEADS})")


@dataclass
class Cell:
    text: str
    at: int
    line: int
    kind: str = ""


@dataclass
class Block:
    label: list[Cell] = field(default_factory=list)
    #: (name cell, role cell or None)
    people: list[tuple[Cell | None, Cell | None]] = field(default_factory=list)
    #: a name-first block's lines under the name: its role and party
    under: list[Cell] = field(default_factory=list)


class SignatureReader(Part):
    """ "Fait à ..., le ...", "En N exemplaires", then the blocks."""

    def signature_start(self) -> int:
        m = lx.SIGNED_AT.search(self.p, self.start, self.end)
        return m.start() if m else self.end

    def signature(self, start: int) -> None:
        if start >= self.end:
            return
        m = scan.compiled(r"fait\s+(?:a|en)\s+(?P<p>[^,\n]+)").match(
            self.p, start + len(self.p[start:]) - len(self.p[start:].lstrip())
        )
        if m:
            place = " ".join(self.t[m.start("p") : m.end("p")].split()).strip(" ,.")
            if place and not re.match(_NUMBER_WORD, fold(place)):
                self.put(("signature", "place"), place, m.start("p"))
        zone_end = min(self.end, start + 400)
        d = scan.compiled(r"(?:^|,)\s*le\s+").search(self.p, start, zone_end)
        if d:
            value, at = find_date(self.t, self.p, d.end(), d.end() + 30)
            if value is not None and at - d.end() < 3:
                self.put(("signature", "date"), value, at)
        e = lx.ORIGINALS.search(self.p, start, zone_end)
        if e:
            words = self.t[e.start("n") : e.end("n")].split()
            for k in range(len(words)):
                value = number(" ".join(words[k:]))
                if value is not None:
                    self.put(("signature", "originals"), value, e.start("n"))
                    break
        blocks_from = self.line_end(e.end() if e else start) + 1
        stop = lx.SIGNATURE_END.search(self.p, blocks_from, self.end)
        self.blocks(blocks_from, stop.start() if stop else self.end)

    # cells --------------------------------------------------------------------------------------------

    def cells(self, a: int, b: int) -> list[Cell]:
        """The zone's text as cells, in reading order (a bold span over several lines is one cell)."""
        src = self.src
        out: list[Cell] = []
        i, last = src.line_of(a), src.line_of(max(b - 1, a))
        while i <= last and i < len(src.lines):
            if not src.lines[i].strip():
                i += 1
                continue
            group = src.bold_group.get(i)
            j = i
            while group is not None and j + 1 < len(src.lines) and src.bold_group.get(j + 1) == group:
                j += 1
            if j > i:  # one label printed in bold over several lines
                line = src.lines[i]
                text = " ".join(" ".join(src.lines[k].split()) for k in range(i, j + 1))
                out.append(Cell(text, src.starts[i] + len(line) - len(line.lstrip()), i))
            else:
                out.extend(self.line_cells(i))
            i = j + 1
        for cell in out:
            cell.kind = self.kind(cell.text)
        return out

    def line_cells(self, i: int) -> list[Cell]:
        line, start = self.src.lines[i], self.src.starts[i]
        return [Cell(text, start + a + off, i) for a, b in cells(line) for text, off in _joined(line[a:b])]

    def kind(self, text: str) -> str:
        q = plain(text).strip()
        if len(text) > _MAX_CELL:
            return "long"
        if lx.SIGNATURE_NOISE.match(q):
            return "noise"
        if lx.ROLE_START.match(q) and not lx.LABEL_START.match(q):
            return "role"
        if lx.LABEL_START.match(q) or (org_kind(text) and name_score(text) < 2):
            return "label"
        bare = _bare(text)
        if name_score(bare) == 2 or (name_score(bare) and lx.CIVILITY.match(text.strip())):
            return "name"
        return "other"

    # blocks -------------------------------------------------------------------------------------------

    def blocks(self, a: int, b: int) -> None:
        cells = [c for c in self.cells(a, b) if c.kind != "noise"]
        first = next((c.kind for c in cells if c.kind in ("label", "role", "name")), None)
        if first == "name":
            self.emit_name_first(_name_first(cells))
        else:
            self.emit_label_first(_label_first(cells, role_first=first == "role"))

    def emit_label_first(self, blocks: list[Block]) -> None:
        slots: list[tuple[int, Cell]] = []  # roles printed with no name under them
        for n, block in enumerate(blocks):
            path = ("signature", "blocks", n)
            label = re.sub(r"^Pour\s+", "", " ".join(c.text for c in block.label)).strip(" ,:")
            names = [clean_name(_bare(c.text)) for c, _ in block.people if c is not None]
            party = self.block_party(label, names, label_first=True)
            at = block.label[0].at if block.label else (block.people[0][1] or block.people[0][0]).at  # type: ignore[union-attr]
            if party is not None:
                self.put((*path, "party"), party, at)
            if label:
                self.put((*path, "label"), label, at)
            k = 0
            for name, role in block.people:
                if name is None:
                    slots.append((n, role))  # type: ignore[arg-type]
                    continue
                person = {"name": clean_name(_bare(name.text))}
                if role is not None:
                    person["role"] = role.text
                self.put((*path, "signatories", k), person, name.at)
                k += 1
        for n, role in slots:
            path = ("signature", "blocks", n, "signatories")
            k = len(self.out.get(("convention", *path), []))
            self.put((*path, k), {"role": role.text}, role.at)

    def emit_name_first(self, blocks: list[Block]) -> None:
        """A block per name; two names in a row for the same party sign one block."""
        n, k, previous = -1, 0, None
        for block in blocks:
            name_cell = block.people[0][0]
            assert name_cell is not None
            name = clean_name(_bare(name_cell.text))
            under = " ".join(" ".join(c.text.split()) for c in block.under).strip(" ,")
            split = _ORG_AFTER.search(plain(under))
            role, label = (under[: split.start()], under[split.end() :]) if split else (under, under)
            party = self.block_party(label, [name], label_first=False)
            if party is None or party != previous:
                n, k, previous = n + 1, 0, party
                if party is not None:
                    self.put(("signature", "blocks", n, "party"), party, name_cell.at)
                if label:
                    self.put(("signature", "blocks", n, "label"), label, block.under[0].at)
            person = {"name": name, "role": role.strip(" ,")} if role.strip(" ,") else {"name": name}
            self.put(("signature", "blocks", n, "signatories", k), person, name_cell.at)
            k += 1

    def block_party(self, label: str, names: list[str], *, label_first: bool) -> Any:
        """The party a block signs for: by its label, or by its signatory among the representatives."""
        by_label = self.matcher.best(label) if self.matcher.parties and label else None
        by_name = self.represented_by(names)
        first, second = (by_label, by_name) if label_first else (by_name, by_label)
        found = first if first is not None else second
        return self.party_id(found) if found is not None else None

    def represented_by(self, names: list[str]) -> int | None:
        found = {
            i
            for i, party in enumerate(self.matcher.parties)
            for rep in party.get("representatives") or []
            for name in names
            if rep.get("name") and name and compare_names(name, rep["name"]) != "unresolved"
        }
        return found.pop() if len(found) == 1 else None


# the three orders ---------------------------------------------------------------------------------


def _label_first(cells: list[Cell], *, role_first: bool) -> list[Block]:
    """Labels (or roles naming their party) open the blocks; roles wait for the names under them."""
    blocks: list[Block] = []
    slots: deque[tuple[int, int]] = deque()  # (block, index in its people) waiting for a name
    run: list[int] = []  # blocks opened side by side since the last role or name
    turn, last, last_line = 0, "", -1
    for cell in cells:
        if cell.kind == "long":
            if blocks:
                break
            continue
        opens = cell.kind == "label" or (
            role_first and cell.kind == "role" and (last in ("", "name") or cell.line == last_line)
        )
        if opens:
            if last in ("role", "name", ""):
                run, turn = [], 0
            blocks.append(Block(label=[cell] if cell.kind == "label" else []))
            run.append(len(blocks) - 1)
            if cell.kind == "label":
                last, last_line = "label", cell.line
                continue
        elif cell.kind == "other":
            if last == "label" and blocks:
                blocks[-1].label.append(cell)  # a label wrapped over two lines
            continue
        if not blocks or cell.kind not in ("role", "name"):
            continue
        target = run[turn % len(run)] if len(run) > 1 and cell.kind == "role" else len(blocks) - 1
        if cell.kind == "role":
            turn += len(run) > 1
            blocks[target].people.append((None, cell))
            slots.append((target, len(blocks[target].people) - 1))
        elif slots:
            b, k = slots.popleft()
            blocks[b].people[k] = (cell, blocks[b].people[k][1])
        else:
            blocks[run[turn % len(run)] if len(run) > 1 else target].people.append((cell, None))
            turn += len(run) > 1
        last, last_line = cell.kind, cell.line
    return blocks


def _name_first(cells: list[Cell]) -> list[Block]:
    """A name opens each block; the lines under it say the role and the party."""
    blocks: list[Block] = []
    run: list[int] = []
    turn, last, last_line = 0, "", -1
    for cell in cells:
        if cell.kind == "long":
            if blocks:
                break
            continue
        if cell.kind == "name":
            if last == "name" and cell.line != last_line and _continues_a_name(cell.text):
                prev = blocks[-1].people[0][0]
                assert prev is not None
                blocks[-1].people[0] = (Cell(f"{prev.text} {cell.text}", prev.at, prev.line, "name"), None)
            else:
                if last != "name":
                    run, turn = [], 0
                blocks.append(Block(people=[(cell, None)]))
                run.append(len(blocks) - 1)
            last, last_line = "name", cell.line
            continue
        if not blocks:
            continue
        target = run[turn % len(run)] if len(run) > 1 else len(blocks) - 1
        turn += len(run) > 1
        blocks[target].under.append(cell)
        last, last_line = "under", cell.line
    return [b for b in blocks if b.under or b.people]


def _continues_a_name(text: str) -> bool:
    """ "DEBETHENCOURT" under "Madame Audrey MATHON": capitals only, no civility."""
    return not lx.CIVILITY.match(text) and all(is_upper_word(t) for t in text.split())


def _bare(text: str) -> str:
    """A name without its civility ("Docteur" included) nor a leading article."""
    return re.sub(r"^\s*(?:le|la)\s+", "", lx.CIVILITY.sub("", text.strip(), count=1)).strip()


def _joined(text: str) -> list[tuple[str, int]]:
    """Several labels, roles or names a PDF (or a table cell) joined with single spaces, cut apart."""
    out = []
    for piece, at in _apart(text):
        cut = _trailing_name(piece) if lx.ROLE_START.match(plain(piece)) else None
        if cut:  # "Le Maire Jean DUPONT": a role, then the name under it
            out += [(piece[:cut].rstrip(), at), (piece[cut:], at + cut)]
        else:
            out.append((piece, at))
    return out


def _trailing_name(text: str) -> int | None:
    """Where a name printed after a role starts ("Le Maire Jean DUPONT" -> 9), or None."""
    for m in re.finditer(r"\s(?=\S)", text):
        rest = text[m.end() :]
        if _NAME.fullmatch(rest) and name_score(_bare(rest)) and not lx.ROLE_START.match(plain(rest)):
            return m.end()
    return None


def _apart(text: str) -> list[tuple[str, int]]:
    pieces = _apart_blocks(text)
    out = []
    for piece, at in pieces:  # "Pour la Commune de X Le Maire ...": the label, then the role
        q = plain(piece)
        cut = next((m.end() for m in _ROLE_AFTER_LABEL.finditer(q) if piece[m.end()].isupper()), None)
        if q.startswith("pour ") and cut:
            out += [(piece[:cut].rstrip(), at), (piece[cut:], at + cut)]
        else:
            out.append((piece, at))
    return out


def _apart_blocks(text: str) -> list[tuple[str, int]]:
    cuts = [m.end() for m in _LABELS_JOINED.finditer(text)]
    cuts = cuts or [m.end() for m in _ROLES_JOINED.finditer(plain(text)) if text[m.end()].isupper()]
    if cuts and len(text) <= 2 * _MAX_CELL:
        return _cut(text, cuts)
    civilities = [m.start() for m in lx.CIVILITY.finditer(text)]
    if len(civilities) > 1 and civilities[0] == 0:
        return _cut(text, civilities[1:])
    if _NAMES_JOINED.match(text):
        cuts = [m.end() for m in re.finditer(r"(?<=[A-ZÀ-Þ'’-]{2})\s+(?=[A-ZÀ-Þ][a-zà-ÿ])", text)]
        return _cut(text, cuts)
    return [(text, 0)]


def _cut(text: str, cuts: list[int]) -> list[tuple[str, int]]:
    bounds = [0, *cuts, len(text)]
    out = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        if piece.strip():
            out.append((piece.strip(), a + len(piece) - len(piece.lstrip())))
    return out
