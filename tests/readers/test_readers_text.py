"""Plain text: identity map, file-name ids, encodings, BOM, line ends, NUL bytes."""

from __future__ import annotations

import codecs

import pytest
from readers_support import data, file_lines, mapped_text, token_span

from validator.readers import read_bytes, read_path
from validator.readers.ids import cable_id_from_name

LONDON = data("09LONDON55.txt")


def read_one(raw: bytes, name: str = "09LONDON55.txt"):
    documents = list(read_bytes(raw, name))
    assert len(documents) == 1
    return documents[0]


def test_plain_text_is_the_file_with_an_identity_map():
    document = list(read_path(str(LONDON)))[0]
    assert document.form == "text"
    assert document.text == LONDON.read_text(encoding="utf-8")
    assert document.source_map.is_identity
    assert document.file_cable_id == "09LONDON55"
    assert document.notes == []
    assert document.external is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("07MUSCAT193.txt", "07MUSCAT193"),
        ("/archive/2007/07MUSCAT193.md", "07MUSCAT193"),
        ("07BERN881__cablemap_fixture.html", "07BERN881"),
        ("08USUNNEWYORK176.txt", "08USUNNEWYORK176"),
        ("07muscat193.txt", "07MUSCAT193"),
        ("cables.csv", None),
        ("notes.txt", None),
        ("2007-report.txt", None),
    ],
)
def test_cable_id_from_the_file_name(name, expected):
    assert cable_id_from_name(name) == expected


def test_crlf_and_cr_line_ends_become_newlines_without_moving_columns():
    raw = LONDON.read_bytes()
    plain = read_one(raw)
    for line_end in (b"\r\n", b"\r"):
        document = read_one(raw.replace(b"\n", line_end))
        assert document.text == plain.text
        assert document.source_map.is_identity


def test_utf8_bom_is_removed_and_noted():
    document = read_one(codecs.BOM_UTF8 + LONDON.read_bytes())
    assert document.text == LONDON.read_text(encoding="utf-8")
    assert [note.code for note in document.notes] == ["bom"]
    assert document.source_map.is_identity


def test_utf16_with_bom_is_decoded():
    text = LONDON.read_text(encoding="utf-8")
    document = read_one(text.encode("utf-16"))
    assert document.text == text
    assert document.encoding == "utf-16"
    assert [note.code for note in document.notes] == ["bom"]


def test_cp1252_file_falls_back_with_a_note_naming_the_encoding():
    raw = data("06NEWDELHI5239.txt").read_bytes()
    document = read_one(raw, "06NEWDELHI5239.txt")
    assert document.encoding == "cp1252"
    assert "¶1." in document.text  # 0xB6 is the pilcrow in cp1252
    (note,) = document.notes
    assert note.code == "encoding-fallback"
    assert "cp1252" in note.message
    first_bad = raw.index(b"\xb6")
    assert note.span.line == raw.count(b"\n", 0, first_bad) + 1


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    raw = LONDON.read_bytes().replace(b"HMG", b"HMG\x81", 1)
    document = read_one(raw)
    assert document.encoding == "latin-1"
    assert "HMG\x81" in document.text
    assert "latin-1" in document.notes[0].message


def test_nul_bytes_are_removed_noted_and_mapped_around():
    raw = LONDON.read_bytes().replace(b"Will Gelling", b"Will\x00\x00 Gelling", 1)
    document = read_one(raw)
    assert "\x00" not in document.text
    assert "Will Gelling" in document.text
    (note,) = document.notes
    assert note.code == "nul-bytes"
    assert "2 NUL bytes" in note.message
    lines = file_lines(raw)
    assert lines[note.span.line - 1][note.span.column - 1] == "\x00"
    # the name after the NULs maps to its true column in the file
    assert mapped_text(document, lines, "Gelling") == "Gelling"
    assert document.source_map.span(token_span(document, "Gelling")).column == (
        lines[note.span.line - 1].index("Gelling") + 1
    )


def test_very_long_lines_are_read():
    paragraph = b"(C) " + b"THE AMBASSADOR NOTED THE MINISTRY'S VIEW. " * 50_000
    raw = LONDON.read_bytes().replace(b"\xc2\xb61.  (C)", b"\xc2\xb61.  " + paragraph, 1)
    document = read_one(raw)
    assert max(len(line) for line in document.text.split("\n")) > 2_000_000


def test_text_dump_preamble_becomes_publisher_metadata():
    path = data("88ADANA638.txt")
    document = list(read_path(str(path)))[0]
    external = document.external
    assert external.source == "text-dump"
    assert (external.reference_id, external.classification, external.origin) == (
        "88ADANA638",
        "UNCLASSIFIED",
        "Consulate Adana",
    )
    assert external.created == "Tue Oct 25 00:00:00 +0100 1988"
    lines = file_lines(path)
    span = external.spans["origin"]
    assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == "Consulate Adana"
    assert [note.code for note in document.notes] == ["text-dump-preamble"]
    assert document.text.startswith("88ADANA638\n")  # kept: the parser decides


def test_dump_line_continuations_are_dropped_without_moving_columns():
    path = data("09BERN98.txt")
    document = list(read_path(str(path)))[0]
    assert [note.code for note in document.notes] == ["line-continuations"]
    assert "SIPDIS \n" in document.text
    assert not any(line.endswith("\\") for line in document.text.split("\n"))
    original = path.read_text(encoding="utf-8").split("\n")
    for text_line, file_line in zip(document.text.split("\n"), original):
        assert file_line.startswith(text_line)
    assert document.source_map.is_identity
