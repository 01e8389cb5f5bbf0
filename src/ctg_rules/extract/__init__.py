"""Dossiers from documents: text (.txt, .md), PDF and DOCX, for ``ctg-rules extract`` and ``check``.

Importing this package is cheap; the PDF and DOCX readers and the French extractor load when a
document is read. Extraction is pluggable: a plugin implementing the ``ctg_rules_extract`` hook
returns an :class:`Extraction` for the layouts it knows (or None); the built-in French
extractor runs last.
"""

from __future__ import annotations

from pathlib import Path as _FsPath
from typing import Any

from .documents import DOCUMENT_SUFFIXES, ExtractError, SourceText, is_document, read
from .positions import Extraction, Position, Source

__all__ = [
    "DOCUMENT_SUFFIXES", "ExtractError", "Extraction", "Position", "Source", "SourceText",
    "extract_path", "extract_text", "is_document", "read",
]  # fmt: skip


def extract_text(text: str, pages: list[str] | None = None, *, name: str | None = None) -> Extraction:
    """The built-in French extractor on a document's text."""
    from .french import extract

    return extract(text, pages, name=name)


def extract_path(path: str | _FsPath, *, host: Any = None, limits: Any = None) -> Extraction:
    """Read a document and build its dossier: plugins first (``host``: the plugin host), the built-in last.

    ``limits`` (a :class:`ctg_rules.loader.Limits`) bounds what reading it may cost. Raises
    :class:`ExtractError` when the document cannot be read.
    """
    source = read(path, limits)
    extraction = _from_plugins(host, source) if host is not None else None
    if extraction is None:
        from .french import extract

        lexicon = _label_variants(host) if host is not None else None
        extraction = extract(
            source.text, source.pages, name=source.path, paged=source.pages is not None, lexicon=lexicon
        )
    extraction.source_name = extraction.source_name or source.path
    if source.kind == "docx" and extraction.lines and extraction.places is None:
        from .wordplaces import places  # Word shows no line numbers: paragraphs and cells

        extraction.places = places(path, extraction.lines)
    if source.ocr:
        from .confidence import of_values

        extraction.confidence = of_values(extraction, source.ocr)
    return extraction


def _from_plugins(host: Any, source: SourceText) -> Extraction | None:
    """The first plugin extraction (pluggy's call order); a plugin that raises is reported and skipped."""
    from ..plugins import PluginFailure

    hook = host.pm.hook.ctg_rules_extract
    for impl in reversed(hook.get_hookimpls()):
        try:
            result = impl.function(path=_FsPath(source.path), text=source.text, pages=source.pages)
        except Exception as exc:  # one plugin's bug never stops the run
            host.failures.append(
                PluginFailure(impl.plugin_name, f"ctg_rules_extract: {type(exc).__name__}: {exc}")
            )
            continue
        if result is not None:
            if not isinstance(result, Extraction):
                host.failures.append(
                    PluginFailure(
                        impl.plugin_name,
                        f"ctg_rules_extract returned {type(result).__name__}, not an Extraction",
                    )
                )
                continue
            return result
    return None


def _label_variants(host: Any) -> Any:
    """The built-in label lexicon with every plugin's words (``ctg_rules_label_variants``), or None."""
    from ..plugins import PluginFailure
    from .deliberation.lexicon import LEXICON

    hook = getattr(host.pm.hook, "ctg_rules_label_variants", None)
    impls = hook.get_hookimpls() if hook is not None else []
    lexicon = LEXICON
    for impl in impls:
        try:
            lexicon = lexicon.extended(impl.function())
        except Exception as exc:  # one plugin's bad data never stops the run
            host.failures.append(
                PluginFailure(impl.plugin_name, f"ctg_rules_label_variants: {type(exc).__name__}: {exc}")
            )
    return lexicon if impls else None
