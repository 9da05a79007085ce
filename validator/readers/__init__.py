"""Bytes -> `Document`s, for every form the cables are published in.

Public API:
    read_path(path) -> Iterator[Document]          raises ReadError ("-" reads stdin)
    read_bytes(data, name) -> Iterator[Document]   one file's bytes; a cables.csv yields many
    read_chunks(chunks, name) -> Iterator[Document]  the same from an iterable of byte chunks
    ReadError(path, reason)                        a file that cannot be read at all
    NOTE_CODES                                     every `ReaderNote.code`, with its meaning

Forms, chosen by content first and by extension when the content is ambiguous:

* `cables.csv` export (`.csv`, or a first line `"1","12/28/1966 18:48",...`): one
  document per row, streamed; see `validator.readers.cables_csv` for paths
  (`cables.csv#row 12`), locations and malformed rows;
* the published HTML page (`.html`/`.htm`, or `<pre>`/`<table>` near the start):
  metadata table -> `Document.external`, the two `<code><pre>` blocks -> the text;
  see `validator.readers.html`;
* Markdown-converted pages (`.md`, or `[TAG](#)` links): see `validator.readers.markdown`;
* plain text, everything else.

A body that is a raw tab-separated database row (a WikiLeaks page bug) is read as
`form="db-dump"`: the row's header and content fields, one document per row; a second
row on the same page gets the path `<file>#record 2`.

`Document.file_cable_id` is the cable id the file name starts with, when it is one
(`07MUSCAT193.txt`, `07BERN881__cablemap_fixture.html`). Lines and columns of the text
map to the file as given through `Document.source_map` (identity for plain text).
`ReaderNote.span` and `ExternalMetadata.spans` are already in file coordinates
(a cables.csv row adds `spans["row"]`, the row id cell).

Reader notes (`ReaderNote.code`, stable; the rule engine reports them as CL9xx):

    bom                    the file starts with a byte order mark (removed)
    encoding-fallback      not valid UTF-8; decoded as cp1252, else latin-1 (`Document.encoding`)
    nul-bytes              NUL bytes removed from the text
    db-dump                the body is a raw tab-separated database row
    line-continuations     lines end in a database dump's backslash (removed)
    csv-metadata-preamble  the body starts with the cables.csv columns, one per line
                           (`55988` / `2006-03-09 22:28:00` / `06MEXICO1311` ...); kept
    text-dump-preamble     the 5-line preamble of the alx/cablegate text dumps (id, title,
                           date, label, origin); kept in the text, read as `external`
    csv-row-malformed      a cables.csv row that could not be split into its 8 columns
    html-no-pre            an HTML page without a <pre> block; read with all tags dropped
    html-extra-pre         an HTML page with more than two <pre> blocks

`ReadError` is raised for a file that yields nothing: missing, a directory, not a
regular file, permission denied, empty, binary (with what it looks like: "a PDF
document", "a ZIP archive", "binary data (35% control bytes ...)"), or an I/O error.
Within a cables.csv, a bad row does not stop the stream: it is yielded as a document
carrying a `csv-row-malformed` note.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import Iterable, Iterator, Optional

from validator.model import Document, ReaderNote, Span
from validator.readers.cables_csv import looks_like_csv, read_csv
from validator.readers.decode import BinaryData, binary_kind, decode_bytes, nul_note
from validator.readers.html import looks_like_html, read_page
from validator.readers.ids import cable_id_from_name
from validator.readers.markdown import looks_like_markdown, read_markdown
from validator.readers.text import read_text

__all__ = [
    "NOTE_CODES",
    "ReadError",
    "cable_id_from_name",
    "read_bytes",
    "read_chunks",
    "read_path",
]

NOTE_CODES: dict[str, str] = {
    "bom": "the file starts with a byte order mark",
    "encoding-fallback": "the file is not valid UTF-8 and was decoded as cp1252 or latin-1",
    "nul-bytes": "NUL bytes were removed from the text",
    "db-dump": "the body is a raw tab-separated database row",
    "line-continuations": "lines end in a database dump's continuation backslash",
    "csv-metadata-preamble": "the text starts with the cables.csv metadata columns",
    "text-dump-preamble": "the file starts with a text dump's 5-line preamble",
    "csv-row-malformed": "a cables.csv row could not be split into its 8 columns",
    "html-no-pre": "an HTML page without a <pre> block",
    "html-extra-pre": "an HTML page with more than two <pre> blocks",
}

CHUNK_SIZE = 1 << 20
_HEAD_SIZE = 1 << 16
_CSV_EXTENSIONS = {".csv"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
_MARKDOWN_EXTENSIONS = {".md", ".markdown"}
# row id, date, reference id, origin, classification, references: one per line
_PREAMBLE = re.compile(
    r"(?:^|(?<=\n))(\d{1,9})\n\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\n(\d{2}[A-Z][A-Z0-9]*\d)\n.*\n"
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)[^\n]*\n[^\n]*"
)
_PREAMBLE_HINT = re.compile(r"\n\d{4}-\d\d-\d\d \d\d:\d\d")
_PREAMBLE_WINDOW = 4000


class ReadError(Exception):
    """A file that cannot be read: `path` and a human `reason`."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _is_csv(name: str, head: bytes) -> bool:
    if _extension(name) in _CSV_EXTENSIONS:
        return True
    return looks_like_csv(head[:512].decode("utf-8", errors="replace"))


