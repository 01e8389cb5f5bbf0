"""The dossier model, format version 1: deliberation extracts and the conventions they approve.

Field names are a public contract (see the README): extend them, never rename them. Every field
is optional because absent data is not a defect; rules fire on data that contradicts itself.
"""

# No `from __future__ import annotations`: pydantic would then compile and evaluate each of the
# 108 annotations from its text at every start; written as objects they are used as they are.
import sys
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from .dates import Placeholder, parse_placeholder
from .schemacache import install as _install

__all__ = [
    "Absent", "Annex", "Approves", "Article", "Body", "Convention", "DateValue", "Declared",
    "Deliberation", "Dossier", "Governance", "Party", "Period", "Person", "Present", "Recused",
    "Session", "Signature", "SignatureBlock", "Transmission", "Visa", "Vote",
]  # fmt: skip


# --- scalar types -------------------------------------------------------------------------


class _DateOrPlaceholder:
    """An ISO date, or a placeholder left in a draft (kept, so that rules can report it)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.union_schema(
            [
                core_schema.date_schema(strict=True),
                core_schema.no_info_plain_validator_function(
                    _date_from_text, json_schema_input_schema=core_schema.str_schema()
                ),
            ],
            custom_error_type="ctg_date",
            custom_error_message="expected a date (YYYY-MM-DD) or a placeholder such as XX",
        )


def _date_from_text(value: Any) -> date | Placeholder:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        placeholder = parse_placeholder(value)
        if placeholder is not None:
            return placeholder
        raise PydanticCustomError(
            "date_text",
            "{value!r} is neither a date (YYYY-MM-DD) nor a placeholder such as XX",
            {"value": value},
        )
    raise PydanticCustomError("date_type", "expected a date (YYYY-MM-DD) or a placeholder such as XX")


DateValue = Annotated[date | Placeholder, _DateOrPlaceholder]


def _code_text(value: Any) -> Any:
    # Identifiers written bare in YAML (`id: 3`, `number: 80`) arrive as ints; they are text.
    if type(value) is int:
        return str(value)
    if type(value) is float:
        raise PydanticCustomError(
            "quote_it", "write this value in quotes: a number with a dot is read as a decimal"
        )
    return value


def _siren_text(value: Any) -> Any:
    # A SIREN written bare in YAML arrives as an int and may have lost its leading zeros.
    return str(value).zfill(9) if type(value) is int else value


Code = Annotated[str, BeforeValidator(_code_text, json_schema_input_type=str | int)]
Count = Annotated[int, Field(strict=True, ge=0)]
Siren = Annotated[str, BeforeValidator(_siren_text, json_schema_input_type=str)]
Department = Annotated[
    str,
    Field(strict=True, description='Department code on three characters, in quotes: "048", "02A", "974".'),
]


def _name_entry(value: Any) -> Any:
    # A bare string in a list of members is the member's name.
    return {"name": value} if type(value) is str else value


class _Model(BaseModel):
    # defer_build: Dossier's validator comes from the schema cache (schemacache.py), the other
    # models build theirs on first use; building them all at import was most of the start-up.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False, defer_build=True)


# --- deliberation ----------------------------------------------------------------------------

BodyKind = Literal["commune", "epci", "departement", "region", "syndicat", "other"]
PartyKind = Literal[
    "commune", "epci", "departement", "region", "syndicat", "state", "social-security",
    "association", "company", "other",
]  # fmt: skip
LOCAL_AUTHORITY_KINDS = frozenset({"commune", "epci", "departement", "region", "syndicat"})


class Body(_Model):
    """The deliberating body (commune, EPCI, département...)."""

    name: str | None = None
    kind: BodyKind | None = None
    siren: Siren | None = None
    department: Department | None = None
    population: Count | None = None


class Session(_Model):
    date: DateValue | None = None
    time: str | None = None
    place: str | None = None
    convened_on: DateValue | None = None
    second_convocation: bool | None = None
    urgency: bool | None = Field(
        None,
        description='True when the act invokes urgency ("en urgence", "l\'urgence ayant été '
        'reconnue"): the convocation may then be shortened to one clear day (L2121-11, L2121-12).',
    )
    urgency_confirmed: bool | None = Field(
        None,
        description="True when the act records that the council ruled on the urgency at the opening "
        'of the session ("l\'urgence a été reconnue par le conseil"; L2121-11, L2121-12).',
    )
    president: str | None = None
    secretary: str | None = None


class Declared(_Model):
    """Figures printed on the act, each optional."""

    present: Count | None = None
    represented: Count | None = None
    absent: Count | None = None
    voters: Count | None = None
    quorum: Count | None = None
    absolute_majority: Count | None = None


class Present(_Model):
    name: str
    substitute_for: str | None = Field(
        None, description="The absent member this suppléant sits for (L5211-6)."
    )
    commune: str | None = Field(
        None, description="The member commune this delegate represents (lists grouped by commune)."
    )


class Absent(_Model):
    name: str
    proxy_to: str | None = Field(None, description='"pouvoir donné à": the member holding the proxy.')
    proxy: bool | None = Field(None, description="Voted by proxy, holder not named on the act.")
    commune: str | None = Field(
        None, description="The member commune this delegate represents (lists grouped by commune)."
    )


class Person(_Model):
    """A person as printed: a name and a role ("Le Maire", "Présidente")."""

    name: str | None = None
    role: str | None = None


class Recused(_Model):
    name: str
    reason: str | None = None


class Vote(_Model):
    for_: Count | None = Field(None, alias="for")
    against: Count | None = None
    abstentions: Count | None = None
    blank: Count | None = None
    secret: bool | None = None


class Transmission(_Model):
    sent_on: DateValue | None = None
    received_on: DateValue | None = None
    published_on: DateValue | None = None
    posted_on: DateValue | None = Field(None, description='"Affiché le".')
    executory_on: DateValue | None = Field(
        None,
        description='"Certifié exécutoire le", "rendu exécutoire le": the date the act became '
        "enforceable (L2131-1 I), not the date the extract was certified (`certified_on`).",
    )
    act_id: str | None = Field(None, description="@CTES identifier, e.g. 048-200069268-20231012-D23_080-DE.")


class Period(_Model):
    start: DateValue | None = None
    end: DateValue | None = None


class Approves(_Model):
    period: Period | None = None
    authorised_signatories: list[str] = []


class Deliberation(_Model):
    """An extract of the register of deliberations."""

    number: Code | None = None
    subject: str | None = None
    body: Body | None = None
    session: Session | None = None
    members_in_office: Count | None = None
    declared: Declared | None = None
    present: list[Annotated[Present, BeforeValidator(_name_entry, json_schema_input_type=str | Present)]] = []
    absent: list[Annotated[Absent, BeforeValidator(_name_entry, json_schema_input_type=str | Absent)]] = []
    recused: list[Annotated[Recused, BeforeValidator(_name_entry, json_schema_input_type=str | Recused)]] = []
    vote: Vote | None = None
    decision: Literal["adopted", "rejected"] | None = None
    unanimous: bool | None = None
    election: bool | None = Field(
        None,
        description="True for an election or a designation by the council (scrutin, candidates, who is "
        "elected): it has no vote count to check.",
    )
    certified_on: DateValue | None = Field(
        None, description='"Pour extrait conforme", "certifié conforme le": the date the extract was made.'
    )
    transmission: Transmission | None = None
    approves: Approves | None = None
    signed_by: list[Annotated[Person, BeforeValidator(_name_entry, json_schema_input_type=str | Person)]] = (
        Field(
            [],
            description='Who signs the act, as printed under "Le Maire", "Le Président", "Le secrétaire '
            'de séance": a name, or {name, role} with the heading as role (L2121-23).',
        )
    )


# --- convention ------------------------------------------------------------------------------


class Party(_Model):
    id: Code
    name: str | None = None
    short_name: str | None = Field(None, description='As in "ci-après dénommée « la CCSS »".')
    kind: PartyKind | None = None
    siren: Siren | None = None
    deliberation: Code | None = Field(
        None, description="Number of its approving deliberation in this dossier."
    )
    representatives: list[Person] = []


class Visa(_Model):
    """A "Vu ..." line."""

    text: str | None = None
    party: Code | None = None
    annex: Code | None = None
    date: DateValue | None = None


AnnexKind = Literal[
    "deliberation", "diagnostic", "action-plan", "equipment-list", "steering-committee", "other"
]


class Annex(_Model):
    id: Code
    title: str | None = None
    kind: AnnexKind | None = None
    party: Code | None = None
    date: DateValue | None = None
    attached: bool | None = None
    file: str | None = Field(None, description="Path of the annex, relative to the dossier.")


class Article(_Model):
    number: Code | None = None
    title: str | None = None
    text: str | None = None


class Governance(_Model):
    steering_committee: list[Code] = Field(
        [], description="Party ids (or names) sitting on the steering committee."
    )


class SignatureBlock(_Model):
    party: Code | None = None
    label: str | None = Field(None, description="The block's heading as printed.")
    date: DateValue | None = Field(
        None, description="The date written in this block, when each party dates its own signature."
    )
    signatories: list[Person] = []


class Signature(_Model):
    place: str | None = None
    date: DateValue | None = None
    originals: Count | None = Field(None, description='"En N exemplaires".')
    electronic: bool | None = Field(
        None,
        description="Signed electronically: one electronic original serves every party (Code civil "
        "art. 1375, 1366-1367).",
    )
    blocks: list[SignatureBlock] = []


class Convention(_Model):
    title: str | None = None
    type: str | None = Field(None, description="Selects the rule-pack profile (ctg).")
    status: Literal["draft", "final"] | None = None
    period: Period | None = None
    parties: list[Party] = []
    visas: list[Visa] = []
    annexes: list[Annex] = []
    articles: list[Article] = []
    governance: Governance | None = None
    signature: Signature | None = None


class Dossier(_Model):
    """A dossier: deliberation extracts and/or the convention they approve (format version 1)."""

    ctg_rules: Literal[1] = Field(description="Format version: marks a YAML file as a ctg-rules dossier.")
    documents: list[str] = Field(
        [],
        description="Documents (PDF, DOCX, ODT, text) whose content is merged into this dossier: paths "
        "or globs relative to this file. The values written here win over what is read in them.",
    )
    deliberations: list[Deliberation] = []
    convention: Convention | None = None


_install(Dossier, sys.modules[__name__])


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the dossier format, for editors (`# yaml-language-server: $schema=`)."""
    schema = Dossier.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ctg-rules dossier, format version 1"
    _allow_extension_keys(schema)
    return schema


def _allow_extension_keys(node: Any) -> None:
    # Unknown keys are refused, except extension keys under an "x-" prefix.
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            node["patternProperties"] = {"^x-": {}}
        for value in node.values():
            _allow_extension_keys(value)
    elif isinstance(node, list):
        for value in node:
            _allow_extension_keys(value)
