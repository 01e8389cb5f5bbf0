"""Realistic dossiers for the benchmarks (a generator, not a test).

    python benchmarks/dossiers.py OUT_DIR [-n 1000] [--members 30] [--seed 1]

Each file is the size of the reference case (examples/seed-ctg-aubrac-2023.yaml, ~37 kB): a
council of about ``--members`` members with proxies and recusals, and a multi-party CTG with
parties, visas, annexes, governance, signature blocks and articles of real length (paragraphs
drawn from the examples' own articles). Names, numbers and dates vary from file to file; about
one file in three carries a defect or two of the kinds real dossiers have (a miscount, a date
left as "XX", a misspelt party, a missing annex). File ``i`` depends only on ``--seed`` and
``i``, so 1,000 files are the first 1,000 of 100,000.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = (
    *_words(
        "MARTIN BERNARD DUBOIS THOMAS ROBERT RICHARD PETIT DURAND LEROY MOREAU SIMON LAURENT LEFEBVRE "
        "MICHEL GARCIA DAVID BERTRAND ROUX VINCENT FOURNIER MOREL GIRARD ANDRE MERCIER DUPONT LAMBERT "
        "BONNET FRANCOIS MARTINEZ LEGRAND GARNIER FAURE ROUSSEAU BLANC GUERIN MULLER HENRY ROUSSEL "
        "NICOLAS PERRIN MORIN MATHIEU CLEMENT GAUTHIER DUMONT LOPEZ FONTAINE CHEVALIER ROBIN MASSON "
        "SANCHEZ GERARD NGUYEN BOYER DENIS LEMAIRE DUVAL JOLY GAILLARD ROCHE VALENTIN FABRE BONICEL "
        "RODIER VAYSSIER JURQUET GROUSSET CABIROU ROCHOUX LAFOURCADE BADAROUX SEGUIN SALEIL POUDEVIGNE "
        "CASTAN TEISSIER GALTIER BONNAL CROUZET CHAPTAL ROUVIERE SAUVEPLANE PAGES MOULIN ESTEVE NOGARET "
        "MALZAC CAYREL POQUET POURQUIER SALENDRES LAFON ASTRUC BOISSONADE COMBETTES DELMAS FALGUIERE "
        "HERMET JOUVE MAURIN PRADAL REVERSAT SOULIER TICHIT VERDIER"
    ),
    *("SAGNET-POUGET", "CITERIN-NORMANDIN", "DE SOUSA", "ROCHEREAU-POUGET", "DU PLESSIS"),
)
GIVEN = (
    *_words(
        "Jean Marie Pierre Anne Michel Sophie Philippe Isabelle Alain Catherine Nicolas Nathalie Denis "
        "Valérie Sébastien Christine Roger Emmanuel Bernard Yves Didier Joël Jacqueline René Christian "
        "Pascale Noël Colette Jérôme Florence Suzanne Hélène Sylvie Claire Marc Julien Odile Thierry "
        "Muriel Louis Agnès Françoise Benoît Cécile Éric Gaëlle Hervé Léa Loïc Maëlle Zoé Chloé"
    ),
    *("Jean-Claude", "Jean-Louis", "Jean-Paul", "Marie-Agnès", "Jean-Sébastien", "Anne-Laure"),
)
ROOTS = _words(
    "Chanac Banassac Marvejols Mende Florac Langogne Ispagnac Meyrueis Nasbinals Aumont Grandrieu "
    "Rieutort Châteauneuf Villefort Barre Fournels Serverette Saugues Sévérac Laguiole Espalion "
    "Entraygues Mur Estaing Bozouls Salles Naucelle Rignac Cransac Decazeville Capdenac Vabre "
    "Camarès Belmont Nant Peyreleau Campagnac Canourgue Massegros Tieule Hermaux Trélans Canilhac"
)
SUFFIXES = ("", "", "", "-sur-Lot", "-du-Tarn", " Causses Gorges", "-d'Apcher", "-de-Randon", "-en-Aubrac")
ARTICLES_OF_PLACES = ("", "", "", "La ", "Le ", "Saint-", "Sainte-")
DEPARTMENTS = ("048", "012", "030", "043", "015", "007", "034", "081", "02A", "974")
REASONS = (
    "président de l'association gestionnaire",
    "agent de la caisse",
    "administrateur de la Caf",
    "conjoint d'un salarié de la structure",
    "membre du conseil d'administration de la MSA",
)
ARTICLE_TITLES = (
    "OBJET DE LA CONVENTION",
    "LES PRIORITES D'INTERVENTION DE LA CAF",
    "LES CHAMPS D'INTERVENTION DU DEPARTEMENT",
    "LES CHAMPS D'INTERVENTION DE LA MUTUALITE SOCIALE AGRICOLE",
    "LES CHAMPS D'INTERVENTION DE LA COMMUNAUTE DE COMMUNES",
    "LES OBJECTIFS PARTAGES AU REGARD DES BESOINS",
    "ENGAGEMENTS DES PARTENAIRES",
    "MODALITES DE COLLABORATION",
    "ECHANGES DE DONNEES",
    "COMMUNICATION",
    "EVALUATION",
    "DUREE DE LA CONVENTION",
    "EXECUTION FORMELLE DE LA CONVENTION",
    "CONFIDENTIALITE",
)
CITING = (
    "Les modalités de fonctionnement du comité de pilotage figurent en annexe {steering}.",
    "Les besoins ont été analysés au travers d'un diagnostic partagé (annexe {diagnostic}).",
    "Le plan d'actions figure en annexe {plan} de la présente convention.",
    "Les équipements et services soutenus sont listés en Annexe {equipment}.",
)


def _paragraphs() -> list[str]:
    """Paragraphs of real convention text: the examples' own articles, annex citations removed."""
    import re

    found: list[str] = []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.load(example.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for article in (data.get("convention") or {}).get("articles") or ():
            for paragraph in str(article.get("text") or "").split("\n\n"):
                paragraph = paragraph.strip()
                if len(paragraph) > 60 and not re.search(r"(?i)annexe", paragraph):
                    found.append(paragraph)
    if not found:  # pragma: no cover - the examples are part of the repository
        raise SystemExit("no example article to draw paragraphs from")
    return found


class Generator:
    """Dossier ``i`` of a series, the same whatever the number of files asked for."""

    def __init__(self, seed: int = 1, members: int = 30) -> None:
        self.seed = seed
        self.members = members
        self.paragraphs = _paragraphs()

    def person(self, rng: random.Random, taken: set[str]) -> str:
        while True:
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            if name not in taken:
                taken.add(name)
                return name

    def place(self, rng: random.Random, taken: set[str]) -> str:
        while True:
            name = rng.choice(ARTICLES_OF_PLACES) + rng.choice(ROOTS) + rng.choice(SUFFIXES)
            if name not in taken:
                taken.add(name)
                return name

    def dossier(self, i: int) -> dict[str, Any]:
        rng = random.Random(self.seed * 1_000_003 + i)
        defects = rng.sample(range(8), rng.choice((0, 0, 0, 0, 1, 1, 2)))
        people: set[str] = set()
        places: set[str] = set()
        department = rng.choice(DEPARTMENTS)
        session = date(2022, 1, 10) + timedelta(days=rng.randrange(1400))
        start = date(session.year + 1, 1, 1)
        end = date(start.year + rng.choice((3, 3, 4)), 12, 31)

        # the council: ~members in office, some absent, half of those giving a proxy
        size = max(7, self.members + rng.randint(-self.members // 5, self.members // 5))
        council = [self.person(rng, people) for _ in range(size)]
        n_absent = rng.randint(size // 8, size // 4)
        present, absent_names = council[: size - n_absent], council[size - n_absent :]
        holders = rng.sample(present, min(len(present), (n_absent + 1) // 2))
        absent: list[Any] = [
            {"name": name, "proxy_to": holders[k]} if k < len(holders) else name
            for k, name in enumerate(absent_names)
        ]
        # an interested member does not vote, in person or through a proxy they would hold
        recused_names = rng.sample([n for n in present[2:] if n not in holders], rng.randint(0, 3))
        recused = [{"name": n, "reason": rng.choice(REASONS)} for n in recused_names]
        proxies = len(holders)
        voters = len(present) + proxies
        against = rng.choice((0, 0, 0, 1, 2))
        abstentions = rng.choice((0, 0, 1, 3))
        votes_for = voters - len(recused) - against - abstentions
        if 0 in defects:
            votes_for += 1  # the tally counts one voter too many
        epci = rng.random() < 0.6
        seat = self.place(rng, places)
        body_name = f"Communauté de communes {seat} {rng.choice(ROOTS)}" if epci else f"Commune de {seat}"
        siren = _siren(rng, 200 if epci else 210)
        number = (
            f"D{session:%y}.{rng.randint(1, 250):03d}" if epci else f"{session:%Y}-{rng.randint(1, 150):03d}"
        )
        chair = present[0]
        certified = session + timedelta(days=rng.randint(1, 5))
        received = certified + timedelta(days=rng.randint(0, 6))
        deliberation = {
            "number": number,
            "subject": "Approbation de la convention territoriale globale",
            "body": {
                "name": body_name,
                "kind": "epci" if epci else "commune",
                "siren": siren,
                "department": department,
            },
            "session": {
                "date": session,
                "time": f"{rng.choice((18, 19, 20))}:{rng.choice(('00', '30'))}",
                "place": f"Mairie de {seat}",
                "convened_on": session - timedelta(days=rng.randint(6, 12) if 1 not in defects else 2),
                "president": chair,
                "secretary": present[1],
            },
            "members_in_office": size,
            "declared": {
                "present": len(present) + (1 if 2 in defects else 0),
                "represented": proxies,
                "absent": n_absent,
                "voters": voters,
            },
            "present": present,
            "absent": absent,
            "recused": recused,
            "vote": {"for": votes_for, "against": against, "abstentions": abstentions},
            "decision": "adopted",
            "certified_on": certified,
            "transmission": {
                "sent_on": received,
                "received_on": received,
                "published_on": received + timedelta(days=rng.randint(0, 2)),
                "act_id": f"{department}-{siren}-{session:%Y%m%d}-{number.replace('.', '_').replace('-', '_')}-DE",
            },
            "approves": {
                "period": {"start": start, "end": end},
                "authorised_signatories": ["Président" if epci else "Maire"],
            },
        }
        if not recused:
            del deliberation["recused"]

        # the convention: the CAF, this body, a few communes, the département, sometimes the MSA
        parties = [
            {
                "id": "caf",
                "name": f"Caisse d'allocations familiales {rng.choice(('du', 'de la'))} {rng.choice(ROOTS)}",
                "short_name": "la Caf",
                "kind": "social-security",
                "representatives": [
                    {"name": self.person(rng, people), "role": "Président du conseil d'administration"},
                    {"name": self.person(rng, people), "role": "Directeur"},
                ],
            },
            {
                "id": "body",
                "name": body_name,
                "short_name": "la communauté de communes" if epci else "la commune",
                "kind": "epci" if epci else "commune",
                "siren": siren,
                "deliberation": number,
                "representatives": [{"name": chair, "role": "Président" if epci else "Maire"}],
            },
        ]
        for k in range(rng.randint(2, 5) if epci else 0):
            commune = self.place(rng, places)
            parties.append(
                {
                    "id": f"commune{k + 1}",
                    "name": f"Commune de {commune}",
                    "short_name": f"la commune de {commune}",
                    "kind": "commune",
                    "siren": _siren(rng, 210),
                    "representatives": [{"name": self.person(rng, people), "role": "Maire"}],
                }
            )
        parties.append(
            {
                "id": "departement",
                "name": f"Département {rng.choice(('de la', 'du', 'de l’'))} {rng.choice(ROOTS)}",
                "short_name": "le Département",
                "kind": "departement",
                "representatives": [{"name": self.person(rng, people), "role": "Présidente"}],
            }
        )
        if rng.random() < 0.5:
            parties.append(
                {
                    "id": "msa",
                    "name": f"Mutualité Sociale Agricole {rng.choice(ROOTS)}",
                    "short_name": "la MSA",
                    "kind": "social-security",
                    "representatives": [{"name": self.person(rng, people), "role": "Directrice Générale"}],
                }
            )

        # visas and deliberation annexes of the local authorities, then the usual annexes
        visas: list[dict[str, Any]] = [
            {"text": "Vu le Code de la sécurité sociale ;"},
            {"text": "Vu le Code de l'action sociale et des familles ;"},
            {"text": "Vu le Code général des collectivités territoriales ;"},
            {"text": "Vu la Convention d'objectifs et de gestion arrêtée entre l'Etat et la Cnaf ;"},
        ]
        annexes: list[dict[str, Any]] = []
        authorities = [p for p in parties if p["kind"] in ("commune", "epci", "departement")]
        for k, party in enumerate(authorities):
            annex_id = f"1{chr(97 + k)}"
            when: Any = session if party["id"] == "body" else session - timedelta(days=rng.randint(5, 60))
            if 3 in defects and k == len(authorities) - 1:
                when = "XX"
            council_word = "départemental" if party["kind"] == "departement" else "municipal"
            visas.append(
                {
                    "text": f"Vu la délibération du conseil {council_word} de {party['name']} en date du "
                    f"{_french(when)} figurant en annexe {annex_id} de la présente convention ;",
                    "party": party["id"],
                    "annex": annex_id,
                    "date": when,
                }
            )
            annexes.append(
                {
                    "id": annex_id,
                    "title": f"Délibération de {party['name']} du {_french(when)}",
                    "kind": "deliberation",
                    "party": party["id"],
                    "date": when,
                }
            )
        usual = [
            ("diagnostic", "Diagnostic partagé"),
            ("action-plan", "Plan d'actions et fiches actions"),
            ("equipment-list", "Liste des équipements et services soutenus"),
            ("steering-committee", "Modalités de fonctionnement du comité de pilotage"),
        ]
        numbers = {}
        for k, (kind, title) in enumerate(usual):
            numbers[kind] = str(k + 2)
            if not (4 in defects and kind == "equipment-list"):  # cited below, missing here
                annexes.append({"id": k + 2, "title": title, "kind": kind})

        articles = []
        titles = list(ARTICLE_TITLES)
        for k, title in enumerate(titles):
            chosen = rng.sample(self.paragraphs, rng.randint(5, 9))
            if k % 3 == 0:
                cite = CITING[(k // 3) % len(CITING)]
                chosen.append(
                    cite.format(
                        steering=numbers["steering-committee"],
                        diagnostic=numbers["diagnostic"],
                        plan=numbers["action-plan"],
                        equipment=numbers["equipment-list"],
                    )
                )
            articles.append({"number": str(k + 1), "title": title, "text": "\n\n".join(chosen) + "\n"})

        blocks = []
        for party in parties:
            label = party["name"]
            if 5 in defects and party["kind"] == "commune":
                label = _slip(label, rng)  # "La Commune de La Canorgue"
            blocks.append(
                {
                    "party": party["id"],
                    "label": f"{'La' if party['kind'] != 'departement' else 'Le'} {label}",
                    "signatories": [
                        {"name": r["name"], "role": f"Le {r['role']}"} for r in party["representatives"]
                    ],
                }
            )
        convention = {
            "title": "Convention territoriale globale de services aux familles",
            "type": "ctg",
            "status": "final" if 6 not in defects else "draft",
            "period": {"start": start, "end": end},
            "parties": parties,
            "visas": visas,
            "annexes": annexes,
            "articles": articles,
            "governance": {
                "steering_committee": [p["id"] for p in parties if not (7 in defects and p["id"] == "msa")]
            },
            "signature": {
                "place": seat,
                "date": received + timedelta(days=rng.randint(10, 40)),
                "originals": len(parties),
                "blocks": blocks,
            },
        }
        return {"ctg_rules": 1, "deliberations": [deliberation], "convention": convention}

    def text(self, i: int) -> str:
        return "# Generated for the benchmarks (benchmarks/dossiers.py); fictional names.\n" + yaml.dump(
            self.dossier(i), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )

    def write(self, out: Path, n: int) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        width = len(str(max(n - 1, 1)))
        paths = []
        for i in range(n):
            path = out / f"dossier-{i:0{width}d}.yaml"
            path.write_text(self.text(i), encoding="utf-8")
            paths.append(path)
        return paths


def _siren(rng: random.Random, prefix: int) -> str:
    """A SIREN with a valid Luhn key (the public bodies' numbers start with 2)."""
    body = f"{prefix}{rng.randrange(100_000):05d}"
    for last in "0123456789":
        digits = [int(c) for c in body + last]
        total = sum(d if k % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for k, d in enumerate(digits))
        if total % 10 == 0:
            return body + last
    raise AssertionError("unreachable: one key digit always fits")


MONTHS = _words("janvier février mars avril mai juin juillet août septembre octobre novembre décembre")


def _french(when: Any) -> str:
    return when if isinstance(when, str) else f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def _slip(name: str, rng: random.Random) -> str:
    """A one-letter slip in the last long word of a name ("Canourgue" -> "Canorgue")."""
    words = name.split(" ")
    for k in range(len(words) - 1, -1, -1):
        if len(words[k]) >= 7 and words[k].isalpha():
            w = words[k]
            cut = rng.randrange(2, len(w) - 2)
            words[k] = w[:cut] + w[cut + 1 :]
            break
    return " ".join(words)


class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """Long texts as literal blocks, as people write them; no anchors (people repeat dates)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write dossier-NNNN.yaml files into")
    parser.add_argument("-n", type=int, default=1000, help="number of files (default 1,000)")
    parser.add_argument("--members", type=int, default=30, help="council size (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = Generator(args.seed, args.members).write(args.out, args.n)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} dossiers, {size / len(paths) / 1024:.1f} kB each on average, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
