"""The parser builds its larger model objects by position (a call with a dozen
keywords costs measurably more per cable). These are the field orders it relies on:
a change to one of these classes' fields fails here, not silently in a parsed cable."""

from dataclasses import fields

import pytest

from validator import model

BUILT_BY_POSITION = {
    "EoLine": ["raw", "label", "order_text", "order", "kind", "value", "value_kind", "decl_date",
               "date_format", "exemptions", "downgrade_to", "classifier", "span", "order_span",
               "value_span", "extra_values"],
    "Banner": ["raw", "level", "controls", "style", "section", "sections", "origin", "number", "span",
               "level_span", "section_span", "repeated"],
    "ClassifiedBy": ["raw", "label", "derived", "authority", "title", "reason_section", "reason_section_raw",
                     "reasons", "span", "reason_span", "in_paragraph"],
    "Dtg": ["precedences", "day", "hour", "minute", "month", "year", "signals", "valid", "span",
            "precedence_span"],
    "SecurityLine": ["prefix", "letters", "level", "efto", "signals", "span", "letters_span"],
    "DeLine": ["routing_indicator", "serial", "part", "julian_day", "time", "filing", "span"],
    "Subject": ["label", "text", "marking", "span"],
    "TagsLine": ["label", "tags", "span", "separator"],
    "PortionMark": ["raw", "level", "controls", "span", "rel_to", "known"],
    "Paragraph": ["number", "marking", "span", "number_span", "anchor", "entire_text", "end_line", "inner_marks"],
}


@pytest.mark.parametrize("name", sorted(BUILT_BY_POSITION))
def test_the_parser_builds_these_by_position_in_this_field_order(name):
    assert [field.name for field in fields(getattr(model, name))] == BUILT_BY_POSITION[name]
