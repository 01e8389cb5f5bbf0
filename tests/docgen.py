"""Documents written from a dossier, as a clerk's office prints them: text, DOCX (python-docx) and PDF
(fpdf2), in several layouts, for the tests that read them back.

A document is a list of elements: a paragraph (``str``) or a :class:`Table` (``rows`` of cells;
``columns=True`` lays a PDF's cells out as side-by-side columns instead of a ruled table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ctg_rules.model import Convention, Party, Person

_MONTHS = dict(
    enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        start=1,
    )
)


@dataclass
class Table:
    rows: list[list[str]]
    columns: bool = False


Element = str | Table


def in_words(value: Any) -> str:
    """2024-04-02 -> "2 avril 2024"; a placeholder as printed."""
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month]} {value.year}"
    return str(value)


def first_last(name: str | None) -> str:
    """ "ESTEVE Louis" (the dossier's order) -> "Louis ESTEVE" (the order letters are signed in)."""
    words = (name or "").split()
    last = [w for w in words if w.isupper() and len(w) > 1]
    first = [w for w in words if w not in last]
    return " ".join(first + last)


def _article(name: str) -> str:
    first = name.split()[0].lower() if name else ""
    if name[:1] in "AEIOUÉ":
        return "L'"
    return "Le" if first in ("département", "conseil", "centre", "syndicat", "pays") else "La"


# --- a convention ------------------------------------------------------------------------------


def _party_paragraph(party: Party) -> str:
    reps = " et par ".join(f"son {p.role}, M. {first_last(p.name)}" for p in party.representatives)
    text = f"{_article(party.name or '')} {party.name}"
    if reps:
        text += f", représentée par {reps}, dûment habilitée à signer la présente convention"
    if party.short_name:
        text += f", ci-après dénommée « {party.short_name} »"
    return text + " ;"


def parties(convention: Convention, layout: str) -> list[Element]:
    """The parties: "paragraphs" (Entre : ... et ...), "rows" (a table, a party per row after
    "Entre"/"Et"), "columns" (a table under a "Partie | Représentée par | Qualité" header),
    "after" ("Name," / "représentée par ..." lines, then "ENTRE")."""
    ps = convention.parties
    if layout == "paragraphs":
        out: list[Element] = ["Entre :"]
        for i, party in enumerate(ps):
            out += (["et"] if i else []) + [_party_paragraph(party)]
        return out
    if layout == "rows":
        return [Table([["Entre" if i == 0 else "Et", _party_paragraph(p)] for i, p in enumerate(ps)])]
    if layout == "columns":
        rows = [["Partie", "Représentée par", "Qualité"]]
        for p in ps:
            rep = p.representatives[0] if p.representatives else Person(name="", role="")
            rows.append([p.name or "", first_last(rep.name), rep.role or ""])
        return ["Les parties à la présente convention sont :", Table(rows)]
    assert layout == "after"
    out = []
    for p in ps:
        out.append(f"{p.name},")
        reps = " et par ".join(
            f"son {r.role}, Madame ou Monsieur {first_last(r.name)}" for r in p.representatives
        )
        out.append(f"représentée par {reps}".replace("Madame ou Monsieur", "M."))
    return [*out, "ENTRE"]


def blocks(convention: Convention, layout: str, per_row: int = 3) -> list[Element]:
    """Signature blocks: "rows" (a table: labels, then roles, then names), "cells" (a table, one
    block per cell), "columns" (a PDF's columns), "sequence" (one block after the other),
    "name-first" ("M. Jean DUPONT" / "Maire de ...")."""
    signature = convention.signature
    assert signature is not None
    by_id = {p.id: p for p in convention.parties}

    def label(block: Any) -> str:
        if block.label:
            return (
                f"Pour {block.label[:1].lower()}{block.label[1:]}"
                if block.label[:2] in ("La", "Le")
                else block.label
            )
        party = by_id.get(block.party or "")
        return (
            f"Pour {_article(party.name or '').lower()} {party.name}".replace("l' ", "l'")
            if party
            else "Pour"
        )

    def lines(block: Any) -> list[str]:
        out = [label(block)]
        for s in block.signatories:
            out += [s.role or "", first_last(s.name)]
        return [x for x in out if x]

    bs = signature.blocks
    if layout == "sequence":
        return [x for b in bs for x in lines(b)]
    if layout == "name-first":
        out: list[Element] = []
        for b in bs:
            for s in b.signatories:
                party = by_id.get(b.party or "")
                role = " ".join(w for w in (s.role or "").split() if w not in ("Le", "La", "L'"))
                of = (
                    f"{_article(party.name or '').lower()} {party.name}".replace("l' ", "l'") if party else ""
                )
                out += [f"M. {first_last(s.name)}", f"{role} de {of}" if of else role]
        return out
    out = []
    for start in range(0, len(bs), per_row):
        group = [lines(b) for b in bs[start : start + per_row]]
        if layout in ("cells", "columns"):
            table = Table(
                [["\n".join(g) for g in group]] if layout == "cells" else _rows(group),
                columns=layout == "columns",
            )
        else:
            table = Table(_rows(group))
        out.append(table)
    return out


def _rows(group: list[list[str]]) -> list[list[str]]:
    height = max(len(g) for g in group)
    return [[g[i] if i < len(g) else "" for g in group] for i in range(height)]


def convention(
    convention: Convention,
    *,
    parties_layout: str = "paragraphs",
    blocks_layout: str = "rows",
    per_row: int = 3,
) -> list[Element]:
    """The whole convention: title, parties, visas, annexes, articles, "Fait à", blocks."""
    out: list[Element] = [(convention.title or "Convention").upper(), ""]
    out += parties(convention, parties_layout)
    out += ["", "Il est convenu ce qui suit :"]
    out += [v.text or "" for v in convention.visas]
    if convention.annexes:
        out += ["Liste des annexes"] + [f"Annexe {a.id} : {a.title}" for a in convention.annexes]
    for a in convention.articles:
        out += [
            f"Article {a.number} : {a.title}" if a.title else f"Article {a.number}",
            " ".join((a.text or "").split()),
        ]
    signature = convention.signature
    if signature is not None:
        made = f"Fait à {signature.place}" if signature.place else "Fait"
        if signature.date is not None:
            made += f", le {in_words(signature.date)}"
        if signature.originals:
            made += f", en {signature.originals} exemplaires"
        out += [made + "."]
        out += blocks(convention, blocks_layout, per_row)
    return out


# --- writers ----------------------------------------------------------------------------------------


def write_text(path: Path, elements: list[Element]) -> Path:
    lines: list[str] = []
    for e in elements:
        if isinstance(e, Table):
            lines += ["  ".join(c.replace("\n", " ") for c in row if c) for row in e.rows]
        else:
            lines.append(e)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path, elements: list[Element]) -> Path:
    import docx

    document = docx.Document()
    for e in elements:
        if isinstance(e, Table):
            table = document.add_table(rows=len(e.rows), cols=max(len(r) for r in e.rows))
            for row, cells in zip(table.rows, e.rows, strict=False):
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text
        else:
            document.add_paragraph(e)
    document.save(str(path))
    return path


