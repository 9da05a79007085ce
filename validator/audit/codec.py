"""A compact, JSON text form of a `DocumentResult`, without its path.

Workers send results to the parent in this form and the cache stores it, so a cache
hit costs no decoding in the worker. JSON (not pickle) because a cache file must be
safe to read even when someone else wrote it.

Each finding also carries a *local fingerprint*: a hash of its code, its subject and
the whitespace-normalised text of the line it is on, which does not change when
lines are added above it. `decode` turns it into the finding's fingerprint by
adding the document's identity (cable id, else path); baselines match on that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Optional

from validator.model import DocumentResult, Finding, Severity, Span
from validator.report.context import relative_inside

_SEVERITIES = {severity.value: severity for severity in Severity}
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
_scan = json.JSONDecoder().scan_once


def _loads(text: str) -> Any:
    """`json.loads` for the texts `_dumps` writes (no white space around them): its
    scanner without the three Python calls around it, a tenth of a warm run's decode."""
    try:
        value, end = _scan(text, 0)
    except StopIteration as stop:
        raise json.JSONDecodeError("Expecting value", text, stop.value) from None
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


# The facts (date, origin, E.O. line ... for triage and statistics) follow the rest as
# a JSON text of their own: they are half the text, and a plain report never reads them.
_FACTS = "\x1d"  # never raw inside JSON text (it escapes control characters)


def not_checked(reason: str, data: Optional[bytes] = None) -> str:
    facts = {}
    if data is not None:
        facts = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    return _dumps([None, reason, [], []]) + _FACTS + _dumps(facts)


def encode(result: DocumentResult, document=None) -> str:
    lines = _LineLookup(document)
    findings = [
        result.document_id,
        result.not_checked,
        [_finding(finding, lines) for finding in result.findings],
        [_finding(finding, lines) for finding in result.suppressed],
    ]
    return _dumps(findings) + _FACTS + _dumps(result.facts)


def _finding(finding: Finding, lines: "_LineLookup") -> list:
    span = finding.span
    return [
        finding.code,
        finding.name,
        finding.severity.value,
        finding.message,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        finding.help,
        finding.subject,
        finding.extra or None,
        local_fingerprint(finding, lines.text(span.line, finding)),
    ]


def local_fingerprint(finding: Finding, line_text: str) -> str:
    normalised = " ".join(line_text.split())
    key = "\x1f".join((finding.code, finding.subject, normalised))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def identity_path(path: str) -> str:
    """A path as a document's identity: the same however it was given on the command
    line (`./a.txt`, `a.txt`, `/work/a.txt` from /work), forward slashes."""
    import os

    file, marker, member = path.partition("!") if "!" in path else path.partition("#row ")
    file = os.path.normpath(file)
    if os.path.isabs(file):
        file = relative_inside(file, os.getcwd())
    return file.replace(os.sep, "/") + marker + member


