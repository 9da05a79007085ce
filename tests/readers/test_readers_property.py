"""Readers never fail on any input: documents or a ReadError, and maps that never raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_support import data

from validator.model import Span
from validator.readers import ReadError, read_bytes

SAMPLES = [
    data("08BUCHAREST608.html").read_bytes()[:3000],
    data("09BERN98.html").read_bytes()[:3000],
    data("07MUSCAT193.md").read_bytes()[:1500],
    data("66BUENOSAIRES2481__cables_csv_row.csv").read_bytes()[:2000],
    data("09LONDON55.txt").read_bytes()[:1500],
]
PIECES = [b'"', b"\\", b"\n", b"\r\n", b"\t", b"\x00", b"&#x000A;", b"<a href='x'>", b"</a>",
          b"&amp;", b"[1](#)", b"\xb6", b"\xff", b"\xef\xbb\xbf", b",", b"2009-03-04 15:48:00\t"]


@st.composite
def mutated(draw):
    raw = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 12))):
        position = draw(st.integers(0, len(raw)))
        if draw(st.booleans()):
            raw[position:position] = draw(st.sampled_from(PIECES))
        else:
            del raw[position : position + draw(st.integers(1, 50))]
    return bytes(raw)


def check_maps(documents):
    for document in documents:
        lines = document.text.split("\n")
        for number in (1, len(lines) // 2 + 1, len(lines)):
            width = len(lines[number - 1])
            span = document.source_map.span(Span(number, 1, number, width + 1))
            assert span.line >= 1 and span.column >= 1
            assert (span.end_line, span.end_column) >= (span.line, span.column)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["x.txt", "x.html", "x.md", "cables.csv", "09BERN98"]))
def test_mutated_cables_read_or_raise_read_error(raw, name):
    try:
        documents = list(read_bytes(raw, name))
    except ReadError as error:
        assert error.reason
        return
    assert documents
    check_maps(documents)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.md", "cables.csv"]))
def test_random_bytes_read_or_raise_read_error(raw, name):
    try:
        documents = list(read_bytes(raw, name))
    except ReadError as error:
        assert error.reason
        return
    check_maps(documents)
