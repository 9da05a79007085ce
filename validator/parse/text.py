"""Positions in a cable's text: offsets <-> (line, column), and span helpers."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from validator.model import Span


class TextIndex:
    """The text split into lines, with the offset where each line starts."""

    __slots__ = ("text", "lines", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        starts = list(accumulate([len(line) + 1 for line in self.lines], initial=0))
        starts.pop()  # the offset past the last line
        self.starts = starts

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> str:
        """Line `number` (1-based); '' when out of range."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def offset(self, line: int, column: int = 1) -> int:
        return self.starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a 0-based offset into the text."""
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """Span of text offsets `start`..`end` (end exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(line, column, end_line, end_column)


line_span = Span.on_line  # span on one line from 0-based offsets within that line


def is_blank(line: str) -> bool:
    return not line.strip()
