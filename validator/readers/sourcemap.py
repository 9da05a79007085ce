"""Source maps for readers that rewrite the file into the cable text.

An HTML page, a Markdown page or a `cables.csv` row does not hold the cable text
verbatim: entities are decoded, tags and links dropped, escapes resolved, fields
joined. `LineBuilder` collects the text line by line together with, for each text
line, the offset in the (decoded) file text where it starts and, where the rewrite
changed lengths inside the line, anchors. `OffsetSourceMap` (a `SourceMap`) turns a
text position back into the file's line and column, computing the file's line
starts only when first asked.

Offsets are character offsets into the decoded, newline-normalised file text (or
into one segment of it, such as a CSV row, whose first character sits at a known
file line and column).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from typing import Optional

from validator.model import SourceMap, Span

# An anchor (text_col0, file_offset, width): from 0-based text column `text_col0`
# the text maps to `file_offset`; width 0 means "one file character per text
# character from here on", width > 0 means "the text characters up to the next
# anchor all come from the `width` file characters at file_offset" (an entity, an
# escape, a Markdown link turned into a pilcrow).
Anchor = tuple[int, int, int]


class Locator:
    """File offset -> (line, column) for a segment of the file text, lazily."""

    __slots__ = ("_text", "_line", "_column", "_starts")

    def __init__(self, text: str, first_line: int = 1, first_column: int = 1) -> None:
        self._text = text
        self._line = first_line
        self._column = first_column
        self._starts: Optional[list[int]] = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            lengths = map(len, self._text.split("\n"))
            self._starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
            self._text = ""  # the line starts are all we need from now on
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._line_starts()
        index = bisect_right(starts, max(offset, 0)) - 1
        column = offset - starts[index] + 1
        if index == 0:
            column += self._column - 1
        return self._line + index, column


class OffsetSourceMap(SourceMap):
    """A `SourceMap` built from text-line start offsets and in-line anchors."""

    __slots__ = ("_offsets", "_line_anchors", "_locator", "_line_lengths")

    def __init__(
        self,
        offsets: list[int],
        anchors: dict[int, list[Anchor]],
        locator: Locator,
        line_lengths: list[int],
    ) -> None:
        super().__init__(starts=[], anchors=None)
        self._offsets = offsets  # offsets[i]: file offset of text line i+1
        self._line_anchors = anchors  # 0-based text line -> sorted anchors
        self._locator = locator
        self._line_lengths = line_lengths

    @property
    def is_identity(self) -> bool:
        return False

    def _index(self, line: int) -> int:
        return min(max(line, 1), len(self._offsets)) - 1

    def _start_offset(self, index: int, col0: int) -> int:
        anchors = self._line_anchors.get(index)
        if anchors:
            found = bisect_right(anchors, (col0, 1 << 62, 0)) - 1
            if found >= 0:
                text_col, file_offset, width = anchors[found]
                return file_offset if width else file_offset + col0 - text_col
        return self._offsets[index] + col0

    def _end_offset(self, index: int, col0: int) -> int:
        """File offset just after the text character before 0-based column `col0`."""
        if col0 <= 0:
            return self._start_offset(index, 0)
        last = col0 - 1
        anchors = self._line_anchors.get(index)
        if anchors:
            found = bisect_right(anchors, (last, 1 << 62, 0)) - 1
            if found >= 0:
                text_col, file_offset, width = anchors[found]
                return file_offset + width if width else file_offset + last - text_col + 1
        return self._offsets[index] + last + 1

    def file_offset(self, line: int, column: int) -> int:
        """The offset in the file text (or segment) of a text position."""
        if not self._offsets:
            return 0
        index = self._index(line)
        col0 = max(0, min(column - 1, self._line_lengths[index]))
        return self._start_offset(index, col0)

    def position(self, line: int, column: int) -> tuple[int, int]:
        if not self._offsets:
            return 1, 1
        return self._locator.position(self.file_offset(line, column))

    def end_position(self, line: int, column: int) -> tuple[int, int]:
        """Like `position`, for an exclusive end column: just after the last character."""
        if not self._offsets:
            return 1, 1
        index = self._index(line)
        col0 = max(0, min(column - 1, self._line_lengths[index]))
        return self._locator.position(self._end_offset(index, col0))

    def span(self, span: Span) -> Span:
        line, column = self.position(span.line, span.column)
        if (span.end_line, span.end_column) <= (span.line, span.column):
            return Span(line, column, line, column)
        end_line, end_column = self.end_position(span.end_line, span.end_column)
        if (end_line, end_column) < (line, column):
            end_line, end_column = line, column
        return Span(line, column, end_line, end_column)


class LineBuilder:
    """Collects text lines with the file offsets they come from."""

    __slots__ = ("lines", "offsets", "anchors")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.offsets: list[int] = []
        self.anchors: dict[int, list[Anchor]] = {}

    def plain(self, text: str, offset: int) -> None:
        """A text line copied character for character from `offset`."""
        self.lines.append(text)
        self.offsets.append(offset)

    def pieces(self, pieces: list[tuple[str, int, int]], fallback_offset: int) -> None:
        """A text line made of pieces `(text, file_offset, width)`; width 0 = verbatim."""
        index = len(self.lines)
        anchors: list[Anchor] = []
        column = 0
        for text, file_offset, width in pieces:
            if not text:
                continue
            if column or width or anchors:
                anchors.append((column, file_offset, width))
            column += len(text)
            if width:  # what follows a replaced piece starts after it in the file
                anchors.append((column, file_offset + width, 0))
        first = next((p for p in pieces if p[0]), None)
        self.lines.append("".join(p[0] for p in pieces))
        self.offsets.append(first[1] if first else fallback_offset)
        if anchors:
            # the line start itself is in self.offsets; a verbatim first piece
            # needs no anchor, a replaced one does (kept above)
            self.anchors[index] = anchors

    def anchored(self, text: str, offset: int, anchors: list[Anchor]) -> None:
        """A text line starting at `offset` with ready-made anchors."""
        if anchors:
            self.anchors[len(self.lines)] = anchors
        self.lines.append(text)
        self.offsets.append(offset)

    def text(self) -> str:
        return "\n".join(self.lines)

    def source_map(self, locator: Locator) -> OffsetSourceMap:
        return OffsetSourceMap(
            self.offsets, self.anchors, locator, [len(line) for line in self.lines]
        )
