"""The `cables.csv` export: one document per row, streamed.

The export has eight columns, comma-delimited, `"`-quoted, with MySQL-style backslash
escapes (`\\"`, `\\'`, `\\\\`, `\\n`, `\\t`, `\\0`, a backslash before a line break) and
real line breaks inside the header and content fields:

    "1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED",
    "66STATE106206","P R 281848Z DEC 66\\nFM ...","UNCLASSIFIED BUENOS AIRES 2481 ..."

Columns: row id, creation date (`M/D/YYYY H:MM`), reference id, origin,
classification, references (`|`-separated), header, content. A first row naming the
columns (`id,date,...`) is skipped.

The file is read in chunks and each row is handed on as soon as it is complete, so a
2 GB export needs memory for one row, not for the file. Each row gives a `Document`:

* `path` is `<file>#row N`, N counting the data rows from 1 (the row id column may
  differ; it is in `external.spans` as the row's location);
* `text` is the header field, a blank line and the content field, escapes decoded;
* `source_map` maps every text line to the physical line of the CSV file (the row's
  first line plus the line inside the field) and every column to the column in that
  line, escapes included;
* `external` holds the row's metadata (source `cables.csv`) with the span of each value.

A row that cannot be split into fields (an unclosed quote, text after a closing
quote, fewer than eight columns) does not stop the stream: the reader skips to the
next line that starts a row (`"<digits>","`), and yields the skipped stretch as a
`Document` whose text is the raw stretch and whose notes hold `csv-row-malformed`
with the reason. A row with more than eight columns is read from its first eight,
with the same note. A row whose bytes are not UTF-8 is decoded as cp1252 (else
latin-1) with an `encoding-fallback` note. Only an I/O error stops the stream
(`ReadError`, after the rows already yielded).
"""

from __future__ import annotations

import codecs
import re
from typing import Iterable, Iterator

from validator.model import Document, ExternalMetadata, ReaderNote, Span
from validator.readers.decode import decode_fallback
from validator.readers.rewrite import NEWLINE, emit
from validator.readers.sourcemap import LineBuilder, Locator

COLUMNS = ("id", "date", "refid", "origin", "classification", "references", "header", "content")
MAX_ROW_CHARS = 32 << 20  # a stretch this long without a row end is malformed
_TRIM_AT = 1 << 20

_QUOTED = re.compile(r'"([^"\\]*(?:(?:\\.|"")[^"\\]*)*)"', re.S)
_BARE = re.compile(r'[^,"\n]*')
_NEXT_ROW = re.compile(r'\n(?="?\d+"?,")')
_ESCAPE = re.compile(r'\\(.)|""|\x00', re.S)
_SIMPLE_ESCAPE = re.compile(r"\\([\"'\\\\])")
_NOT_SIMPLE = re.compile(r"\\[^\"'\\\\]|\\$|\"\"|\x00")
_FIELD_ESCAPE = re.compile(r'\\(.)|""', re.S)
_SURROGATE = re.compile("[\udc80-\udcff]")
_SNIFF = re.compile(
    r'\ufeff?(?:"?\d+"?,"?\d{1,2}/\d{1,2}/\d{4}[ \d:]*"?,|"?id"?,"?date"?,"?refid"?,)'
)
_ESCAPES = {"n": NEWLINE, "t": "\t", "r": None, "0": None, "Z": None, "b": None, "N": None}


def looks_like_csv(text: str) -> bool:
    return _SNIFF.match(text) is not None


def _decode_escape(match: re.Match, line_start: int):
    token = match.group()
    if token == '""':
        return '"'
    if token == "\x00":
        return None
    char = match.group(1)
    if char in _ESCAPES:
        return _ESCAPES[char]
    return char


def _unescape(value: str) -> str:
    def replace(match: re.Match) -> str:
        if match.group() == '""':
            return '"'
        char = match.group(1)
        out = _ESCAPES.get(char, char)
        if out is NEWLINE:
            return "\n"
        return out or ""

    if value == "\\N":
        return ""
    return _FIELD_ESCAPE.sub(replace, value) if ("\\" in value or '""' in value) else value


class _NeedMore(Exception):
    pass


class _Malformed(Exception):
    pass


