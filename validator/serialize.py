"""A parsed cable as JSON-able data, every location in the coordinates of the file.

`document_record(document, cable)` is what `cable-lint inspect --format json` prints
for one document; `schemas/inspect.schema.json` describes it. Reports and audits
may reuse it (or its parts: `location`, `cable_facts`).

Every `location` is `{"line", "column", "end_line", "end_column"}` (1-based, end
column exclusive) in the file as given: spans of the cable text are mapped through
`document.source_map`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from validator.model import (
    Banner,
    Cable,
    ClassifiedBy,
    Document,
    EoLine,
    ExternalMetadata,
    Field,
    Level,
    Paragraph,
    PortionMark,
    Span,
)

SCHEMA_VERSION = "1"
SCHEMA_ID = "https://cable-lint.invalid/schemas/inspect-1.schema.json"

# captions that say where a cable goes or who acts, not how it is controlled
_NOT_CONTROLS = frozenset({"ATTENTION", "PASS", "CORRECTED-COPY"})


def span_dict(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def location(document: Document, span: Optional[Span]) -> Optional[dict[str, int]]:
    """The file location of a span of the document's text."""
    if span is None:
        return None
    return span_dict(document.source_map.span(span))


def _level(level: Optional[Level]) -> Optional[str]:
    return level.label if level is not None else None


def _date(value: Optional[_dt.date]) -> Optional[str]:
    return value.isoformat() if value is not None else None


def _field(document: Document, field: Optional[Field]) -> Optional[dict[str, Any]]:
    if field is None:
        return None
    return {"text": field.text, "location": location(document, field.span)}


def _mark(document: Document, mark: Optional[PortionMark]) -> Optional[dict[str, Any]]:
    if mark is None:
        return None
    return {
        "raw": mark.raw,
        "level": _level(mark.level),
        "controls": sorted(mark.controls),
        "rel_to": list(mark.rel_to),
        "known": mark.known,
        "location": location(document, mark.span),
    }


def controls_of(cable: Cable) -> list[str]:
    """Handling controls: the captions (SIPDIS, NOFORN, EXDIS ...) and banner controls."""
    names = {caption.name for caption in cable.captions if caption.name not in _NOT_CONTROLS}
    for banner in cable.banners:
        names.update(banner.controls)
    return sorted(names)


def _header(document: Document, cable: Cable) -> dict[str, Any]:
    header = cable.header
    record: dict[str, Any] = {
        "form": header.form,
        "transmission_id": _field(document, header.transmission_id),
        "prosign": _field(document, header.prosign),
        "routing": [field.text for field in header.routing],
        "de": None,
        "security": None,
        "dtg": None,
        "fm": _field(document, header.fm),
        "addressees": [
            {
                "role": addressee.role,
                "routing_indicator": addressee.routing_indicator.text
                if addressee.routing_indicator
                else None,
                "address": addressee.address,
                "precedence": addressee.precedence.text if addressee.precedence else None,
                "serial": addressee.serial.text if addressee.serial else None,
                "location": location(document, addressee.span),
            }
            for addressee in header.addressees
        ],
        "location": location(document, header.span),
    }
    if header.de is not None:
        de = header.de
        record["de"] = {
            "routing_indicator": de.routing_indicator.text if de.routing_indicator else None,
            "serial": de.serial.text if de.serial else None,
            "part": de.part.text if de.part else None,
            "julian_day": de.julian_day,
            "time": de.time,
            "location": location(document, de.span),
        }
    if header.security is not None:
        security = header.security
        record["security"] = {
            "prefix": security.prefix,
            "letters": security.letters,
            "level": _level(security.level),
            "efto": security.efto,
            "signals": list(security.signals),
            "location": location(document, security.span),
        }
    if header.dtg is not None:
        dtg = header.dtg
        record["dtg"] = {
            "precedences": list(dtg.precedences),
            "day": dtg.day,
            "hour": dtg.hour,
            "minute": dtg.minute,
            "month": dtg.month,
            "year": dtg.year,
            "signals": list(dtg.signals),
            "valid": dtg.valid,
            "date": _date(dtg.date),
            "location": location(document, dtg.span),
        }
    return record


def _banner(document: Document, banner: Banner) -> dict[str, Any]:
    return {
        "raw": banner.raw,
        "level": _level(banner.level),
        "controls": sorted(banner.controls),
        "style": banner.style,
        "section": banner.section,
        "sections": banner.sections,
        "origin": banner.origin,
        "number": banner.number.text if banner.number else None,
        "repeated": banner.repeated,
        "location": location(document, banner.span),
    }


