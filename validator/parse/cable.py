"""The parser's driver: text -> `Cable`, in one pass over the regions of a cable.

Regions: the transmission header (everything before the banner), the banner, the
caption block (captions, E.O., TAGS, SUBJECT, REF, Classified By), then the numbered
paragraphs. The parser never raises; what it cannot read becomes a `ParseNote`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from validator.model import NOWHERE, Banner, Cable, Document, Field, Paragraph, ParseNote, Span
from validator.parse import banner as banners
from validator.parse import classified_by as cby
from validator.parse.block import PARAGRAPH_START, BlockReader, is_paragraph_start, starts_with_mark
from validator.parse.header import four_digit_year, parse_header
from validator.parse.paragraphs import add_inline_paragraphs, parse_paragraphs
from validator.parse.portion import mark_at
from validator.parse.text import TextIndex, line_span

BANNER_SEARCH_LINES = 150
CAPTION_BLOCK_LINES = 80
_BLOCK_LABEL = re.compile(r"\s*(?:E\.?\s?O\.?\s*\d|TAGS|SUBJECT|SUBJ:)", re.IGNORECASE)
_CABLE_ID = re.compile(r"(\d{2})([A-Z][A-Z0-9]*?[A-Z])(\d{1,7})$")
_STAMP_LINE = re.compile(r"Declassified/Released US Department of State|DECLASSIFIED BY NARA", re.IGNORECASE)
_SIGNATURE = re.compile(r"[ \t]*([A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]+){0,3})[ \t]*$")


def parse_text(text: str) -> Cable:
    """Parse a cable's text. Never raises."""
    notes: list[ParseNote] = []
    try:
        cable = _parse(text, notes)
    except Exception as error:  # a parser bug must not stop an archive audit
        cable = Cable(line_count=text.count("\n") + 1)
        notes.append(ParseNote("parser-error", f"the parser failed on this text ({type(error).__name__}: {error})", NOWHERE))
    cable.notes = notes
    return cable


def parse_document(document: Document) -> Cable:
    cable = parse_text(document.text)
    external = document.external
    chosen = (external.reference_id if external and external.reference_id else None) or document.file_cable_id
    if chosen:
        set_cable_id(cable, chosen)
    elif cable.cable_id is None:
        _id_from_banner(cable)
    if external and external.created and cable.fallback_date is None:
        cable.fallback_date = _created_date(external.created)
    return cable


def _parse(text: str, notes: list[ParseNote]) -> Cable:
    index = TextIndex(text)
    lines = index.lines
    found = banners.find_banner(lines, BANNER_SEARCH_LINES)
    if found is not None:
        banner_index, first_banner = found
        header_stop = banner_index
        block_start = banner_index + 1
    else:
        header_stop = _header_stop_without_banner(lines)
        block_start = header_stop
    header = parse_header(lines, header_stop, notes)
    cable = Cable(header=header, partial=header.form == "partial", line_count=len(lines))
    if found is not None:
        cable.banners.append(first_banner)
    block_stop = _first_paragraph(lines, block_start)
    block_lines = lines
    if found is not None:  # elements collapsed onto the banner line: read what follows it
        block_lines = list(lines)
        after = first_banner.span.end_column - 1
        block_lines[banner_index] = " " * after + lines[banner_index][after:]
        block_start = banner_index
    BlockReader(block_lines, cable, notes).read(block_start, block_stop)
    block_start = header_stop + 1 if found is not None else block_start
    cable.paragraphs, cable.portions, banner_lines = parse_paragraphs(index, _body_start(index, block_stop) + 1, notes,
                                                                      banners_from=block_start + 1)
    if cable.classified_by is None:
        _classified_by_in_first_paragraph(lines, cable, block_stop, notes)
    if cable.classified_by is None:
        _classified_by_unlabelled(lines, cable, block_start, block_stop, notes)
    _glued_first_paragraph(index, cable)
    add_inline_paragraphs(index, cable.paragraphs, cable.portions)
    _cable_dated(index, cable)
    _body_banners(index, banner_lines, cable)
    cable.continuations = banners.continuation_lines(index, block_start)
    _release_stamps(index, cable)
    cable.signature = _signature(lines)
    _notes_on_structure(cable, index, notes)
    _id_from_banner(cable)
    return cable


_FULL_RECORD = "----------------- header ends ----------------"


