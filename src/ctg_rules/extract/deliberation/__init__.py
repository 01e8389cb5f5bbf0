"""The extract of a council deliberation, as French acts print it.

Headers ("Séance du 12 octobre 2023", "L'an deux mille vingt-trois, le douze octobre"), counts in a
block, inline or in a table, attendance lists (civilities, commune groupings, proxies in every
usual form, suppléants), recusals, votes, the transmission stamp. A value the act does not print
is left out. Every regular expression runs on the plain text (lower case, no accents); values are
read from the original at the same offsets.

One reader per section, in its own module: :mod:`.header` (body, session, dates), :mod:`.counts`,
:mod:`.attendance` (lists, proxies, recusals), :mod:`.votes`, :mod:`.stamp` (transmission), and
:mod:`.reader` (the session's items); the labels they look for are data in :mod:`.lexicon`.
"""

from __future__ import annotations

from .base import Item
from .reader import DeliberationReader

__all__ = ["DeliberationReader", "Item"]
