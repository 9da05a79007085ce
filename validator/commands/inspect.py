"""Print the parsed metadata of cables (what cable-lint reads, and where).

`cable-lint inspect PATH... [--format text|json]`: for every document of every path
(a folder is walked; a cables.csv gives one document per row) the classification,
controls, date, origin, E.O. line, classification authority, TAGS, subject,
paragraph markings and the publisher's metadata, each with its line and column in
the file as given. `json` prints `{"schema_version", "documents": [...]}` as
described by `schemas/inspect.schema.json`.

A file that cannot be read is reported on stderr with its path and the reason; the
other files are still inspected and the exit code is 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Iterator, Optional

from validator.model import Document
from validator.parse import parse_document
from validator.readers import ReadError, read_path
from validator.report.jsontext import dumps_indented
from validator.serialize import document_record, inspect_output

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="cable files or folders ('-' for stdin)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a table per document (default); json: one JSON object",
    )


def expand(paths: list[str]) -> Iterator[str]:
    """Files in the order given; folders walked in sorted order, hidden entries skipped."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        else:
            yield path


def inspect_paths(paths: list[str], errors: list[ReadError]) -> Iterator[tuple[Document, dict]]:
    """(document, record) for every readable document; unreadable files go to `errors`."""
    for path in expand(paths):
        try:
            for document in read_path(path):
                yield document, document_record(document, parse_document(document))
        except ReadError as error:
            errors.append(error)
            print(f"cable-lint: {error.path}: cannot read: {error.reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    errors: list[ReadError] = []
    if args.format == "json":
        write_json(inspect_paths(args.paths, errors), sys.stdout)
    else:
        from rich.console import Console

        console = Console(highlight=False)
        for _, record in inspect_paths(args.paths, errors):
            console.print(render_table(record))
    return EXIT_ERROR if errors else EXIT_OK


def write_json(pairs: Iterator[tuple[Document, dict]], out) -> None:
    """`{"schema_version", "$schema", "documents": [...]}`, one record at a time, so a
    cables.csv of 250,000 rows is never held in memory."""
    head = json.dumps(inspect_output([]), indent=2, ensure_ascii=False)
    opening, closing = head.rsplit("[]", 1)
    out.write(opening + "[")
    count = 0
    for _, record in pairs:
        out.write(("," if count else "") + "\n    " + dumps_indented(record, 2))
        count += 1
    out.write(("\n  ]" if count else "]") + closing + "\n")


# ----------------------------------------------------------------------- text


def _at(location: Optional[dict[str, int]]) -> str:
    if not location:
        return ""
    return f"{location['line']}:{location['column']}"


Row = tuple[str, str, str]  # field, value, line:col


def _rows(record: dict[str, Any]) -> Iterator[Row]:
    yield from _identity_rows(record)
    yield from _header_rows(record["header"])
    yield from _marking_rows(record)
    yield from _body_rows(record)
    external = record["external"]
    if external:
        keys = ("reference_id", "classification", "created", "origin")
        values = " | ".join(external[key] for key in keys if external.get(key))
        yield f"publisher ({external['source']})", values, ""
    for note in record["notes"]:
        yield f"note: {note['code']}", note["message"], f"{note['line']}:{note['column']}"


def _identity_rows(record: dict[str, Any]) -> Iterator[Row]:
    header = record["header"]
    yield "form", f"{record['form']} ({record['encoding']})", ""
    yield "cable id", _or_dash(record["cable_id"]), ""
    if record["file_cable_id"] and record["file_cable_id"] != record["cable_id"]:
        yield "file name id", record["file_cable_id"], ""
    banner = record["banners"][0] if record["banners"] else None
    yield "classification", _or_dash(record["classification"]), _at(banner and banner["location"])
    if banner:
        yield "banner", banner["raw"], _at(banner["location"])
    yield "controls", ", ".join(record["controls"]) or "-", ""
    yield "date", _or_dash(record["date"]), _at(header["dtg"] and header["dtg"]["location"])
    yield "origin", _or_dash(record["origin"]), ""


def _header_rows(header: dict[str, Any]) -> Iterator[Row]:
    yield "header", header["form"], _at(header["location"])
    if header["security"]:
        security = header["security"]
        letters = f"{security['prefix']} {security['letters']}"
        yield "security line", letters, _at(security["location"])
    if header["de"]:
        de = header["de"]
        yield "DE", f"{de['routing_indicator']} #{de['serial']}", _at(de["location"])
    if header["fm"]:
        yield "FM", header["fm"]["text"], _at(header["fm"]["location"])


def _marking_rows(record: dict[str, Any]) -> Iterator[Row]:
    eo = record["eo"]
    if eo:
        words = (eo["order_text"] or "?", eo["instruction"] or "", eo["value"])
        yield "E.O.", " ".join(word for word in words if word), _at(eo["location"])
        if eo["decl_date"]:
            yield "declassify on", eo["decl_date"], _at(eo["value_location"])
    else:
        yield "E.O.", "-", ""
    by = record["classified_by"]
    if by:
        reasons = "-"
        if by["reasons"]:
            reasons = f"{by['reason_section'] or '?'} ({', '.join(by['reasons'])})"
        yield "classified by", f"{by['authority'] or '?'}; reasons {reasons}", _at(by["location"])


def _body_rows(record: dict[str, Any]) -> Iterator[Row]:
    tags = " ".join(tag["text"] for tag in record["tags"]) or "-"
    tags_line = record["tags_line"]
    yield "TAGS", tags, _at(tags_line and tags_line["location"])
    subject = record["subject"]
    yield "subject", subject["text"] if subject else "-", _at(subject and subject["location"])
    for reference in record["references"]:
        name = f"ref {reference['letter'] or ''}".strip()
        yield name, reference["text"], _at(reference["location"])
    for paragraph in record["paragraphs"]:
        number = paragraph["number"] if paragraph["number"] is not None else "-"
        marking = "unmarked" if paragraph["marking"] is None else f"({paragraph['marking']})"
        yield f"¶{number}", marking, f"{paragraph['line']}:{paragraph['column']}"


def _or_dash(value: Optional[str]) -> str:
    return value if value else "-"


def render_table(record: dict[str, Any]):
    from rich.table import Table

    table = Table(title=record["path"], title_justify="left", show_header=True, expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("line:col", justify="right", no_wrap=True)
    for name, value, where in _rows(record):
        table.add_row(name, _escape(value), where)
    return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
