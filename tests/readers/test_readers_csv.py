"""cables.csv exports: rows, MySQL escapes, streaming, malformed rows, locations."""

from __future__ import annotations

import codecs

import pytest
from readers_support import data, file_lines, file_text_at, mapped_text

from validator.model import Span
from validator.readers import read_bytes, read_chunks

BUENOS_AIRES = data("66BUENOSAIRES2481__cables_csv_row.csv").read_bytes()
TEHRAN = data("72TEHRAN1164__cables_csv_row.csv").read_bytes()
TWO_ROWS = BUENOS_AIRES + TEHRAN


def read(raw: bytes, name: str = "cables.csv"):
    return list(read_bytes(raw, name))


def test_one_document_per_row_with_row_paths():
    documents = read(TWO_ROWS)
    assert [d.path for d in documents] == ["cables.csv#row 1", "cables.csv#row 2"]
    assert {d.form for d in documents} == {"cables.csv"}
    assert all(d.notes == [] for d in documents)
    assert all(d.file_cable_id is None for d in documents)


def test_text_is_header_blank_line_content_with_escapes_decoded():
    first, second = read(TWO_ROWS)
    assert first.text == data("66BUENOSAIRES2481__cables_csv.txt").read_text(encoding="utf-8")
    assert second.text == data("72TEHRAN1164__cables_csv.txt").read_text(encoding="utf-8")
    assert 'OF "PREFERENTIAL JURISDICTION" FOR FISHING' in first.text


def test_row_metadata_becomes_external_metadata_with_spans():
    first, second = read(TWO_ROWS)
    assert (first.external.source, first.external.reference_id) == ("cables.csv", "66BUENOSAIRES2481")
    assert first.external.created == "12/28/1966 18:48"
    assert first.external.origin == "Embassy Buenos Aires"
    assert first.external.classification == "UNCLASSIFIED"
    assert second.external.references == ("72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263")
    lines = file_lines(TWO_ROWS)
    span = second.external.spans["reference_id"]
    assert span.line == BUENOS_AIRES.count(b"\n") + 1
    assert file_text_at(lines, span) == "72TEHRAN1164"
    assert file_text_at(lines, second.external.spans["row"]) == "2"


@pytest.mark.parametrize(
    ("row", "token"),
    [(0, "P R 281848Z DEC 66"), (0, "UNCLASSIFIED BUENOS AIRES 2481"), (0, "E.O. 12958"),
     (1, "R 250930Z FEB 72"), (1, "TAGS"), (1, "SUBJECT")],
)
def test_text_spans_map_to_the_physical_csv_line(row, token):
    document = read(TWO_ROWS)[row]
    assert mapped_text(document, file_lines(TWO_ROWS), token) == token


def test_escaped_quotes_map_to_their_escape():
    first = read(TWO_ROWS)[0]
    lines = file_lines(TWO_ROWS)
    assert mapped_text(first, lines, '"PREFERENTIAL JURISDICTION"') == '\\"PREFERENTIAL JURISDICTION\\"'


def row(header: str, content: str, number: int = 3, refid: str = "66BUENOSAIRES2481") -> bytes:
    columns = [str(number), "12/28/1966 18:48", refid, "Embassy Buenos Aires", "UNCLASSIFIED",
               "", header, content]
    return (",".join(f'"{c}"' for c in columns) + "\n").encode()


def test_mysql_escapes():
    raw = row("P R 281848Z DEC 66\\nFM AMEMBASSY BUENOS AIRES",
              "UNCLASSIFIED BUENOS AIRES 2481\\n\\tTAGS: EFIS, PBTS, AR\\0\\n"
              "BACK\\\\SLASH \\'QUOTED\\' \"\"DOUBLED\"\"\\\nCONTINUED")
    (document,) = read(raw)
    assert document.text.split("\n") == [
        "P R 281848Z DEC 66",
        "FM AMEMBASSY BUENOS AIRES",
        "",
        "UNCLASSIFIED BUENOS AIRES 2481",
        "\tTAGS: EFIS, PBTS, AR",
        "BACK\\SLASH 'QUOTED' \"DOUBLED\"",
        "CONTINUED",
    ]
    lines = file_lines(raw)
    assert mapped_text(document, lines, "FM AMEMBASSY") == "FM AMEMBASSY"
    assert mapped_text(document, lines, "TAGS") == "TAGS"
    assert mapped_text(document, lines, "\\") == "\\\\"
    assert mapped_text(document, lines, "CONTINUED") == "CONTINUED"
    assert document.source_map.span(
        Span(7, 1, 7, 10)).line == 2


