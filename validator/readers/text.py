"""Plain text cables (`.txt` and anything else that is text).

The text is the file's, newlines normalised, so the source map is the identity;
only NUL bytes (dropped, mapped around) and a body that is a raw database row
(`dbdump`) change it. Trailing backslashes kept from a database dump (`SIPDIS \\`)
are dropped when most lines carry one; no other character moves. The 5-line preamble
of the alx/cablegate text dumps (id, title, date, label, origin) is kept in the text
and read as publisher metadata (`external`, source `text-dump`).
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from validator.model import Document, ExternalMetadata, ReaderNote, Span
from validator.readers import dbdump
from validator.readers.html import dump_metadata, dump_note
from validator.readers.rewrite import emit
from validator.readers.sourcemap import LineBuilder, Locator

_NUL = re.compile("\x00")
_CONTINUED = re.compile(r"(?<!\\)\\$", re.M)
_MIN_CONTINUED_LINES = 3
# alx/cablegate text dumps: id, title (or blank), date, publisher's label, origin
_TEXT_DUMP_PREAMBLE = re.compile(
    r"(?P<id>\d{2}[A-Z][A-Z0-9]*\d)[ \t]*\n[^\n]*\n"
    r"(?P<date>[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [+-]\d{4} \d{4})[ \t]*\n"
    r"(?P<label>(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)[^\n]*?)[ \t]*\n"
    r"(?P<origin>[^\n]*?)[ \t]*\n"
)


def _drop(match: re.Match, line_start: int):
    return None


def read_text(text: str, name: str, file_cable_id: Optional[str]) -> Iterator[Document]:
    if dbdump.is_dump(text, 0, len(text)):
        yield from _dump_documents(text, name, file_cable_id)
        return
    notes: list[ReaderNote] = []
    candidates = (text.count("\\\n") + text.endswith("\\")) if "\\" in text else 0  # `in`: one fast scan
    lines = text.count("\n") + 1 if candidates >= _MIN_CONTINUED_LINES else 0
    continued = _CONTINUED.findall(text) if lines and 2 * candidates >= lines else ()
    if len(continued) >= _MIN_CONTINUED_LINES and 2 * len(continued) >= lines:
        text = _CONTINUED.sub("", text)
        notes.append(
            ReaderNote(
                "line-continuations",
                f"{len(continued)} lines end in the backslash of a database dump; "
                "the backslashes are not part of the cable text",
                Span(1, 1, 1, 1),
            )
        )
    external = _dump_preamble(text, notes)
    if "\x00" not in text:
        yield Document(
            path=name,
            text=text,
            form="text",
            file_cable_id=file_cable_id,
            notes=notes,
            external=external,
        )
        return
    builder = LineBuilder()
    emit(builder, text, 0, len(text), line_break="\n", special=_NUL, decode=_drop, triggers="\x00")
    yield Document(
        path=name,
        text=builder.text(),
        form="text",
        source_map=builder.source_map(Locator(text)),
        file_cable_id=file_cable_id,
        notes=notes,
        external=external,
    )


def _dump_preamble(text: str, notes: list[ReaderNote]) -> Optional[ExternalMetadata]:
    """The 5-line preamble of the alx/cablegate text dumps, as publisher metadata."""
    if not text[:1].isdigit():
        return None
    match = _TEXT_DUMP_PREAMBLE.match(text)
    if match is None:
        return None
    external = ExternalMetadata(source="text-dump")
    for group, attribute in (
        ("id", "reference_id"),
        ("date", "created"),
        ("label", "classification"),
        ("origin", "origin"),
    ):
        setattr(external, attribute, match.group(group))
        line = text.count("\n", 0, match.start(group)) + 1
        column = match.start(group) - (text.rfind("\n", 0, match.start(group)) + 1) + 1
        external.spans[attribute] = Span(line, column, line, column + len(match.group(group)))
    notes.append(
        ReaderNote(
            "text-dump-preamble",
            f"the file starts with a text dump's preamble ({match.group('id')}, "
            f"{match.group('label')}, {match.group('origin')}) before the cable itself",
            Span(1, 1, 5, len(match.group("origin")) + 1),
        )
    )
    return external


def _dump_documents(text: str, name: str, file_cable_id: Optional[str]) -> Iterator[Document]:
    locator = Locator(text)
    records = dbdump.find_records(text, 0, len(text), "\n")
    for index, record in enumerate(records):
        builder = LineBuilder()
        fields = record.fields
        if "header" in fields:
            emit(builder, text, *fields["header"], line_break="\n", special=_NUL,
                 decode=_drop, triggers="\x00", strip_continuation=True)
            builder.plain("", fields["header"][1])
        if "content" in fields:
            emit(builder, text, *fields["content"], line_break="\n", special=_NUL,
                 decode=_drop, triggers="\x00", strip_continuation=True)
        refid = text[record.refid[0] : record.refid[1]]
        yield Document(
            path=name if index == 0 else f"{name}#record {index + 1}",
            text=builder.text(),
            form="db-dump",
            source_map=builder.source_map(locator),
            external=dump_metadata(text, record, locator),
            file_cable_id=file_cable_id if index == 0 else None,
            notes=[dump_note(record, index, len(records), refid, locator)],
        )
