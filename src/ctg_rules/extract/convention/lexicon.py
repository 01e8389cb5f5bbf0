"""The words French conventions are written with, as data: one pattern per thing a reader looks for.

Every pattern is matched on the plain twin of the text (lower case, no accents, ASCII quotes
and dashes: see :func:`ctg_rules.extract.positions.plain`), so "Représentée", "REPRESENTEE" and
"représenté(e)" are one spelling here. A layout the reader does not know yet is most often a
new word in one of these lists, not new code.
"""

from __future__ import annotations

import re

from ... import regex

# --- the document ----------------------------------------------------------------------------

#: how far before "Entre :" the title is looked for
TITLE_REACH = 3000

#: The first line of a convention's title (the title goes on over the lines that follow it).
TITLE = regex.compile(
    r"^[ \t]*(?:projet\s+de\s+)?(?:convention|contrat|avenant|protocole|accord(?:[\s-]cadre)?|charte)\b"
    r"[^\n]{3,200}$",
    re.M,
)
#: "Entre :", "Entre d'une part :", "ENTRE LES SOUSSIGNES", "Entre," at the start of a line.
ENTRE = regex.compile(
    r"^[ \t\-•]*entre\b(?:[ \t]*(?:d'une\s+part[ \t]*)?(?::|,|les\s+soussigne(?:e|\(e\))?s?\b|$)"
    r"|(?=[ \t]{2,}\S|\t|[ \t]\|))",  # or the first cell of a table row
    re.M,
)
#: "... CONVENTION ENTRE La Communauté ..." inside a line (a text flattened by the host), after a
#: heading in capitals: on the original text.
ENTRE_INLINE = regex.compile(r"(?<=[A-ZÀ-Þ\d.:)] )ENTRE\s*:?\s+(?=(?:La|Le|Les|L['’])\s*[A-ZÀ-Þ])")

# --- people ----------------------------------------------------------------------------------

#: An office a person holds (what a representative or a signatory is, never who).
ROLE_WORDS = (
    r"(?:vice-|co-)?(?:president|presidente|directeur|directrice|maire|adjointe?|prefete?|sous-prefete?|"
    r"recteur|rectrice|secretaire|deleguee?|conseillere?|representante?|inspecteur|inspectrice|chef|"
    r"responsable|gerant|gerante|administrateur|administratrice|tresoriere?|ordonnateur|doyen|"
    r"proviseur|principal|principale|commissaire|senateur|depute|depute)"
)
ROLE_START = regex.compile(rf"^(?:pour\s+)?(?:(?:le|la|l'|son|sa)\s*)?{ROLE_WORDS}\b")
#: A civility before a name ("Docteur" and "Maître" included), on the original text.
CIVILITY = regex.compile(
    r"(?<![\w])(?:Monsieur|Madame|Mademoiselle|Docteur|Professeur|Maître|M\.|Mme\.?|Mlle\.?|Mr\.?|Dr\.?|Pr\.?|Me\.?|M)"
    r"(?=\s+(?:le\s+|la\s+)?[A-ZÀ-Þ])",
)

# --- the parties block -------------------------------------------------------------------------