def _parse_row(buffer: str, pos: int, eof: bool) -> tuple[list[tuple[int, int]], int]:
    """Fields (start, end) of the row at `pos` and the offset after it."""
    fields: list[tuple[int, int]] = []
    size = len(buffer)
    while True:
        if pos < size and buffer[pos] == '"':
            match = _QUOTED.match(buffer, pos)
            if match is None:
                if not eof:
                    raise _NeedMore
                raise _Malformed(f"the quote that opens column {len(fields) + 1} is never closed")
            fields.append(match.span(1))
        else:
            match = _BARE.match(buffer, pos)
            fields.append(match.span())
        pos = match.end()
        if pos >= size:
            if not eof:
                raise _NeedMore
            return fields, pos
        char = buffer[pos]
        if char == ",":
            pos += 1
        elif char == "\n":
            return fields, pos + 1
        else:
            raise _Malformed(f"unexpected {char!r} after column {len(fields)}")


def _text_chunks(chunks: Iterable[bytes], notes: list[ReaderNote]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    first = True
    pending_cr = False
    for chunk in chunks:
        if first:
            first = False
            if chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[3:]
                notes.append(ReaderNote("bom", "the file starts with a UTF-8 byte order mark"))
        text = decoder.decode(chunk)
        if pending_cr:
            text = "\r" + text
        pending_cr = text.endswith("\r")
        if pending_cr:
            text = text[:-1]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            yield text
    tail = decoder.decode(b"", final=True) + ("\n" if pending_cr else "")
    if tail:
        yield tail


def read_csv(chunks: Iterable[bytes], name: str) -> Iterator[Document]:
    """Documents of a cables.csv given as an iterable of byte chunks."""
    file_notes: list[ReaderNote] = []
    texts = _text_chunks(chunks, file_notes)
    buffer = ""
    pos = 0
    line = 1
    eof = False
    ordinal = 0
    header_checked = False

    def fill() -> bool:
        nonlocal buffer, pos, eof
        for text in texts:
            if pos > _TRIM_AT:
                buffer, pos = buffer[pos:], 0
            buffer += text
            return True
        eof = True
        return False

    fill()
    while True:
        while pos < len(buffer) and buffer[pos] == "\n":  # blank lines between rows
            pos += 1
            line += 1
        if pos >= len(buffer):
            if eof or not fill():
                return
            continue
        reason = None
        try:
            fields, end = _parse_row(buffer, pos, eof)
        except _NeedMore:
            if len(buffer) - pos <= MAX_ROW_CHARS:
                fill()
                continue
            reason = f"no end of row within {MAX_ROW_CHARS >> 20} M characters"
        except _Malformed as error:
            reason = str(error)
        if reason is not None:
            resync = _NEXT_ROW.search(buffer, pos + 1)
            if resync is None and not eof and len(buffer) - pos <= MAX_ROW_CHARS:
                fill()
                continue
            stop = resync.start() + 1 if resync else len(buffer)
            ordinal += 1
            document = _malformed_document(buffer[pos:stop], reason, line, name, ordinal)
            line += buffer.count("\n", pos, stop)
            pos = stop
            document.notes[:0] = _take(file_notes)
            yield document
            continue
        row = buffer[pos:end]
        row_line = line
        line += buffer.count("\n", pos, end)
        row_start = pos
        pos = end
        if not header_checked:
            header_checked = True
            if buffer[fields[0][0] : fields[0][1]].strip().lower() == "id":
                continue
        ordinal += 1
        document = _row_document(row, [(a - row_start, b - row_start) for a, b in fields],
                                 row_line, name, ordinal)
        document.notes[:0] = _take(file_notes)
        yield document


def _take(notes: list[ReaderNote]) -> list[ReaderNote]:
    taken = list(notes)
    notes.clear()
    return taken


def _row_document(
    row: str, fields: list[tuple[int, int]], row_line: int, name: str, ordinal: int
) -> Document:
    notes: list[ReaderNote] = []
    encoding = "utf-8"
    if _SURROGATE.search(row):
        raw = row.encode("utf-8", errors="surrogateescape")
        row, encoding = decode_fallback(raw)
        notes.append(
            ReaderNote(
                "encoding-fallback",
                f"row {ordinal} is not valid UTF-8; read as {encoding}",
                Span(row_line, 1, row_line, 1),
            )
        )
        try:
            fields, _ = _parse_row(row, 0, True)
        except _Malformed as error:
            return _malformed_document(row, str(error), row_line, name, ordinal)
    locator = Locator(row, row_line)
    if len(fields) < len(COLUMNS):
        return _malformed_document(
            row, f"{len(fields)} columns, expected {len(COLUMNS)}", row_line, name, ordinal
        )
    if len(fields) > len(COLUMNS):
        start = fields[len(COLUMNS)][0]
        line, column = locator.position(start)
        notes.append(
            ReaderNote(
                "csv-row-malformed",
                f"row {ordinal} has {len(fields)} columns, expected {len(COLUMNS)}; "
                "the columns after the eighth are ignored",
                Span(line, column, line, column + 1),
            )
        )
    builder = LineBuilder()
    _emit_field(builder, row, fields[6])
    builder.plain("", fields[7][0])
    _emit_field(builder, row, fields[7])
    if "\x00" in row:
        notes.append(ReaderNote("nul-bytes", f"NUL bytes removed from row {ordinal}"))
    return Document(
        path=f"{name}#row {ordinal}",
        text=builder.text(),
        form="cables.csv",
        source_map=builder.source_map(locator),
        external=_metadata(row, fields, locator),
        notes=notes,
        encoding=encoding,
    )


def _quote_escapes_only(builder: LineBuilder, raw: str, offset: int) -> bool:
    """A line whose only escapes are \\" \\' \\\\ (most escaped lines): one regex pass."""
    if _NOT_SIMPLE.search(raw) is not None:
        return False
    anchors = []
    for index, match in enumerate(_SIMPLE_ESCAPE.finditer(raw)):
        column = match.start() - index
        anchors.append((column, offset + match.start(), 2))
        anchors.append((column + 1, offset + match.end(), 0))
    if "\x01" in raw:
        text = _SIMPLE_ESCAPE.sub(lambda match: match.group(1), raw)
    else:  # str.replace is much faster than a regex substitution
        text = (raw.replace("\\\\", "\x01").replace('\\"', '"').replace("\\'", "'")
                .replace("\x01", "\\"))
    builder.anchored(text, offset, anchors)
    return True


def _emit_field(builder: LineBuilder, row: str, span: tuple[int, int]) -> None:
    emit(
        builder,
        row,
        span[0],
        span[1],
        line_break="\n",
        special=_ESCAPE,
        decode=_decode_escape,
        triggers='\\"\x00',
        strip_continuation=True,
        fast_line=_quote_escapes_only,
    )


def _metadata(row: str, fields: list[tuple[int, int]], locator: Locator) -> ExternalMetadata:
    metadata = ExternalMetadata(source="cables.csv")
    names = {1: "created", 2: "reference_id", 3: "origin", 4: "classification", 5: "references"}
    for index, attribute in names.items():
        start, end = fields[index]
        value = _unescape(row[start:end])
        if attribute == "references":
            metadata.references = tuple(ref for ref in value.split("|") if ref)
        else:
            setattr(metadata, attribute, value)
        line, column = locator.position(start)
        end_line, end_column = locator.position(end)
        metadata.spans[attribute] = Span(line, column, end_line, end_column)
    start, end = fields[0]
    line, column = locator.position(start)
    metadata.spans["row"] = Span(line, column, *locator.position(end))
    return metadata


def _malformed_document(stretch: str, reason: str, line: int, name: str, ordinal: int) -> Document:
    builder = LineBuilder()
    emit(builder, stretch, 0, len(stretch.rstrip("\n")), line_break="\n", special=_NUL,
         decode=lambda match, start: None, triggers="\x00")
    return Document(
        path=f"{name}#row {ordinal}",
        text=builder.text(),
        form="cables.csv",
        source_map=builder.source_map(Locator(stretch, line)),
        notes=[
            ReaderNote(
                "csv-row-malformed",
                f"row {ordinal} cannot be split into the {len(COLUMNS)} columns of "
                f"cables.csv ({reason}); its raw text is checked as it stands",
                Span(line, 1, line, 1),
            )
        ],
    )


_NUL = re.compile("\x00")

