"""Shared by the reporter tests: a local rule that puts dossier text into its message."""

from __future__ import annotations

from pathlib import Path

# A local rules file (configuration `plugins:`) whose message carries the deliberation's
# subject verbatim: the way hostile dossier text reaches every output format.
ECHO_RULES = """
import ctg_rules
from ctg_rules import Violation

@ctg_rules.rule("ECH001", title="echo", severity="warning")
def echo_subject(dossier):
    for i, d in enumerate(dossier.deliberations):
        if d.subject:
            yield Violation(path=("deliberations", i, "subject"), message="subject: " + d.subject)

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [echo_subject]
"""

HOSTILE = (
    "x\\n::error file=evil.yaml::pwned, 100% <script>alert(1)</script> | *bold* [l](http://e.test) & @team"
)


def project_with_echo_rule(root: Path, subject: str = HOSTILE) -> Path:
    """A folder with the echo rule configured and one dossier whose subject is ``subject``."""
    (root / "rules").mkdir(parents=True, exist_ok=True)
    (root / "rules" / "echo.py").write_text(ECHO_RULES, encoding="utf-8")
    (root / ".ctg-rules.yaml").write_text("plugins: [rules/echo.py]\nlang: en\n", encoding="utf-8")
    dossier = root / "a,b:c.yaml"
    dossier.write_text(
        "ctg_rules: 1\ndeliberations:\n  - number: A1\n"
        f'    subject: "{subject}"\n'
        "    declared: {present: 3}\n    present: [A B, C D]\n",
        encoding="utf-8",
    )
    return dossier
