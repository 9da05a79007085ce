"""Helpers for the parser tests: real cables kept in tests/data/cables."""

from __future__ import annotations

from pathlib import Path

from validator.model import Cable
from validator.parse import parse, parse_document
from validator.readers import read_path

CABLES = Path(__file__).resolve().parents[1] / "data" / "cables"


def cable_text(name: str) -> str:
    return (CABLES / name).read_bytes().decode("utf-8", "replace")


def parse_file(name: str) -> Cable:
    """Parse a stored cable through its reader, as the linter does."""
    document = next(read_path(str(CABLES / name)))
    return parse_document(document)


def parse_snippet(text: str) -> Cable:
    return parse(text)


def line_text(text: str, span) -> str:
    """The text a one-line span covers."""
    return text.split("\n")[span.line - 1][span.column - 1 : span.end_column - 1]
