"""Human labels (rules/labels.yaml): every field and fixed value worded, reports free of model paths."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from ctg_rules import labels
from ctg_rules.engine import registry
from ctg_rules.model import Dossier
from ctg_rules.packs import text

LANGS = ("fr", "en")


def _inner(annotation: Any) -> tuple[type[BaseModel] | None, bool, list[Any]]:
    """The model inside an annotation, whether it is a list, and its Literal values."""
    model, is_list, literals = None, False, []
    stack = [annotation]
    while stack:
        current = stack.pop()
        origin = typing.get_origin(current)
        if origin is typing.Literal:
            literals.extend(typing.get_args(current))
        elif origin is list:
            is_list = True
        if isinstance(current, type) and issubclass(current, BaseModel):
            model = current
        stack.extend(typing.get_args(current))
    return model, is_list, literals


def model_fields(model: type[BaseModel] = Dossier, prefix: str = "") -> Iterator[tuple[str, bool, list[Any]]]:
    """Every field pattern of the dossier model (``convention.annexes[].kind``), depth first."""
    for name, info in model.model_fields.items():
        path = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
        sub, is_list, literals = _inner(info.annotation)
        yield path, is_list, literals
        if sub is not None:
            yield from model_fields(sub, path + ("[]" if is_list else ""))


def test_every_field_and_every_fixed_value_has_words_in_both_languages() -> None:
    table = labels.labels()
    missing = []
    for path, is_list, literals in model_fields():
        for key in [path] + ([path + "[]"] if is_list else []):
            entry = table.fields.get(key) or {}
            missing += [f"{key} ({lang})" for lang in LANGS if not entry.get(lang)]
        for value in literals:
            words = table.values.get(path, {}).get(labels._value_key(value)) or {}
            missing += [f"{path} = {value!r} ({lang})" for lang in LANGS if not words.get(lang)]
    assert missing == []
    # and nothing in the table names a field the model does not have (a renamed field)
    known = {p for path, is_list, _ in model_fields() for p in (path, path + "[]" if is_list else path)}
    assert set(table.fields) - known == set()
    assert set(table.values) - known == set()


@pytest.mark.parametrize(
    ("path", "fr", "en"),
    [
        (
            "deliberations[0].declared.present",
            "le nombre de présents imprimé (1re délibération)",
            "the printed number of members present (1st deliberation)",
        ),
        (
            ("deliberations", 1, "absent", 2, "proxy_to"),
            "le porteur du pouvoir (3e membre absent, 2e délibération)",
            "the proxy holder (3rd absent member, 2nd deliberation)",
        ),
        ("convention.annexes[0]", "la 1re annexe", "the 1st annex"),
        ("convention.parties[10].x-note", "la 11e partie", "the 11th party"),  # an extension key
        (
            "convention.signature.originals",
            "le nombre d'exemplaires originaux",
            "the number of original copies",
        ),
        ("", "le dossier", "the dossier"),
    ],
)
def test_a_path_is_described_in_words(path: Any, fr: str, en: str) -> None:
    assert labels.describe(path, "fr") == fr
    assert labels.describe(path, "en") == en


def test_prose_names_fields_in_words_and_drops_what_only_glosses_them() -> None:
    fr = labels.humanize(
        "Compare `declared.voters` au nombre de présents (`present`, `absent`). "
        "`declared.present` sert de base. Le nombre de `declared.present`, à défaut de `vote`. "
        "Une annexe marquée `attached: false` (voir `ctg-rules rules`), d'au moins `min_length` "
        "lettres, hors des mots courants (`common_words`).",
        "fr",
        {"min_length": 5, "common_words": ["les"]},
    )
    assert fr == (
        "Compare le nombre de votants imprimé au nombre de présents. Le nombre de présents imprimé "
        "sert de base. Le nombre du nombre de présents imprimé, à défaut du décompte des voix. Une "
        "annexe marquée non jointe (voir `ctg-rules rules`), d'au moins 5 lettres, hors des mots courants."
    )
    en = labels.humanize("For each party whose `kind` is an EPCI, a deliberation's `approves.period`.", "en")
    assert en == "For each party whose kind is an EPCI, a deliberation's period approved."


def test_an_ambiguous_key_reads_as_the_shared_word() -> None:
    # `party` is a key of visas, annexes and signature blocks; `annex` only of visas
    assert labels.humanize("un visa avec `party` ou `annex`", "fr") == (
        "un visa avec la partie ou l'annexe que le visa cite"
    )
    assert labels.resolve("party.deliberation") == "convention.parties[].deliberation"
    assert labels.resolve("present") == "deliberations[].present"  # the shallowest reading


MODEL_NAME = re.compile(r"`([^`]+)`")


def test_no_rule_documentation_shows_a_person_a_model_name() -> None:
    """What the HTML report prints of each rule (what it checks, why) names no field by its path."""
    left = []
    for rule in registry(builtins_only=True).rules.values():
        pack = rule.pack
        if pack is None:
            continue
        values = {name: spec.value for name, spec in pack.parameters.items()}
        for lang in LANGS:
            for part in (rule.what, rule.why):
                shown = labels.humanize(part(lang), lang, values)
                left += [
                    f"{rule.code} {lang}: {s}" for s in MODEL_NAME.findall(shown) if labels.is_model_name(s)
                ]
    assert left == []


def test_no_message_template_names_a_field_or_a_stored_value() -> None:
    """Messages say "n'est pas jointe", never "(attached: false)" or `kind`."""
    keys = {str(p) for path, _, _ in model_fields() for p in labels.segments(path) if isinstance(p, str)}
    stored = re.compile(r"\((\w+): \w+\)|`(\w+)`")
    found = []
    for rule in registry(builtins_only=True).rules.values():
        for key, message in (rule.pack.messages if rule.pack else {}).items():
            for lang in LANGS:
                for match in stored.finditer(text(message, lang)):
                    if (match[1] or match[2]) in keys:
                        found.append(f"{rule.code} {key} {lang}: {match[0]}")
    assert found == []


def test_message_arguments_declared_as_values_are_worded() -> None:
    rule = registry(builtins_only=True).rules["ANX006"]
    from ctg_rules.api import Violation

    violation = Violation(("convention", "annexes"), args={"kind": "equipment-list", "type": "ctg"})
    assert rule.render(violation, "en") == (
        "the list of facilities is missing from the annexes, a document required for a "
        "Convention Territoriale Globale (CTG)"
    )
    unknown = Violation(("convention", "annexes"), args={"kind": "x-custom", "type": ""})
    assert (
        rule.render(unknown, "fr") == "il manque en annexe x-custom, pièce exigée pour ce type de convention"
    )


@pytest.mark.parametrize(("n", "fr_m", "fr_f", "en"), [(1, "1er", "1re", "1st"), (2, "2e", "2e", "2nd"),
                                                       (3, "3e", "3e", "3rd"), (11, "11e", "11e", "11th"),
                                                       (22, "22e", "22e", "22nd")])  # fmt: skip
def test_ordinals(n: int, fr_m: str, fr_f: str, en: str) -> None:
    assert (labels.ordinal(n, "fr"), labels.ordinal(n, "fr", True), labels.ordinal(n, "en")) == (
        fr_m,
        fr_f,
        en,
    )
