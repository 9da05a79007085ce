"""Helpers for the reader tests: test data, and checking a span against the file."""

from __future__ import annotations

import re
from pathlib import Path

from validator.model import Document, Span
from validator.readers.decode import decode_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"


def data(name: str) -> Path:
    return DATA / name


def file_lines(path_or_bytes) -> list[str]:
    raw = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return decode_bytes(raw).text.split("\n")


def file_text_at(lines: list[str], span: Span) -> str:
    """The file text a (file-coordinate) span covers."""
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts += lines[span.line : span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def token_span(document: Document, token: str, occurrence: int = 0) -> Span:
    """The text span of the n-th occurrence of `token` in the document text."""
    found = [m for m in re.finditer(re.escape(token), document.text)]
    match = found[occurrence]
    line = document.text.count("\n", 0, match.start()) + 1
    column = match.start() - (document.text.rfind("\n", 0, match.start()) + 1) + 1
    return Span(line, column, line, column + len(token))


def mapped_text(document: Document, lines: list[str], token: str, occurrence: int = 0) -> str:
    """Map a token of the text to the file and return what the file has there."""
    return file_text_at(lines, document.source_map.span(token_span(document, token, occurrence)))
