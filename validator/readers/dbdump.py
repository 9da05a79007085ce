"""Raw database rows in place of a cable body (a WikiLeaks page bug).

About 60 published pages show, instead of the cable body, the tab-separated database
row the page was made from: `[row id TAB] date TAB reference id TAB origin TAB
classification TAB references TAB header TAB content`, with a backslash before every
line break inside a field. Some rows repeat the id or date columns, some repeat the
whole row, and two pages carry a second cable's row after the first (07BERN881 carries
07TBILISI2290, 09BERN279 carries 09COTONOU278).

`find_records` locates the rows of such a body and the stretch of each field;
the readers then emit `header, blank line, content` with the continuation
backslashes dropped (which moves no other character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_DATE = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
_ID = r"\d{2}[A-Z][A-Z0-9]*\d"
# a row starts with a numeric row id and a date, in any order and some repeated
# (08BERN443, 09BERN260), then the reference id
_RECORD = (
    r"(?P<lead>(?:\d{1,9}\t){0,2}" + _DATE + r"\t(?:(?:\d{1,9}|" + _DATE + r")\t){0,3})"
    r"(?P<refid>" + _ID + r")\t"
)
_RECORD_AT_START = re.compile(_RECORD)
_LEAD_DATE = re.compile(_DATE)
_LEAD_ROW_ID = re.compile(r"(?:^|\t)(\d{1,9})\t")
# a new row follows a line break that has no continuation backslash before it
_RECORD_AFTER = {
    "\n": re.compile(r"(?<=\n)(?<!\\\n)" + _RECORD),
    "&#x000A;": re.compile(r"(?<=&#x000A;)(?<!\\&#x000A;)" + _RECORD),
}

FIELDS = ("origin", "classification", "references", "header", "content")


@dataclass
class DumpRecord:
    """One database row: file offsets of each field's value."""

    start: int
    end: int
    rowid: Optional[tuple[int, int]]
    created: tuple[int, int]  # the first date column
    refid: tuple[int, int]
    fields: dict[str, tuple[int, int]]  # FIELDS that are present
    extra_columns: int  # columns beyond the eight expected (repeated data)


def is_dump(source: str, start: int, end: int) -> bool:
    """Whether `source[start:end]` begins with a database row."""
    match = _RECORD_AT_START.match(source, start, end)
    return match is not None and "\t" in source[match.end() : min(end, match.end() + 4000)]


def find_records(source: str, start: int, end: int, line_break: str) -> list[DumpRecord]:
    starts = [start] if _RECORD_AT_START.match(source, start, end) else []
    starts += [
        m.start()
        for m in _RECORD_AFTER[line_break].finditer(source, start, end)
        if m.start() > start
    ]
    records = []
    for index, record_start in enumerate(starts):
        if index + 1 < len(starts):
            record_end = starts[index + 1] - len(line_break)
        else:
            record_end = end
        records.append(_record(source, record_start, record_end))
    return records


def _record(source: str, start: int, end: int) -> DumpRecord:
    match = _RECORD_AT_START.match(source, start, end)
    assert match is not None
    lead = match.group("lead")
    row_id = _LEAD_ROW_ID.search(lead)
    rowid = (start + row_id.start(1), start + row_id.end(1)) if row_id else None
    date = _LEAD_DATE.search(lead)
    created = (start + date.start(), start + date.end())
    refid = match.span("refid")
    fields: dict[str, tuple[int, int]] = {}
    position = match.end()
    columns = 0
    while position <= end:
        tab = source.find("\t", position, end)
        field_end = end if tab < 0 else tab
        if columns < len(FIELDS):
            fields[FIELDS[columns]] = (position, field_end)
        columns += 1
        if tab < 0:
            break
        position = tab + 1
    # a content field with tabs inside would be cut; rows that repeat the whole row
    # (09BERN260) have exactly twice the columns, so only the first copy is used
    return DumpRecord(start, end, rowid, created, refid, fields, max(0, columns - len(FIELDS)))
