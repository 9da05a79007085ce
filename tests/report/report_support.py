"""Results built from real cable lines, for reporter tests that do not depend on the
rule set: each finding points at text that is really in the fixture cable."""

from __future__ import annotations

from pathlib import Path

from validator.model import DocumentResult, Finding, Severity, Span

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CABLES = FIXTURES / "cables"


def locate(path: Path, needle: str) -> Span:
    """The span of the first occurrence of `needle` in the file (1-based lines)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        column = line.find(needle)
        if column >= 0:
            return Span.on_line(number, column, column + len(needle))
    raise AssertionError(f"{needle!r} is not in {path}")


def finding(path: Path, needle: str, code: str, name: str, severity: str, message: str, help: str = "") -> Finding:
    return Finding(
        code=code,
        name=name,
        severity=Severity(severity),
        message=message,
        span=locate(path, needle),
        help=help,
        subject=needle,
    )


def mexico_result(relative_to: Path) -> DocumentResult:
    path = CABLES / "10MEXICO614.txt"
    return DocumentResult(
        path=str(path.relative_to(relative_to)),
        document_id="10MEXICO614",
        findings=[
            finding(path, "ZNR UUUUU", "CL203", "security-line-matches-banner", "error",
                    "The security line says UNCLASSIFIED (ZNR UUUUU) but the banner says SECRET",
                    "Expected ZNY SSSSS on a SECRET cable."),
            finding(path, "ISLAMABAD 000416", "CL701", "banner-matches-cable-id", "error",
                    "The banner names ISLAMABAD 000416 but the cable id is 10MEXICO614",
                    "Expected MEXICO 000614: the page may carry another cable's body."),
            finding(path, "(b)/(d)", "CL402", "reason-format", "info",
                    "Reasons written as `(b)/(d)`; expected `(b) and (d)`"),
        ],
    )


def seed_result(relative_to: Path) -> DocumentResult:
    path = CABLES / "07MUSCAT193.md"
    return DocumentResult(path=str(path.relative_to(relative_to)), document_id="07MUSCAT193")


def missing_result() -> DocumentResult:
    return DocumentResult(path="tests/fixtures/cables/NOSUCH.txt", not_checked="unreadable: No such file or directory")
