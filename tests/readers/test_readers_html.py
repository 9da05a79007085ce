"""Published HTML pages: metadata table, the two <pre> blocks, entities, source map."""

from __future__ import annotations

import re

import pytest
from readers_support import data, file_lines, file_text_at, mapped_text

from validator.readers import read_bytes, read_path

BUCHAREST = data("08BUCHAREST608.html")


def read_page(path):
    documents = list(read_path(str(path)))
    assert len(documents) == 1
    return documents[0]


def test_page_text_is_header_blank_line_body_as_in_the_corpus_text():
    document = read_page(BUCHAREST)
    assert document.form == "html"
    assert document.text == data("08BUCHAREST608.txt").read_text(encoding="utf-8")
    assert document.file_cable_id == "08BUCHAREST608"
    assert "TAGS: EAIR ECON PGOV RO" in document.text  # tag links dropped
    assert " ¶1. (C" in document.text  # the pilcrow anchor's text kept


def test_metadata_table_becomes_external_metadata_with_value_spans():
    document = read_page(BUCHAREST)
    external = document.external
    assert external.source == "html"
    assert external.reference_id == "08BUCHAREST608"
    assert external.classification == "SECRET//NOFORN"
    assert external.origin == "Embassy Bucharest"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", external.created)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", external.released)
    lines = file_lines(BUCHAREST)
    for name in ("reference_id", "created", "released", "classification", "origin"):
        assert file_text_at(lines, external.spans[name]) == getattr(external, name)


@pytest.mark.parametrize(
    "token",
    ["S E C R E T BUCHAREST 000608", "SIPDIS", "E.O. 12958: DECL: 07/30/2018", "EAIR", "RO",
     "¶", "BOEING", "DE RUEHBM #0608"],
)
def test_text_spans_map_to_the_same_text_in_the_page(token):
    document = read_page(BUCHAREST)
    lines = file_lines(BUCHAREST)
    for occurrence in range(document.text.count(token)):
        assert mapped_text(document, lines, token, occurrence) == token


def test_a_span_across_a_tag_covers_the_tag_in_the_file():
    document = read_page(BUCHAREST)
    lines = file_lines(BUCHAREST)
    assert mapped_text(document, lines, "EAIR ECON") == "EAIR</a> <a href='/tag/ECON_0.html'>ECON"


def test_legacy_entities_are_decoded_as_a_browser_does():
    document = read_page(data("07SANJOSE1618.html"))
    assert "®ular8 initiatives" in document.text
    lines = file_lines(data("07SANJOSE1618.html"))
    assert mapped_text(document, lines, "®") == "&reg"
    assert mapped_text(document, lines, "ular8") == "ular8"


def test_unknown_tags_in_the_text_are_dropped_as_a_browser_does():
    document = read_page(data("08STATE43817.html"))
    assert "On September 6, 2007, <> destroyed a" in document.text


def page_with_one_pre(body: str) -> bytes:
    return f"<code><pre>{body}</pre></code>\n".encode()


def test_page_with_one_pre_and_no_table():
    body = data("08BUCHAREST608.html").read_text(encoding="utf-8").split("<code><pre>")[2]
    body = body.split("</pre>")[0]
    document = list(read_bytes(page_with_one_pre(body), "08BUCHAREST608.html"))[0]
    assert document.external is None
    assert document.text.startswith("S E C R E T BUCHAREST 000608 \n \nSIPDIS")
    assert document.text == data("08BUCHAREST608.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_entities_and_raw_newlines_inside_pre():
    raw = page_with_one_pre("UNCLAS TIJUANA 001116 &#x000A;\nQ&amp;A &lt;b&gt; &#182;1. &ED; &#10;end")
    document = list(read_bytes(raw, "page.html"))[0]
    assert document.text.split("\n") == ["UNCLAS TIJUANA 001116 ", "", "Q&A <b> ¶1. &ED; ", "end"]
    lines = file_lines(raw)
    assert mapped_text(document, lines, "&") == "&amp;"
    assert mapped_text(document, lines, "¶") == "&#182;"
    assert mapped_text(document, lines, "<b>") == "&lt;b&gt;"
    assert mapped_text(document, lines, "&ED;") == "&ED;"
    assert mapped_text(document, lines, "end") == "end"


def test_page_without_pre_is_read_with_tags_dropped_and_noted():
    raw = b"<html><body><p>C O N F I D E N T I A L MUSCAT 000193</p>\n<p>SIPDIS</p></body></html>\n"
    document = list(read_bytes(raw, "page.html"))[0]
    assert document.text.startswith("C O N F I D E N T I A L MUSCAT 000193\nSIPDIS")
    assert [note.code for note in document.notes] == ["html-no-pre"]


def test_body_starting_with_cables_csv_metadata_lines_is_kept_and_noted():
    path = data("09TIJUANA1116.html")
    document = read_page(path)
    assert document.text.split("\n\n", 1)[1].startswith("232358\n2009-10-30 19:31:00\n09TIJUANA1116\n")
    (note,) = document.notes
    assert note.code == "csv-metadata-preamble"
    assert "09TIJUANA1116" in note.message
    lines = file_lines(path)
    assert file_text_at(lines, note.span).startswith("232358&#x000A;2009-10-30 19:31:00")


def test_truncated_page_reads_to_its_end():
    raw = data("08BUCHAREST608.html").read_bytes()
    cut = raw[: raw.index(b"Classified By")]
    (document,) = read_bytes(cut, "08BUCHAREST608.html")
    assert document.text.startswith(data("08BUCHAREST608.txt").read_text(encoding="utf-8")[:200])
    assert document.text.rstrip().endswith("REF: BUCHAREST 362")
    assert document.external.reference_id == "08BUCHAREST608"
