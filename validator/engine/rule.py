"""A loaded rule: its documentation, its compiled check and when it applies."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from validator.model import Severity


@dataclass
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    message: str
    description: str
    rationale: str
    source: str
    era: Any  # "all", a list of era/period ids, or {from, to}: as written
    help: str
    url: Optional[str]
    kind: str
    params: dict
    examples: dict
    path: str
    line: int
    when: Optional[dict] = None
    enabled_by_default: bool = True
    default_severity: Optional[Severity] = None
    # compiled parts (not part of the documented API)
    check_kind: Any = field(default=None, repr=False, compare=False)
    condition: Optional[Callable] = field(default=None, repr=False, compare=False)
    era_names: tuple[str, ...] = ()
    era_range: Optional[tuple[_dt.date, _dt.date]] = None
    paths: tuple = ()  # every path its check and condition read (compiled Path objects)

    def era_text(self) -> str:
        if self.era == "all":
            return "all"
        if isinstance(self.era, dict):
            return f"{self.era.get('from', '...')} to {self.era.get('to', '...')}"
        return ", ".join(str(name) for name in self.era)

    def applies(self, ctx) -> bool:
        return self.in_era(ctx.date, ctx.era_names) and (self.condition is None or self.condition(ctx))

    def in_era(self, date: Optional[_dt.date], era_names: frozenset) -> bool:
        """The `era:` test: `era_names` are the era and period ids that hold `date`."""
        if self.era_names and era_names.isdisjoint(self.era_names):
            return False
        if self.era_range is not None:
            if date is None or not (self.era_range[0] <= date <= self.era_range[1]):
                return False
        return True

    def to_dict(self) -> dict:
        """The rule as data (for `cable-lint rules --format json` and `rule --format json`)."""
        return {
            "code": self.code, "name": self.name, "severity": self.severity.value,
            "default_severity": (self.default_severity or self.severity).value,
            "summary": self.summary, "message": self.message, "description": self.description,
            "rationale": self.rationale, "source": self.source, "era": self.era, "help": self.help,
            "url": self.url, "kind": self.kind, "params": self.params, "when": self.when,
            "examples": self.examples, "path": self.path, "line": self.line,
            "enabled_by_default": self.enabled_by_default,
        }
