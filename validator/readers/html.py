"""The published cable page: metadata table and `<code><pre>` blocks.

The page holds a table (Reference ID, Created, Released, Classification, Origin),
then the header block and the body block, each a `<code><pre>` whose lines are
joined by the `&#x000A;` entity, with tag links (`<a href='/tag/PHUM_0.html'>PHUM</a>`)
and paragraph anchors (`<a id='par1' href='#par1'>¶</a>1.`). The cable text is the
header block, a blank line and the body block, with tags dropped and entities
decoded; a page with one `<pre>` gives its text alone.

Tags are recognised as a browser does (`<` followed by a letter or `/`), so the
`<<Israel>>` of 08STATE43817 becomes `<>` as on the page and in the corpus text.
"""

from __future__ import annotations

import html
import html.entities
import re
from typing import Iterator, Optional

from validator.model import Document, ExternalMetadata, ReaderNote, Span
from validator.readers import dbdump
from validator.readers.rewrite import NEWLINE, emit
from validator.readers.sourcemap import LineBuilder, Locator

LINE_BREAK = "&#x000A;"
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.S | re.I)
_HEADER_CELL = re.compile(r"<th\b[^>]*>\s*([^<]*?)\s*</th", re.I)
# a value cell: its text, inside the link the site puts around it
_DATA_CELL = re.compile(r"<td\b[^>]*>\s*(?:<a\b[^>]*>\s*)?([^<]*?)\s*<", re.I)
# HTML5 decodes a few legacy entity names without their semicolon (`&reg`, `&not`),
# as browsers (and the corpus text) show them: `&regular8` reads `®ular8`
_LEGACY_ENTITIES = "|".join(
    sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
)
_SPECIAL = re.compile(
    r"</?[A-Za-z][^<>]*>|<!--.*?-->"
    r"|&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|(?:"
    + _LEGACY_ENTITIES
    + r"))|\n|\x00",
    re.S,
)
TRIGGERS = "<&\n\x00"
_LOOKS_LIKE_PAGE = re.compile(r"<(?:pre|table|html|body|code|!doctype)\b", re.I)

TABLE_FIELDS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}


def looks_like_html(text: str) -> bool:
    return "<" in text[:4096] and _LOOKS_LIKE_PAGE.search(text, 0, 4096) is not None


def decode_token(match: re.Match, line_start: int):
    token = match.group()
    first = token[0]
    if first == "<" or first == "\x00":
        return None
    if first == "\n":
        return NEWLINE
    decoded = html.unescape(token)
    if decoded == "\n":
        return NEWLINE
    return decoded.replace("\x00", "")


def emit_fragment(
    builder: LineBuilder, page: str, start: int, end: int, strip_continuation: bool = False
) -> None:
    emit(
        builder,
        page,
        start,
        end,
        line_break=LINE_BREAK,
        special=_SPECIAL,
        decode=decode_token,
        triggers=TRIGGERS,
        strip_continuation=strip_continuation,
    )


def read_metadata(page: str, locator: Locator) -> Optional[ExternalMetadata]:
    """The publisher's metadata table, with the span of each value."""
    table_start = page.find("<table")
    table_end = page.find("</table>", table_start)
    if table_start < 0 or table_end < 0:
        return None
    names = [
        html.unescape(match.group(1)).lower()
        for match in _HEADER_CELL.finditer(page, table_start, table_end)
    ]
    if not names:
        return None
    metadata = ExternalMetadata(source="html")
    cells = _DATA_CELL.finditer(page, table_start, table_end)
    for name, cell in zip(names, cells):
        attribute = TABLE_FIELDS.get(name)
        if attribute is None or not cell.group(1):
            continue
        setattr(metadata, attribute, html.unescape(cell.group(1)))
        metadata.spans[attribute] = _span(locator, cell.start(1), cell.end(1))
    return metadata if metadata.spans else None


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def read_page(page: str, name: str, file_cable_id: Optional[str]) -> Iterator[Document]:
    """The documents of one page: one, or one per database row of a dump page."""
    locator = Locator(page)
    metadata = read_metadata(page, locator)
    pres = _pre_blocks(page)
    if not pres:
        yield _whole_page(page, name, file_cable_id, metadata, locator)
        return
    body = pres[-1]
    header = pres[0] if len(pres) > 1 else None
    if dbdump.is_dump(page, body.start(1), body.end(1)):
        yield from _dump_documents(page, name, file_cable_id, metadata, locator, header, body)
        return
    builder = LineBuilder()
    if header is not None:
        emit_fragment(builder, page, header.start(1), header.end(1))
        builder.plain("", body.start())  # the blank line between the blocks
    emit_fragment(builder, page, body.start(1), body.end(1))
    notes = []
    if len(pres) > 2:
        notes.append(
            ReaderNote(
                "html-extra-pre",
                f"the page has {len(pres)} <pre> blocks; the first is read as the header "
                "and the last as the body",
                _span(locator, pres[1].start(), pres[1].start() + 5),
            )
        )
    yield Document(
        path=name,
        text=builder.text(),
        form="html",
        source_map=builder.source_map(locator),
        external=metadata,
        file_cable_id=file_cable_id,
        notes=notes,
    )