def test_header_row_is_skipped():
    raw = b"id,date,refid,origin,classification,references,header,content\n" + TWO_ROWS
    documents = read(raw)
    assert [d.external.reference_id for d in documents] == ["66BUENOSAIRES2481", "72TEHRAN1164"]
    assert documents[0].path == "cables.csv#row 1"
    assert documents[0].external.spans["reference_id"].line == 2


def test_crlf_and_bom():
    raw = codecs.BOM_UTF8 + TWO_ROWS.replace(b"\n", b"\r\n")
    documents = read(raw)
    assert [d.text for d in documents] == [d.text for d in read(TWO_ROWS)]
    assert [n.code for n in documents[0].notes] == ["bom"]
    assert documents[1].notes == []


def test_a_cp1252_row_falls_back_alone():
    bad = row("R 250930Z FEB 72", "\xb61. (C) TEXT", number=2).decode().encode("cp1252")
    documents = read(BUENOS_AIRES + bad + TEHRAN)
    assert [d.encoding for d in documents] == ["utf-8", "cp1252", "utf-8"]
    assert documents[1].text.endswith("¶1. (C) TEXT")
    assert [n.code for n in documents[1].notes] == ["encoding-fallback"]


def test_malformed_row_is_reported_and_the_stream_goes_on():
    broken = (b'"2","2/25/1972 9:30","72TEHRAN1164","Embassy Tehran","UNCLASSIFIED","" junk,'
              b'"R 250930Z FEB 72","UNCLASSIFIED TEHRAN 1164"\n')
    documents = read(BUENOS_AIRES + broken + TEHRAN)
    assert [d.path for d in documents] == ["cables.csv#row 1", "cables.csv#row 2", "cables.csv#row 3"]
    bad = documents[1]
    assert [n.code for n in bad.notes] == ["csv-row-malformed"]
    assert "column 6" in bad.notes[0].message
    assert bad.notes[0].span.line == BUENOS_AIRES.count(b"\n") + 1
    assert "UNCLASSIFIED TEHRAN 1164" in bad.text  # the raw row is still checked
    assert documents[2].external.reference_id == "72TEHRAN1164"
    assert documents[2].notes == []


def test_unclosed_quote_at_the_end_of_the_file():
    documents = read(BUENOS_AIRES + b'"2","2/25/1972 9:30","72TEHRAN1164","Embassy Tehran","UNCL\n')
    assert len(documents) == 2
    assert "never closed" in documents[1].notes[0].message


def test_short_and_long_rows_are_noted():
    short = b'"2","2/25/1972 9:30","72TEHRAN1164"\n'
    long_row = row("R 250930Z FEB 72", "UNCLASSIFIED TEHRAN 1164", number=3)[:-1] + b',"extra"\n'
    documents = read(short + long_row)
    assert "3 columns, expected 8" in documents[0].notes[0].message
    assert documents[1].text.endswith("UNCLASSIFIED TEHRAN 1164")
    assert "9 columns" in documents[1].notes[0].message


def test_rows_are_streamed():
    raw = TWO_ROWS * 20
    chunk_size = 1024
    pulled = []

    def chunks():
        for start in range(0, len(raw), chunk_size):
            pulled.append(start)
            yield raw[start : start + chunk_size]

    total = -(-len(raw) // chunk_size)
    stream = read_chunks(chunks(), "cables.csv")
    first = next(stream)
    assert first.external.reference_id == "66BUENOSAIRES2481"
    assert len(pulled) < total  # the first row came out before the file was read
    rest = list(stream)
    assert len(rest) == 39
    assert len(pulled) == total
    assert rest[-1].path == "cables.csv#row 40"
    assert rest[-1].external.spans["reference_id"].line == 20 * TWO_ROWS.count(b"\n") - TEHRAN.count(b"\n") + 1


def test_csv_detected_by_content():
    documents = read(TWO_ROWS, "export.dat")
    assert [d.form for d in documents] == ["cables.csv", "cables.csv"]


def test_csv_without_rows_is_an_error():
    from validator.readers import ReadError

    with pytest.raises(ReadError, match="without any row"):
        read(b"\n\n\n")
