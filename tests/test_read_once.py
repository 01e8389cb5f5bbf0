"""A folder's documents are extracted once per run: the walk that groups them and the check share it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ctg_rules.extract as extract
from ctg_rules import assembly
from ctg_rules.cli import cli

ACT = """EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Nombre de conseillers en exercice : 15
Présents : M. Paul ROUX, Mme Anne VIDAL, M. Luc FAURE, Mme Claire NOËL, M. Jean BLANC, Mme Rose PETIT,
M. Marc LEROY, Mme Julie MOREAU
Objet : Subvention {n}
Le Conseil adopte à l'unanimité.
"""


def test_each_document_of_a_folder_is_extracted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in (1, 2):
        (tmp_path / f"acte-{n}.txt").write_text(ACT.format(n=n), encoding="utf-8")
    calls: list[str] = []
    real = extract.extract_path

    def counting(path: Any, **kwargs: Any) -> Any:
        calls.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(extract, "extract_path", counting)
    monkeypatch.setattr(assembly, "_CACHE", {})
    result = CliRunner().invoke(cli, ["check", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    assert sorted(calls) == ["acte-1.txt", "acte-2.txt"]
