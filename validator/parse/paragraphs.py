"""Numbered paragraphs and every portion mark of the body.

Forms: `¶1. (C)`, `1. (C)`, `1.(C)`, lines opened by U+2028 (08MEXICO886), `(C) text` with no number, `�1.` (pilcrow lost to
U+FFFD), the Markdown `[1](#)1.` and `14.` where the link text `1` was glued to the
number 4, `1. CONFIDENTIAL - ENTIRE TEXT.` and `1. (C - ENTIRE TEXT)`. A pilcrow before
a year or resolution number (`¶2006.`) is not a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter
from typing import Iterator, Optional

from validator.model import Level, Paragraph, ParseNote, PortionMark, Span
from validator.parse.banner import BANNER_LINE_OPENING
from validator.parse.portion import BARE_LEVEL, MARK_RE, bare_mark, read_mark
from validator.parse.text import TextIndex, line_span

MAX_PARAGRAPH_NUMBER = 99

# Patterns start at the newline before a line: a literal prefix the regex engine finds
# fast, where `^` with re.M would be tried at every character. The look-ahead of what may
# open a numbered line fails most lines before the groups are entered.
# A bare mark right after the number, `(C)`, is read in the same match (most paragraphs):
# not when the number is written again after it (`¶1. (C) 1. (S)`, see `_mark_after_number`).
# The same scan finds the lines that may hold a repeated banner (the second alternative,
# which matches the newline alone): the two cannot open the same line (a digit, pilcrow or
# bracket against a letter), and one pass over the text costs less than two. The first
# look-ahead, what either may open with, turns most lines away before both alternatives.
_NUMBERED = re.compile(
    r"\n(?=[ \t\u2028]*[¶\uFFFD\[\dCSTU])(?:(?=[ \t\u2028]*[¶\uFFFD\[\d])(?P<lead>[ \t\u2028]*)(?P<anchor>¶|\uFFFD|\[1\]\(#\))?[ \t]*(?P<num>\d{1,4})[ \t]?(?P<dot>\.)(?![\d.])[ \t]*"
    r"(?:\((?P<bare>" + BARE_LEVEL + r")\)(?![ \t]*\d{1,2}[ \t]?\.[ \t]*\())?"
    r"|(?=[ \t]*" + BANNER_LINE_OPENING + r"))",
)
_DOT = _NUMBERED.groupindex["dot"]
_NUMBER = _NUMBERED.groupindex["num"]
_ANCHORS = {None: "plain", "¶": "pilcrow", "\uFFFD": "pilcrow", "[1](#)": "markdown-link"}  # by `anchor` group
_UNNUMBERED_MARK = re.compile(r"\((?:TS|S|C|U|SBU)[/ )A-Z-]{0,20}\)[ \t]+\S")
_LOOSE_MARK = re.compile(r"\(\s*([A-Za-z][A-Za-z/ -]{0,18})\s*\)")
_ENTIRE_TEXT = re.compile(
    r"\(?\s*(CONFIDENTIAL|SECRET|UNCLASSIFIED|TOP SECRET|C|S|U|TS)\s*-+\s*ENTIRE\s+TEXT\s*\)?\.?"
    r"|(SENSITIVE BUT UNCLASSIFIED)\b",
    re.IGNORECASE,
)
_SUSPECT_MARK = re.compile(r"[CSUT][A-Z]{0,2}(?:\s*[/ -]+\s*[A-Z]{1,6})*")
_PORTION_PREFIX = re.compile(
    r"[ \t\u2028]*(?:¶|\uFFFD|\[1\]\(#\))?[ \t]*(?:\d{1,2}[ \t]?[.)]|\d{1,2}[ \t]|[A-Za-z][.)]|\([A-Za-z0-9]{1,3}\)|-{1,3}|\*|•|o|[ivx]{1,4}[.)])?[ \t]*"
)


def parse_paragraphs(index: TextIndex, start_line: int, notes: list[ParseNote],
                     banners_from: int) -> tuple[list[Paragraph], list[PortionMark], list[int]]:
    """Paragraphs and portion marks from line `start_line` (1-based) to the end, and the
    lines from `banners_from` (1-based) on that may hold a repeated banner."""
    numbered, banner_lines = _line_openings(index, start_line, banners_from)
    if start_line > len(index):
        return [], [], banner_lines
    marks = _marks_from(index, start_line)
    paragraphs = _numbered(index, start_line, notes, numbered)
    paragraphs = _merge_unnumbered(index, start_line, paragraphs, marks)
    _set_end_lines(paragraphs, len(index))
    portions = _portions(index, paragraphs, marks)
    _count_inner_marks(paragraphs, portions)
    return paragraphs, portions, banner_lines


def _line_openings(index: TextIndex, numbered_from: int, banners_from: int) -> tuple[list[tuple[re.Match, int]], list[int]]:
    """The `_NUMBERED` matches on the lines from `numbered_from` on, with their line, and
    the lines from `banners_from` on that may hold a banner (both 1-based)."""
    line_count = len(index.lines)
    if numbered_from > line_count and banners_from > line_count:
        return [], []
    starts = index.starts
    numbered_at = _newline_before(index, numbered_from) if numbered_from <= line_count else len(index.text)
    banners_at = _newline_before(index, banners_from) if banners_from <= line_count else len(index.text)
    numbered, banner_lines = [], []
    for match in _NUMBERED.finditer(index.text, min(numbered_at, banners_at)):
        at = match.start()
        line = bisect_right(starts, at + 1)  # 1-based; a match opens a line, so line >= 2
        if match.group(_NUMBER) is not None:
            if at >= numbered_at:
                numbered.append((match, line))
        elif at >= banners_at:
            banner_lines.append(line)
    return numbered, banner_lines


def _numbered(index: TextIndex, start_line: int, notes: list[ParseNote], numbered: list[tuple[re.Match, int]]) -> list[Paragraph]:
    lines = index.lines
    paragraphs: list[Paragraph] = []
    expected = 1
    list_next: Optional[int] = None  # next number of a list running inside a paragraph
    for match, line in numbered:
        line_start = match.start() + 1
        lead, anchor_text, digits, _, bare = match.groups()  # by position: cheaper than by name
        number = int(digits)
        anchor = _ANCHORS[anchor_text]
        if number >= 10 and number != list_next:  # a lost link leaves two digits at least
            lost_link = _lost_link_number(number, expected)
            if lost_link is not None:
                number, anchor = lost_link, "markdown-lost-link"
        if number == 0 or number > MAX_PARAGRAPH_NUMBER:
            continue
        if bare is not None:  # what `_mark_after_number` reads, without its patterns
            mark_end = match.end() - line_start  # the mark `(C)` closes the match
            lead_width = len(lead)
            paragraphs.append(Paragraph(number, bare_mark(bare, line_span(line, mark_end - len(bare) - 2, mark_end)),
                                        line_span(line, lead_width, mark_end),
                                        line_span(line, lead_width, match.end(_DOT) - line_start), anchor))
            list_next = None
            expected = number + 1
            continue
        line_text = lines[line - 1]
        previous_blank = line == start_line or not lines[line - 2].strip()
        column = match.end() - line_start
        marking, mark_end, unknown = _mark_after_number(line_text, line, column, number)
        # A mark read right after the number, `(C)`, leaves no room there for `(C - ENTIRE TEXT)`
        # (not a readable mark) or a cut preview `(C...` (no dot inside a mark).
        mark_at_column = marking is not None and marking.span.column == column + 1
        if unknown is not None:
            notes.append(unknown)
        if marking is None and unknown is None:
            marking = _mark_on_the_line_above(index, line, start_line)
        entire = None
        if not mark_at_column:
            entire = _ENTIRE_TEXT.match(line_text, column)
            if _CUT_PREVIEW.match(line_text, column):
                continue  # `¶1. ...`, `¶1.  (C...`, `¶1. ...7/28/2005 14:18 UNCLAS ...`: a cut preview (09LIMA1191, 05MINSK851)
        if not marking and not _is_paragraph_number(index, line, start_line, line_text, column, previous_blank,
                                                    anchor, number == expected):
            continue
        if paragraphs and not (marking or entire):
            if number == list_next or not _in_sequence(number, paragraphs[-1].number):
                list_next = number + 1  # an item of a numbered list inside a paragraph, or a table row
                continue
        list_next = None
        lead_width = len(lead)
        end_column = (mark_end if marking else (entire.end() if entire else column)) + 1
        number_end = match.end(_DOT) - line_start
        paragraphs.append(
            Paragraph(  # by position: keywords cost more to match
                number,
                marking,
                line_span(line, lead_width, max(end_column, lead_width + 2) - 1),  # span
                line_span(line, lead_width, number_end),  # number_span
                anchor,
                Level.from_word(entire.group(1) or "UNCLASSIFIED") if entire else None,  # entire_text
            )
        )
        expected = number + 1
    return paragraphs


def _is_paragraph_number(index: TextIndex, line: int, start_line: int, line_text: str, column: int,
                         previous_blank: bool, anchor: str, number_due: bool) -> bool:
    """Whether an unmarked number opening a line starts a paragraph, not a wrapped sentence."""
    if not line_text[column:].strip() and _WRAPPED_PROSE.search(_previous_text(index, line, start_line)):
        return False  # `... please see paragraph` / `¶3.`: a number wrapped out of a sentence (09CAIRO1742)
    if previous_blank:
        return True
    if _ENDS_WITH_MONTH.search(index.line(line - 1)):
        return False  # `... Davidsdottir June` / `¶13.  The Ambassador`: the day of a date (06REYKJAVIK218)
    return anchor != "plain" or number_due and _NUMBER_GLUED_TO_WORD.match(line_text) is not None


# `2.The Arab Global Forum ...` right under paragraph 1 (09CAIRO2058): the number due,
# glued to a capitalised word, is a paragraph even without a blank line above.
_NUMBER_GLUED_TO_WORD = re.compile(r"[ \t]*\d{1,2}\.[A-Z][a-z]")
_CUT_PREVIEW = re.compile(r"[ \t]*(?:\([A-Z/]{0,8})?[ \t]*(?:\.\.\.|\u2026)[ \t]*")
_WRAPPED_PROSE = re.compile(r"[A-Za-z,]\s*$")
_ENDS_WITH_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?[ \t]*$",
    re.IGNORECASE,
)


def _mark_on_the_line_above(index: TextIndex, line: int, start_line: int) -> Optional[PortionMark]:
    """`(SBU)` alone on a line, then a blank line, then `¶4. Issue 1: ...` (07PARAMARIBO510)."""
    for back in range(line - 1, max(start_line, line - 3) - 1, -1):
        text = index.line(back)
        if not text.strip():
            continue
        match = MARK_RE.fullmatch(text.strip())
        if match is None:
            return None
        column = text.index("(")
        return read_mark(match.group(1), Span(back, column + 1, back, column + 1 + len(match.group(0))))
    return None


def _previous_text(index: TextIndex, line: int, start_line: int) -> str:
    """The last non-blank line before `line` (within two lines), or ''."""
    for back in range(line - 1, max(start_line, line - 3) - 1, -1):
        if index.line(back).strip():
            return index.line(back)
    return ""


def _newline_before(index: TextIndex, line: int) -> int:
    """Offset of the newline ending the line before `line` (line 1: 0, see `parse_paragraphs`)."""
    return max(index.offset(line) - 1, 0)


def _in_sequence(number: int, previous: Optional[int]) -> bool:
    """An unmarked number continues the paragraphs only as the next one (or one after)."""
    return previous is None or previous < number <= previous + 2


def _lost_link_number(number: int, expected: int) -> Optional[int]:
    """`14.` read where paragraph 4 is due: the Markdown link text `1` lost its link."""
    digits = str(number)
    if len(digits) < 2 or digits[0] != "1" or number <= expected + 1:
        return None
    rest = int(digits[1:])
    return rest if rest == expected else None


_LEAD_IN = re.compile(r"[A-Za-z][A-Za-z ,'/-]{0,40}[.:]\s*(?=\()")


# The number written twice (`¶1. 1. (SBU)`), maybe after a source tag (`¶13. (TF telcon) 13. (SBU)`).
_REPEATED_NUMBER = re.compile(r"(?:\([^()]{1,40}\)[ \t]*)?(\d{1,2})[ \t]?\.[ \t]*(?=\()")


def _mark_after_number(line_text: str, line: int, column: int, number: int = 0) -> tuple[Optional[PortionMark], int, Optional[ParseNote]]:
    repeated = _REPEATED_NUMBER.match(line_text, column)
    if repeated and int(repeated.group(1)) == number and MARK_RE.match(line_text, repeated.end()):
        column = repeated.end()
    match = MARK_RE.match(line_text, column)
    if match is None:  # `¶1. Summary and comment. (C) The ...`, `¶10. Comment: (U) ...`
        lead_in = _LEAD_IN.match(line_text, column)
        if lead_in:
            match = MARK_RE.match(line_text, lead_in.end())
    if match:
        mark = read_mark(match.group(1), line_span(line, match.start(), match.end()))
        if mark is not None:
            return mark, match.end(), None
    loose = _LOOSE_MARK.match(line_text, column)
    if loose is None:
        return None, column, None
    inner = loose.group(1)
    span = Span(line, loose.start() + 1, line, loose.end() + 1)
    if inner.islower() or inner.istitle() and len(inner) == 1:
        mark = read_mark(inner.upper(), span)  # `1. (c)` in case-mangled renderings
        if mark is not None:
            return mark, loose.end(), None
    if _SUSPECT_MARK.fullmatch(inner) and not _ENTIRE_TEXT.match(line_text, column):
        note = ParseNote("portion-mark-unknown", f"cannot read the portion mark '({inner})'", span)
        return None, column, note
    return None, column, None


def _marks_from(index: TextIndex, start_line: int) -> list[tuple[re.Match, int, int]]:
    """Every `MARK_RE` match from line `start_line` on, with its line and 1-based column:
    one scan for the unnumbered paragraphs and the portions."""
    starts = index.starts
    marks = []
    for match in MARK_RE.finditer(index.text, index.offset(start_line)):
        line = bisect_right(starts, match.start())
        marks.append((match, line, match.start() - starts[line - 1] + 1))
    return marks


def _merge_unnumbered(index: TextIndex, start_line: int, paragraphs: list[Paragraph],
                      marks: list[tuple[re.Match, int, int]]) -> list[Paragraph]:
    """Add `(C) text` paragraphs that have no number (after a blank line)."""
    numbered_lines = {p.span.line for p in paragraphs}
    extra = []
    for _, line, column in marks:  # a mark can open an unnumbered paragraph on any line but the first
        if line == 1 or line in numbered_lines or (line > start_line and index.line(line - 1).strip()):
            continue
        line_text = index.line(line)
        column -= 1
        if line_text[:column].strip(" \t") or not _UNNUMBERED_MARK.match(line_text, column):
            continue
        mark_match = MARK_RE.match(line_text, column)
        if not mark_match:
            continue
        mark = read_mark(mark_match.group(1), Span(line, mark_match.start() + 1, line, mark_match.end() + 1))
        if mark is None or len(mark.raw.strip()) == 1 and _is_list_item(index, line):
            continue
        extra.append(Paragraph(None, mark, mark.span, None, "none"))
    if not extra:
        return paragraphs
    return sorted(paragraphs + extra, key=lambda p: p.span.line)


def _count_inner_marks(paragraphs: list[Paragraph], portions: list[PortionMark]) -> None:
    lines = [portion.span.line for portion in portions]
    count = len(portions)
    position = 0
    for paragraph in paragraphs:
        lead = paragraph.marking
        first_line, end_line = paragraph.span.line, paragraph.end_line
        while position < count and lines[position] < first_line:
            position += 1
        scan = position
        while scan < count and lines[scan] <= end_line:
            if portions[scan] is not lead:
                paragraph.inner_marks += 1
            scan += 1


def _set_end_lines(paragraphs: list[Paragraph], last_line: int) -> None:
    for paragraph, following in zip(paragraphs, paragraphs[1:]):
        line, before_following = paragraph.span.line, following.span.line - 1
        paragraph.end_line = before_following if before_following > line else line  # max(), without its call
    if paragraphs:
        paragraphs[-1].end_line = max(paragraphs[-1].span.line, last_line)


def _portions(index: TextIndex, paragraphs: list[Paragraph], marks: list[tuple[re.Match, int, int]]) -> list[PortionMark]:
    """Every portion mark that opens a paragraph, sub-paragraph, list item or bullet."""
    text = index.text
    portions: list[PortionMark] = []
    by_line = {p.marking.span.line: p.marking for p in paragraphs if p.marking is not None}
    for match, line, column in marks:
        if line in by_line and by_line[line].span.column == column:
            portions.append(by_line[line])
            continue
        prefix = text[index.starts[line - 1]:match.start()]
        if not (_PORTION_PREFIX.fullmatch(prefix) or prefix.endswith(" -- ") or prefix.endswith(" - ")):
            continue
        inner = match.group(1).strip()
        if len(inner) == 1 and not prefix.strip() and _is_list_item(index, line):
            continue  # `(C)` as the third item of an (A) (B) (C) list
        mark = read_mark(inner, Span(line, column, line, column + match.end() - match.start()))
        if mark is not None:
            portions.append(mark)
    return portions


def _is_list_item(index: TextIndex, line: int) -> bool:
    """A line-start `(C)` after a `(B)` item or right after a line ending in a colon."""
    for back in range(line - 1, max(0, line - 12), -1):
        stripped = index.line(back).strip()
        if not stripped:
            continue
        if stripped.startswith("(B)") or stripped.startswith("B.") or stripped.endswith(":"):
            return True
        if back < line - 1 and stripped[:1] in "¶\uFFFD":
            return False
    return False


# `... End summary.  2. (C) Following ...`: the next paragraph run onto the line of the one
# before (flattened text), after the end of a sentence, `END SUMMARY` or two spaces (`... FRAMEWORK  2. (SBU)`).
# Only the number due next, with a readable mark, is taken.
_INLINE_NUMBER = re.compile(
    r"(?:(?:(?<=[-.!?\"')\]>])|(?<=SUMMARY)|(?<=Summary)|(?<=COMMENT))[ \t]{1,3}|[ \t]{2,})(?P<num>\d{1,2})[ \t]?\.[ \t]*(?=\()"
)
# Once a paragraph is due and not at a line start, its number may follow anything but a
# digit: `... is very higgh4. (U) POLICE RESPONSE:` (08BUENOSAIRES62).
_DUE_NUMBER = re.compile(r"(?<![\d.])(?P<num>\d{1,2})[ \t]?\.[ \t]*(?=\()")
INLINE_LOOK_BACK = 120  # lines searched above the first paragraph for run-together ones


def add_inline_paragraphs(index: TextIndex, paragraphs: list[Paragraph], portions: list[PortionMark]) -> None:
    """Add the paragraphs that a flattened text runs together on one long line, and a
    paragraph 1 left in the caption block."""
    _paragraph_one_above(index, paragraphs, portions)
    _inline_paragraphs_before(index, paragraphs, portions)
    position = 0
    while position < len(paragraphs):
        paragraph = paragraphs[position]
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        position += 1
        if paragraph.number is None:
            continue
        due = paragraph.number + 1
        if following is not None and following.number == due:
            continue
        text_range = _paragraph_text_range(index, paragraph)
        found = _inline_paragraph(index, paragraph, due, text_range)
        if found is None and (following is None or following.number != due + 1) \
                and not _number_written(index, text_range, due):
            found = _inline_paragraph(index, paragraph, due + 1, text_range)  # paragraph `due` is not in the text: a gap
        if found is None:
            continue
        paragraphs.insert(position, found)
        if found.marking is not None:
            portions.append(found.marking)
    portions.sort(key=_LINE_AND_COLUMN)


_LINE_AND_COLUMN = attrgetter("span.line", "span.column")


# `1) (SBU) SUMMARY.` ... `9) (C) ...` then `¶10. (U)`: paragraphs numbered with a parenthesis (08STATE65820).
_PAREN_NUMBER = re.compile(r"^[ \t]*(?P<num>\d{1,2})\)[ \t]*(?=\()")


def _inline_paragraphs_before(index: TextIndex, paragraphs: list[Paragraph], portions: list[PortionMark]) -> None:
    """`... End Summary.  2. (SBU) Ambassador ...  7. (C) ...` / ` ¶8. (SBU) ...`: paragraphs
    run together above the first one read at a line start (08BUENOSAIRES1305), or numbered
    `1)`, `2)` up to it (08STATE65820)."""
    if not paragraphs or paragraphs[0].number is None or paragraphs[0].number < 2:
        return
    first = paragraphs[0]
    candidates = []
    for line in range(max(1, first.span.line - INLINE_LOOK_BACK), first.span.line):
        text = index.line(line)
        for match in [*_PAREN_NUMBER.finditer(text), *_INLINE_NUMBER.finditer(text)]:
            mark_match = MARK_RE.match(text, match.end())
            mark = read_mark(mark_match.group(1), Span(line, mark_match.start() + 1, line, mark_match.end() + 1)) if mark_match else None
            if mark is not None:
                candidates.append((line, match, mark))
    chain, due = [], first.number - 1
    for line, match, mark in reversed(candidates):
        if due >= 1 and int(match.group("num")) == due:
            chain.insert(0, (line, match, mark))
            due -= 1
    found = []
    for position, (line, match, mark) in enumerate(chain):
        following = chain[position + 1][0] if position + 1 < len(chain) else first.span.line - 1
        number_start = match.start("num")
        found.append(Paragraph(number=int(match.group("num")), marking=mark,
                               span=Span(line, number_start + 1, line, mark.span.end_column),
                               number_span=Span(line, number_start + 1, line, match.end("num") + 2), anchor="plain",
                               end_line=max(line, following)))
    paragraphs[:0] = found
    portions.extend(paragraph.marking for paragraph in found)


# Both start with the number's digits: a literal prefix the regex engine finds fast (a
# leading look-behind would make it try every position); the look-behind is checked after.
@lru_cache(maxsize=256)
def _written_number(number: int) -> re.Pattern:
    return re.compile(rf"{number}\.(?!\d)")


@lru_cache(maxsize=256)
def _any_number(number: int) -> re.Pattern:
    """Everything `_DUE_NUMBER` or `_UNMARKED_DUE` could read as paragraph `number`."""
    return re.compile(rf"{number}[ \t]?\.")


def _found_alone(pattern: re.Pattern, text: str, start: int, end: int, not_before: str) -> bool:
    """A match of `pattern` in text[start:end] whose preceding character is not in `not_before`."""
    for match in pattern.finditer(text, start, end):
        if match.start() == 0 or text[match.start() - 1] not in not_before:
            return True
    return False


def _paragraph_text_range(index: TextIndex, paragraph: Paragraph) -> tuple[int, int]:
    start = index.offset(paragraph.span.line, paragraph.span.end_column)
    last = min(paragraph.end_line, len(index))
    return start, index.offset(last) + len(index.line(last))


def _number_written(index: TextIndex, text_range: tuple[int, int], number: int) -> bool:
    """Whether `number.` appears anywhere in the paragraph's text (read or not)."""
    start, end = text_range
    return _found_alone(_written_number(number), index.text, start, end, "0123456789.$,")