#: A line that only separates two parties: "et", "Et entre", "d'une part, et", "D'autre part,".
SEPARATOR_LINE = regex.compile(
    r"^[ \t\-•,;]*(?:(?:d'une|d'autre)\s+part[ \t,;]*)?(?:et|ainsi\s+que)?(?:\s+entre)?[ \t,;:]*$"
)
#: A separator at the end of a party's last line: "... « la Caf » ; D'une part,".
SEPARATOR_TAIL = regex.compile(r"[ \t,;]+(?:d'une|d'autre)\s+part[ \t,;]*(?:et(?:\s+entre)?[ \t,;:]*)?$")
#: A first table cell that only says where the party stands: "Entre", "Et".
LEAD_CELL = regex.compile(r"^[ \t]*(?:entre|et)[ \t]*[:,]?(?:[ \t]{2,}|\t|[ \t]*\|[ \t]*)")
#: What introduces a party's representatives.
REPRESENTED = regex.compile(
    r"(?:\bet\s+)?\brepresente(?:\(e\)|e)?(?:\(s\)|s)?\s+(?:par|en\s+la\s+personne\s+de)\b\s*:?\s*"
    r"|\bprise?\s+en\s+la\s+personne\s+de\s+|\bagissant\s+par\s+"
)
#: A party's representative by office ("représentée par son Président"), not a proxy ("représenté par M. X").
PARTY_REPRESENTED = regex.compile(rf"\brepresente(?:\(e\)|e)?s?\s+par\s+(?:son|sa|le|la|l')\s*{ROLE_WORDS}\b")
#: "ci-après dénommée « la Caf »", "ci-après désigné(e) "le gestionnaire"", "(ci-après « la CAF »)".
SHORT_NAME = regex.compile(
    r"ci-\s*apres\s*(?:(?:denomme|designe|appele|nomme|intitule)(?:\(e\)|e)?(?:\(s\)|s)?\s*)?,?\s*(?:par\s+)?"
    r"[«\"“]\s*(?P<s>[^»\"”\n]+?)\s*[»\"”]"
)
#: The end of a party's name: its address, its registration, its representative.
NAME_END = regex.compile(
    r",?\s*(?:dont\s+le\s+siege|ayant\s+son\s+siege|sise?\b|situee?\b|domiciliee?\b|etablissement\s+public|"
    r"n°\s*siren|siren\b|siret\b|immatriculee?\b)|[,;(\[]|\n[ \t]*\n|ci-\s*apres\b"
)
#: Where a representative's clause stops.
REPRESENTATIVE_END = regex.compile(
    r",?\s*(?:dument|agissant|habilitee?s?|autorisee?s?|en\s+vertu|conformement|en\s+application|"
    r"ou\s+son\s+representant|ou\s+sa\s+representante|ci-\s*apres|dont\s+le\s+siege|sise?\b)"
    r"|;|\n[ \t]*\n|[ \t]*\(ci-"
)
#: Between two representatives: ", et par son Directeur", " et Madame ...".
REPRESENTATIVES_SPLIT = regex.compile(
    r",?\s+et\s+(?:par\s+)?(?=(?:le|la|son|sa|ses|l'|monsieur|madame|m\.?|mme|mr|docteur|dr)\b)|,\s*par\s+"
)
#: The header of a table of parties: "Partie | Représentée par | En qualité de".
TABLE_COLUMNS = (
    (
        "name",
        regex.compile(
            r"^(?:les?\s+)?(?:parties?|signataires?|organismes?|collectivites?|structures?|denomination)$"
        ),
    ),
    (
        "person",
        regex.compile(r"^(?:represente(?:\(e\)|e)?s?\s+par|representants?(?:\s+legal)?|nom|signataire)$"),
    ),
    ("role", regex.compile(r"^(?:en\s+)?(?:qualite(?:\s+de)?|fonction|titre)$")),
)


def table_header(text: str) -> dict[str, int] | None:
    """The columns of a table of parties if ``text`` (plain) holds its header line, else None."""
    for line in text.split("\n"):
        cells = [c.strip(" :") for c in CELL_GAP.split(line) if c.strip()]
        columns: dict[str, int] = {}
        for k, cell in enumerate(cells):
            for key, rx in TABLE_COLUMNS:
                if key not in columns and rx.match(cell):
                    columns[key] = k
        if "name" in columns and "person" in columns:
            return columns
    return None


#: What ends the parties block (the text that follows the parties).
PARTIES_END = regex.compile(
    r"^[ \t\-]*(?:sommaire\b|table\s+des\s+matieres|(?:il\s+)?(?:a\s+ete|est)\s+(?:convenu|arrete|expose)|"
    r"(?:ont|les\s+parties\s+ont)\s+convenu|conviennent\s+de\s+ce\s+qui\s+suit|vu\s|preambule\b|expose\b|"
    r"article\s+(?:1|premier|1er|preliminaire|unique)\b|liste\s+des\s+annexes|considerant\b|"
    r"titre\s+(?:1|i|premier)\b|chapitre\s+(?:1|i|premier)\b|"
    r"ci-apres\s+(?:denommees|designees)\s+ensemble|ensemble\s+(?:denommees|designees)|projet\s*$)",
    re.M,
)
#: A bullet at the start of a line (the Symbol font's bullet comes out as U+F0B7).
BULLET = "\uf0b7•▪♦●◦■□➢►✓-–—*"
#: Words that start an organisation's name.
ORG_HEADS = (
    r"commune|ville|communaute|metropole|departement|conseil|region|etat|prefecture|sous-prefecture|prefet|"
    r"caisse|caf|msa|ccss|cpam|carsat|urssaf|mutualite|agence|direction|dsden|academie|rectorat|ministere|"
    r"syndicat|sivu|sivom|ccas|cias|centre|etablissement|office|association|federation|union|groupement|"
    r"societe|entreprise|universite|chambre|parc|pays|pole|petr|epci|institut|fondation|maison|"
    r"communaute\s+professionnelle"
)
ORG_START = regex.compile(rf"^(?:(?:la|le|les|l')\s*)?(?:{ORG_HEADS})\b")
#: An organisation named in a title: "... de la Ville de Metz et de la Communauté d'Agglomération ...".
TITLE_ORG = regex.compile(
    r"(?:Ville|Commune|Communauté|Métropole|Département|Région|Caisse|Syndicat|Conseil|Agence|Mutualité)"
    r"(?:\s+(?:de\s+la|de\s+l['’]|de|du|des|d['’]?)\s*[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)+"
)