def _body_start(text_index: TextIndex, block_stop: int) -> int:
    """Where the paragraphs start. Some pages give a cut preview of the cable, then the
    full record (`id:`, `refid:`, `header:` ... `header ends` and the whole cable again):
    the paragraphs are read from the full record only."""
    if _FULL_RECORD not in text_index.text:  # one scan instead of a strip per line
        return block_stop
    lines = text_index.lines
    for index in range(block_stop, min(len(lines), block_stop + BANNER_SEARCH_LINES)):
        if lines[index].strip() == _FULL_RECORD:
            return _first_paragraph(lines, index + 1)
    return block_stop


def _header_stop_without_banner(lines: list[str]) -> int:
    for index in range(min(len(lines), BANNER_SEARCH_LINES)):
        if _BLOCK_LABEL.match(lines[index]) or is_paragraph_start(lines[index]):
            return index
    return min(len(lines), BANNER_SEARCH_LINES)


def _first_paragraph(lines: list[str], start: int) -> int:
    """Index of the first numbered/marked paragraph after the caption block."""
    stop = min(len(lines), start + CAPTION_BLOCK_LINES)
    paragraph_start = PARAGRAPH_START.match
    for index in range(start, stop):
        text = lines[index]
        if paragraph_start(text) and (
            index == start or not lines[index - 1].strip() or text.lstrip()[:1] in "¶\uFFFD" or starts_with_mark(text)
        ):
            return index
    return stop


def _classified_by_in_first_paragraph(lines: list[str], cable: Cable, start: int, notes: list[ParseNote]) -> None:
    """1990s cables put `1. (U) CLASSIFIED BY ...` inside paragraph 1; others write it on a
    marked line before paragraph 1 (`(U) Classified by: ...`) or open paragraph 2 with it."""
    if not cable.paragraphs:
        return
    first = cable.paragraphs[0]
    places = [(index, first.span.line - 1, None) for index in range(start, min(first.span.line - 1, start + 10))]
    places += [(index, first.end_line, first.number)
               for index in range(first.span.line - 1, min(first.end_line, first.span.line + 4))]
    if len(cable.paragraphs) > 1:
        second = cable.paragraphs[1]
        places += [(index, second.end_line, second.number)
                   for index in range(second.span.line - 1, min(second.end_line, second.span.line + 1))]
    for index, stop, number in places:
        text = lines[index][:300]
        match = cby.LABEL_RE.search(text) if cby.may_hold_label(text) else None
        if match and match.group(0)[:1].isupper() and (number == first.number or match.start() <= 20):
            cable.classified_by = cby.parse_classified_by(lines, index, match, stop, notes)
            cable.classified_by.in_paragraph = number
            return


# `BY: Gene A. Cretz, Ambassador, ... REASON: 1.4 (b), (d)` or the same without any label
# (Tripoli's template, 09TRIPOLI874, 08TRIPOLI526): the Classified By line with its label lost.
_UNLABELLED_CLASSIFIED_BY = re.compile(
    r"\s*(?:BY\s*:\s*)?()()(?=[A-Z][^:]{3,160}?\bREASONS?\s*:\s*1\s*\.\s*[45]\s*\(\s*[a-hA-H]\s*\))"
)


def _classified_by_unlabelled(lines: list[str], cable: Cable, start: int, stop: int, notes: list[ParseNote]) -> None:
    for index in range(start, min(stop, len(lines))):
        # the pattern's look-ahead tries every length up to 160 characters: check its word first
        match = _UNLABELLED_CLASSIFIED_BY.match(lines[index]) if "REASON" in lines[index] else None
        if match:
            cable.classified_by = cby.parse_classified_by(lines, index, match, index + 1, notes)
            return


_GLUED_PARAGRAPH = re.compile(r"(?<=\s)1\s?\.\s*(?=\((?:TS|S|C|U|SBU)\b)")
_CABLE_DATED = re.compile(r"Cable dated:\s*(\d{4}-\d{2}-\d{2})")


def _glued_first_paragraph(index: TextIndex, cable: Cable) -> None:
    """`... REASON: 1.4 (b), (d) 1. (C/NF) Summary`: paragraph 1 run onto the line before it."""
    if cable.paragraphs and cable.paragraphs[0].number == 1:
        return
    for element in (cable.classified_by, cable.subject):
        if element is None:
            continue
        line = element.span.end_line
        text = index.line(line)
        match = _GLUED_PARAGRAPH.search(text)
        mark = mark_at(text, line, match.end()) if match else None
        if mark is None:
            continue
        following = cable.paragraphs[0].span.line - 1 if cable.paragraphs else len(index)
        cable.paragraphs.insert(0, Paragraph(
            number=1, marking=mark, span=Span(line, match.start() + 1, line, mark.span.end_column),
            number_span=Span(line, match.start() + 1, line, match.start() + 3), anchor="plain",
            end_line=max(line, following)))
        cable.portions.insert(0, mark)
        return


