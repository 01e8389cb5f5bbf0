"""What the section readers share: the list item, the search helpers, merging people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...names import name_tokens
from .. import scan
from ..positions import Path
from ..words import (
    DATES,
    match_date,
)
from .lexicon import (
    LEXICON,
    SENTENCE_END,
    Lexicon,
)
from .picker import Choosing


@dataclass
class Item:
    """One name in a list, as printed, with what the list said about it."""

    name: str
    offset: int
    proxy_to: str | None = None
    proxy: bool = False
    substitute_for: str | None = None
    reason: str | None = None
    held_proxy_of: list[tuple[str, int]] = field(default_factory=list)
    mark: str | None = None  # a proxy mark ("Pr*") pairing a giver with a holder
    commune: str | None = None  # the member commune a list grouped by commune puts them under


class ReaderBase(Choosing):
    """The helpers every section reader of a deliberation shares."""

    #: the attendance labels' words (the built-in lexicon, or one a plugin extended)
    lexicon: Lexicon = LEXICON

    # helpers --------------------------------------------------------------------------------

    def find(
        self, pattern: str | re.Pattern[str], start: int | None = None, end: int | None = None
    ) -> re.Match[str] | None:
        rx = scan.compiled(pattern, re.M) if isinstance(pattern, str) else pattern
        return scan.search(
            rx, self.p, self.start if start is None else start, self.end if end is None else end
        )

    def finditer(
        self, pattern: str | re.Pattern[str], start: int | None = None, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        rx = scan.compiled(pattern, re.M) if isinstance(pattern, str) else pattern
        return scan.finditer(
            rx, self.p, self.start if start is None else start, self.end if end is None else end
        )

    def sentence_end(self, offset: int, limit: int = 400) -> int:
        m = SENTENCE_END.search(self.p, offset, min(offset + limit, self.end))
        return m.start() if m else min(offset + limit, self.end)

    def dates_in(self, start: int, stop: int) -> list[tuple[Any, int]]:
        out = []
        for m in DATES.finditer(self.p, start, stop):
            value = match_date(self.t, m)
            if isinstance(value, date):
                out.append((value, m.start()))
        return out

    def put_people(self, path: Path, items: list[Item], label_at: int) -> None:
        people: list[Any] = []
        self.out.put(path, people, self.pos(label_at))
        sources = self.out.sources
        for i, item in enumerate(items):
            entry: dict[str, Any] = {"name": item.name}
            if item.substitute_for:
                entry["substitute_for"] = item.substitute_for
            if item.proxy_to:
                entry["proxy_to"] = item.proxy_to
            elif item.proxy:
                entry["proxy"] = True
            if item.reason:
                entry["reason"] = item.reason
            if item.commune:
                entry["commune"] = item.commune
            value: Any = entry if len(entry) > 1 else item.name
            at = self.pos(item.offset)  # a position is immutable: the entry and its name share it
            people.append(value)  # what out.put((*path, i), value, at) does, without its walk down
            sources[(*path, i)] = at
            sources[(*path, i, "name")] = at


def merge(items: list[Item]) -> list[Item]:
    """One entry per person, in the order of first mention, what each list said about them combined."""
    out: list[Item] = []
    index: dict[tuple[str, ...], Item] = {}
    for item in items:
        key = name_tokens(item.name)
        known = index.get(key)
        if known is None:
            index[key] = item
            out.append(item)
            continue
        known.proxy_to = known.proxy_to or item.proxy_to
        known.proxy = known.proxy or item.proxy
        known.substitute_for = known.substitute_for or item.substitute_for
        known.reason = known.reason or item.reason
        known.commune = known.commune or item.commune
    return out


def copy_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_value(v) for v in value]
    return value
