"""Every hook a ctg-rules plugin may implement, in one place.

A plugin is a module (or object) registered through the ``ctg_rules`` entry-point group; it
implements any of these hooks with the ``ctg_rules.hookimpl`` marker. Each hook says since which
version of the plugin API it exists (``HOOK_API_VERSION``, history in ``HOOK_HISTORY`` and
docs/plugins.md). The compatibility promise:

- hooks are only ever added, never removed or renamed, within the ``ctg_rules`` group;
- a hook may gain arguments, never lose them; an implementation names only the arguments it
  uses (they are passed by name), so a plugin written for an older API keeps working;
- a plugin written for a newer API still loads: an implementation of a hook this version does
  not know is set aside with a warning (``ctg-rules plugins`` shows it), one asking for an
  argument this version does not give is set aside and reported as a failure, and the rest of
  the plugin is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pluggy

PROJECT = "ctg_rules"
#: The plugin API version this release implements (see docs/plugins.md for the history).
HOOK_API_VERSION = 2
#: API version -> the hooks it added (each hook's docstring says "since API N" too).
HOOK_HISTORY: dict[int, tuple[str, ...]] = {
    1: (
        "ctg_rules_rules",
        "ctg_rules_packs",
        "ctg_rules_reporters",
        "ctg_rules_extract",
        "ctg_rules_configure",
    ),
    2: ("ctg_rules_label_variants",),
}

hookspec = pluggy.HookspecMarker(PROJECT)
#: The marker for hook implementations, exported as ``ctg_rules.hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ctg_rules_rules() -> Iterable[Any]:
    """Return the rules this plugin provides (since API 1).

    Each item is a function decorated with :func:`ctg_rules.rule` (or its ``RuleSpec``). Import
    heavy modules inside the hook, not at plugin import time: the engine calls it once per run.
    """


@hookspec
def ctg_rules_packs() -> Iterable[str | Path]:
    """Return paths of rule-pack YAML files this plugin ships (since API 1).

    A pack gives each rule code its titles and messages (fr/en), legal reference, documentation
    and parameters, and may define profiles. Packs are data: they are read, never executed. A
    pack entry with a ``check:`` is a declarative rule of this plugin (see docs/plugins.md).
    """


@hookspec
def ctg_rules_reporters() -> Mapping[str, Any]:
    """Return output formats this plugin adds, as ``{name: Reporter class or "module:Class"}`` (since API 1).

    A string is imported only when the format is chosen, which keeps start-up fast. A reporter
    receives each file's result as soon as it is checked, then the run summary (see
    :mod:`ctg_rules.reporters`).
    """


@hookspec(firstresult=True)
def ctg_rules_extract(path: Path, text: str, pages: list[str] | None) -> Any:
    """Build a dossier from a document's text, or return None to let the next extractor try (since API 1).

    ``text`` is the whole text; ``pages`` the text of each page when the source has pages (PDF).
    Return a ``ctg_rules.extract.Extraction`` (dossier data plus where each value came from).
    The first extractor that returns something wins; the built-in one runs last.
    """


@hookspec
def ctg_rules_configure(config: Mapping[str, Any]) -> None:
    """Receive the effective configuration before the run starts (since API 1).

    ``config`` is read-only; a plugin reads its own options from keys it documents.
    """


__all__ = ["HOOK_API_VERSION", "HOOK_HISTORY", "PROJECT", "hookimpl", "hookspec"]


@hookspec
def ctg_rules_label_variants() -> Mapping[str, Any]:
    """Return words the built-in reader should also know in attendance labels (since API 2).

    Data, not code, in the shape of ``ctg_rules/extract/deliberation/lexicon.yaml``:
    ``{"filler": "words ...", "heads": {"present": "...", "absent": "...", "proxy": "...",
    "substitute": "...", "group": "...", "stop": "..."}, "substitute_voting": "..."}`` (strings of
    words or lists; accents and case do not matter). A label is a run of known words holding a
    head: adding ``heads: {present: "assistent"}`` makes "Assistent : ..." a list of the members
    present. Every plugin's words are added; malformed data is that plugin's failure only.
    """
