"""``ctg-rules rules`` (the catalogue) and ``ctg-rules explain CODE`` (one rule's documentation)."""

from __future__ import annotations

import json
from typing import Any

import click

from ..i18n import N_, _, tr
from . import CONFIG_OPTION, LANG_OPTION, plugin_options


def rule_record(rule: Any, lang: str) -> dict[str, Any]:
    """What the catalogue says of one rule (the JSON of `rules --format json`)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "area": rule.area,
        "title": rule.title(lang),
        "reference": rule.reference,
        "scope": rule.spec.scope,
        "plugin": rule.spec.plugin,
    }


def explain_record(rule: Any, lang: str, packs: Any = None) -> dict[str, Any]:
    """``rule_record`` and the rule's documentation; ``packs``: the run's (facts and families)."""
    from ..completeness import needs_words
    from ..packs import text

    pack = rule.pack
    record = rule_record(rule, lang)
    record.update(
        severity_note=text(pack.severity_note, lang) if pack and pack.severity_note else None,
        what=rule.what(lang),
        why=rule.why(lang),
        examples=dict(pack.examples) if pack else {},
        parameters={
            name: {
                "value": spec.value,
                "description": text(spec.description, lang),
                "reference": spec.reference,
                "periods": [
                    {"from": _iso(p.start), "to": _iso(p.end), "value": p.value, "reference": p.reference}
                    for p in spec.periods
                ],
            }
            for name, spec in (pack.parameters.items() if pack else ())
        },
    )
    if pack is not None and pack.needs:  # what the dossier must say for the rule to check anything
        record["needs"] = {
            "family": pack.family,
            "facts": list(pack.needs),
            "text": needs_words(pack, lang, packs),
        }
    return record


_HEADS = {
    "fr": (
        "Ce qu'elle vérifie",
        "Pourquoi",
        "Exemple en défaut",
        "Exemple conforme",
        "Paramètres",
        "Référence",
        "Ce dont elle a besoin",
    ),
    "en": (
        "What it does",
        "Why",
        "Failing example",
        "Passing example",
        "Parameters",
        "Reference",
        "What it needs",
    ),
}
_AREAS = {
    "fr": {"votes": "Votes, quorum, pouvoirs", "dates": "Dates", "identifiers": "Identifiants d'actes",
           "annexes": "Annexes", "signatories": "Signataires et gouvernance", "names": "Noms",
           "other": "Autres"},
    "en": {"votes": "Votes, quorum, proxies", "dates": "Dates", "identifiers": "Act identifiers",
           "annexes": "Annexes", "signatories": "Signatories and governance", "names": "Names",
           "other": "Other"},
}  # fmt: skip


_SEVERITIES = {
    "fr": {"error": "erreur", "warning": "avertissement", "info": "information"},
    "en": {"error": "error", "warning": "warning", "info": "information"},
}
_HEADER = {
    "fr": ("Gravité", "domaine", "extension"),
    "en": ("Severity", "area", "plugin"),
}


def explain_header(record: dict[str, Any], lang: str) -> str:
    """The line under a rule's title: its severity as it reports it (the pack's note when it
    depends on the case), its area in words, and the plugin only when it is not the area's own."""
    words = _HEADER.get(lang, _HEADER["en"])
    severity = record.get("severity_note") or _SEVERITIES.get(lang, _SEVERITIES["en"]).get(
        record["severity"], record["severity"]
    )
    area = _AREAS.get(lang, _AREAS["en"]).get(record["area"], record["area"])
    parts = [f"{words[0]} : {severity}" if lang == "fr" else f"{words[0]}: {severity}", area]
    if record["plugin"] and record["plugin"] != record["area"]:
        parts.append(f"{words[2]} {record['plugin']}")
    return " · ".join(parts)


def explain_text(record: dict[str, Any], lang: str, level: int = 2) -> str:
    """One rule's documentation as Markdown (what / why / examples / parameters / reference)."""
    heads = _HEADS.get(lang, _HEADS["en"])
    h = "#" * level
    out = [explain_header(record, lang), ""]
    for head, body in ((heads[0], record["what"]), (heads[1], record["why"])):
        if body:
            out += [f"{h} {head}", body.strip(), ""]
    for head, key in ((heads[2], "fail"), (heads[3], "pass")):
        example = record["examples"].get(key)
        if example:
            out += [f"{h} {head}", "```yaml", example.rstrip(), "```", ""]
    if record["parameters"]:
        out.append(f"{h} {heads[4]}")
        for name, p in record["parameters"].items():
            line = f"- `{name}` = `{p['value']!r}`"
            if p["description"]:
                line += f": {p['description']}"
            if p["reference"]:
                line += f" ({p['reference']})"
            out.append(line)
            for period in p["periods"]:
                out.append(
                    f"  - {period['from']} → {period['to']}: `{period['value']!r}` ({period['reference'] or ''})"
                )
        out.append("")
    if record.get("needs"):
        out += [f"{h} {heads[6]}", record["needs"]["text"], ""]
    if record["reference"]:
        out += [f"{h} {heads[5]}", record["reference"], ""]
    title = f"{record['code']} ({record['name']}) — {record['title']}"
    return (title + "\n" + "\n".join(out)).rstrip()


