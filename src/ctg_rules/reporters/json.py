"""``--format json``: the v1 document (docs/json.md), findings streamed as they come."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..report import JSON_SCHEMA_VERSION, tool_info
from . import Reporter, RunEnd

if TYPE_CHECKING:
    from ..results import FileResult


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


class JsonReporter(Reporter):
    name = "json"
    machine = True

    def start(self) -> None:
        self._first = True
        self._files: list[dict[str, object]] = []
        self._errors: list[dict[str, object]] = []
        head = f'{{\n  "schema_version": {JSON_SCHEMA_VERSION},\n  "tool": {_dump(tool_info())},\n  "findings": ['
        self.stream.write(head)

    def _finding(self, data: dict[str, object]) -> None:
        self.stream.write(("\n    " if self._first else ",\n    ") + _dump(data))
        self._first = False

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self._finding(finding.to_dict())
        self._files.append(result.to_dict())
        self._errors.extend(e.to_dict() for e in result.errors)

    def finish(self, end: RunEnd) -> None:
        for finding in end.run_findings:
            self._finding(finding.to_dict())
        out = self.stream
        out.write("\n  ],\n" if not self._first else "],\n")
        for key, items in (
            ("files", self._files),
            ("errors", self._errors),
            ("plugin_errors", [f.to_dict() for f in end.plugin_failures]),
        ):
            if items:
                out.write(f'  "{key}": [\n    ' + ",\n    ".join(_dump(i) for i in items) + "\n  ],\n")
            else:
                out.write(f'  "{key}": [],\n')
        out.write('  "summary": ' + _dump(end.summary.to_dict()) + "\n}\n")