def _cable_dated(index: TextIndex, cable: Cable) -> None:
    """Partial extracts of the press pages start `Cable dated:2006-01-30T13:38:00`."""
    if index.text.find("Cable dated:", 0, 2000) < 0:  # `in text[:2000]` without copying the slice
        return
    match = _CABLE_DATED.search(index.text, 0, 2000)
    if match is None:
        return
    cable.fallback_date = _created_date(match.group(1))
    if cable.fallback_date is None:
        return
    if cable.header.form in ("none", "other") and cable.header.dtg is None:
        cable.header.form = "partial"
        cable.partial = True


def _body_banners(index: TextIndex, lines: list[int], cable: Cable) -> None:
    """Repeated page/section banners further down the text, on `lines` (1-based: those
    the paragraph scan found opening as a banner may)."""
    first = cable.banner
    for line in lines:
        if first is not None and line == first.span.line:
            continue
        text = index.line(line)
        if len(text) > 200:
            continue
        banner = banners.read_banner(text, line, require_number=True)
        if banner is not None and banner.number is not None:
            banner.repeated = True
            cable.banners.append(banner)


def _release_stamps(index: TextIndex, cable: Cable) -> None:
    if "eclassified" not in index.text and "ECLASSIFIED" not in index.text:
        return
    for match in _STAMP_LINE.finditer(index.text):
        number, column = index.position(match.start())
        if not any(s.span.line == number for s in cable.release_stamps):
            text = index.line(number)
            cable.release_stamps.append(Field(text.strip(), line_span(number, column - 1, len(text.rstrip()))))


def _signature(lines: list[str]) -> Optional[Field]:
    for number in range(len(lines), max(0, len(lines) - 4), -1):
        text = lines[number - 1]
        if not text.strip():
            continue
        match = _SIGNATURE.fullmatch(text)
        if match and len(text.strip()) <= 40:
            return Field(match.group(1), line_span(number, match.start(1), match.end(1)))
        return None
    return None


def _notes_on_structure(cable: Cable, index: TextIndex, notes: list[ParseNote]) -> None:
    banner = cable.banner
    if banner is None:
        if not cable.partial:
            notes.append(ParseNote("banner-missing", "no classification banner found", Span(1, 1, 1, 1)))
    elif banner.style == "garbled":
        notes.append(ParseNote("banner-garbled", f"the banner '{banner.raw[:40]}' is garbled", banner.level_span))
    if cable.header.form == "other":
        span = cable.header.span or Span(1, 1, 1, 1)
        notes.append(ParseNote("header-nonstandard", "the transmission header is not in ACP-127 or ACP-126 form", span))
    offset = index.text.find("\uFFFD")
    if offset >= 0:
        notes.append(ParseNote("replacement-character",
                               "the text holds U+FFFD replacement characters (encoding damage)",
                               index.span(offset, offset + 1)))


def set_cable_id(cable: Cable, cable_id: str) -> None:
    cable.cable_id = cable_id
    match = _CABLE_ID.match(cable_id)
    if match:
        cable.id_year = four_digit_year(match.group(1))
        cable.id_origin = match.group(2)
        cable.id_number = int(match.group(3))


def _id_from_banner(cable: Cable) -> None:
    """No id from the file or publisher: build one from the banner and the DTG year."""
    if cable.cable_id is not None:
        return
    banner = cable.banner
    if banner is None or banner.origin is None or banner.number is None:
        return
    date = cable.date
    if date is None:
        return
    origin = _NOT_A_LETTER.sub("", banner.origin.upper())
    if origin:
        set_cable_id(cable, f"{date.year % 100:02d}{origin}{int(banner.number.text)}")


_NOT_A_LETTER = re.compile(r"[^A-Z]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _created_date(created: str) -> Optional[dt.date]:
    """`2009-12-30 14:02` (HTML page) or `12/28/1966 18:48` (cables.csv) as a date."""
    text = created.strip()
    match = _ISO_DATE.match(text)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _US_DATE.match(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    return None
