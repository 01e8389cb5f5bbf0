"""The command line's words in French and English: gettext catalogues in ``ctg_rules/locale``.

Two languages decide: ``--help`` (and click's own words: "Usage:", "Options:") follows the
locale, French when ``LANG=fr_FR...`` (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` first, as
gettext reads them), English otherwise; what a run says (configuration errors, files that cannot
be read or written, failed plugins) follows ``--lang`` / ``lang``, French by default. Messages
are written in English in the code (the msgids) and translated in ``locale/fr/LC_MESSAGES``;
``N_`` marks a message translated later, where the language of the run is known.
"""

from __future__ import annotations

import errno
import gettext
import os
from collections.abc import Iterable
from functools import cache, partial
from pathlib import Path
from typing import Any

DOMAIN = "ctg-rules"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: the locale variables gettext reads, in its order
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations into ``lang`` (English: the messages as written)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def tr(message: str, lang: str, **args: Any) -> str:
    """``message`` in ``lang``, its ``{placeholders}`` filled (``{{`` is a brace)."""
    return catalogue(lang).gettext(message).format(**args)


def locale_lang() -> str:
    """The locale's language, as gettext finds it: "fr" for fr_FR.UTF-8, else "en"."""
    for name in _LOCALE_VARIABLES:
        value = os.environ.get(name)
        if value:
            return "fr" if value.split(":")[0].lower().startswith("fr") else "en"
    return "en"


def _(message: str) -> str:
    """A help text in the locale's language (``--help`` is read by whoever set the locale)."""
    return catalogue(locale_lang()).gettext(message)


def use_for_click() -> None:
    """Click's own words (Usage, Options, Error...) from this catalogue: the process's gettext domain."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


_OS_ERRORS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EEXIST: N_("it already exists"),
}


def os_error(exc: OSError | Exception, lang: str) -> str:
    """Why the system refused, in the run's language ("fichier ou dossier introuvable")."""
    known = _OS_ERRORS.get(getattr(exc, "errno", None))  # type: ignore[arg-type]
    if known:
        return tr(known, lang)
    return str(getattr(exc, "strerror", None) or exc)


def unknown_hint(close: list[str], known: Iterable[str]) -> Any:
    """The end of an "unknown key" message, in the language it is shown in."""
    if close:
        return partial(tr, N_(" (did you mean '{hint}'?)"), hint=close[0])
    return partial(tr, N_("; known: {known}"), known=", ".join(known))
