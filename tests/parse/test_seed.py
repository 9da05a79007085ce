"""The seed cable (07MUSCAT193, a Markdown page) parses to the facts it states."""

import datetime as dt

from validator.model import Level

from parse_support import parse_file


def test_seed_parses_to_its_markings():
    cable = parse_file("07MUSCAT193.md")
    assert cable.level is Level.CONFIDENTIAL
    assert (cable.cable_id, cable.id_origin, cable.id_number) == ("07MUSCAT193", "MUSCAT", 193)
    assert cable.date == dt.date(2007, 2, 27)
    assert cable.eo.order == 12958 and cable.eo.kind == "DECL"
    assert cable.eo.decl_date == dt.date(2017, 2, 26)
    assert cable.classified_by.authority == "Ambassador Gary A. Grappo"
    assert cable.classified_by.reason_section == "1.4"
    assert cable.classified_by.reasons == ("b", "d")
    assert [t.text for t in cable.tags.tags] == ["PHUM", "PREL", "SMIG", "KCRM", "KWMN", "MU"]
    assert next(t for t in cable.tags.tags if t.text == "MU").kind == "country"
    assert "SIPDIS" in cable.caption_names()
    assert [p.number for p in cable.paragraphs] == [1, 2, 3, 4]
    assert all(p.marking.level is Level.CONFIDENTIAL for p in cable.paragraphs)


def test_seed_lost_markdown_link_is_paragraph_four():
    cable = parse_file("07MUSCAT193.md")
    fourth = cable.paragraphs[3]
    assert fourth.anchor == "markdown-lost-link"
    assert fourth.number == 4


def test_seed_has_no_parse_notes_beyond_none():
    cable = parse_file("07MUSCAT193.md")
    assert cable.notes == []
