"""The one line of a document a finding points at, for the code frame.

Findings carry it in `Finding.extra["line_text"]` when the pipeline attached it
(`attach_line_text`, run where the document text is at hand); otherwise reporters
read the line from the file on disk. Nothing beyond that one line is ever shown.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional

from validator.model import Document, Finding

# Longer lines (an HTML page whose <pre> block is one line) are stored as a window
# around the span: results travel between processes and sit in the cache.
MAX_LINE_CHARS = 300


def attach_line_text(document: Document, findings: Iterable[Finding], file_lines: Optional[list[str]] = None) -> list[Finding]:
    """Copies of `findings` with the text of the file line each one starts on.

    Spans are in file coordinates; for documents whose text is the file's text (the
    identity source map) the line comes from `document.text`, otherwise from
    `file_lines` (or the file on disk) when it can be read.
    """
    findings = list(findings)
    if not findings:
        return findings
    lines = file_lines
    if lines is None:
        if document.source_map.is_identity:
            # only as far as the last line wanted: findings are mostly near the top
            lines = document.text.split("\n", max(finding.span.line for finding in findings))
        else:
            lines = _read_lines(document.path)
    out = []
    for finding in findings:
        if finding.extra.get("line_text") is not None or lines is None:
            out.append(finding)
            continue
        index = finding.span.line - 1
        text = lines[index] if 0 <= index < len(lines) else ""
        extra = {**finding.extra, "line_text": text}
        if len(text) > MAX_LINE_CHARS:
            # keep a window around the span; `line_offset` says where it starts
            offset = max(0, min(finding.span.column - 1 - MAX_LINE_CHARS // 3, len(text) - MAX_LINE_CHARS))
            extra.update(line_text=text[offset : offset + MAX_LINE_CHARS], line_offset=offset)
        out.append(finding.with_extra(extra))
    return out


def _read_lines(path: str) -> Optional[list[str]]:
    try:
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")


class LineSource:
    """Fetches a finding's line: from the finding, else from the file (last file cached)."""

    def __init__(self) -> None:
        self._path: Optional[str] = None
        self._lines: Optional[list[str]] = None

    def line(self, path: str, finding: Finding) -> tuple[Optional[str], int]:
        """The line's text (or a window of it) and the 0-based offset where it starts."""
        text = finding.extra.get("line_text") if finding.extra else None
        if text is not None:
            return str(text), int(finding.extra.get("line_offset", 0))
        if path != self._path:
            self._path, self._lines = path, _read_lines(path)
        if self._lines is None:
            return None, 0
        index = finding.span.line - 1
        return (self._lines[index] if 0 <= index < len(self._lines) else None), 0


def printable(text: str) -> str:
    """The line as shown in a frame: one visible cell per character, so carets align."""
    return "".join(" " if (ord(char) < 32 or ord(char) == 127) else char for char in text)


def clip(text: str, start: int, end: int, width: int = 100) -> tuple[str, int, int]:
    """A window of at most `width` characters of `text` around [start, end) (0-based);
    returns the window and the span's offsets inside it. Ellipses mark cut ends."""
    if len(text) <= width:
        return text, start, end
    span = max(end - start, 1)
    before = max(0, min(start - 20, len(text) - width)) if span < width - 20 else start
    window = text[before : before + width]
    prefix = "…" if before > 0 else ""
    suffix = "…" if before + width < len(text) else ""
    shift = len(prefix) - before
    return prefix + window + suffix, start + shift, min(end + shift, len(prefix) + len(window))