def read_bytes(data: bytes, name: str) -> Iterator[Document]:
    """The documents of one file's bytes (`name` is the path to report)."""
    if _is_csv(name, data[:512]):
        yield from _read_csv_checked(iter([data]), name, data[:_HEAD_SIZE])
        return
    yield from _read_whole(data, name)


def read_chunks(chunks: Iterable[bytes], name: str) -> Iterator[Document]:
    """Like `read_bytes`, from byte chunks (a cables.csv is streamed, others joined)."""
    iterator = iter(chunks)
    head = b""
    for chunk in iterator:
        head += chunk
        if len(head) >= _HEAD_SIZE:
            break
    if _is_csv(name, head):
        yield from _read_csv_checked(_chain(head, iterator), name, head)
    else:
        yield from _read_whole(head + b"".join(iterator), name)


def _chain(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    yield from rest


def _read_csv_checked(chunks: Iterator[bytes], name: str, head: bytes) -> Iterator[Document]:
    if not head:
        raise ReadError(name, "empty file")
    kind = binary_kind(head)
    if kind is not None:
        raise ReadError(name, f"not a text file: {kind}")
    rows = 0
    for document in read_csv(chunks, name):
        rows += 1
        yield document
    if rows == 0:
        raise ReadError(name, "a cables.csv file without any row")


def _read_whole(data: bytes, name: str) -> Iterator[Document]:
    if not data:
        raise ReadError(name, "empty file")
    try:
        decoded = decode_bytes(data)
    except BinaryData as error:
        raise ReadError(name, f"not a text file: {error}") from None
    text = decoded.text
    file_notes = list(decoded.notes)
    nul = nul_note(text)
    if nul is not None:
        file_notes.append(nul)
    file_id = cable_id_from_name(name)
    extension = _extension(name)
    if extension in _HTML_EXTENSIONS or (
        extension not in _MARKDOWN_EXTENSIONS and looks_like_html(text)
    ):
        documents: Iterable[Document] = read_page(text, name, file_id)
    elif extension in _MARKDOWN_EXTENSIONS or looks_like_markdown(text):
        documents = [read_markdown(text, name, file_id)]
    else:
        documents = read_text(text, name, file_id)
    for document in documents:
        document.encoding = decoded.encoding
        document.notes[:0] = file_notes
        _note_preamble(document)
        yield document


def _note_preamble(document: Document) -> None:
    """Note a body that starts with the cables.csv columns (left for the parser)."""
    if _PREAMBLE_HINT.search(document.text, 0, _PREAMBLE_WINDOW) is None:
        return
    match = _PREAMBLE.search(document.text, 0, _PREAMBLE_WINDOW)
    if match is None:
        return
    start_line = document.text.count("\n", 0, match.start()) + 1
    end_line = start_line + 5
    last = document.text[: match.end()].rsplit("\n", 1)[-1]
    span = document.source_map.span(Span(start_line, 1, end_line, len(last) + 1))
    document.notes.append(
        ReaderNote(
            "csv-metadata-preamble",
            f"the text starts with cables.csv metadata lines (row {match.group(1)}, "
            f"{match.group(2)}) before the cable itself; they are not part of the cable",
            span,
        )
    )


def unreadable_reason(path: str) -> Optional[str]:
    """Why `path` cannot be read as a file, or None when it can be opened."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return error.strerror or str(error)
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return None


def _file_chunks(handle, path: str) -> Iterator[bytes]:
    while True:
        try:
            chunk = handle.read(CHUNK_SIZE)
        except OSError as error:
            raise ReadError(path, f"read error: {error.strerror or error}") from None
        if not chunk:
            return
        yield chunk


def read_path(path: str) -> Iterator[Document]:
    """The documents of the file at `path` (`-` for standard input)."""
    if path == "-":
        yield from read_chunks(_file_chunks(sys.stdin.buffer, "<stdin>"), "<stdin>")
        return
    reason = unreadable_reason(path)
    if reason is not None:
        raise ReadError(path, reason)
    try:
        handle = open(path, "rb")
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as error:
        raise ReadError(path, error.strerror or str(error)) from None
    with handle:
        yield from read_chunks(_file_chunks(handle, path), path)
