"""The built-in rules, one module per family. Each module is a plugin of the ``ctg_rules``
entry-point group (see pyproject.toml), exactly as a third-party package would be."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Deliberation, Dossier
from ..names import compare_names, is_chair_title


def deliberations(dossier: Dossier) -> Iterator[tuple[int, Deliberation]]:
    """Each deliberation with its index (the start of every model path into it)."""
    return enumerate(dossier.deliberations)


def has_proxy(absent: object) -> bool:
    """An absent member who voted by proxy, whether or not the act names the holder."""
    return bool(getattr(absent, "proxy_to", None) or getattr(absent, "proxy", None))


def recused_president(d: Deliberation) -> int | None:
    """The position in ``recused`` of the session's president, when he is among them (REC005,
    VOT006); None when he is not, or when the act names him only by his title ("M. le Maire")."""
    president = d.session.president if d.session else None
    if not president or is_chair_title(president):
        return None
    for k, member in enumerate(d.recused):
        if compare_names(member.name, president) in ("exact", "approximate"):
            return k
    return None
