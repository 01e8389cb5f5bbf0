"""Uploaded files, streamed into a private temporary folder that is deleted after the request.

The multipart body is parsed as it arrives (python-multipart's streaming parser): each file is
held in memory until its last byte, then written to its place in the folder (created with mode
0700), never to a spool elsewhere; the limits (file count, each file's size, the whole body) are
enforced as the bytes come, so an oversized upload is refused without being stored. Names are the browser's relative paths (a
picked folder keeps its sub-folders), cleaned of anything that could leave the folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..fileio import atomic_write_bytes
from ..loader import DEFAULT_LIMITS, Limits

#: the form's fields: documents and dossiers, then an optional configuration and language
FILES, CONFIG, LANG = "files", "config", "lang"
YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = (".ctg-rules.yaml", ".ctg-rules.yml", "ctg-rules.yaml", "pyproject.toml")
_MAX_DEPTH = 8
_MAX_NAME = 255
#: text fields: a word (``lang``, ``format``), or the page's corrections (JSON)
_FIELD_BYTES = {"corrections": 1024 * 1024}
_WORD_BYTES = 64


class UploadError(Exception):
    """An upload refused: ``status`` is the HTTP status, ``key`` the message's key (see ``messages``)."""

    def __init__(self, status: int, key: str, **args: Any) -> None:
        self.status = status
        self.key = key
        self.args_ = args
        super().__init__(key)


@dataclass(frozen=True)
class UploadLimits:
    """What one request may bring: the loader's per-file limits, a file count and a body size."""

    max_files: int = 200
    #: the whole body: a dossier's documents together weigh less than one document may
    max_body: int = DEFAULT_LIMITS.max_document_bytes
    file: Limits = DEFAULT_LIMITS

    def max_file(self, name: str) -> int:
        """A YAML dossier is read whole (max-file-size); a document has its own, larger, limit."""
        return self.file.max_bytes if name.lower().endswith(YAML_SUFFIXES) else self.file.max_document_bytes


def accepted_suffixes() -> tuple[str, ...]:
    """What ``check`` reads: YAML dossiers and the documents the extractors know (PDF, DOCX, text...)."""
    from ..extract.documents import DOCUMENT_SUFFIXES

    return (*YAML_SUFFIXES, *DOCUMENT_SUFFIXES)


def clean_name(raw: str) -> str:
    """A browser's file name or relative path (``dossier/délib.pdf``) as a safe relative POSIX path.

    Backslashes count as separators (a Windows path); empty, ``.`` and ``..`` parts and control
    characters are dropped, so nothing may point outside the upload folder.
    """
    parts = re.split(r"[\\/]+", raw)
    kept = []
    for part in parts:
        part = re.sub(r"[\x00-\x1f\x7f]", "", part).strip()
        if part in ("", ".", ".."):
            continue
        kept.append(part[:_MAX_NAME])
    if not kept:
        raise UploadError(400, "bad_name", name=raw)
    if len(kept) > _MAX_DEPTH:
        kept = kept[-_MAX_DEPTH:]
    return str(PurePosixPath(*kept))


@dataclass
class Upload:
    """What a request brought: the files saved under ``folder``, the configuration, the language."""

    root: Path
    files: list[str] = field(default_factory=list)
    config: Path | None = None
    lang: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.root / "files"