_LATIN = str.maketrans({"’": "'", "œ": "oe", "Œ": "OE", "–": "-", "—": "-", "…": "...", "\u202f": " "})


def write_pdf(path: Path, elements: list[Element]) -> Path:
    """A PDF in Helvetica (its text kept to Latin-1, what the core fonts print)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for e in elements:
        if isinstance(e, Table) and e.columns:
            _pdf_columns(pdf, e)
        elif isinstance(e, Table):
            with pdf.table(first_row_as_headings=False) as table:
                for cells in e.rows:
                    row = table.row()
                    for text in cells:
                        row.cell(text.translate(_LATIN))
        else:
            pdf.multi_cell(0, 5, e.translate(_LATIN) or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _pdf_columns(pdf: Any, table: Table) -> None:
    """Each column's cells stacked under one another, the columns side by side (a signature page)."""
    n = max(len(r) for r in table.rows)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / n
    top = pdf.get_y() + 4
    bottom = top
    for k in range(n):
        pdf.set_xy(pdf.l_margin + k * width, top)
        for row in table.rows:
            if k < len(row) and row[k]:
                pdf.set_x(pdf.l_margin + k * width)
                pdf.multi_cell(width - 4, 5, row[k].translate(_LATIN), new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(pdf.l_margin, bottom + 4)


# --- a deliberation --------------------------------------------------------------------------------

_COUNCIL = {
    "commune": ("CONSEIL MUNICIPAL", "le conseil municipal"),
    "epci": ("CONSEIL COMMUNAUTAIRE", "le conseil communautaire"),
    "departement": ("CONSEIL DÉPARTEMENTAL", "le conseil départemental"),
}


def _person(name: str | None) -> str:
    return name or ""


def deliberation(d: Any) -> list[Element]:
    """An extract of the register of deliberations, as a secretary types it."""
    body = d.body
    kind = body.kind if body and body.kind in _COUNCIL else "commune"
    council, council_words = _COUNCIL[kind]
    out: list[Element] = []
    if body and body.name:
        out.append(body.name.upper())
    out += [f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU {council}", ""]
    session = d.session
    if session and session.date:
        out.append(f"Séance du {in_words(session.date)}")
    if d.number:
        out.append(f"Délibération n° {d.number}")
    if d.subject:
        out.append(f"Objet : {d.subject}")
    if session and session.convened_on:
        out.append(f"Date de convocation : {in_words(session.convened_on)}")
    if d.members_in_office is not None:
        out.append(f"Membres en exercice : {d.members_in_office}")
    declared = d.declared
    if declared and declared.present is not None:
        out.append(f"Présents : {declared.present}")
    if declared and declared.voters is not None:
        out.append(f"Votants : {declared.voters}")
    if session and session.date:
        when = f"Le {in_words(session.date)}"
        if session.time:
            hour, minute = session.time.split(":")
            when += f" à {int(hour)} heures {minute}" if minute != "00" else f" à {int(hour)} heures"
        where = f", s'est réuni à {session.place}" if session.place else ", s'est réuni"
        chair = f", sous la présidence de {first_last(session.president)}" if session.president else ""
        out.append(f"{when}, {council_words}, dûment convoqué{where}{chair}.")
    if d.present:
        out.append("Présents : " + ", ".join(p.name for p in d.present) + ".")
    if d.absent:
        items = [f"{a.name} (pouvoir donné à {a.proxy_to})" if a.proxy_to else a.name for a in d.absent]
        out.append("Absents : " + ", ".join(items) + ".")
    if session and session.secretary:
        out.append(f"Secrétaire de séance : {session.secretary}")
    for r in d.recused:
        why = f" en tant que {r.reason}" if r.reason else ""
        first = first_last(r.name).split()[0]
        civility = "Madame" if first.endswith(("e", "a")) else "Monsieur"
        out.append(f"({civility} {first_last(r.name)}{why} ne participe pas à ce vote)")
    approves = d.approves
    if approves and approves.period and approves.period.start and approves.period.end:
        out.append(
            f"Le conseil approuve la convention territoriale globale pour la période du "
            f"{in_words(approves.period.start)} au {in_words(approves.period.end)}"
            + (
                f" et autorise le {approves.authorised_signatories[0]} à signer ladite convention."
                if approves.authorised_signatories
                else "."
            )
        )
    vote = d.vote
    if vote is not None:
        out.append(
            f"POUR : {vote.for_ or 0}  CONTRE : {vote.against or 0}  ABSTENTIONS : {vote.abstentions or 0}"
        )
    if d.decision == "adopted":
        out.append("Adopté.")
    if d.certified_on:
        out.append(f"Pour extrait certifié conforme, le {in_words(d.certified_on)}")
    t = d.transmission
    if t is not None:
        if t.sent_on:
            out.append(f"Envoyé en préfecture le {t.sent_on.strftime('%d/%m/%Y')}")
        if t.received_on:
            out.append(f"Reçu en préfecture le {t.received_on.strftime('%d/%m/%Y')}")
        if t.published_on:
            out.append(f"Publié le {t.published_on.strftime('%d/%m/%Y')}")
        if t.act_id:
            out.append(f"ID : {t.act_id}")
    return out
