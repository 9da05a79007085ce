"""Inline directives for drafts: lines of their own in the cable text.

    cable-lint: disable CL301                 the whole document, wherever the line is
    cable-lint: disable CL301, CL402          several codes (commas or spaces)
    cable-lint: disable-next-line CL205       the next non-blank line only

A code may also be a prefix (`CL3`) or a rule name (`decl-date-format`). The line
may be wrapped in a comment marker (`<!-- ... -->`, `#`, `//`) for Markdown or
other drafts. Records that must not be edited use waiver files instead.

Findings a directive covers are kept as suppressed (kind "inline"). A directive that
suppressed nothing for a rule that ran is itself reported (CL001 unused-directive);
a `cable-lint:` line cablelint cannot read, or that names no rule, is reported as
CL002 invalid-directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from validator.model import Document, Finding, Severity, Span
from validator.report.context import TOOL_RULES, mark_suppressed

_LINE = re.compile(
    r"^\s*(?:<!--|#+|//|;|%)?\s*cable-lint\s*:\s*(?P<body>.*?)\s*(?:-->)?\s*$", re.IGNORECASE
)
_ACTION = re.compile(r"^(?P<action>disable-next-line|disable)\b\s*(?P<codes>.*)$")
_CODE = re.compile(r"[A-Za-z0-9-]+")
_SELECTOR = re.compile(r"^(CL[0-9]{1,3}|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)$")
MARKER = "cable-lint"
# What any letter case of the marker holds. Starting with a literal, it is searched
# for at the speed of a plain `find` (a case-blind search of the whole marker, or
# lowering the text first, cost 3-10 times more).
_MARKER_TAIL = re.compile(r"-(?i:lint)")


@dataclass
class Directive:
    action: str  # "disable" or "disable-next-line"
    text_line: int  # line of the directive in the document text
    codes: list[tuple[str, Span]]  # selector and its span (text coordinates)
    target_line: Optional[int] = None  # file line, for disable-next-line
    used: set[str] = field(default_factory=set)


def scan(document: Document) -> tuple[list[Directive], list[tuple[str, Span]]]:
    """The directives of a document, and the `cable-lint:` lines that are not one."""
    text = document.text
    if not _may_hold_directive(text):
        return [], []
    lines = text.split("\n")
    directives: list[Directive] = []
    invalid: list[tuple[str, Span]] = []
    for index, line in enumerate(lines):
        if "cable-lint" not in line.lower():
            continue
        match = _LINE.match(line)
        if match is None:
            continue
        number = index + 1
        body_start = match.start("body")
        action = _ACTION.match(match.group("body"))
        if action is None:
            invalid.append(
                (
                    f"`{match.group('body')}` is not a directive; write `cable-lint: disable CODE` "
                    "or `cable-lint: disable-next-line CODE`",
                    Span.on_line(number, body_start, match.end("body")),
                )
            )
            continue
        codes_offset = body_start + action.start("codes")
        codes = [
            (token.group(0), Span.on_line(number, codes_offset + token.start(), codes_offset + token.end()))
            for token in _CODE.finditer(action.group("codes"))
        ]
        if not codes:
            invalid.append(
                (f"`cable-lint: {action.group('action')}` names no rule; name the codes it disables",
                 Span.on_line(number, body_start, match.end("body")))
            )
            continue
        directive = Directive(action.group("action"), number, codes)
        if directive.action == "disable-next-line":
            following = next((n for n in range(index + 1, len(lines)) if lines[n].strip()), None)
            if following is not None:
                directive.target_line = document.source_map.position(following + 1, 1)[0]
        directives.append(directive)
    return directives, invalid


def _may_hold_directive(text: str) -> bool:
    """Whether the marker may occur in any letter case (the usual answer, no, must be
    cheap; `scan` checks each line)."""
    return _MARKER_TAIL.search(text) is not None


def _matches(selector: str, code: str, name: str) -> bool:
    return code.startswith(selector.upper()) if selector.upper().startswith("CL") else selector == name


def apply_directives(document: Document, findings: list[Finding], ruleset: Any = None) -> list[Finding]:
    """The findings with those a directive covers marked as suppressed (kind "inline"),
    plus CL001/CL002 findings for unused and unreadable directives."""
    directives, invalid = scan(document)
    if not directives and not invalid:
        return findings
    out: list[Finding] = []
    for finding in findings:
        covering = _covering(directives, finding)
        if covering is None:
            out.append(finding)
            continue
        directive, selector = covering
        directive.used.add(selector)
        out.append(
            mark_suppressed(finding, "inline", directive=directive.action, line=_file_line(document, directive.text_line))
        )
    known, enabled = _rule_names(ruleset)
    for directive in directives:
        for selector, span in directive.codes:
            if selector in directive.used:
                continue
            out.extend(_check_unused(document, directive, selector, span, known, enabled))
    for message, span in invalid:
        out.append(_tool_finding("CL002", message, document.source_map.span(span), subject=message))
    return sorted(out, key=lambda finding: finding.sort_key())


def _covering(directives: list[Directive], finding: Finding) -> Optional[tuple[Directive, str]]:
    for directive in directives:
        if directive.action == "disable-next-line" and finding.span.line != directive.target_line:
            continue
        for selector, _ in directive.codes:
            if _matches(selector, finding.code, finding.name):
                return directive, selector
    return None


def _check_unused(document, directive, selector, span, known, enabled) -> Iterable[Finding]:
    file_span = document.source_map.span(span)
    if not _SELECTOR.match(selector) and not selector.upper().startswith("CL"):
        yield _tool_finding("CL002", f"`{selector}` is not a rule code or name", file_span, subject=selector)
        return
    if known is not None and not any(_matches(selector, code, name) for code, name in known):
        yield _tool_finding("CL002", f"`{selector}` names no rule; see `cable-lint rules`", file_span, subject=selector)
        return
    if enabled is not None and not any(_matches(selector, code, name) for code, name in enabled):
        return  # the rule did not run: the directive may still be needed when it does
    where = "the next line" if directive.action == "disable-next-line" else "this document"
    yield _tool_finding(
        "CL001",
        f"`cable-lint: {directive.action} {selector}` suppresses nothing: {selector} reports nothing in {where}",
        file_span,
        subject=f"{directive.action} {selector}",
    )


def _rule_names(ruleset: Any) -> tuple[Optional[list], Optional[list]]:
    def pairs(rules) -> Optional[list]:
        if rules is None:
            return None
        return [(getattr(rule, "code", ""), getattr(rule, "name", "")) for rule in rules]

    known = pairs(getattr(ruleset, "all_rules", None))
    if known is not None:
        known += [(code, info.name) for code, info in TOOL_RULES.items()]
    return known, pairs(getattr(ruleset, "rules", None))


def _file_line(document: Document, text_line: int) -> int:
    return document.source_map.position(text_line, 1)[0]


def _tool_finding(code: str, message: str, span: Span, subject: str) -> Finding:
    info = TOOL_RULES[code]
    return Finding(
        code=code,
        name=info.name,
        severity=Severity(info.severity),
        message=message,
        span=span,
        help=info.help,
        subject=subject,
    )