class _Receiver:
    """The callbacks of python-multipart's parser: parts to files or fields, limits as bytes come."""

    def __init__(self, upload: Upload, limits: UploadLimits) -> None:
        self.upload = upload
        self.limits = limits
        self.suffixes = accepted_suffixes()
        self.refused: list[str] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = self._value = b""
        self._part: tuple[str, str | None] | None = None
        self._target: Path | None = None  # where the file part being received goes
        self._size = 0
        self._max = 0
        self._text = bytearray()

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": lambda d, s, e: self._grow("_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._grow("_value", d[s:e]),
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def _grow(self, name: str, data: bytes) -> None:
        setattr(self, name, getattr(self, name) + data)

    def part_begin(self) -> None:
        self._headers, self._part, self._size, self._text = {}, None, 0, bytearray()

    def header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field = self._value = b""

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        self._part = (name, None if filename is None else filename.decode("utf-8", "replace"))
        if filename is not None and name in (FILES, CONFIG):
            self._open_file(name, self._part[1] or "")

    def _open_file(self, name: str, filename: str) -> None:
        upload = self.upload
        if name == CONFIG:
            base = PurePosixPath(clean_name(filename)).name
            target = upload.root / (
                base if base in CONFIG_NAMES[:-1] or base.endswith(".toml") else ".ctg-rules.yaml"
            )
            upload.config = target
            self._max = self.limits.file.max_bytes
        else:
            relative = clean_name(filename)
            if not relative.lower().endswith(self.suffixes) or PurePosixPath(relative).name.startswith("."):
                self.refused.append(relative)
                return
            if relative in upload.files:
                raise UploadError(400, "duplicate", name=relative)
            if len(upload.files) >= self.limits.max_files:
                raise UploadError(413, "too_many", limit=self.limits.max_files)
            upload.files.append(relative)
            target = upload.folder / relative
            self._max = self.limits.max_file(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._target = target

    def part_data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        if self._target is not None:
            if self._size > self._max:
                name = self._part[1] if self._part else ""
                raise UploadError(413, "file_too_large", name=name, limit=self._max)
            self._text += data[start:end]
        elif self._part is not None and self._part[1] is None:
            if self._size > _FIELD_BYTES.get(self._part[0], _WORD_BYTES):
                raise UploadError(400, "bad_field", name=self._part[0])
            self._text += data[start:end]

    def part_end(self) -> None:
        if self._target is not None:  # the whole file is in memory (at most max_body): written at once
            atomic_write_bytes(self._target, bytes(self._text))
            self._target, self._text = None, bytearray()
        elif self._part is not None and self._part[1] is None:
            value = self._text.decode("utf-8", "replace").strip()
            self.upload.fields[self._part[0]] = value
            if self._part[0] == LANG:
                self.upload.lang = value


async def receive(
    stream: AsyncIterator[bytes], content_type: str, length: str | None, limits: UploadLimits
) -> Upload:
    """Save a multipart body's files into a new private folder; the caller deletes it (:func:`discard`)."""
    from python_multipart import MultipartParser
    from python_multipart.multipart import parse_options_header

    kind, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadError(415, "not_multipart")
    if length is not None and length.isdigit() and int(length) > limits.max_body:
        raise UploadError(413, "body_too_large", limit=limits.max_body)
    upload = Upload(Path(tempfile.mkdtemp(prefix="ctg-rules-web-")))
    upload.folder.mkdir(mode=0o700)
    receiver = _Receiver(upload, limits)
    parser = MultipartParser(boundary, receiver.callbacks())
    total = 0
    try:
        async for chunk in stream:
            total += len(chunk)
            if total > limits.max_body:
                raise UploadError(413, "body_too_large", limit=limits.max_body)
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        discard(upload)
        raise
    except Exception:  # a malformed body: python-multipart's own errors
        discard(upload)
        raise UploadError(400, "malformed") from None
    if receiver.refused or not upload.files:
        discard(upload)
        if receiver.refused:
            raise UploadError(415, "unsupported", names=", ".join(receiver.refused))
        raise UploadError(400, "no_files")
    return upload


def discard(upload: Upload) -> None:
    """Delete the request's folder and everything in it."""
    shutil.rmtree(upload.root, ignore_errors=True)
    if upload.root.exists():  # pragma: no cover - a file still open on a system that keeps it
        os.chmod(upload.root, 0o700)
        shutil.rmtree(upload.root, ignore_errors=True)


MESSAGES = {
    "fr": {
        "bad_name": "nom de fichier inutilisable : {name!r}",
        "duplicate": "deux fichiers portent le même nom : {name}",
        "too_many": "trop de fichiers (au plus {limit} par envoi)",
        "file_too_large": "{name} dépasse la taille permise ({limit} octets)",
        "body_too_large": "envoi trop volumineux (au plus {limit} octets)",
        "bad_field": "le champ {name} est trop long",
        "not_multipart": "le corps doit être un formulaire multipart/form-data avec des champs « files »",
        "malformed": "formulaire multipart illisible",
        "no_files": "aucun fichier à vérifier (champ « files » : PDF, DOCX, ODT, texte ou YAML)",
        "unsupported": "type de fichier non pris en charge : {names} (PDF, DOCX, ODT, texte ou YAML)",
    },
    "en": {
        "bad_name": "unusable file name: {name!r}",
        "duplicate": "two files have the same name: {name}",
        "too_many": "too many files (at most {limit} per request)",
        "file_too_large": "{name} is over the size allowed ({limit} bytes)",
        "body_too_large": "request too large (at most {limit} bytes)",
        "bad_field": "the field {name} is too long",
        "not_multipart": "the body must be a multipart/form-data form with 'files' fields",
        "malformed": "unreadable multipart form",
        "no_files": "no file to check ('files' fields: PDF, DOCX, ODT, text or YAML)",
        "unsupported": "file type not supported: {names} (PDF, DOCX, ODT, text or YAML)",
    },
}


def message(error: UploadError, lang: str) -> str:
    """The refusal in words."""
    return MESSAGES.get(lang, MESSAGES["en"])[error.key].format(**error.args_)