class _Block:
    """A `<pre>` element: like a match, `start(1)`/`end(1)` bound its content."""

    __slots__ = ("_outer", "_inner")

    def __init__(self, outer_start: int, inner_start: int, inner_end: int, outer_end: int):
        self._outer = (outer_start, outer_end)
        self._inner = (inner_start, inner_end)

    def start(self, group: int = 0) -> int:
        return self._inner[0] if group else self._outer[0]

    def end(self, group: int = 0) -> int:
        return self._inner[1] if group else self._outer[1]


def _pre_blocks(page: str) -> list[_Block]:
    """The `<pre>` blocks, found with str.find (a lazy `.*?` regex is 5x slower)."""
    if "<pre" not in page and "<PRE" not in page:
        return []
    if "<PRE" in page:
        return [_Block(m.start(), m.start(1), m.end(1), m.end()) for m in _PRE.finditer(page)]
    blocks = []
    position = 0
    while True:
        opening = page.find("<pre", position)
        if opening < 0:
            return blocks
        position = opening + 4
        if page[position : position + 1] not in (">", " ", "\t", "\n"):
            continue  # <prefix>, not <pre>
        inner = page.find(">", position) + 1 or len(page)
        closing = page.find("</pre>", inner)
        if closing < 0:  # a truncated page: the block runs to its end
            blocks.append(_Block(opening, inner, len(page), len(page)))
            return blocks
        blocks.append(_Block(opening, inner, closing, closing + 6))
        position = closing + 6


def _span(locator: Locator, start: int, end: int) -> Span:
    line, column = locator.position(start)
    end_line, end_column = locator.position(end)
    return Span(line, column, end_line, end_column)


def _whole_page(page, name, file_cable_id, metadata, locator) -> Document:
    builder = LineBuilder()
    emit(builder, page, 0, len(page), line_break="\n", special=_SPECIAL, decode=decode_token,
         triggers=TRIGGERS)
    return Document(
        path=name,
        text=builder.text(),
        form="html",
        source_map=builder.source_map(locator),
        external=metadata,
        file_cable_id=file_cable_id,
        notes=[
            ReaderNote("html-no-pre", "the page has no <pre> block; read with all tags dropped")
        ],
    )


def _dump_documents(page, name, file_cable_id, metadata, locator, header, body):
    records = dbdump.find_records(page, body.start(1), body.end(1), LINE_BREAK)
    for index, record in enumerate(records):
        builder = LineBuilder()
        fields = record.fields
        if "header" in fields:
            emit_fragment(builder, page, *fields["header"], strip_continuation=True)
            builder.plain("", fields["header"][1])
        if "content" in fields:
            emit_fragment(builder, page, *fields["content"], strip_continuation=True)
        refid = page[record.refid[0] : record.refid[1]]
        own = index == 0 and (metadata is None or metadata.reference_id in (None, refid))
        external = metadata if own else dump_metadata(page, record, locator)
        yield Document(
            path=name if index == 0 else f"{name}#record {index + 1}",
            text=builder.text(),
            form="db-dump",
            source_map=builder.source_map(locator),
            external=external,
            file_cable_id=file_cable_id if index == 0 else None,
            notes=[dump_note(record, index, len(records), refid, locator)],
        )


def dump_metadata(source: str, record: dbdump.DumpRecord, locator: Locator) -> ExternalMetadata:
    metadata = ExternalMetadata(source="db-dump")
    ranges = {"reference_id": record.refid, "created": record.created}
    for name in ("origin", "classification", "references"):
        if name in record.fields:
            ranges[name] = record.fields[name]
    for name, (start, end) in ranges.items():
        value = _plain(source[start:end])
        if name == "references":
            metadata.references = tuple(ref for ref in value.split("|") if ref)
        else:
            setattr(metadata, name, value)
        metadata.spans[name] = _span(locator, start, end)
    return metadata


def dump_note(record, index, count, refid, locator) -> ReaderNote:
    where = f"record {index + 1} of {count}" if count > 1 else "a database row"
    extra = (
        f"; {record.extra_columns} repeated column(s) ignored" if record.extra_columns else ""
    )
    return ReaderNote(
        "db-dump",
        f"the body is a raw tab-separated database row ({where}, {refid}); read its "
        f"header and content fields with the line-continuation backslashes dropped{extra}",
        _span(locator, record.start, record.refid[1]),
    )