def catalogue_markdown(rules: list[Any], lang: str, packs: Any = None) -> str:
    """The whole catalogue as one Markdown page (docs/rules.md), grouped by area."""
    fr = lang == "fr"
    areas = _AREAS.get(lang, _AREAS["en"])
    out = [
        "# Catalogue des règles" if fr else "# Rule catalogue",
        "",
        "<!-- generated by `ctg-rules rules --format markdown"
        + ("" if fr else " --lang en")
        + " --no-plugins`: do not edit -->",
        "",
        "| code | " + ("gravité | titre | référence" if fr else "severity | title | reference") + " |",
        "|---|---|---|---|",
    ]
    records = [explain_record(r, lang, packs) for r in rules]
    for r in records:
        out.append(
            f"| [{r['code']}](#{r['code'].lower()}) | {r['severity']} | {r['title']} | {r['reference'] or ''} |"
        )
    for area in dict.fromkeys(r["area"] for r in records):
        out += ["", f"## {areas.get(area, area)}"]
        for r in (r for r in records if r["area"] == area):
            out += ["", f"### {r['code']}", "", f"**{r['name']}** — {r['title']}", ""]
            out.append(explain_text(r, lang, level=4).split("\n", 1)[1])
    return "\n".join(out).rstrip() + "\n"


def find_rule(rules: dict[str, Any], wanted: str) -> Any:
    """The rule named by its code (any case) or its name (voters-mismatch, any case, _ for -)."""
    wanted = wanted.strip()
    if wanted.upper() in rules:
        return rules[wanted.upper()]
    name = wanted.lower().replace("_", "-")
    return next((r for r in rules.values() if r.name and r.name.lower() == name), None)


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _registry(no_plugins: bool, disabled: tuple[str, ...] = (), config_file: str | None = None) -> Any:
    # the installed plugins and the local rule files of the configuration found from here
    from . import registry_for

    return registry_for(".", config_file, no_plugins, disabled)


@click.command(
    help=_(
        "List every rule: code, name, severity, title, reference, plugin.\n\n"
        "`--format markdown` prints the full documentation of every rule (docs/rules.md)."
    )
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@LANG_OPTION
@CONFIG_OPTION
@plugin_options
def rules(
    fmt: str, lang: str | None, config_file: str | None, no_plugins: bool, disable_plugin: tuple[str, ...]
) -> None:
    """List every rule (the help text is the command's ``help``)."""
    lang = lang or "fr"
    reg = _registry(no_plugins, disable_plugin, config_file)
    if fmt == "markdown":
        click.echo(catalogue_markdown(list(reg.rules.values()), lang, reg.packs), nl=False)
        return
    records = [rule_record(r, lang) for r in reg.rules.values()]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for r in records:
        click.echo(f"{r['code']:<9}{r['severity']:<8}{r['name']:<34}{r['title']}")
        click.echo(f"{'':<17}{r['reference'] or ''}  [{r['plugin']}]")


@click.command(
    help=_(
        "Explain a rule, named by its code (VOT003) or its name (voters-mismatch): what it checks, "
        "why, its severity, examples and parameters."
    )
)
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@CONFIG_OPTION
@plugin_options
def explain(
    code: str,
    fmt: str,
    lang: str | None,
    config_file: str | None,
    no_plugins: bool,
    disable_plugin: tuple[str, ...],
) -> None:
    """Explain a rule (the help text is the command's ``help``)."""
    lang = lang or "fr"
    reg = _registry(no_plugins, disable_plugin, config_file)
    rule = find_rule(reg.rules, code)
    if rule is None:
        message = N_(
            "unknown rule '{code}': give its code (VOT003) or its name (voters-mismatch); see 'ctg-rules rules'"
        )
        raise click.UsageError(tr(message, lang, code=code))
    record = explain_record(rule, lang, reg.packs)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(explain_text(record, lang))
