"""Dates as drafts write them: ISO dates, placeholders left in ("XX", "XX/10/2023", "…"), clear days."""

from __future__ import annotations

import calendar
import re
from datetime import date

from . import regex

MONTHS_FR = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}  # fmt: skip
_MONTH_RE = regex.compile("|".join(sorted(MONTHS_FR, key=len, reverse=True)), re.IGNORECASE)
_HOLE_CHARS = set("Xx…_?")
_SEPARATORS = regex.compile(r"[\s/.,\-]+")


class Placeholder(str):
    """A date left unfilled in a draft ("XX", "XX/10/2023", "XX XX 2023", "…", "").

    It keeps what the draft did fill (``year``, ``month``, ``day``, each possibly None) so
    that a rule can say what the value should be.
    """

    year: int | None
    month: int | None
    day: int | None

    @property
    def blank(self) -> bool:
        return not self.strip()


def parse_placeholder(text: str) -> Placeholder | None:
    """Return ``text`` as a Placeholder if it is a date with holes, else None."""
    stripped = text.strip()
    rest = _SEPARATORS.sub("", _MONTH_RE.sub("", stripped))
    rest = re.sub(r"\d", "", rest)
    if stripped and (not rest or not set(rest) <= _HOLE_CHARS | {"."}):
        return None
    if stripped and not (set(stripped) & _HOLE_CHARS) and "..." not in stripped:
        return None
    ph = Placeholder(text)
    ph.year = ph.month = ph.day = None
    month = _MONTH_RE.search(stripped)
    if month:
        ph.month = MONTHS_FR[month.group(0).lower()]
    parts = [p for p in _SEPARATORS.split(_MONTH_RE.sub(" ", stripped)) if p]
    for p in parts:
        if p.isdigit() and len(p) == 4:
            ph.year = int(p)
    numeric = [p for p in re.split(r"[\s/.\-]+", stripped) if p]
    # "XX/10/2023" or "12 XX 2023": day, month, year in the French order.
    if len(numeric) == 3:
        d, m, _ = numeric
        if d.isdigit() and 1 <= int(d) <= 31:
            ph.day = int(d)
        if m.isdigit() and 1 <= int(m) <= 12:
            ph.month = int(m)
    return ph


def is_placeholder(value: object) -> bool:
    return isinstance(value, Placeholder)


def real_date(value: object) -> date | None:
    """``value`` if it is a real date (not a placeholder, not missing), else None."""
    return value if isinstance(value, date) else None


def fits(placeholder: Placeholder, value: date) -> bool:
    """True when what a placeholder did fill ("XX/10/2023": month and year) agrees with ``value``."""
    return all(
        part is None or part == actual
        for part, actual in (
            (placeholder.year, value.year),
            (placeholder.month, value.month),
            (placeholder.day, value.day),
        )
    )


def clear_days_between(sent: date, meeting: date) -> int:
    """Jours francs between sending and meeting: neither the day of sending nor the day of the meeting count."""
    return max((meeting - sent).days - 1, 0)


def add_years(d: date, years: int) -> date:
    """Same day ``years`` later (29 February falls back to 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``; a month ending short counts at its last day
    (31/01/2024 to 29/02/2024 is one month), as ``add_years`` does for 29 February."""
    months = (end.year - start.year) * 12 + end.month - start.month
    month_end = calendar.monthrange(end.year, end.month)[1]
    if end.day < start.day and end.day != month_end:
        months -= 1
    return months


def format_date(value: date | str | None, lang: str = "fr") -> str:
    """A date as a clerk reads it: 12/10/2023 in French, 2023-10-12 in English; placeholders as printed."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
    if value is None:
        return "—"
    return f"« {value} »" if lang == "fr" else f'"{value}"'
