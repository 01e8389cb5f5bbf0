"""The built-in rules, one module per family. Each module is a plugin of the ``ctg_rules``
entry-point group (see pyproject.toml), exactly as a third-party package would be."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Deliberation, Dossier


def deliberations(dossier: Dossier) -> Iterator[tuple[int, Deliberation]]:
    """Each deliberation with its index (the start of every model path into it)."""
    return enumerate(dossier.deliberations)


def has_proxy(absent: object) -> bool:
    """An absent member who voted by proxy, whether or not the act names the holder."""
    return bool(getattr(absent, "proxy_to", None) or getattr(absent, "proxy", None))
