"""Bytes -> str: binary detection, BOM, encoding fallback, newline normalisation.

The decoded text keeps every character of the file except the BOM and with CRLF and
lone CR turned into LF, so a (line, column) of the decoded text is a (line, column)
of the file as an editor shows it. NUL characters are kept here; the readers drop
them from the cable text and map around them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Optional

from validator.model import ReaderNote, Span

FALLBACK_ENCODINGS = ("cp1252", "latin-1")
SAMPLE_SIZE = 1 << 16

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (also .docx/.xlsx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (.doc/.xls/.msg)"),
    (b"\x7fELF", "an ELF executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# bytes that do not occur in text files (keeps TAB LF VT FF CR ESC SUB)
_CONTROL_BYTE_SET = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20)])
_BINARY_SHARE = 0.10
_BINARY_SHARE_NOT_UTF8 = 0.01  # random bytes: about 9% control bytes, never valid UTF-8
_NEWLINES = re.compile(r"\r\n?")


class BinaryData(ValueError):
    """The bytes are not text; the message says what they look like."""


def binary_kind(head: bytes) -> Optional[str]:
    """What a file that is not text looks like, from its first bytes; None for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    sample = head[:SAMPLE_SIZE]
    share = control_share(sample)
    if share > _BINARY_SHARE:
        return f"binary data ({round(100 * share)}% control bytes in the first {len(sample)} bytes)"
    return None


def control_share(sample: bytes) -> float:
    """The share of bytes that text files do not contain."""
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTE_SET))) / len(sample)


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[ReaderNote] = field(default_factory=list)


def _position_of_byte(data: bytes, index: int) -> Span:
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return Span(line, column, line, column + 1)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file. Raises `BinaryData` for what is not text."""
    kind = binary_kind(data[:SAMPLE_SIZE])
    if kind is not None:
        raise BinaryData(kind)
    notes: list[ReaderNote] = []
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        notes.append(ReaderNote("bom", "the file starts with a UTF-8 byte order mark"))
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        notes.append(ReaderNote("bom", "the file is UTF-16 with a byte order mark"))
    try:
        text = data.decode(encoding)
        if encoding == "utf-16":
            text = text.lstrip("\ufeff")
    except UnicodeDecodeError as error:
        share = control_share(data[:SAMPLE_SIZE])
        if share > _BINARY_SHARE_NOT_UTF8:
            raise BinaryData(
                f"binary data (not UTF-8, {round(100 * share)}% control bytes)"
            ) from None
        span = _position_of_byte(data, error.start)
        text, encoding = decode_fallback(data)
        notes.append(
            ReaderNote(
                "encoding-fallback",
                f"the file is not valid UTF-8 (byte 0x{data[error.start]:02X} at line "
                f"{span.line}); read as {encoding}",
                span,
            )
        )
    return Decoded(normalise_newlines(text), encoding, notes)


def decode_fallback(data: bytes) -> tuple[str, str]:
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # never reached: latin-1 decodes anything


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return _NEWLINES.sub("\n", text)


def nul_note(text: str) -> Optional[ReaderNote]:
    """A note on NUL characters in `text` (file coordinates of the first), or None."""
    first = text.find("\x00")
    if first < 0:
        return None
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    count = text.count("\x00")
    return ReaderNote(
        "nul-bytes",
        f"{count} NUL byte{'s' if count != 1 else ''} removed from the text",
        Span(line, column, line, column + 1),
    )
