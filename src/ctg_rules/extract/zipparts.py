"""The XML parts of a DOCX or ODT archive, unpacked and parsed in streaming, under hard caps.

Nothing here trusts what the archive declares: each part is inflated 64 KB at a time and the bytes
really produced are counted against ``max-unpacked-size`` (all parts read) and ``max-ratio`` (one
part against its compressed size). The XML is parsed as it arrives, by expat (the standard
library's parser, as defusedxml uses it): any DTD or entity declaration is refused, nothing is
fetched, no tree is built (memory stays that of the text read), and each element counts against
``max-xml-nodes``.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

from .budget import Budget, LimitError, Where, at, count
from .errors import ExtractError, messages

#: read this much at a time: what is held of a part before it is parsed
CHUNK = 64 * 1024
#: a small part ([Content_Types].xml, relationships, manifest) is read whole, up to this
SMALL_PART = 1024 * 1024
#: what zipfile raises on a damaged archive (NotImplementedError: an unknown "zip file version")
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)
#: the ratio is judged once a part has produced this much (tiny parts compress absurdly well)
RATIO_GRACE = 1024 * 1024


class PartError(ExtractError):
    """An archive or one of its XML parts that cannot be read, said plainly."""

    messages = messages(
        {
            "bad_archive": (
                "archive {kind} abîmée : {part} ne se décompresse pas (fichier tronqué ou modifié) ; "
                "ouvrez-le et enregistrez-le de nouveau",
                "damaged {kind} archive: {part} does not unpack (a truncated or altered file); "
                "open it and save it again",
            ),
            "encrypted_part": (
                "document {kind} protégé par un mot de passe : enregistrez-en une copie sans mot de passe",
                "password-protected {kind} document: save a copy without the password",
            ),
            "bad_xml": (
                "document {kind} abîmé : {part} n'est pas du XML valide (ligne {line}) ; "
                "ouvrez-le et enregistrez-le de nouveau",
                "damaged {kind} document: {part} is not valid XML (line {line}); open it and save it again",
            ),
            "xml_dtd": (
                "document {kind} refusé : {part} déclare une DTD ou des entités XML, "
                "ce qu'aucun traitement de texte n'écrit (document piégé ?)",
                "{kind} document refused: {part} declares a DTD or XML entities, which no word processor "
                "writes (a booby-trapped document?)",
            ),
            "too_deep": (
                "document {kind} refusé : tableaux imbriqués sur plus de {limit} niveaux",
                "{kind} document refused: tables nested more than {limit} levels deep",
            ),
        }
    )


class Archive:
    """A ZIP archive whose parts are read under ``max-unpacked-size`` and ``max-ratio``."""

    def __init__(self, path: str | Path, kind: str, budget: Budget) -> None:
        self.kind = kind
        self.budget = budget
        self.produced = 0
        self.zip = zipfile.ZipFile(path)  # the caller says what a file that is no ZIP is
        self.infos = {info.filename: info for info in self.zip.infolist()}

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name in self.infos

    def stream(self, name: str) -> _PartStream:
        """A file-like reader of part ``name`` (lxml reads it chunk by chunk)."""
        info = self.infos[name]
        if info.flag_bits & 0x1:
            raise PartError("encrypted_part", kind=self.kind)
        try:
            raw = self.zip.open(info)
        except ZIP_ERRORS as exc:
            raise PartError("bad_archive", kind=self.kind, part=name).with_detail(exc) from None
        return _PartStream(self, raw, info)

    def read_small(self, name: str) -> bytes:
        """A small part whole ([Content_Types].xml, relationships): at most SMALL_PART bytes kept."""
        stream = self.stream(name)
        data = bytearray()
        while chunk := stream.read(CHUNK):
            data += chunk
            if len(data) > SMALL_PART:
                raise LimitError("unpacked", part=name, limit=count(SMALL_PART), name="max-unpacked-size")
        return bytes(data)


class _PartStream:
    """One part inflated CHUNK bytes at a time, the bytes produced counted against the caps."""

    def __init__(self, archive: Archive, raw: Any, info: zipfile.ZipInfo) -> None:
        self.archive, self.raw, self.info = archive, raw, info
        self.produced = 0
        self.ceiling = archive.budget.limits.max_ratio * max(info.compress_size, 1)

    def read(self, size: int = -1) -> bytes:
        limits = self.archive.budget.limits
        try:
            chunk = self.raw.read(CHUNK if size < 0 else min(size, CHUNK))
        except ZIP_ERRORS as exc:
            raise PartError("bad_archive", kind=self.archive.kind, part=self.info.filename).with_detail(
                exc
            ) from None
        self.produced += len(chunk)
        self.archive.produced += len(chunk)
        if self.archive.produced > limits.max_unpacked:
            raise LimitError(
                "unpacked",
                part=self.info.filename,
                limit=count(limits.max_unpacked),
                name="max-unpacked-size",
            )
        if self.produced > RATIO_GRACE and self.produced > self.ceiling:
            raise LimitError("ratio", part=self.info.filename, limit=limits.max_ratio, name="max-ratio")
        if self.produced % (16 * CHUNK) < len(chunk):  # about every megabyte
            self.archive.budget.spend()
        return chunk


class Walker:
    """What an XML part's reader implements: ``start``, ``end`` and ``chars`` as expat calls them
    (names are "namespace}local"); it counts the paragraphs ``read`` (for messages) and the
    characters ``held``.

    ``start`` counts each element in ``nodes`` against ``cap`` (inline: it is the hot path).
    """

    nodes = 0
    cap = 0
    read = 0
    held = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, name: str) -> None:
        raise NotImplementedError

    def chars(self, data: str) -> None:
        raise NotImplementedError

    def where(self) -> Where:
        return at("paragraph", self.read + 1)

    def pending(self) -> int:
        return self.held

    def too_many(self) -> None:
        raise LimitError("too_many_nodes", where=self.where(), limit=count(self.cap), name="max-xml-nodes")


def parse_part(archive: Archive, name: str, walker: Walker) -> None:
    """Feed part ``name`` to ``walker`` as it unpacks; expat, with every DTD and entity refused
    (what defusedxml does), and the budget checked after each chunk."""
    from xml.parsers import expat

    budget = archive.budget
    walker.cap = budget.limits.max_xml_nodes
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> None:
        raise PartError("xml_dtd", kind=archive.kind, part=name)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.chars
    stream = archive.stream(name)
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            if walker.pending() > budget.limits.max_text:  # checked as it grows: one paragraph may be a book
                budget.add_text(walker.pending(), walker.where())
            budget.spend(walker.where())
        parser.Parse(b"", True)
        budget.add_text(walker.pending(), walker.where())
    except expat.ExpatError as exc:
        line = getattr(exc, "lineno", None) or 1
        raise PartError("bad_xml", kind=archive.kind, part=name, line=line).with_detail(exc) from None
