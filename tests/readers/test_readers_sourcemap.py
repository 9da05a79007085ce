"""OffsetSourceMap: text positions back to file positions, around rewrites."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.model import Span
from validator.readers import read_bytes
from validator.readers.sourcemap import LineBuilder, Locator


def build(file_text: str):
    """Text 'UNCLAS & X' from line 2 of a file where '&amp;' gives the '&'."""
    builder = LineBuilder()
    builder.pieces([("UNCLAS ", 4, 0), ("&", 11, 5), (" X", 16, 0)], 4)
    builder.plain("SIPDIS", 19)
    return builder.text(), builder.source_map(Locator(file_text))


def test_positions_around_a_replaced_character():
    file_text = "abc\nUNCLAS &amp; X\nSIPDIS\n"
    text, source_map = build(file_text)
    assert text == "UNCLAS & X\nSIPDIS"
    assert source_map.position(1, 1) == (2, 1)
    assert source_map.position(1, 8) == (2, 8)  # '&' -> start of '&amp;'
    assert source_map.position(1, 9) == (2, 13)  # ' ' after the entity
    assert source_map.span(Span(1, 8, 1, 9)) == Span(2, 8, 2, 13)  # '&' covers '&amp;'
    assert source_map.span(Span(1, 1, 1, 7)) == Span(2, 1, 2, 7)
    assert source_map.span(Span(2, 1, 2, 7)) == Span(3, 1, 3, 7)


def test_out_of_range_positions_are_clamped():
    file_text = "abc\nUNCLAS &amp; X\nSIPDIS\n"
    _, source_map = build(file_text)
    assert source_map.position(99, 1) == (3, 1)
    assert source_map.position(2, 99) == (3, 7)
    assert source_map.span(Span(2, 5, 2, 5)) == Span(3, 5, 3, 5)


def test_locator_of_a_segment_starting_mid_file():
    locator = Locator("ab\ncd", first_line=10, first_column=5)
    assert locator.position(0) == (10, 5)
    assert locator.position(1) == (10, 6)
    assert locator.position(3) == (11, 1)


WORDS = st.lists(
    st.sampled_from(["UNCLAS", "SIPDIS", "&amp;", "&#x000A;", "<a href='/tag/PHUM_0.html'>PHUM</a>",
                     "¶", "(C)", " ", "1.", "<br>", "&lt;", "NOFORN"]),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_every_word_of_a_page_maps_back_to_itself(words):
    body = "".join(words)
    raw = f"<table class='cable'></table>\n<code><pre>{body}</pre></code>\n".encode()
    (document,) = read_bytes(raw, "page.html")
    file_lines = raw.decode().split("\n")
    for number, line in enumerate(document.text.split("\n"), 1):
        for word in ("UNCLAS", "SIPDIS", "PHUM", "NOFORN"):
            start = line.find(word)
            if start < 0:
                continue
            span = document.source_map.span(Span(number, start + 1, number, start + 1 + len(word)))
            assert file_lines[span.line - 1][span.column - 1 : span.end_column - 1] == word
