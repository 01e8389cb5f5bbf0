"""The rule engine: registry of rules and packs, and the check of one file after another.

Data flows one way: document -> loader -> dossier + positions -> rules -> findings -> reporter.
A file's result is complete (and picklable) when its check returns, so results stream to the
reporter and nothing but small summaries outlives a file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .api import SEVERITIES, Violation
from .catalogue import Rule
from .limits import DEFAULT_LIMITS, Limits
from .loaderrors import LoadError
from .model import Deliberation, Dossier
from .names import NameResolver
from .plugins import _REGISTRIES as _REGISTRIES  # the registries' cache: tests reset it
from .plugins import Registry, registry
from .results import SEVERITY_RANK, FileError, FileResult, Finding
from .validation import format_path, validate

if TYPE_CHECKING:
    from .loader import Document

# The result types and the rule lived here before ctg_rules.results and ctg_rules.catalogue:
# plugins and programs that import them from the engine keep working.
__all__ = [
    "SEVERITY_RANK", "Engine", "FileError", "FileResult", "Finding", "Options", "Registry", "Rule",
    "RuleContext", "iter_files", "registry",
]  # fmt: skip

#: documents ``check`` extracts a dossier from (see ctg_rules.extract), when named explicitly
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".pdf", ".docx", ".odt", ".doc", ".rtf")


T = TypeVar("T")


# --- the context a rule sees ------------------------------------------------------------------


class RuleContext:
    """What a rule may need besides the dossier: where it is, the language, shared name resolvers,
    and the facts several rules work out once per dossier (:meth:`memo`)."""

    __slots__ = ("_base", "_memo", "dossier", "file", "lang", "locate", "profile")

    def __init__(
        self,
        dossier: Dossier,
        file: str | None,
        lang: str,
        profile: str | None,
        locate: Any,
        base: Path | None = None,
    ) -> None:
        self._base = base  # a folder of documents: annex files are relative to the folder
        self.dossier = dossier
        self.file = file
        self.lang = lang
        self.profile = profile
        self.locate = locate
        self._memo: dict[Hashable, Any] = {}

    @property
    def base_dir(self) -> Path | None:
        """The dossier's directory: annex files are relative to it (None for text: "<string>", "-")."""
        if self._base is not None:
            return self._base
        if not self.file or self.file == "-" or (self.file.startswith("<") and self.file.endswith(">")):
            return None
        return Path(self.file).parent

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value of ``build()``, worked out once per dossier check and shared by the rules.

        ``key`` names the fact and what it is about (``("council", id(deliberation))``): the
        context lives as long as its dossier, so an ``id`` in a key cannot be reused meanwhile.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def resolver(self, deliberation: Deliberation) -> NameResolver:
        """The name resolver of a deliberation's members (present, absent, chair), built once per dossier."""
        return self.memo(("resolver", id(deliberation)), lambda: _roster_resolver(deliberation))


def _roster_resolver(deliberation: Deliberation) -> NameResolver:
    roster = [p.name for p in deliberation.present] + [a.name for a in deliberation.absent]
    return NameResolver(roster, chair=deliberation.session.president if deliberation.session else None)


# --- the engine ---------------------------------------------------------------------------------


