"""What a reader says when a document cannot be read: one plain sentence, in French or English.

Each reader module declares its own messages in a subclass of :class:`ExtractError`, so that the
per-format modules never edit one shared table.
"""

from __future__ import annotations

from typing import ClassVar

MESSAGES: dict[str, tuple[str, str]] = {
    "missing_extra": (
        "lire un fichier {kind} demande le paquet {package} : pip install 'ctg-rules[{extra}]'",
        "reading a {kind} file needs the {package} package: pip install 'ctg-rules[{extra}]'",
    ),
    "unreadable": ("fichier illisible : {reason}", "cannot read the file: {reason}"),
    "too_large": (
        "document trop volumineux ({size} octets ; limite {limit})",
        "document too large ({size} bytes; limit {limit})",
    ),
    "not_a_file": (
        "ce n'est pas un fichier ordinaire (tube, périphérique...) : il n'est pas lu",
        "not a regular file (pipe, device...): it is not read",
    ),
    "format": (
        "format non pris en charge : {suffix} (formats lus : .txt, .md, .pdf, .docx, .odt, .rtf)",
        "unsupported format: {suffix} (readable formats: .txt, .md, .pdf, .docx, .odt, .rtf)",
    ),
    "empty": (
        "fichier vide (0 octet) : enregistrez ou téléchargez de nouveau le document",
        "empty file (0 bytes): save or download the document again",
    ),
    "mismatch": ("ce fichier {suffix} est {what} : {todo}", "this {suffix} file is {what}: {todo}"),
    "reader_failed": (
        "ce document ({kind}) n'a pas pu être lu : ouvrez-le et enregistrez-le en PDF ; si le défaut "
        "persiste, signalez-le avec la sortie de --verbose",
        "this document ({kind}) could not be read: open it and save it as PDF; if that fails too, "
        "report it with the output of --verbose",
    ),
    "out_of_memory": (
        "document trop lourd pour la mémoire de cette machine : découpez-le ou enregistrez-le en PDF",
        "document too heavy for this machine's memory: split it or save it as PDF",
    ),
}


class ExtractError(Exception):
    """A document that cannot be read; ``render(lang)`` words it for the user."""

    #: message id -> (French, English); subclasses add their format's messages
    messages: ClassVar[dict[str, tuple[str, str]]] = MESSAGES
    line: int | None = None
    column: int | None = None
    #: the library's own words (lxml, PDFium...), shown only with --verbose
    detail: str | None = None

    def __init__(self, message_id: str, **args: object) -> None:
        self.message_id = message_id
        self.args_ = args
        super().__init__(self.render("en"))

    def render(self, lang: str = "fr", verbose: bool = False) -> str:
        """One sentence in ``lang``; ``verbose`` adds the library's own words, if any."""
        fr, en = self.messages[self.message_id]
        # an argument may be worded in the language too (why the system refused)
        text = (fr if lang == "fr" else en).format(
            **{k: v(lang) if callable(v) else v for k, v in self.args_.items()}
        )
        return f"{text} [{self.detail}]" if verbose and self.detail else text

    def with_detail(self, detail: object) -> ExtractError:
        """The same error carrying the library's words (for --verbose)."""
        self.detail = " ".join(str(detail).split())[:500] or type(detail).__name__
        return self


def messages(own: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A reader's messages beside the common ones (its own win)."""
    return {**MESSAGES, **own}