def _eo(document: Document, eo: Optional[EoLine]) -> Optional[dict[str, Any]]:
    if eo is None:
        return None
    return {
        "raw": eo.raw,
        "label": eo.label,
        "order": eo.order,
        "order_text": eo.order_text,
        "instruction": eo.kind,
        "value": eo.value,
        "value_kind": eo.value_kind,
        "decl_date": _date(eo.decl_date),
        "date_format": eo.date_format,
        "exemptions": list(eo.exemptions),
        "downgrade_to": _level(eo.downgrade_to),
        "classifier": eo.classifier,
        "extra_values": list(eo.extra_values),
        "location": location(document, eo.span),
        "value_location": location(document, eo.value_span),
    }


def _classified_by(document: Document, line: Optional[ClassifiedBy]) -> Optional[dict[str, Any]]:
    if line is None:
        return None
    return {
        "raw": line.raw,
        "label": line.label,
        "derived": line.derived,
        "authority": line.authority,
        "title": line.title,
        "reason_section": line.reason_section,
        "reason_section_raw": line.reason_section_raw,
        "reasons": list(line.reasons),
        "in_paragraph": line.in_paragraph,
        "location": location(document, line.span),
    }


def _paragraph(document: Document, paragraph: Paragraph) -> dict[str, Any]:
    mark = paragraph.marking
    mapped = document.source_map.span(paragraph.span)
    last_line = max(paragraph.end_line, paragraph.span.line)
    return {
        "number": paragraph.number,
        "marking": mark.raw if mark is not None else None,
        "level": _level(mark.level) if mark is not None else None,
        "controls": sorted(mark.controls) if mark is not None else [],
        "entire_text": _level(paragraph.entire_text),
        "anchor": paragraph.anchor,
        "line": mapped.line,
        "column": mapped.column,
        "end_line": document.source_map.position(last_line, 1)[0],
        "mark": _mark(document, mark),
    }


def external_dict(external: Optional[ExternalMetadata]) -> Optional[dict[str, Any]]:
    """Publisher metadata; its spans are already in file coordinates."""
    if external is None:
        return None
    return {
        "source": external.source,
        "reference_id": external.reference_id,
        "created": external.created,
        "released": external.released,
        "classification": external.classification,
        "origin": external.origin,
        "references": list(external.references),
        "locations": {name: span_dict(span) for name, span in external.spans.items()},
    }


def _notes(document: Document, cable: Cable) -> list[dict[str, Any]]:
    notes = [
        {"source": "reader", "code": note.code, "message": note.message, **span_dict(note.span)}
        for note in document.notes
    ]
    notes += [
        {
            "source": "parser",
            "code": note.code,
            "message": note.message,
            **span_dict(document.source_map.span(note.span)),
        }
        for note in cable.notes
    ]
    return notes


def document_record(document: Document, cable: Cable) -> dict[str, Any]:
    """Everything `inspect` knows about one document, as JSON-able data."""
    tags = cable.tags
    return {
        "path": document.path,
        "form": document.form,
        "encoding": document.encoding,
        "file_cable_id": document.file_cable_id,
        "cable_id": cable.cable_id,
        "id": {"origin": cable.id_origin, "number": cable.id_number, "year": cable.id_year},
        "classification": _level(cable.level),
        "controls": controls_of(cable),
        "date": _date(cable.date),
        "origin": cable.id_origin,
        "partial": cable.partial,
        "header": _header(document, cable),
        "banners": [_banner(document, banner) for banner in cable.banners],
        "continuations": [_field(document, field) for field in cable.continuations],
        "captions": [
            {
                "name": caption.name,
                "raw": caption.raw,
                "value": caption.value,
                "location": location(document, caption.span),
            }
            for caption in cable.captions
        ],
        "eo": _eo(document, cable.eo),
        "eo_lines": len(cable.eo_lines),
        "release_stamps": [_field(document, field) for field in cable.release_stamps],
        "classified_by": _classified_by(document, cable.classified_by),
        "tags": [
            {
                "text": tag.text,
                "raw": tag.raw,
                "kind": tag.kind,
                "location": location(document, tag.span),
            }
            for tag in (tags.tags if tags else [])
        ],
        "tags_line": None
        if tags is None
        else {
            "label": tags.label,
            "separator": tags.separator,
            "location": location(document, tags.span),
        },
        "subject": None
        if cable.subject is None
        else {
            "label": cable.subject.label,
            "text": cable.subject.text,
            "marking": _mark(document, cable.subject.marking),
            "location": location(document, cable.subject.span),
        },
        "references": [
            {
                "letter": reference.letter,
                "text": reference.text,
                "location": location(document, reference.span),
            }
            for reference in cable.references
        ],
        "paragraphs": [_paragraph(document, paragraph) for paragraph in cable.paragraphs],
        "signature": _field(document, cable.signature),
        "external": external_dict(document.external),
        "notes": _notes(document, cable),
        "line_count": cable.line_count,
    }


def inspect_output(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The top-level object of `inspect --format json`."""
    return {"schema_version": SCHEMA_VERSION, "$schema": SCHEMA_ID, "documents": records}