@dataclass
class Options:
    """What to check and how (the CLI flags and the configuration file end up here)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    lang: str = "fr"
    severity: Mapping[str, str] = field(default_factory=dict)
    profile: str | None = None
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str = "error"
    limits: Limits = DEFAULT_LIMITS
    builtins_only: bool = False
    disabled_plugins: tuple[str, ...] = ()
    extra_plugins: tuple[Any, ...] = ()
    #: local rule files (``plugins = [...]`` in the configuration), as paths the process can open
    plugin_paths: tuple[str, ...] = ()
    #: glob -> codes or prefixes not run on matching files (``per-file-ignores``); globs are
    #: relative to ``root`` (the configuration's directory), ``*`` crosses directories
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    root: str | None = None
    #: honour inline waivers (noqa comments); ``--disable-noqa`` sets it to False
    noqa: bool = True
    #: a file with families of checks that could not be made fails the run (``--require-complete``)
    require_complete: bool = False
    #: a document that cannot be read: add what the parser itself said (``--verbose``)
    verbose: bool = False


#: the arguments a dossier rule is called with, besides those bound once per profile
_BOTH, _DOSSIER, _CTX = ("dossier", "ctx"), ("dossier",), ("ctx",)


class Engine:
    """Checks files or dossiers with the rules of a registry, file after file."""

    def __init__(self, options: Options | None = None, reg: Registry | None = None) -> None:
        self.options = options or Options()
        self.registry = reg or registry(
            builtins_only=self.options.builtins_only,
            disabled_plugins=self.options.disabled_plugins,
            extra_plugins=self.options.extra_plugins,
            plugin_paths=self.options.plugin_paths,
        )
        for code, severity in self.options.severity.items():
            if severity not in SEVERITIES:
                from .i18n import N_, tr

                message = N_("severity of {code}: {level} is not one of {allowed}")
                allowed = ", ".join(SEVERITIES)
                raise ValueError(
                    tr(message, self.options.lang, code=code, level=repr(severity), allowed=allowed)
                )
        codes = self.registry.select(self.options.select, self.options.ignore)
        self.rules = [self.registry.rules[c] for c in codes]
        self.dossier_rules = [r for r in self.rules if r.spec.scope == "dossier"]
        #: rules that collect from each dossier and report at the end of the run
        self.run_rules = [r for r in self.rules if r.spec.scope == "run" or r.spec.settle]
        self.codes = tuple(codes)
        self._collected: dict[str, list[tuple[str | None, Any]]] = {r.code: [] for r in self.run_rules}
        self._ignored: dict[str, frozenset[str]] = {}
        #: waivers of files that name run-scoped rules: their findings only come at finish()
        self._pending_waivers: dict[str, list[Any]] = {}
        self._bound: dict[str | None, list[tuple[Rule, Any, tuple[str, ...]]]] = {}

    @property
    def fail_on(self) -> str:
        """The lowest severity that fails the run (the configuration's ``fail-on``)."""
        return self.options.fail_on

    @property
    def require_complete(self) -> bool:
        """Whether a file that could not be checked in full fails the run (``require-complete``)."""
        return self.options.require_complete

    # files ---------------------------------------------------------------------------------------

    def check_file(self, path: str | Path) -> FileResult:
        """One file's result; a bug met on this file is this file's error, never the end of the run."""
        try:
            return self._check_file(path)
        except Exception as exc:
            if os.environ.get("CTG_RULES_DEBUG"):
                raise
            name = display_path(path)
            word = (
                "erreur interne sur ce fichier"
                if self.options.lang == "fr"
                else "internal error on this file"
            )
            message = f"{word}: {type(exc).__name__}: {exc} (CTG_RULES_DEBUG=1)"
            return FileResult(name, "error", errors=[FileError(name, None, None, message)])

    def _check_file(self, path: str | Path) -> FileResult:
        if not isinstance(path, str | Path) or os.path.isdir(path):
            from .assembly import check_set  # a folder, or the files of `check --dossier`: one dossier

            return check_set(self, path)
        name = display_path(path)
        if str(path).lower().endswith(DOCUMENT_SUFFIXES):
            return self.check_source_document(path, name)
        try:
            from . import loader  # YAML's reader: a document's check needs none

            document = loader.read(path, self.options.limits)
        except LoadError as exc:
            return FileResult(
                name, "error", errors=[FileError(name, exc.line, exc.column, exc.render(self.options.lang))]
            )
        return self.check_document(document, name)

    def check_source_document(self, path: str | Path, name: str) -> FileResult:
        """A text, PDF or DOCX document: extract its dossier, then check it; findings point into the document."""
        from .assembly import read  # lazy: YAML checks never load the extractors
        from .extract import ExtractError

        lang = self.options.lang
        try:
            # read once per run: a folder's walk has read it already to group its documents
            extraction = read(path, host=self.registry.host, limits=self.options.limits)
        except ExtractError as exc:
            message = exc.render(lang, self.options.verbose)
            return FileResult(name, "error", errors=[FileError(name, exc.line, exc.column, message)])
        from .completeness import skip_reason

        reason = skip_reason(extraction.data, lang)
        if reason is not None:
            return FileResult(name, "skipped", reason=reason, source="document")
        checked = validate(extraction.data, extraction.locate2, lang)
        if isinstance(checked, list):
            errors = [FileError(name, p.line, p.column, p.message) for p in checked]
            return FileResult(name, "error", errors=errors, source="document")
        result = self.check_dossier(checked, name, extraction.place, printed=True)
        if extraction.confidence:
            from .extract.confidence import downgrade

            downgrade(result.findings, extraction.confidence, self.options.limits.ocr_confidence, lang)
        return result

    def check_text(self, text: str, name: str = "<string>") -> FileResult:
        try:
            from . import loader

            document = loader.parse(text, self.options.limits)
        except LoadError as exc:
            return FileResult(
                name, "error", errors=[FileError(name, exc.line, exc.column, exc.render(self.options.lang))]
            )
        return self.check_document(document, name)

    def check_document(self, document: Document, name: str) -> FileResult:
        data = document.data
        lang = self.options.lang
        if not isinstance(data, dict) or "ctg_rules" not in data:
            from .completeness import not_a_dossier

            return FileResult(name, "skipped", reason=not_a_dossier(lang))
        if data["ctg_rules"] != 1:
            line, column = document.locate(("ctg_rules",))
            error = LoadError("version", line, column, version=data["ctg_rules"])
            return FileResult(name, "error", errors=[FileError(name, line, column, error.render(lang))])
        if data.get("documents"):
            from .assembly import check_with_documents  # the documents' content under the YAML's values

            return check_with_documents(self, document, name)
        checked = validate(data, document.locate, lang)
        if isinstance(checked, list):
            errors = [FileError(name, p.line, p.column, p.message) for p in checked]
            return FileResult(name, "error", errors=errors)
        return self.check_dossier(checked, name, document.locate, source=document.text)

    # dossiers ------------------------------------------------------------------------------------

    def check_dossier(
        self, dossier: Dossier, name: str | None = None, locate: Any = None, *, source: str | None = None,
        base: Path | None = None, printed: bool = False,
    ) -> FileResult:  # fmt: skip
        """Run every selected rule on one validated dossier; ``source`` is its YAML text (for waivers);
        ``locate(path)``: (line, column[, page[, file[, the line's text]]]), a file per document;
        ``printed``: the dossier was read from documents (what it lacks was not printed)."""
        opts = self.options
        profile = opts.profile or self.registry.packs.profile_for(
            dossier.convention.type if dossier.convention else None
        )
        ctx = RuleContext(dossier, name, opts.lang, profile, locate or _nowhere, base)
        findings: list[Finding] = []
        ignored = self.ignored_for(name) if name and opts.per_file_ignores else frozenset()
        for rule, func, wants in self._runners(profile):
            if rule.code in ignored:
                continue
            try:
                # the four shapes a rule's arguments take, called without building a dict each time
                if wants is _BOTH:
                    found = func(dossier=dossier, ctx=ctx)
                elif wants is _DOSSIER:
                    found = func(dossier=dossier)
                elif wants is _CTX:
                    found = func(ctx=ctx)
                else:
                    found = func()
                for violation in found or ():
                    findings.append(self._finding(rule, violation, ctx))
            except Exception as exc:  # one rule's bug must not stop the others
                findings.append(self._internal_error(rule, exc, name))
        collected = None
        if self.run_rules:
            collected = {}
            for rule in self.run_rules:
                if rule.code in ignored:
                    continue
                try:
                    collected[rule.code] = rule.spec.collect(dossier, ctx)  # type: ignore[misc]
                except Exception as exc:
                    findings.append(self._internal_error(rule, exc, name))
        codes = tuple(c for c in self.codes if c not in ignored) if ignored else self.codes
        pending = None
        if source is not None and opts.noqa:
            unused, pending = self._waive(source, findings, codes, ctx)
            findings.extend(unused)
        findings.sort(key=Finding.sort_key)
        return FileResult(
            name or "<dossier>",
            "checked",
            findings,
            rules=codes,
            collected=collected,
            identity=identity(dossier),
            waivers=pending,
            not_checked=self._not_checked(dossier, ignored, printed),
            source="document" if printed else "yaml",
        )

    def _not_checked(self, dossier: Dossier, ignored: frozenset[str], printed: bool) -> list[Any]:
        """The families of the rules run that lacked facts the dossier does not say."""
        from .completeness import not_checked

        rules = [r for r in self.rules if r.code not in ignored]
        return not_checked(dossier, rules, self.registry.packs, self.options.lang, printed=printed)

    def ignored_for(self, name: str) -> frozenset[str]:
        """The codes ``per-file-ignores`` switches off for this file (cached per file name)."""
        found = self._ignored.get(name)
        if found is None:
            selectors = per_file_ignored(name, self.options)
            found = self._ignored[name] = frozenset(
                c for c in self.codes if any(s == "ALL" or c.startswith(s) for s in selectors)
            )
        return found

    def _waive(
        self, source: str, findings: list[Finding], codes: tuple[str, ...], ctx: RuleContext
    ) -> tuple[list[Finding], list[Any] | None]:
        """Apply the file's inline waivers: NQA001 findings for the waivers that waive nothing, and
        the waivers run-scoped rules' findings will need at finish() (None when none will)."""
        from . import waivers

        found = waivers.parse(source)
        if not found:
            return [], None
        waivers.apply(found, findings)
        later = [r.code for r in self.run_rules if r.code in codes]
        pending = found if later and ctx.file else None
        rule = self.registry.rules.get(waivers.CODE)
        if rule is None or waivers.CODE not in codes:
            return [], pending
        unused = waivers.unused(found, codes, self.registry.rules, later=later)
        return [self._finding(rule, v, ctx) for v in unused], pending

    def absorb(self, result: FileResult) -> None:
        """Keep a file's run-scoped summaries and pending waivers for finish().

        The result may come from a worker process: everything finish() needs travels in it.
        """
        if result.collected:
            for code, summary in result.collected.items():
                self._collected[code].append((result.path, summary))
            result.collected = None
        if result.waivers:
            self._pending_waivers[result.path] = result.waivers
            result.waivers = None

    def finish(self) -> list[Finding]:
        """Run the rules that look across every dossier of the run; return their findings."""
        findings: list[Finding] = []
        for rule in self.run_rules:
            ctx = RuleContext(Dossier(ctg_rules=1), None, self.options.lang, None, _nowhere)
            collected = self._collected[rule.code]
            kwargs = self._arguments(rule, None, collected=collected, ctx=ctx)
            try:
                settled = rule.spec.settle(collected) if rule.spec.settle else rule.spec.func(**kwargs)
                for violation in settled or ():
                    findings.append(self._finding(rule, violation, ctx))
            except Exception as exc:
                findings.append(self._internal_error(rule, exc, None))
            collected.clear()
        if self._pending_waivers:
            findings.extend(self._waive_run(findings))
        findings.sort(key=Finding.sort_key)
        return findings

    def _waive_run(self, findings: list[Finding]) -> list[Finding]:
        """Waivers for run-scoped rules, now that their findings are known; NQA001 for the unused."""
        from . import waivers

        by_file: dict[str | None, list[Finding]] = {}
        for f in findings:
            by_file.setdefault(f.file, []).append(f)
        rule = self.registry.rules.get(waivers.CODE)
        later = [r.code for r in self.run_rules]
        unused: list[Finding] = []
        for file, found in sorted(self._pending_waivers.items()):
            waivers.apply(found, by_file.get(file, ()))
            if rule is not None and waivers.CODE in self.codes:
                ctx = RuleContext(Dossier(ctg_rules=1), file, self.options.lang, None, _nowhere)
                ran = [c for c in self.codes if c not in self.ignored_for(file)]
                for v in waivers.unused(found, ran, self.registry.rules, later=later, final=True):
                    unused.append(self._finding(rule, v, ctx))
        self._pending_waivers.clear()
        return unused

    def run(self, paths: Iterable[str | Path]) -> Iterator[FileResult]:
        """Check every dossier under ``paths`` in a stable order, one result per file (the run
        loop of :class:`ctg_rules.report.Run`; call :meth:`finish` at the end)."""
        from .report import Run

        yield from Run([self]).results((self.check_file(path), self) for path in iter_files(paths))

    # helpers ---------------------------------------------------------------------------------

    def _runners(self, profile: str | None) -> list[tuple[Rule, Any, tuple[str, ...]]]:
        """The dossier rules with what does not change from dossier to dossier (parameters,
        language) bound once per profile, and the names of the arguments left to pass."""
        found = self._bound.get(profile)
        if found is None:
            found = self._bound[profile] = []
            for rule in self.dossier_rules:
                fixed = self._arguments(rule, profile)
                func = functools.partial(rule.spec.func, **fixed) if fixed else rule.spec.func
                wants = {w for w in rule.spec.wants if w in ("dossier", "ctx")}
                shape = (
                    _BOTH if len(wants) == 2 else _DOSSIER if "dossier" in wants else _CTX if wants else ()
                )
                found.append((rule, func, shape))
        return found

    def _arguments(self, rule: Rule, profile: str | None, **available: Any) -> dict[str, Any]:
        kwargs = {}
        for name in rule.spec.wants:
            if name == "params":
                kwargs[name] = self.registry.params(
                    rule.code, profile, self.options.parameters.get(rule.code)
                )
            elif name == "lang":
                kwargs[name] = self.options.lang
            elif name in available:
                kwargs[name] = available[name]
        return kwargs

    def _finding(self, rule: Rule, violation: Violation, ctx: RuleContext) -> Finding:
        line, column, page = violation.line, violation.column, violation.page
        file, excerpt = violation.file or ctx.file, violation.excerpt
        block = dict(violation.place) if violation.place else None
        if line is None and ctx.locate is not None:
            position = ctx.locate(violation.path)
            if position is not None:
                line, column = position[0], position[1]
                page = position[2] if len(position) > 2 else None
                if len(position) > 3 and position[3] and not violation.file:
                    file = position[3]
                excerpt = position[4] if len(position) > 4 else None
                block = position[5] if len(position) > 5 else None
        severity = self.options.severity.get(rule.code) or violation.severity or rule.severity
        return Finding(
            code=rule.code,
            severity=severity,
            message=rule.render(violation, self.options.lang),
            file=file,
            line=line,
            column=column,
            path=format_path(violation.path),
            reference=rule.reference,
            page=page,
            excerpt=excerpt,
            place=block,
        )

    def _internal_error(self, rule: Rule, exc: Exception, name: str | None) -> Finding:
        if self.options.lang == "fr":
            message = (
                f"erreur interne de la règle {rule.code} ({rule.spec.plugin}) : {type(exc).__name__}: {exc}"
            )
        else:
            message = f"internal error in rule {rule.code} ({rule.spec.plugin}): {type(exc).__name__}: {exc}"
        return Finding(rule.code, "error", message, name, 1, 1, "", rule.reference)


def _nowhere(path: Sequence[str | int], *, key: bool = False) -> None:
    return None


# --- files -------------------------------------------------------------------------------------


def per_file_ignored(name: str, options: Options) -> tuple[str, ...]:
    """The selectors ``per-file-ignores`` applies to a file.

    As in .gitignore, a glob with a ``/`` (other than a trailing one) is matched against the file's
    path relative to ``options.root`` (the configuration's directory; the path as given when the
    file is elsewhere), and one without, at any depth: ``archives/`` is every folder so named,
    ``*-2019.yaml`` every such file name. ``*`` crosses directories.
    """
    if not options.per_file_ignores:
        return ()
    path = Path(name)
    relative = path.as_posix()
    if options.root:
        with contextlib.suppress(ValueError, OSError):
            relative = path.resolve().relative_to(Path(options.root).resolve()).as_posix()
    parts = relative.split("/")
    suffixes = ["/".join(parts[i:]) for i in range(len(parts))]
    selectors: list[str] = []
    for pattern, codes in options.per_file_ignores.items():
        glob = pattern.removeprefix("./")
        anywhere = "/" not in glob.rstrip("/")
        glob = glob + "*" if glob.endswith("/") else glob
        if any(fnmatch.fnmatchcase(p, glob) for p in (suffixes if anywhere else suffixes[:1])):
            selectors.extend(c.upper() for c in codes)
    return tuple(dict.fromkeys(selectors))


def identity(dossier: Dossier) -> dict[str, Any]:
    """What names a dossier for a person reading a report: body, acts, convention and parties.

    Dates stay dates (or placeholder text) for the reporter to word in its language.
    """
    acts = []
    for d in dossier.deliberations:
        acts.append(
            {
                "number": d.number,
                "subject": d.subject,
                "body": d.body.name if d.body else None,
                "session": d.session.date if d.session else None,
                "decision": d.decision,
            }
        )
    out: dict[str, Any] = {"deliberations": acts}
    convention = dossier.convention
    if convention is not None:
        period = convention.period
        out["convention"] = {
            "title": convention.title,
            "type": convention.type,
            "status": convention.status,
            "period": (period.start, period.end) if period else (None, None),
            "parties": [p.name or p.id for p in convention.parties],
        }
    return out


def display_path(path: str | Path) -> str:
    """The path as the user gave it, with forward slashes (stable across platforms)."""
    return Path(path).as_posix()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Any]:
    """Files named, and the YAML files and documents under the folders named (a folder holding a
    convention as one dossier: ctg_rules.assembly), sorted, each once (hidden and tool folders and
    what .gitignore ignores left out: see ctg_rules.discovery)."""
    from .discovery import discover

    yield from discover(paths, host=registry().host).files