def fingerprint(identity: str, local: str) -> str:
    return hashlib.sha1(f"{identity}\x1f{local}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _attached_line(finding: Optional[Finding]) -> Optional[str]:
    """The line `attach_line_text` put on the finding, when it is the whole line."""
    extra = finding.extra if finding is not None else None
    if not extra or "line_offset" in extra:
        return None
    text = extra.get("line_text")
    return text if isinstance(text, str) else None


class _LineLookup:
    """The text of a file line, found through the document's source map."""

    def __init__(self, document) -> None:
        self.document = document
        self._lines: Optional[list[str]] = None
        # Rewritten documents (pages, export rows): the first text line seen to start
        # on each file line, filled as far as the text lines have been looked at.
        self._first_on_file_line: dict[int, int] = {}
        self._looked_at = 0

    def text(self, file_line: int, finding: Optional[Finding] = None) -> str:
        if self.document is None:
            return ""
        identity = self.document.source_map.is_identity
        attached = _attached_line(finding) if identity else None
        if attached is not None:  # the pipeline copied the whole line already: no split
            return attached
        if self._lines is None:
            self._lines = self.document.text.split("\n")
        number = file_line if identity else self._text_line_on(file_line)
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return ""

    def _text_line_on(self, file_line: int) -> int:
        """The first text line that starts on `file_line` (0: none). Text lines are
        looked at in order and only until the answer is known: findings sit mostly
        near the top, and mapping every line of every document cost more than the rest."""
        found = self._first_on_file_line
        source_map = self.document.source_map
        while file_line not in found and self._looked_at < len(self._lines):
            self._looked_at += 1
            found.setdefault(source_map.position(self._looked_at, 1)[0], self._looked_at)
        return found.get(file_line, 0)


# ------------------------------------------------------------ fresh results


@dataclass(slots=True)
class Fresh:
    """A result just made in this process, with its document: encoded only when it has
    to travel (to the parent process or into the cache), else used as it is."""

    result: DocumentResult
    document: Any

    def encoded(self) -> str:
        return encode(self.result, self.document)

    def finished(self) -> DocumentResult:
        """The result as `decode(encoded())` would give it (fingerprints in each
        finding's `extra`), without the trip through JSON."""
        result = self.result
        lines = _LineLookup(self.document)
        identity = result.document_id or identity_path(result.path)
        result.findings = [_fingerprinted(finding, identity, lines) for finding in result.findings]
        result.suppressed = [_fingerprinted(finding, identity, lines) for finding in result.suppressed]
        return result


def _fingerprinted(finding: Finding, identity: str, lines: "_LineLookup") -> Finding:
    local = local_fingerprint(finding, lines.text(finding.span.line, finding))
    return finding.with_extra({**finding.extra, "fingerprint": fingerprint(identity, local)})


def text_of(value: "str | Fresh") -> str:
    return value if type(value) is str else value.encoded()


def result_of(path: str, value: "str | Fresh", facts: bool = True) -> DocumentResult:
    """The result a record holds: decoded (see `decode`), or a fresh one finished."""
    return decode(path, value, facts=facts) if type(value) is str else value.finished()


# --------------------------------------------------------------------- decoding


DAMAGED_ENTRY = ("the cache's result for it is damaged; delete the cache folder, or run with --no-cache, "
                 "to check it again")


def decode(path: str, encoded: str, line_shift: int = 0, facts: bool = True) -> DocumentResult:
    """The result of the document at `path`; `line_shift` moves its findings down
    (a cables.csv row read from a part of the file); `facts=False` leaves the facts
    out (empty) for a caller that does not read them. A text this module did not
    write (a cache entry damaged on the disk or by hand) gives a result that says the
    document was not checked."""
    try:
        return _decoded(path, encoded, line_shift, facts)
    except (ValueError, TypeError, LookupError, AttributeError):
        return DocumentResult(path=path, not_checked=DAMAGED_ENTRY)


def _decoded(path: str, encoded: str, line_shift: int, facts: bool) -> DocumentResult:
    main, _, facts_text = encoded.partition(_FACTS)
    document_id, reason, findings, suppressed = _loads(main)
    identity = document_id or identity_path(path)
    return DocumentResult(
        path=path,
        findings=[_decode_finding(item, identity, line_shift) for item in findings],
        document_id=document_id,
        facts=_loads(facts_text) if facts else {},
        not_checked=reason,
        suppressed=[_decode_finding(item, identity, line_shift) for item in suppressed],
    )


def _decode_finding(item: list, identity: str, line_shift: int = 0) -> Finding:
    code, name, severity, message, line, column, end_line, end_column, help_, subject, extra, local = item
    if line_shift:
        line, end_line = line + line_shift, end_line + line_shift
    extra = extra or {}  # (a dict of its own: just decoded)
    extra["fingerprint"] = fingerprint(identity, local)
    return Finding(code, name, _SEVERITIES[severity], message, Span(line, column, end_line, end_column), help_,
                   subject, extra)


# ------------------------------------------------------------ cache relocation


_RECORD, _FIELD = "\x1e", "\x1f"  # never raw inside JSON text (it escapes control characters)


def relative(records: list[tuple[str, str]], base: str) -> Optional[str]:
    """Records of one file as a cache value, document paths relative to the file.

    Framed with control characters rather than JSON so the encoded results are
    stored as they are, not escaped a second time. None when a path holds one of
    the separators (then the file is simply not cached)."""
    parts = []
    for path, value in records:
        if _RECORD in path or _FIELD in path:
            return None
        encoded = text_of(value)
        if path.startswith(base):
            parts.append(f"+{path[len(base):]}{_FIELD}{encoded}")
        else:
            parts.append(f"={path}{_FIELD}{encoded}")
    return _RECORD.join(parts)


def rebase(value: str, base: str) -> list[tuple[str, str]]:
    """A cache value back to records, under the file's current path."""
    records = []
    for part in value.split(_RECORD):
        path, _, encoded = part.partition(_FIELD)
        records.append((base + path[1:] if path[:1] == "+" else path[1:], encoded))
    return records