def _inline_paragraph(index: TextIndex, paragraph: Paragraph, due: int, text_range: tuple[int, int]) -> Optional[Paragraph]:
    start, end = text_range
    if not _found_alone(_any_number(due), index.text, start, end, "0123456789."):
        return None  # one scan rules out most paragraphs
    # `_DUE_NUMBER` and `_UNMARKED_DUE` open with a look-behind, slow to search: only the
    # lines where the quick pattern finds the number are searched.
    starts = index.starts
    hits: dict[int, list[int]] = {}  # line -> columns (0-based) where the quick pattern matched
    for match in _any_number(due).finditer(index.text, start, end):
        line = bisect_right(starts, match.start())
        hits.setdefault(line, []).append(match.start() - starts[line - 1])
    lines_with_number = sorted(hits)
    for line in lines_with_number:
        text = index.line(line)
        start = paragraph.span.end_column - 1 if line == paragraph.span.line else 0
        for match in _due_numbers(text, start, hits[line]):
            if int(match.group("num")) != due:
                continue
            mark_match = MARK_RE.match(text, match.end())
            mark = read_mark(mark_match.group(1), Span(line, mark_match.start() + 1, line, mark_match.end() + 1)) if mark_match else None
            if mark is None:
                continue
            number_start = match.start("num")
            found = Paragraph(number=due, marking=mark, span=Span(line, number_start + 1, line, mark.span.end_column),
                              number_span=Span(line, number_start + 1, line, match.end("num") + 2), anchor="plain",
                              end_line=paragraph.end_line)
            paragraph.end_line = line
            return found
    return _unmarked_inline_paragraph(index, paragraph, due, lines_with_number)


