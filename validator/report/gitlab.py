"""`--format gitlab`: GitLab Code Quality JSON (a Code Climate subset).

Each issue has a unique fingerprint that does not depend on its line (rule, path,
subject, occurrence), a repository-relative path without `./`, and no BOM.
Inputs that could not be checked are issues too, so the merge request shows them.
"""

from __future__ import annotations

import hashlib

from validator.model import DocumentResult
from validator.report.base import Reporter
from validator.report.context import fingerprints, report_path
from validator.report.jsontext import dumps_indented
from validator.report.summary import Summary

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    description = "GitLab Code Quality report"

    def __init__(self, stream, context) -> None:
        super().__init__(stream, context)
        self.count = 0

    def start(self) -> None:
        self.write("[")

    def _issue(self, issue: dict) -> None:
        self.write(("," if self.count else "") + "\n  " + dumps_indented(issue, 1))
        self.count += 1

    def document(self, result: DocumentResult) -> None:
        path = report_path(result.path, self.context.cwd)
        if result.not_checked is not None:
            digest = hashlib.sha256(f"not-checked\x1f{path}".encode("utf-8")).hexdigest()[:32]
            self._issue(
                {
                    "description": f"Not checked: {result.not_checked}",
                    "check_name": "cable-lint/not-checked",
                    "fingerprint": digest,
                    "severity": "blocker",
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
            return
        for finding, fingerprint in zip(result.findings, fingerprints(path, result.findings)):
            self._issue(
                {
                    "description": f"{finding.code} {finding.message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[finding.severity.value],
                    "location": {
                        "path": path,
                        "positions": {
                            "begin": {"line": finding.span.line, "column": finding.span.column},
                            "end": {"line": finding.span.end_line, "column": finding.span.end_column},
                        },
                    },
                }
            )

    def finish(self, summary: Summary) -> None:
        self.write("\n]\n" if self.count else "]\n")
