"""``ctg-rules rules`` (the catalogue) and ``ctg-rules explain CODE`` (one rule's documentation)."""

from __future__ import annotations

import json
from typing import Any

import click

from . import LANG_OPTION
from .check import CONFIG_OPTION
from .plugins import plugin_options


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


def explain_record(rule: Any, lang: str) -> dict[str, Any]:
    from ..packs import text

    pack = rule.pack
    record = rule_record(rule, lang)
    record.update(
        what=text(pack.what, lang) if pack else "",
        why=text(pack.why, lang) if pack else "",
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
    return record


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _registry(no_plugins: bool, disabled: tuple[str, ...] = (), config_file: str | None = None) -> Any:
    # the installed plugins and the local rule files of the configuration found from here
    from .plugins import registry_for

    return registry_for(".", config_file, no_plugins, disabled)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@CONFIG_OPTION
@plugin_options
def rules(
    fmt: str, lang: str | None, config_file: str | None, no_plugins: bool, disable_plugin: tuple[str, ...]
) -> None:
    """Liste les règles / list every rule (code, name, severity, title, reference, plugin)."""
    lang = lang or "fr"
    reg = _registry(no_plugins, disable_plugin, config_file)
    records = [rule_record(r, lang) for r in reg.rules.values()]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for r in records:
        click.echo(f"{r['code']:<9}{r['severity']:<8}{r['name']:<34}{r['title']}")
        click.echo(f"{'':<17}{r['reference'] or ''}  [{r['plugin']}]")


@click.command()
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
    """Explique une règle / print what a rule checks, why, examples and parameters."""
    lang = lang or "fr"
    reg = _registry(no_plugins, disable_plugin, config_file)
    rule = reg.rules.get(code.upper())
    if rule is None:
        raise click.UsageError(f"unknown rule code {code!r} (see `ctg-rules rules`)")
    record = explain_record(rule, lang)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
        return
    fr = lang == "fr"
    heads = (
        ("Ce qu'elle vérifie", "Pourquoi", "Exemple en défaut", "Exemple conforme", "Paramètres", "Référence")
        if fr
        else ("What it does", "Why", "Failing example", "Passing example", "Parameters", "Reference")
    )
    out = [
        f"{record['code']} ({record['name']}) — {record['title']}",
        f"{record['severity']} · {record['area']}",
        "",
    ]
    for head, body in ((heads[0], record["what"]), (heads[1], record["why"])):
        if body:
            out += [f"## {head}", body.strip(), ""]
    for head, key in ((heads[2], "fail"), (heads[3], "pass")):
        example = record["examples"].get(key)
        if example:
            out += [f"## {head}", "```yaml", example.rstrip(), "```", ""]
    if record["parameters"]:
        out.append(f"## {heads[4]}")
        for name, p in record["parameters"].items():
            line = f"- {name} = {p['value']!r}"
            if p["description"]:
                line += f": {p['description']}"
            if p["reference"]:
                line += f" ({p['reference']})"
            out.append(line)
            for period in p["periods"]:
                out.append(
                    f"    {period['from']} → {period['to']}: {period['value']!r} ({period['reference'] or ''})"
                )
        out.append("")
    if record["reference"]:
        out += [f"## {heads[5]}", record["reference"], ""]
    click.echo("\n".join(out).rstrip())
