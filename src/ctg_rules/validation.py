"""Validation of loaded data against the dossier model, with plain-language, located errors."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import Dossier

Locate = Callable[..., tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason data is not a valid dossier."""

    path: tuple[str | int, ...]
    message: str
    line: int | None
    column: int | None


def format_path(path: Sequence[str | int]) -> str:
    """("deliberations", 0, "vote", "for") -> "deliberations[0].vote.for"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_MESSAGES: dict[str, tuple[str, str]] = {
    "extra_forbidden": (
        "clé inconnue « {key} »{hint} (les clés d'extension commencent par x-)",
        "unknown key '{key}'{hint} (extension keys start with x-)",
    ),
    "missing": ("champ obligatoire manquant : {key}", "required field missing: {key}"),
    "int_type": ("nombre entier attendu, trouvé {found}", "a whole number was expected, found {found}"),
    "greater_than_equal": (
        "nombre négatif impossible ici : {found}",
        "a negative number is impossible here: {found}",
    ),
    "bool_type": ("true ou false attendu, trouvé {found}", "true or false was expected, found {found}"),
    "bool_parsing": ("true ou false attendu, trouvé {found}", "true or false was expected, found {found}"),
    "string_type": ("texte attendu, trouvé {found}", "text was expected, found {found}"),
    "list_type": (
        "une liste (- ...) est attendue ici, trouvé {found}",
        "a list (- ...) was expected here, found {found}",
    ),
    "model_type": (
        "un bloc de clés est attendu ici, trouvé {found}",
        "a mapping of keys was expected here, found {found}",
    ),
    "dict_type": (
        "un bloc de clés est attendu ici, trouvé {found}",
        "a mapping of keys was expected here, found {found}",
    ),
    "literal_error": (
        "valeur {found} inconnue ; valeurs admises : {expected}",
        "unknown value {found}; allowed: {expected}",
    ),
    "ctg_date": (
        "date attendue (AAAA-MM-JJ) ou marque à compléter comme XX, trouvé {found}",
        "a date (YYYY-MM-DD) or a placeholder such as XX was expected, found {found}",
    ),
    "date_text": (
        "{found} n'est ni une date (AAAA-MM-JJ) ni une marque à compléter comme XX",
        "{found} is neither a date (YYYY-MM-DD) nor a placeholder such as XX",
    ),
    "quote_it": (
        "écrivez cette valeur entre guillemets : {found} serait lu comme un nombre décimal",
        "write this value in quotes: {found} would be read as a decimal number",
    ),
}
_DEPARTMENT_HINT = (
    ' ; écrivez le code entre guillemets : department: "048"',
    '; write the code in quotes: department: "048"',
)


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose fields live at ``path`` (to suggest the key a typo meant)."""
    model: type[BaseModel] | None = Dossier
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model_fields_by_key(model).get(part)
        if field is None:
            return None
        model = model_in(field)
    return model


@cache
def model_fields_by_key(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the key a dossier writes them with (its alias), with their annotation."""
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class an annotation holds (``X | None``, ``list[X]``, ``Annotated[X, ...]``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None


def _message(error: dict[str, Any], lang: str) -> str:
    kind = error["type"]
    loc = error["loc"]
    fr_en = _MESSAGES.get(kind)
    if fr_en is None:
        return error["msg"]
    key = str(loc[-1]) if loc else ""
    hint = ""
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        if model is not None:
            import difflib  # only to word an error

            close = difflib.get_close_matches(key, list(model_fields_by_key(model)), n=1, cutoff=0.6)
            if close:
                hint = (
                    f" : vouliez-vous dire « {close[0]} » ?"
                    if lang == "fr"
                    else f": did you mean '{close[0]}'?"
                )
    expected = (error.get("ctx") or {}).get("expected", "")
    message = (fr_en[0] if lang == "fr" else fr_en[1]).format(
        key=key, hint=hint, found=_found(error.get("input")), expected=expected
    )
    if kind == "string_type" and key == "department" and isinstance(error.get("input"), int):
        message += _DEPARTMENT_HINT[0 if lang == "fr" else 1]
    return message


#: the problems listed for one file; a file with more is not a dossier gone slightly wrong
MAX_PROBLEMS = 50


def validate(data: Any, locate: Locate | None = None, lang: str = "fr") -> Dossier | list[Problem]:
    """The dossier, or the list of problems (each located when ``locate`` can)."""
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        problems: list[Problem] = []
        seen = set()
        errors = exc.errors(include_url=False)
        for index, error in enumerate(errors):
            path = tuple(error["loc"])
            if (path, error["type"]) in seen:
                continue
            if len(problems) == MAX_PROBLEMS:  # locating each one costs a walk: a hostile file has 100,000
                more = len(errors) - index
                word = f"… et {more} autres erreurs" if lang == "fr" else f"… and {more} more errors"
                problems.append(Problem((), word, None, None))
                break
            seen.add((path, error["type"]))
            line = column = None
            if locate is not None:
                position = locate(path, key=error["type"] == "extra_forbidden")
                if position is not None:
                    line, column = position
            problems.append(Problem(path, f"{format_path(path)}: {_message(error, lang)}", line, column))
        return problems
