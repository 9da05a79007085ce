"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning.

One run; `tool.driver.rules` carries every rule that has a result, with its help
text (only those: the file stays small and does not change when rules are added); every
result has a physical location (whole-document findings point at line 1) and a
`partialFingerprints` entry that does not depend on line numbers; waived, inline-
disabled and baselined findings are kept with `suppressions`. Inputs that could not
be checked become `toolExecutionNotifications` and mark the invocation unsuccessful.
Results stream as documents finish.
"""

from __future__ import annotations

import json
from typing import Any, IO

from validator.model import DocumentResult, Finding
from validator.report.base import Reporter
from validator.report.context import (
    TOOL_NAME,
    TOOL_RULES,
    TOOL_URI,
    ReportContext,
    RuleInfo,
    fingerprints,
    path_uri,
    report_path,
    suppression_of,
)
from validator.report.jsontext import dumps_indented
from validator.report.summary import Summary, waiver_label

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
FINGERPRINT_KEY = "cableLint/v1"


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    summary = rule.summary or rule.name or rule.code
    full = rule.description or summary
    help_lines = [rule.help or summary]
    if rule.rationale:
        help_lines.append(f"Why: {rule.rationale}")
    if rule.source:
        help_lines.append(f"Source: {rule.source}")
    help_lines.append(f"More: cable-lint rule {rule.code}")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name or rule.code,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": [rule.code[:3], "markings"],
            "precision": "high",
            "problem.severity": PROBLEM_SEVERITY.get(rule.severity, "warning"),
        },
    }
    if rule.url:
        descriptor["helpUri"] = rule.url
    return descriptor


def _suppression(finding: Finding) -> dict[str, Any]:
    info = suppression_of(finding)
    kind = "inSource" if info.get("kind") == "inline" else "external"
    justification = info.get("justification") or {
        "inline": "disabled by an inline cable-lint directive",
        "baseline": "recorded in the baseline",
        "waiver": "waived",
    }.get(info.get("kind"), "suppressed")
    suppression: dict[str, Any] = {"kind": kind, "status": "accepted", "justification": justification}
    properties = {key: value for key, value in info.items() if key != "justification"}
    if properties:
        suppression["properties"] = properties
    return suppression


class SarifReporter(Reporter):
    description = "SARIF 2.1.0 for GitHub code scanning"

    def __init__(self, stream: IO[str], context: ReportContext) -> None:
        super().__init__(stream, context)
        self.rules: list[RuleInfo] = []  # in order of first use, so indexes can stream
        self.index: dict[str, int] = {}
        self.count = 0
        self.notifications: list[dict[str, Any]] = []

    def _rule_index(self, finding: Finding) -> int:
        if finding.code not in self.index:
            info = TOOL_RULES.get(finding.code) or self.context.rule(finding.code, finding)
            self.index[finding.code] = len(self.rules)
            self.rules.append(info)
        return self.index[finding.code]

    def start(self) -> None:
        self.write('{\n  "$schema": "%s",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [' % SARIF_SCHEMA)

    def document(self, result: DocumentResult) -> None:
        path = report_path(result.path, self.context.cwd)
        if result.not_checked is not None:
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{path}: not checked: {result.not_checked}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_uri(path)}}}],
                    "descriptor": {"id": "not-checked"},
                }
            )
            return
        findings = list(result.findings) + list(result.suppressed)
        prints = fingerprints(path, findings)
        active = len(result.findings)
        for position, finding in enumerate(findings):
            record = self._result(path, finding, prints[position], suppressed=position >= active)
            self.write(("," if self.count else "") + "\n" + " " * 8 + dumps_indented(record, 4))
            self.count += 1

    def _result(self, path: str, finding: Finding, fingerprint: str, suppressed: bool) -> dict[str, Any]:
        span = finding.span
        region = {
            "startLine": max(span.line, 1),
            "startColumn": max(span.column, 1),
            "endLine": max(span.end_line, span.line, 1),
            "endColumn": max(span.end_column, 1),
        }
        if region["endLine"] == region["startLine"] and region["endColumn"] <= region["startColumn"]:
            region["endColumn"] = region["startColumn"] + 1
        record: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": self._rule_index(finding),
            "level": LEVELS.get(finding.severity.value, "warning"),
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": path_uri(path), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if suppressed:
            record["suppressions"] = [_suppression(finding)]
        return record

    def _unused_waiver(self, waiver: dict) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": {"uri": path_uri(report_path(str(waiver["file"]), self.context.cwd))}}
        if waiver.get("line"):
            location["region"] = {"startLine": waiver["line"]}
        return {
            "level": "warning",
            "message": {"text": f"waiver matched nothing: {waiver_label(waiver)}"},
            "locations": [{"physicalLocation": location}],
            "descriptor": {"id": "unused-waiver"},
        }

    def finish(self, summary: Summary) -> None:
        tool = {
            "driver": {
                "name": TOOL_NAME,
                "semanticVersion": self.context.tool_version,
                "informationUri": TOOL_URI,
                "rules": [rule_descriptor(rule) for rule in self.rules],
                "properties": {"rulesetHash": self.context.ruleset_hash},
            }
        }
        invocation: dict[str, Any] = {"executionSuccessful": not self.notifications}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        if summary.unused_waivers:
            invocation["toolConfigurationNotifications"] = [
                self._unused_waiver(waiver) for waiver in summary.unused_waivers
            ]
        rest = {
            "tool": tool,
            "invocations": [invocation],
            "automationDetails": {"id": f"{TOOL_NAME}/"},
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": summary.to_dict(), "asOf": self.context.as_of},
        }
        text = json.dumps(rest, indent=2, ensure_ascii=False)
        # the members without the braces, two levels deeper (JSON escapes newlines in strings)
        body = " " * 4 + text.strip()[1:-1].strip("\n").replace("\n", "\n" + " " * 4)
        self.write(("\n      " if self.count else "") + "],\n" + body + "\n    }\n  ]\n}\n")
