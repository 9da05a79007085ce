"""Totals of a run: documents, findings by severity and by rule, what was suppressed,
hidden or not checked. Every format's footer and the json `summary` come from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from validator.model import DocumentResult, Severity
from validator.report.context import plural, suppression_of

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass
class Summary:
    documents: int = 0
    checked: int = 0
    clean: int = 0  # checked, with no finding shown
    not_checked: list[tuple[str, str]] = field(default_factory=list)
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)
    rule_severity: dict[str, str] = field(default_factory=dict)
    suppressed: Counter = field(default_factory=Counter)  # kind -> count
    hidden: Counter = field(default_factory=Counter)  # severity -> count (below --min-severity)
    failing: int = 0  # findings at or above --fail-on, shown or hidden
    unused_waivers: list[dict] = field(default_factory=list)

    def add(self, result: DocumentResult, hidden: Optional[list] = None, failing: int = 0) -> None:
        """Count one document; `hidden` are findings removed by --min-severity."""
        self.documents += 1
        if result.not_checked is not None:
            self.not_checked.append((result.path, result.not_checked))
            return
        self.checked += 1
        if not result.findings:
            self.clean += 1
        for finding in result.findings:
            self.by_severity[finding.severity.value] += 1
            self.by_rule[finding.code] += 1
            self.rule_names.setdefault(finding.code, finding.name)
            self.rule_severity.setdefault(finding.code, finding.severity.value)
        for finding in result.suppressed:
            self.suppressed[suppression_of(finding)["kind"]] += 1
        for finding in hidden or ():
            self.hidden[finding.severity.value] += 1
        self.failing += failing

    def merge(self, other: "Summary") -> None:
        """Add the counts of the documents `other` saw, which came after these."""
        self.documents += other.documents
        self.checked += other.checked
        self.clean += other.clean
        self.not_checked += other.not_checked
        self.by_severity.update(other.by_severity)
        self.by_rule.update(other.by_rule)
        for code, name in other.rule_names.items():
            self.rule_names.setdefault(code, name)
        for code, severity in other.rule_severity.items():
            self.rule_severity.setdefault(code, severity)
        self.suppressed.update(other.suppressed)
        self.hidden.update(other.hidden)
        self.failing += other.failing

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())

    @property
    def documents_with_findings(self) -> int:
        return self.checked - self.clean

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "checked": self.checked,
            "not_checked": len(self.not_checked),
            "clean": self.clean,
            "with_findings": self.documents_with_findings,
            "findings": self.total,
            "by_severity": {severity.value: self.by_severity.get(severity.value, 0) for severity in SEVERITIES},
            "by_rule": [
                {
                    "code": code,
                    "name": self.rule_names.get(code, ""),
                    "severity": self.rule_severity.get(code, ""),
                    "count": count,
                }
                for code, count in sorted(self.by_rule.items())
            ],
            "suppressed": {kind: self.suppressed.get(kind, 0) for kind in ("waiver", "inline", "baseline")},
            "hidden": {severity.value: self.hidden.get(severity.value, 0) for severity in SEVERITIES},
            "unused_waivers": len(self.unused_waivers),
        }

    # ------------------------------------------------------------- sentences

    def counts_phrase(self) -> str:
        parts = [
            plural(self.by_severity.get("error", 0), "error"),
            plural(self.by_severity.get("warning", 0), "warning"),
            f"{self.by_severity.get('info', 0)} info",
        ]
        return ", ".join(parts)

    def headline(self) -> str:
        """`Found 3 errors, 1 warning, 0 info in 2 of 3 documents.` or the clean line."""
        if self.total == 0:
            line = f"All checks passed: no findings in {plural(self.checked, 'document')} checked."
        else:
            line = (
                f"Found {self.counts_phrase()} in {self.documents_with_findings} of "
                f"{plural(self.checked, 'document')} checked."
            )
        return line

    def notes(self) -> list[str]:
        """Lines about what is not in the findings: suppressed, hidden, not checked."""
        notes = []
        suppressed = [
            f"{self.suppressed[kind]} {label}"
            for kind, label in (("waiver", "waived"), ("inline", "disabled inline"), ("baseline", "in the baseline"))
            if self.suppressed.get(kind)
        ]
        if suppressed:
            notes.append("Suppressed: " + ", ".join(suppressed) + ".")
        hidden = sum(self.hidden.values())
        if hidden:
            detail = ", ".join(
                f"{self.hidden[severity.value]} {severity.value}"
                for severity in SEVERITIES
                if self.hidden.get(severity.value)
            )
            notes.append(f"Hidden below --min-severity: {detail}.")
        if self.unused_waivers:
            notes.append(
                f"{plural(len(self.unused_waivers), 'waiver')} matched nothing: "
                + "; ".join(waiver_label(waiver) for waiver in self.unused_waivers)
                + "."
            )
        if self.not_checked:
            notes.append(f"Not checked: {plural(len(self.not_checked), 'input')} (see the errors above).")
        return notes


def waiver_label(waiver: dict) -> str:
    target = waiver.get("document") or waiver.get("path") or "?"
    where = f"{waiver.get('file')}:{waiver.get('line')}" if waiver.get("line") else str(waiver.get("file"))
    return f"{where} ({target} {', '.join(waiver.get('rules', []))})"