# --- sections --------------------------------------------------------------------------------

VISA = regex.compile(r"^[ \t\-•\uf0b7]*vu\s", re.M)
VISA_INLINE = regex.compile(r";[ \t]+(?=vu\s)")
ARTICLE = regex.compile(
    r"^[ \t]*article\s+(?P<n>\d+(?:\.\d+)?|premier|1er|preliminaire|unique)\b\s*(?:[:\-–.)]\s*)?(?P<t>[^\n]*)$",
    re.M,
)
#: "ARTICLE 3 : TITLE" in capitals inside a line (a table of contents flattened into a paragraph).
ARTICLE_INLINE = regex.compile(
    r"\bARTICLE\s+(?P<n>\d{1,2})\s*[:\-–]\s*(?P<t>[^.\n]*?)(?=\s*(?:\.{2,}|…|\bARTICLE\b|\bENTRE\b|\n|$))"
)
PREAMBLE = regex.compile(r"^[ \t]*preambule\s*:?\s*$", re.M)
TOC = regex.compile(r"^[ \t]*(?:sommaire|table\s+des\s+matieres)[ \t]*$", re.M)
ANNEX_LIST = regex.compile(r"^[ \t]*(?:liste\s+des\s+)?annexes\s*:?\s*$", re.M)
ANNEX_LINE = regex.compile(
    r"^[ \t\-•]*annexe\s+(?:n°\s*)?(?P<id>[0-9]+[a-z]?|[a-z]|[ivx]+)\s*[:\-–.]\s*(?P<title>.*)$"
)
ANNEX_KINDS = (
    (r"^(?:deliberation|decision|arrete)\b", "deliberation"),
    (r"diagnostic", "diagnostic"),
    (r"fiches?[\s-]+actions?|plan\s+d'actions?", "action-plan"),
    (r"liste\s+des\s+equipements|equipements\s+et\s+services", "equipment-list"),
    (r"comite\s+de\s+pilotage", "steering-committee"),
)
DRAFT = regex.compile(r"^[ \t]*projet[ \t]*$|^[ \t]*document\s+de\s+travail[ \t]*$", re.M)
#: "... comité ... composé ... de représentants de la Caf, ..." (the members follow).
COMMITTEE = regex.compile(
    r"\bcomite\b[^.]{0,60}?\bcompose\b[^.]{0,60}?\brepresentants\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)"
)
#: "... comité ... composé des membres signataires": every party sits on it.
COMMITTEE_ALL = regex.compile(
    r"\bcomite\s+de\s+pilotage\b[\s\S]{0,300}?\bcompose\s+(?:des|de\s+l'ensemble\s+des)\s+"
    r"(?:membres\s+)?(?:signataires|parties|partenaires\s+signataires)\b"
)
PERIOD = regex.compile(
    r"\b(?:conclue?|valable|signee?|prend\s+effet|couvre|porte\s+sur|pour\s+la\s+periode|duree|est\s+etablie)\b"
    r"[^.]{0,120}?\b(?:a\s+compter\s+du|du)\s+"
)

# --- signature ---------------------------------------------------------------------------------

SIGNED_AT = regex.compile(r"^[ \t]*fait\s+(?:a|en)\s", re.M)
ORIGINALS = regex.compile(r"\ben\s+(?P<n>[a-z0-9\-]+(?:\s[a-z\-]+)?)\s+(?:exemplaires|originaux)\b")
#: What ends the signature blocks: the annexes, another act.
SIGNATURE_END = regex.compile(
    r"^[ \t]*(?:annexes?\b\s*(?:n°\s*)?[0-9a-z]{0,3}\s*[:\-–.]|annexes?\s*$|liste\s+des\s+annexes|"
    r"extrait\s+du\s+registre)",
    re.M,
)
#: A cell under a signature that is no part of a block.
SIGNATURE_NOISE = regex.compile(
    r"^(?:\(?\s*(?:signature|cachet|lu\s+et\s+approuve|bon\s+pour\s+accord)\b.*|fait\s+(?:a|en)\s.*|"
    r"le\s+\d.*|en\s+\S+\s+(?:exemplaires|originaux).*|(?:envoye|recu)\s+en\s+prefecture.*|publie\s+le.*|"
    r"affiche\s+le.*|id\s*:.*|\d{1,3}|page\s+\d.*)$"
)
#: Where a line holds several cells: two spaces or more, a tab, a vertical bar.
CELL_GAP = regex.compile(r"[ \t]{2,}|\t|[ \t]\|[ \t]")
#: A label heading a block: "Pour la Commune de ...", "La Caisse d'allocations familiales ...".
LABEL_START = regex.compile(rf"^(?:pour\s+)?(?:(?:la|le|les|l')\s*)?(?:{ORG_HEADS})\b|^pour\s+")
