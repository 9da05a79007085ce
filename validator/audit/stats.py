"""Audit statistics: what `--statistics` prints and the json report's summary holds.

`Statistics.add(result)` is called once per `DocumentResult` as results stream by;
it keeps counters only (plus the few documents with most errors), so it stays small
for any archive size.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

from validator.model import DocumentResult, Severity

TOP_DOCUMENTS = 10


class Statistics:
    def __init__(self, rule_codes: Optional[Iterable[str]] = None, top: int = TOP_DOCUMENTS) -> None:
        self.rule_codes = sorted(set(rule_codes or ()))
        self.top = top
        self.checked = 0
        self.not_checked = 0
        self.clean = 0
        self.skip_reasons: Counter = Counter()
        self.by_rule: dict[str, Counter] = defaultdict(Counter)  # code -> severity -> n
        self.by_severity: Counter = Counter()
        self.by_year: Counter = Counter()
        self.by_origin: Counter = Counter()
        self.suppressed: Counter = Counter()  # kind -> n
        self.rule_names: dict[str, str] = {}
        self._worst: list = []  # min-heap of (errors, -sequence, path, id)
        self._sequence = 0

    @classmethod
    def for_ruleset(cls, ruleset: Any, **kwargs: Any) -> "Statistics":
        rules = getattr(ruleset, "rules", None) or ()
        codes = []
        for rule in rules:
            code = rule if isinstance(rule, str) else getattr(rule, "code", None)
            if code:
                codes.append(code)
        return cls(codes, **kwargs)

    def add(self, result: DocumentResult) -> None:
        if result.not_checked:
            self.not_checked += 1
            self.skip_reasons[result.not_checked.split(":", 1)[0]] += 1
            return
        self.checked += 1
        if not result.findings:
            self.clean += 1
        errors = 0
        facts = result.facts or {}
        year = (facts.get("date") or "")[:4] or "unknown"
        origin = facts.get("origin") or "unknown"
        for finding in result.findings:
            self.by_rule[finding.code][finding.severity.value] += 1
            self.rule_names.setdefault(finding.code, finding.name)
            self.by_severity[finding.severity.value] += 1
            self.by_year[year] += 1
            self.by_origin[origin] += 1
            if finding.severity is Severity.ERROR:
                errors += 1
        for finding in result.suppressed:
            self.suppressed[str(finding.extra.get("suppressed_by") or finding.extra.get("suppression") or "waiver")] += 1
        if errors:
            self._rank(errors, result.path, result.document_id)

    def _rank(self, errors: int, path: str, document_id: Optional[str]) -> None:
        """Keep the document if it is among the `top` with most errors (ties: the first seen)."""
        self._sequence += 1
        entry = (errors, -self._sequence, path, document_id)
        if len(self._worst) < self.top:
            heapq.heappush(self._worst, entry)
        elif entry > self._worst[0]:
            heapq.heapreplace(self._worst, entry)

    def merge(self, other: "Statistics") -> None:
        """Add the counts of the documents `other` saw, which came after these."""
        self.checked += other.checked
        self.not_checked += other.not_checked
        self.clean += other.clean
        self.skip_reasons.update(other.skip_reasons)
        for code, counts in other.by_rule.items():
            self.by_rule[code].update(counts)
        for code, name in other.rule_names.items():
            self.rule_names.setdefault(code, name)
        for counter in ("by_severity", "by_year", "by_origin", "suppressed"):
            getattr(self, counter).update(getattr(other, counter))
        # other's candidates in the order it saw them: any document of the overall top
        # is in the top of its own stretch
        for errors, _, path, document_id in sorted(other._worst, key=lambda entry: -entry[1]):
            self._rank(errors, path, document_id)

    @property
    def documents(self) -> int:
        return self.checked + self.not_checked

    def never_fired(self) -> list[str]:
        return [code for code in self.rule_codes if code not in self.by_rule]

    def to_dict(self) -> dict:
        clean_percent = round(100.0 * self.clean / self.checked, 2) if self.checked else None
        worst = sorted(self._worst, reverse=True)
        return {
            "documents": self.documents,
            "checked": self.checked,
            "not_checked": self.not_checked,
            "not_checked_by_reason": dict(sorted(self.skip_reasons.items())),
            "clean": self.clean,
            "clean_percent": clean_percent,
            "findings": sum(self.by_severity.values()),
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_rule": {
                code: {"name": self.rule_names.get(code, ""), "total": sum(counts.values()), **dict(sorted(counts.items()))}
                for code, counts in sorted(self.by_rule.items())
            },
            "by_year": dict(sorted(self.by_year.items())),
            "by_origin": dict(sorted(self.by_origin.items(), key=lambda item: (-item[1], item[0]))),
            "suppressed": dict(sorted(self.suppressed.items())),
            "rules_never_fired": self.never_fired(),
            "most_errors": [
                {"path": path, "id": document_id, "errors": errors} for errors, _, path, document_id in worst
            ],
        }

    def render(self) -> str:
        """Plain-text tables for `--statistics` (terminal output)."""
        data = self.to_dict()
        lines = [
            f"documents: {data['documents']}  checked: {data['checked']}  "
            f"not checked: {data['not_checked']}  clean: {data['clean']}"
            + (f" ({data['clean_percent']}%)" if data["clean_percent"] is not None else ""),
        ]
        for reason, count in data["not_checked_by_reason"].items():
            lines.append(f"  not checked, {reason}: {count}")
        if data["suppressed"]:
            lines.append("suppressed: " + ", ".join(f"{k} {v}" for k, v in data["suppressed"].items()))
        if data["by_rule"]:
            lines.append("")
            lines.append(f"{'count':>7}  {'code':<7} {'severity':<8} name")
            ranked = sorted(data["by_rule"].items(), key=lambda item: (-item[1]["total"], item[0]))
            for code, row in ranked:
                severity = max((s for s in ("error", "warning", "info") if row.get(s)), key=lambda s: row[s])
                lines.append(f"{row['total']:>7}  {code:<7} {severity:<8} {row['name']}")
        if data["by_year"]:
            lines.append("")
            lines.append("findings by year: " + ", ".join(f"{y} {n}" for y, n in data["by_year"].items()))
        if data["by_origin"]:
            top = list(data["by_origin"].items())[:10]
            lines.append("findings by origin (top 10): " + ", ".join(f"{o} {n}" for o, n in top))
        if data["rules_never_fired"]:
            lines.append("rules that never fired: " + ", ".join(data["rules_never_fired"]))
        if data["most_errors"]:
            lines.append("documents with most errors:")
            for row in data["most_errors"]:
                lines.append(f"  {row['errors']:>4}  {row['id'] or '-'}  {row['path']}")
        return "\n".join(lines)
