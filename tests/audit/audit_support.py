"""Helpers of the audit tests: real cables and a small rule set whose findings depend
on the parsed cable (so the runner, cache and baseline are exercised on real parsing,
independently of how the bundled rules evolve)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from validator.model import Finding, Severity, Span

DATA = Path(__file__).parent / "data"
CABLES = sorted(path.name for path in DATA.glob("*.txt"))


class EoRuleSet:
    """Three rules with test-only codes (no bundled rule uses CL09x): CL091 (error) a
    classified cable without an E.O. line; CL092 (info) the instruction kind of each
    E.O. line; CL093 never fires. `hash` changes when the rules do."""

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.rules = [type("Rule", (), {"code": code})() for code in ("CL091", "CL092", "CL093")]

    @property
    def hash(self) -> str:
        return f"eo-rules-{self.version}"

    def check(self, document, cable):
        findings = []
        if cable.eo is None and cable.level is not None and cable.level > 0:
            findings.append(
                Finding("CL091", "eo-missing", Severity.ERROR, "classified cable without an E.O. line",
                        document.source_map.span(cable.banner.span if cable.banner else Span(1, 1, 1, 2)),
                        subject="eo:missing")
            )
        for eo in cable.eo_lines or ([cable.eo] if cable.eo else []):
            findings.append(
                Finding("CL092", "eo-kind", Severity.INFO, f"instruction kind {eo.value_kind}",
                        document.source_map.span(eo.span), subject=f"eo:{eo.value_kind}")
            )
        return findings


def many_cables(folder: Path, copies: int) -> list[Path]:
    """`copies` renamed copies of each test cable, in nested folders (enough for workers)."""
    made = []
    for index in range(copies):
        sub = folder / f"batch{index:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        for name in CABLES:
            target = sub / name
            shutil.copy(DATA / name, target)
            made.append(target)
    return made


def dump(results) -> str:
    """Everything a report could show, as text, to compare runs byte for byte."""
    rows = []
    for result in results:
        rows.append(
            {
                "path": result.path,
                "id": result.document_id,
                "not_checked": result.not_checked,
                "facts": result.facts,
                "findings": [
                    [f.code, f.severity.value, f.message, f.span.line, f.span.column, f.extra.get("fingerprint")]
                    for f in result.findings
                ],
                "suppressed": [[f.code, f.extra.get("suppressed_by")] for f in result.suppressed],
            }
        )
    return json.dumps(rows, indent=1, sort_keys=True)
