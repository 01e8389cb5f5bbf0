"""RTF (Word's "Rich Text Format", often saved under a .doc name): its text, paragraphs and tables.

A single pass over the control words, with no recursion: groups that are not the document's text
(font and colour tables, styles, pictures, headers, footnotes, field instructions, ``\\*``
destinations) are skipped; ``\\'hh`` bytes are decoded in the document's code page (``\\ansicpg``,
Windows-1252 by default), ``\\uN`` as Unicode with its ``\\ucN`` fallback skipped; a table cell
ends with two spaces and a row with a line, as the DOCX reader writes them.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import regex
from .errors import ExtractError, messages

if TYPE_CHECKING:
    from .budget import Budget

_TOKEN = regex.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+|([^\\{}\r\n]+)"
)
#: groups that hold no text of the document
_SKIP = frozenset(
    b"fonttbl colortbl stylesheet info pict object header footer headerl headerr headerf footerl "
    b"footerr footerf footnote fldinst xmlnsdecl listtable listoverridetable rsidtbl generator "
    b"themedata colorschememapping datastore latentstyles pgdsctbl revtbl filetbl mmathPr nonshppict "
    b"shpinst userprops docvar xmlopen annotation atnid atnauthor bkmkstart bkmkend".split()
)
_WORDS = {
    b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n", b"nestrow": "\n",
    b"tab": "\t", b"cell": "  ", b"nestcell": "  ", b"emdash": "\u2014", b"endash": "\u2013",
    b"bullet": "\u2022", b"lquote": "\u2018", b"rquote": "\u2019", b"ldblquote": "\u201c",
    b"rdblquote": "\u201d", b"emspace": " ", b"enspace": " ", b"qmspace": " ",
}  # fmt: skip
_SYMBOLS = {b"~": "\u00a0", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}"}
#: checkpoints of the budget, in tokens
_EVERY = 1 << 16


class RtfError(ExtractError):
    messages = messages(
        {
            "rtf_no_text": (
                "document RTF sans texte lisible : ouvrez-le et enregistrez-le en PDF ou en DOCX",
                "an RTF document without readable text: open it and save it as PDF or DOCX",
            ),
        }
    )


def read_rtf(path: str | Path, budget: Budget) -> str:
    """The text of an RTF file, one paragraph or table row per line."""
    reader = _Reader(Path(path).read_bytes())
    for count, match in enumerate(_TOKEN.finditer(reader.raw)):
        if not count % _EVERY:
            budget.spend()
        reader.token(match)
    result = "\n".join(line.rstrip() for line in "".join(reader.out).split("\n")).strip("\n")
    budget.add_text(len(result))
    if not result.strip():
        raise RtfError("rtf_no_text")
    return result


class _Reader:
    """The state of the pass: text so far, groups open, what to skip, the code page."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.out: list[str] = []
        self.groups: list[tuple[bool, int]] = []
        self.skip = False  # inside a group that is not the document's text
        self.uc = 1  # bytes of ASCII fallback after each \uN
        self.pending = 0  # fallback bytes still to skip
        self.codec = "cp1252"

    def token(self, match: re.Match[bytes]) -> None:
        word, number, hexa, symbol, brace, text = match.groups()
        if brace:
            if brace == b"{":
                self.groups.append((self.skip, self.uc))
            elif self.groups:
                self.skip, self.uc = self.groups.pop()
            return
        if self.pending and (hexa or text):  # the ASCII fallback of a \uN character
            skipped = 1 if hexa else len(text)
            if skipped <= self.pending:
                self.pending -= skipped
                return
            text, self.pending = text[self.pending :], 0
        if word is not None:
            self.word(word, int(number) if number else None, match.start())
        elif self.skip:
            return
        elif symbol is not None:
            self.skip = symbol == b"*"  # {\* ...}: a destination a reader may ignore
            self.out.append(_SYMBOLS.get(symbol, ""))
        elif hexa:
            self.out.append(bytes([int(hexa, 16)]).decode(self.codec, errors="replace"))
        elif text:
            self.out.append(text.decode(self.codec, errors="replace"))

    def word(self, word: bytes, value: int | None, at: int) -> None:
        """One control word: a destination to skip, a code page, a Unicode character, a break."""
        if word in _SKIP and self.raw[at - 1 : at] == b"{":
            self.skip = True
        elif word == b"ansicpg" and value:
            with contextlib.suppress(LookupError):  # an unknown code page: keep Windows-1252
                self.codec = codecs.lookup(f"cp{value}").name
        elif word == b"uc" and value is not None:
            self.uc = max(0, value)
        elif self.skip:
            return
        elif word == b"u" and value is not None:
            self.out.append(chr(value % 65536) if -32768 <= value < 65536 else "\ufffd")
            self.pending = self.uc
        else:
            self.out.append(_WORDS.get(word, ""))
