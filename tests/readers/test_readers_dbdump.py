"""Pages whose body is a raw tab-separated database row (one or two records)."""

from __future__ import annotations

import re

from readers_support import data, file_lines, mapped_text

from validator.model import Span
from validator.readers import read_bytes, read_path


def continuation_free(text: str) -> str:
    return re.sub(r"\\$", "", text, flags=re.M)


def test_dump_page_reads_header_and_content_fields():
    path = data("09BERN98.html")
    (document,) = read_path(str(path))
    assert document.form == "db-dump"
    assert document.file_cable_id == "09BERN98"
    assert [n.code for n in document.notes] == ["db-dump"]
    # the corpus text stops after the TAGS line; the reader reads the whole content
    corpus_text = continuation_free(data("09BERN98.txt").read_text(encoding="utf-8"))
    assert document.text.startswith(corpus_text)
    assert "Classified By: CDA Leigh Carter for reasons 1.4(b) and (d)." in document.text
    assert not any(line.endswith("\\") for line in document.text.split("\n"))
    assert document.text.split("\n")[10] == ""  # the blank line between header and body
    assert document.external.source == "html"


def test_dump_spans_map_into_the_row():
    path = data("09BERN98.html")
    (document,) = read_path(str(path))
    lines = file_lines(path)
    for token in ("C O N F I D E N T I A L SECTION 01 OF 02 BERN 000098", "SIPDIS",
                  "E.O. 12958: DECL: 03/04/2019", "CARTER", "ZNY CCCCC ZZH"):
        assert mapped_text(document, lines, token) == token
    # the header block of the text comes from the row's header field, not the first <pre>
    row_start = lines[document.notes[0].span.line - 1].index("2009-03-04 15:48:00")
    span = document.source_map.span(
        Span(1, 1, 1, 13))
    assert span.column > row_start


def test_page_carrying_two_records_yields_both():
    path = data("07BERN881__cablemap_fixture.html")
    first, second = read_path(str(path))
    assert first.path == str(path)
    assert second.path == f"{path}#record 2"
    assert (first.external.source, first.external.reference_id) == ("html", "07BERN881")
    assert (second.external.source, second.external.reference_id) == ("db-dump", "07TBILISI2290")
    assert second.external.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert second.file_cable_id is None
    assert "record 2 of 2" in second.notes[0].message
    corpus_text = continuation_free(data("07TBILISI2290.txt").read_text(encoding="utf-8"))
    assert second.text.startswith(corpus_text)
    assert "S E C R E T SECTION 01 OF 02 BERN 000881" in first.text
    lines = file_lines(path)
    assert mapped_text(second, lines, "REGIONAL GOVERNORS") == "REGIONAL GOVERNORS"


def test_dump_saved_as_plain_text():
    page = data("09BERN98.html").read_text(encoding="utf-8")
    row = page.split("<code><pre>")[2].split("</pre>")[0]
    row = re.sub(r"<[^>]+>", "", row).replace("&#x000A;", "\n")
    (document,) = read_bytes(row.encode(), "09BERN98.txt")
    assert document.form == "db-dump"
    assert document.external.source == "db-dump"
    assert document.external.reference_id == "09BERN98"
    assert document.external.created == "2009-03-04 15:48:00"
    assert document.text.startswith("VZCZCXRO9450\nRR RUEHDBU")
    lines = row.split("\n")
    assert mapped_text(document, lines, "SUBJECT: UBS CASE") == "SUBJECT: UBS CASE"


def test_rows_with_repeated_id_and_date_columns():
    page = data("09BERN98.html").read_text(encoding="utf-8")
    row = page.split("<code><pre>")[2].split("</pre>")[0]
    repeated = "121752\t2009-03-04 15:48:00\t121752\t" + row
    (document,) = read_bytes(f"<code><pre>{repeated}</pre></code>".encode(), "09BERN98.html")
    assert document.form == "db-dump"
    assert document.text.startswith("VZCZCXRO9450\nRR RUEHDBU")
    note = document.notes[0]
    assert "09BERN98" in note.message


def test_a_line_starting_like_a_row_after_a_continuation_is_not_a_new_record():
    page = data("09BERN98.html").read_text(encoding="utf-8")
    row = page.split("<code><pre>")[2].split("</pre>")[0]
    tricky = row.replace("CARTER \\", "CARTER \\&#x000A;2009-03-04 15:48:00\t09BERN99\tquoted \\", 1)
    documents = list(read_bytes(f"<code><pre>{tricky}</pre></code>".encode(), "09BERN98.html"))
    assert len(documents) == 1
