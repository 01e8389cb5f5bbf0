"""``--format html``: one self-contained page for a person (a mayor, a DGS, a CAF coordinator).

A verdict at the top, then each dossier: what it is (body, act, convention, parties), its
findings grouped by area (votes, dates, annexes, signatories...), each with what the rule checks,
why (the legal basis) and the reference. No script, no external asset, a Content-Security-Policy
that forbids any load: the page opens offline, in an email attachment as well as in a browser.
Every value that comes from a dossier or a rule pack is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape as _html_escape
from typing import TYPE_CHECKING, Any

from .. import regex
from .._version import __version__
from ..dates import format_date
from ..labels import describe, humanize
from ..packs import AREAS
from ..results import by_family
from . import Reporter, RunEnd, inert, where_words
from .text import summary_line

if TYPE_CHECKING:
    from ..results import FileError, FileResult, Finding

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Rapport de vérification",
        "areas": {
            "votes": "Votes, quorum et pouvoirs",
            "dates": "Dates et délais",
            "identifiers": "Identifiants (SIREN, @CTES)",
            "annexes": "Annexes et visas",
            "signatories": "Signataires",
            "names": "Noms",
            "other": "Autres points",
        },
        "severity": {"error": "Erreur", "warning": "Avertissement", "info": "Information"},
        "fail": "À corriger avant signature",
        "warn": "Aucune erreur — des points à examiner",
        "ok": "Aucune anomalie détectée",
        "broken": "Des fichiers n'ont pas pu être vérifiés",
        "body": "Collectivité",
        "act": "Délibération",
        "session": "Séance du",
        "convention": "Convention",
        "period": "Période",
        "parties": "Parties",
        "documents": "Documents",
        "links": "Rattachements",
        "what": "Ce qui est vérifié",
        "why": "Pourquoi",
        "above": "Explication et base légale : voir plus haut,",
        "reference": "Référence",
        "where": "Emplacement",
        "line": "ligne",
        "column": "colonne",
        "waived": "Dérogations",
        "reason": "Raison",
        "clean": "Aucun constat sur ce dossier.",
        "unchecked": "Non vérifié",
        "skipped_one": "Ignoré",
        "partial": "Aucune anomalie dans ce qui a pu être vérifié — des points n'ont pas pu l'être",
        "annex": "annexe",
        "unreadable": "Fichier illisible",
        "skipped": "Fichiers ignorés (pas des dossiers)",
        "plugins": "Extensions inutilisables",
        "generated": "Produit par ctg-rules",
        "note": "Ce rapport signale ce que des règles automatiques ont trouvé ; il ne remplace pas "
        "l'examen du contrôle de légalité.",
    },
    "en": {
        "title": "Verification report",
        "areas": {
            "votes": "Votes, quorum and proxies",
            "dates": "Dates and time limits",
            "identifiers": "Identifiers (SIREN, @CTES)",
            "annexes": "Annexes and visas",
            "signatories": "Signatories",
            "names": "Names",
            "other": "Other points",
        },
        "severity": {"error": "Error", "warning": "Warning", "info": "Information"},
        "fail": "To be corrected before signature",
        "warn": "No error — points to review",
        "ok": "No defect found",
        "broken": "Some files could not be checked",
        "body": "Local authority",
        "act": "Deliberation",
        "session": "Session of",
        "convention": "Convention",
        "period": "Period",
        "parties": "Parties",
        "documents": "Documents",
        "links": "Links",
        "what": "What is checked",
        "why": "Why",
        "above": "What is checked and why: see above,",
        "reference": "Reference",
        "where": "Location",
        "line": "line",
        "column": "column",
        "waived": "Waived",
        "reason": "Reason",
        "clean": "No finding on this dossier.",
        "unchecked": "Not checked",
        "skipped_one": "Skipped",
        "partial": "No defect in what could be checked — some points could not be",
        "annex": "annex",
        "unreadable": "Unreadable file",
        "skipped": "Skipped files (not dossiers)",
        "plugins": "Plugins that failed",
        "generated": "Produced by ctg-rules",
        "note": "This report lists what automatic rules found; it does not replace the legality "
        "control's own review.",
    },
}

STYLE = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f5f6f8;--err:#b3261e;--errbg:#fdecea;
--warn:#8a5300;--warnbg:#fff4dc;--info:#1b5e8c;--infobg:#e7f1fa;--ok:#1e6b3a;--okbg:#e6f4ea}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.6rem;margin:0 0 4px}
.sub{color:var(--muted);margin:0 0 20px}
.verdict{border-radius:10px;padding:18px 22px;margin:0 0 28px;border:2px solid}
.verdict h2{margin:0 0 4px;font-size:1.35rem}
.verdict p{margin:0}
.v-fail{background:var(--errbg);border-color:var(--err);color:var(--err)}
.v-warn{background:var(--warnbg);border-color:var(--warn);color:var(--warn)}
.v-ok{background:var(--okbg);border-color:var(--ok);color:var(--ok)}
.dossier{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:0 0 24px}
.dossier>h2{font-size:1.15rem;margin:0 0 12px;word-break:break-all}
dl.identity{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 16px;padding:12px 14px;background:var(--bg);border-radius:8px}
dl.identity dt{color:var(--muted);font-weight:600}
dl.identity dd{margin:0}
.counts{margin:0 0 12px;color:var(--muted)}
.area h3{font-size:1rem;margin:18px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.finding{border-left:5px solid;border-radius:6px;padding:10px 14px;margin:0 0 10px}
.s-error{border-color:var(--err);background:var(--errbg)}
.s-warning{border-color:var(--warn);background:var(--warnbg)}
.s-info{border-color:var(--info);background:var(--infobg)}
.waived .finding{border-color:var(--muted);background:var(--bg)}
.finding .head{font-weight:600}
.badge{display:inline-block;font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:1px 8px;border-radius:10px;color:#fff;margin-right:6px}
.b-error{background:var(--err)}.b-warning{background:var(--warn)}.b-info{background:var(--info)}.b-waived{background:var(--muted)}
.message{margin:4px 0;font-size:1.02rem}
.where,.explain,.ref{margin:2px 0;color:var(--muted);font-size:.9rem}
.excerpt{margin:4px 0 4px 2px;padding:2px 10px;border-left:3px solid #ccc;font-family:Georgia,serif;font-size:.95rem}
.explain b,.ref b,.where b{color:var(--ink)}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em;background:rgba(0,0,0,.05);padding:0 3px;border-radius:3px}
.errors li{color:var(--err)}
.unchecked{border-left:5px solid var(--muted);background:var(--bg);border-radius:6px;padding:8px 14px;margin:0 0 12px}
.unchecked ul{margin:4px 0 0;padding-left:20px}
footer{color:var(--muted);font-size:.85rem;margin-top:32px}
@media print{body{background:#fff}.dossier{break-inside:avoid-page}}
"""

