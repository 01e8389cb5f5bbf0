"""A rule as the engine and the reporters see it: its function, its pack entry, its words.

:class:`Rule` joins what a plugin registered (``RuleSpec``) and what a rule pack says about it
(severity, area, title, message templates, reference), and words a violation in the reader's
language. The registry (``ctg_rules.plugins``) builds one per code; reporters receive them as
their catalogue.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import packs
from .api import RuleSpec, Violation
from .dates import format_date

__all__ = ["Rule"]


class _Args(dict):  # type: ignore[type-arg]
    """Template arguments: dates and lists worded for the reader; unknown names left visible."""

    def __init__(self, args: Mapping[str, Any], lang: str) -> None:
        super().__init__(args)
        self.lang = lang

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, date) or (isinstance(value, str) and type(value) is not str):
            return format_date(value, self.lang)
        if isinstance(value, list | tuple | set | frozenset):
            return ", ".join(str(v) for v in value)
        return value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(slots=True)
class Rule:
    """A rule with its pack entry: everything needed to run it and to word its findings."""

    spec: RuleSpec
    pack: packs.PackRule | None
    #: what the rule checks, in words, when its pack does not say (a declarative rule's check)
    described: Mapping[str, str] | None = None

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def severity(self) -> str:
        return (self.pack and self.pack.severity) or self.spec.severity or "warning"

    @property
    def area(self) -> str:
        return self.pack.area if self.pack else "other"

    @property
    def name(self) -> str:
        return (self.pack and self.pack.name) or self.spec.func.__name__.replace("_", "-")

    @property
    def reference(self) -> str | None:
        return (self.pack and self.pack.reference) or self.spec.reference

    def title(self, lang: str) -> str:
        return (
            packs.text(self.pack.title if self.pack and self.pack.title else self.spec.title, lang)
            or self.name
        )

    def what(self, lang: str) -> str:
        """What the rule checks (the pack's ``what``, else the words of a declarative check)."""
        return packs.text((self.pack.what if self.pack else None) or self.described, lang)

    def why(self, lang: str) -> str:
        return packs.text(self.pack.why if self.pack else None, lang)

    def template(self, key: str, lang: str) -> str:
        if self.pack and key in self.pack.messages:
            return packs.text(self.pack.messages[key], lang)
        if self.spec.messages and key in self.spec.messages:
            return packs.text(self.spec.messages[key], lang)
        return ""

    def render(self, violation: Violation, lang: str) -> str:
        if violation.message is not None:
            return violation.message
        template = self.template(violation.key, lang) or self.title(lang)
        args = _Args(self._worded(violation.args, lang), lang)
        if lang != "fr":
            return template.format_map(args)
        return _format_french(template, args)

    def _worded(self, args: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
        """Arguments the pack declares as a field's values, in words ("la liste des équipements")."""
        fields = self.pack.labels if self.pack else None
        if not fields:
            return args
        from .labels import value_label

        worded = dict(args)
        for name, field_path in fields.items():
            if name in worded:
                worded[name] = value_label(field_path, worded[name], lang) or worded[name]
        return worded


_FORMATTER = string.Formatter()


def _format_french(template: str, args: _Args) -> str:
    """``template.format_map(args)``, contracting "de le"/"à les" where an argument meets the text."""
    from .labels import fit

    out = ""
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        out += literal
        if name is None:
            continue
        value = _FORMATTER.get_field(name, (), args)[0]
        out = fit(out, _FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec or ""), "fr")
    return out