def _due_numbers(text: str, start: int, hits: list[int]) -> Iterator[re.Match]:
    """`_DUE_NUMBER.finditer(text, start)`, less matches that cannot read as the number due.

    Its look-behind makes the search slow along a long (flattened) line, so the pattern is
    matched only where the number due can start: at a hit of `_any_number` or one character
    before it (`07.`). Two of its matches cannot overlap, so these are the ones the search
    finds. That holds while every digit is an ASCII one, true in a Latin-1 line (the other
    decimal digits start at U+0660); any other line is searched whole."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        yield from _DUE_NUMBER.finditer(text, start)
        return
    for position in sorted({column + back for column in hits for back in (-1, 0)}):
        if position >= start:
            match = _DUE_NUMBER.match(text, position)
            if match:
                yield match


# An unmarked paragraph run on: `... as of January 1, 2009.  2.  Much of the data ...`
# (09LONDON109), `... the current 15-17. 7. In this new setting` (06SAOPAULO968),
# `... much slower. 6.Other NGOs` (07ADDISABABA3407): a sentence end, the number due, a word.
_UNMARKED_DUE = re.compile(r"(?<=[-.!?\"')])[ \t]+¶?(?P<num>\d{1,2})\.(?:[ \t]{1,3}(?=[A-Z])|(?=[A-Z][a-z]))")


def _unmarked_inline_paragraph(index: TextIndex, paragraph: Paragraph, due: int, lines_with_number: list[int]) -> Optional[Paragraph]:
    for line in lines_with_number:
        text = index.line(line)
        start = paragraph.span.end_column - 1 if line == paragraph.span.line else 0
        for match in _UNMARKED_DUE.finditer(text, start):
            if int(match.group("num")) != due:
                continue
            number_start = match.start("num")
            found = Paragraph(number=due, marking=None, span=Span(line, number_start + 1, line, match.end() + 1),
                              number_span=Span(line, number_start + 1, line, match.end("num") + 2), anchor="plain",
                              end_line=paragraph.end_line)
            paragraph.end_line = line
            return found
    return None


_PARAGRAPH_ONE = re.compile(r"[ \t]*(?:¶|\uFFFD)?[ \t]*1(?:[ \t]?\.(?![\d.])|(?=[ \t]+\((?:TS|S|C|U|SBU)[/)]))[ \t]*(?=\S)")
# `REF: SECSTATE 165115 1. Post grants`, `-------1.(U) Even before`, `001.2 OF 004    1.  (SBU)`
_PARAGRAPH_ONE_INLINE = re.compile(r"(?:(?<=[-.:)])|(?<=\d )|(?<=  ))[ \t]*1[ \t]?\.(?![\d.])[ \t]*(?=\((?:TS|S|C|U|SBU)\b|[A-Z][a-z]|[A-Z]{2})")


def _paragraph_one_above(index: TextIndex, paragraphs: list[Paragraph], portions: list[PortionMark]) -> None:
    """`... for reasons 1.4 (b) and (d).` / `1.KEY POINTS -- (C) On May 18 ...` / blank /
    `2.(C) ...`: paragraph 1 right under the Classified By line, read as part of it (09CAIRO1094),
    or run onto the end of a line above (`REF: SECSTATE 165115 1. Post grants ...`)."""
    if not paragraphs or paragraphs[0].number not in (2, 3):
        return
    first = paragraphs[0].span.line
    for line in range(first - 1, max(0, first - 10), -1):
        text = index.line(line)
        match = _PARAGRAPH_ONE.match(text) or _PARAGRAPH_ONE_INLINE.search(text)
        if match is None:
            continue
        marking, mark_end, _ = _mark_after_number(text, line, match.end(), 1)
        one = Paragraph(number=1, marking=marking, span=Span(line, match.start() + 1, line, (mark_end if marking else match.end()) + 1),
                        number_span=Span(line, len(text) - len(text.lstrip()) + 1, line, match.end() + 1), anchor="plain",
                        end_line=first - 1)
        inner = [mark for mark in _marks_on_line(index, line, match.end()) if marking is None or mark.span.column != marking.span.column]
        one.inner_marks = len(inner)
        paragraphs.insert(0, one)
        portions.extend(([marking] if marking else []) + inner)
        return


def _marks_on_line(index: TextIndex, line: int, start: int) -> list[PortionMark]:
    """Marks that open a bullet on one line (`-- (C) ...`) or follow the number."""
    text = index.line(line)
    marks = []
    for match in MARK_RE.finditer(text, start):
        prefix = text[:match.start()]
        if prefix.endswith((" -- ", " - ", "--", ". ")) or match.start() == start:
            mark = read_mark(match.group(1), Span(line, match.start() + 1, line, match.end() + 1))
            if mark is not None:
                marks.append(mark)
    return marks
