"""Markdown-converted pages: the seed 07MUSCAT193.md."""

from __future__ import annotations

from readers_support import data, file_lines, mapped_text

from validator.readers import read_bytes, read_path

SEED = data("07MUSCAT193.md")


def seed():
    (document,) = read_path(str(SEED))
    return document


def test_seed_is_read_as_markdown_with_its_file_name_id():
    document = seed()
    assert document.form == "markdown"
    assert document.file_cable_id == "07MUSCAT193"
    assert document.notes == []


def test_tag_links_become_their_text():
    lines = seed().text.split("\n")
    assert "TAGS: PHUM PREL SMIG KCRM KWMN MU" in lines


def test_pilcrow_links_before_paragraph_and_reference_numbers_become_pilcrows():
    starts = [line[:8] for line in seed().text.split("\n") if line[:1] in ("¶", "1")]
    assert starts == ["¶B. 06 M", "¶1. (C) ", "¶2. (C) ", "¶3. (C) ", "14. (C) "]


def test_lost_link_in_14_is_left_alone():
    assert "\n14. (C) Comment:" in seed().text


def test_markdown_spans_map_to_the_file():
    document = seed()
    lines = file_lines(SEED)
    assert mapped_text(document, lines, "PHUM") == "PHUM"
    assert mapped_text(document, lines, "MU") == "MU"
    assert mapped_text(document, lines, "¶") == "[1](#)"
    assert mapped_text(document, lines, "¶1. (C)") == "[1](#)1. (C)"
    assert mapped_text(document, lines, "PHUM PREL") == "PHUM](#) [PREL"
    # lines are the file's lines
    assert document.source_map.position(33, 1) == (33, 1)


def test_markdown_detected_by_content_without_the_extension():
    (document,) = read_bytes(SEED.read_bytes(), "07MUSCAT193")
    assert document.form == "markdown"
    assert "¶1. (C)" in document.text


def test_numeric_link_inside_a_line_is_not_a_pilcrow():
    raw = b"SEE PARA [2](#) OF REF A.\n[1](#)1. (C) TEXT\n"
    (document,) = read_bytes(raw, "x.md")
    assert document.text == "SEE PARA 2 OF REF A.\n¶1. (C) TEXT\n"


def test_converter_escapes_are_undone_and_mapped():
    raw = b"SUBJECT: OMAN PREPARING TO DRAFT ANTI\\-TIP LEGISLATION\n\n1\\. \\(C\\) The Ambassador\n"
    (document,) = read_bytes(raw, "07MUSCAT193.md")
    assert document.text == "SUBJECT: OMAN PREPARING TO DRAFT ANTI-TIP LEGISLATION\n\n1. (C) The Ambassador\n"
    lines = file_lines(raw)
    assert mapped_text(document, lines, "(C)") == "\\(C\\)"
    assert mapped_text(document, lines, "Ambassador") == "Ambassador"


def test_pilcrow_link_before_an_escaped_number():
    (document,) = read_bytes(b"[1](#)2\\. (C) Sayyid Badr responded\n", "07MUSCAT193.md")
    assert document.text == "¶2. (C) Sayyid Badr responded\n"