_CODE = regex.compile(r"`([^`]+)`")


def escape(value: str, quote: bool = True) -> str:
    """A value for the page: HTML-escaped, control and bidirectional characters shown as escapes."""
    return _html_escape(inert(value), quote)


def prose(value: str) -> str:
    """Pack text (it may run over several lines): escaped, with its `code` spans kept as code."""
    return _CODE.sub(r"<code>\1</code>", _html_escape(value))


def link_text(link: dict[str, Any], lang: str = "fr") -> str:
    """ "annexe 1b ← delib-chanac.pdf (SIREN 214800997)": which document a party's act came from, and why."""
    word = WORDS.get(lang, WORDS["en"])["annex"]
    target = f"{word} {link['annex']}" if link.get("annex") else str(link.get("party"))
    return f"{target} ← {link.get('document')} ({link.get('reasons')})"


def when(value: Any, lang: str) -> str:
    return format_date(value, lang) if isinstance(value, date | str) else ""


@dataclass
class _Dossier:
    path: str
    status: str
    identity: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    #: what could not be checked ("quorum — membres en exercice non imprimés"), or why it was skipped
    unchecked: list[str] = field(default_factory=list)


class HtmlReporter(Reporter):
    name = "html"
    machine = True

    def start(self) -> None:
        self._files: dict[str, _Dossier] = {}

    def file(self, result: FileResult) -> None:
        unchecked = by_family(result.not_checked)
        if result.status == "skipped":
            unchecked = [reason for _, reason in result.skips()]
        else:  # the documents of a folder's dossier that are not acts (an annex)
            colon = " : " if self.lang == "fr" else ": "
            word = WORDS.get(self.lang, WORDS["en"])["skipped_one"].lower()
            unchecked += [f"{path} — {word}{colon}{reason}" for path, reason in result.skips()]
        self._files[result.path] = _Dossier(
            result.path, result.status, result.identity, list(result.findings), list(result.errors), unchecked
        )

    # pieces ---------------------------------------------------------------------------------------

    def identity(self, facts: dict[str, Any] | None) -> str:
        if not facts:
            return ""
        w = WORDS[self.lang]
        rows: list[tuple[str, str]] = []
        bodies = dict.fromkeys(a["body"] for a in facts.get("deliberations", ()) if a.get("body"))
        for body in bodies:
            rows.append((w["body"], escape(body)))
        for act in facts.get("deliberations", ()):
            parts = [f"n° {escape(str(act['number']))}" if act.get("number") else ""]
            if act.get("subject"):
                parts.append(escape(act["subject"]))
            if act.get("session") is not None:
                parts.append(f"({w['session']} {escape(when(act['session'], self.lang))})")
            rows.append((w["act"], " ".join(p for p in parts if p) or "—"))
        convention = facts.get("convention")
        if convention:
            label = escape(convention.get("title") or "—")
            tags = [escape(str(v)) for v in (convention.get("type"), convention.get("status")) if v]
            if tags:
                label += f" <span class=sub>({', '.join(tags)})</span>"
            rows.append((w["convention"], label))
            start, end = convention.get("period") or (None, None)
            if start is not None or end is not None:
                rows.append(
                    (w["period"], f"{escape(when(start, self.lang))} → {escape(when(end, self.lang))}")
                )
            if convention.get("parties"):
                rows.append((w["parties"], escape(", ".join(str(p) for p in convention["parties"]))))
        if facts.get("documents"):
            rows.append((w["documents"], "<br>".join(escape(d) for d in facts["documents"])))
        if facts.get("links"):
            rows.append((w["links"], "<br>".join(escape(link_text(x, self.lang)) for x in facts["links"])))
        body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return f'<dl class="identity">{body}</dl>' if body else ""

    def finding(self, f: Finding, explained: set[str]) -> str:
        """One finding; what the rule checks and why are told at its first finding in the dossier."""
        w = WORDS[self.lang]
        colon = " :" if self.lang == "fr" else ":"
        rule = self.rule(f.code)
        title = rule.title(self.lang) if rule else f.code
        badge_class, badge = (
            ("waived", w["waived"])
            if f.suppressed
            else (f.severity, w["severity"].get(f.severity, f.severity))
        )
        place = where_words(f, self.lang, w["line"], w["column"], escape, nowhere="")
        if f.path:  # the field in words: a person reads no model path
            place += f" — {escape(describe(f.path, self.lang))}"
        out = [
            f'<div class="finding s-{escape(f.severity)}">',
            f'<div class="head"><span class="badge b-{badge_class}">{escape(badge)}</span>'
            f"<code>{escape(f.code)}</code> {escape(title)}</div>",
            f'<p class="message">{escape(f.message)}</p>',
            f'<p class="where"><b>{w["where"]}{colon}</b> {place}</p>',
        ]
        if f.excerpt and f.excerpt.strip():  # the document's line, as printed (PDF, DOCX, text)
            out.append(f'<blockquote class="excerpt">{escape(f.excerpt.strip())}</blockquote>')
        if f.suppressed:
            out.append(f'<p class="explain"><b>{w["reason"]}{colon}</b> {escape(f.reason or "—")}</p>')
        pack = rule.pack if rule else None
        values = {name: spec.value for name, spec in pack.parameters.items()} if pack else {}
        what = humanize(rule.what(self.lang).strip(), self.lang, values) if rule else ""
        why = humanize(rule.why(self.lang).strip(), self.lang, values) if rule else ""
        if f.code in explained and (what or why):
            out.append(f'<p class="explain">{w["above"]} <code>{escape(f.code)}</code>.</p>')
        else:
            if what:
                out.append(f'<p class="explain"><b>{w["what"]}{colon}</b> {prose(what)}</p>')
            if why:
                out.append(f'<p class="explain"><b>{w["why"]}{colon}</b> {prose(why)}</p>')
            explained.add(f.code)
        if f.reference:
            out.append(f'<p class="ref"><b>{w["reference"]}{colon}</b> {escape(f.reference)}</p>')
        out.append("</div>")
        return "\n".join(out)

    def dossier(self, d: _Dossier) -> str:
        w = WORDS[self.lang]
        out = [f'<section class="dossier"><h2>{escape(d.path)}</h2>', self.identity(d.identity)]
        if d.errors:
            out.append(f'<ul class="errors"><li><b>{w["unreadable"]}</b></li>')
            for e in d.errors:
                place = f"{w['line']} {e.line}, {w['column']} {e.column or 1} : " if e.line else ""
                out.append(f"<li>{escape(place + e.message)}</li>")
            out.append("</ul>")
        active = [f for f in d.findings if not f.suppressed]
        waived = [f for f in d.findings if f.suppressed]
        if not active and not d.errors and d.status != "skipped":
            out.append(f'<p class="counts">{w["clean"]}</p>')
        if d.unchecked:
            colon = " :" if self.lang == "fr" else ":"
            head = w["skipped_one"] if d.status == "skipped" else w["unchecked"]
            items = "".join(f"<li>{escape(u)}</li>" for u in d.unchecked)
            out.append(f'<div class="unchecked"><b>{head}{colon}</b><ul>{items}</ul></div>')
        explained: set[str] = set()
        by_area: dict[str, list[Finding]] = {}
        for f in active:
            rule = self.rule(f.code)
            by_area.setdefault(rule.area if rule else "other", []).append(f)
        order = {s: i for i, s in enumerate(("error", "warning", "info"))}
        for area in sorted(by_area, key=lambda a: AREAS.index(a) if a in AREAS else len(AREAS)):
            group = sorted(by_area[area], key=lambda f: (order.get(f.severity, 3), f.sort_key()))
            heading = w["areas"].get(area, area)
            out.append(f'<div class="area"><h3>{escape(heading)} ({len(group)})</h3>')
            out += [self.finding(f, explained) for f in group]
            out.append("</div>")
        if waived:
            out.append(f'<div class="area waived"><h3>{w["waived"]} ({len(waived)})</h3>')
            out += [self.finding(f, explained) for f in waived]
            out.append("</div>")
        out.append("</section>")
        return "\n".join(part for part in out if part)

    def finish(self, end: RunEnd) -> None:
        w = WORDS.get(self.lang, WORDS["en"])
        for finding in end.run_findings:
            target = self._files.get(finding.file or "")
            if target is None:
                target = self._files.setdefault("", _Dossier("", "checked", None))
            target.findings.append(finding)
        s = end.summary
        if s.errors or end.plugin_failures:
            css, verdict = "v-fail", w["broken"]
        elif s.by_severity.get("error"):
            css, verdict = "v-fail", w["fail"]
        elif s.findings:
            css, verdict = "v-warn", w["warn"]
        else:
            css, verdict = ("v-warn", w["partial"]) if s.incomplete else ("v-ok", w["ok"])
        # a document that is not an act is shown with why; a YAML file that is not a dossier is listed
        shown = [d for d in self._files.values() if d.status != "skipped" or d.unchecked]
        skipped = [d.path for d in self._files.values() if d.status == "skipped" and not d.unchecked]
        names = ", ".join(d.path for d in shown[:3]) + (" …" if len(shown) > 3 else "")
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{self.lang}">',
            "<head>",
            '<meta charset="utf-8">',
            # Nothing may be fetched: the page is complete as it is.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="ctg-rules {__version__}">',
            f"<title>{w['title']} — {escape(names)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body><main>",
            f"<h1>{w['title']}</h1>",
            f'<p class="sub">{escape(names)}</p>',
            f'<section class="verdict {css}"><h2>{verdict}</h2><p>{escape(summary_line(s, self.lang))}</p></section>',
        ]
        parts += [self.dossier(d) for d in shown]
        if skipped:
            parts.append(f'<p class="sub">{w["skipped"]} : {escape(", ".join(skipped))}</p>')
        if end.plugin_failures:
            parts.append(f'<section class="dossier"><h2>{w["plugins"]}</h2><ul class="errors">')
            parts += [f"<li>{escape(f.name)} — {escape(f.error)}</li>" for f in end.plugin_failures]
            parts.append("</ul></section>")
        parts += [
            f"<footer>{w['generated']} {escape(__version__)}. {w['note']}</footer>",
            "</main></body></html>",
        ]
        self.stream.write("\n".join(parts) + "\n")
