"""Field paths: checked against the model at load time, resolved with spans."""

from __future__ import annotations

import pytest

from validator.engine.paths import PathError, compile_path, resolve
from validator.model import Level
from validator.parse import parse

from engine_support import cable_text


@pytest.mark.parametrize("text", [
    "eo.decl_date", "header.security.level", "classified_by.reasons", "paragraphs[].marking.level",
    "banner.level", "level", "date", "header.dtg.date", "portions[].controls", "controls[].name",
    "document.external.classification", "tags.tags[].text", "banners[].section", "eo.order_span.line",
])
def test_valid_paths(text):
    assert compile_path(text).text == text


@pytest.mark.parametrize("text, complaint", [
    ("eo.decl_dat", "decl_dat"), ("headr.dtg", "headr"), ("paragraphs.marking", "paragraphs"),
    ("eo[]", "not a list"), ("document", "needs a field"), ("", "non-empty"), ("eo..order", "field name"),
])
def test_invalid_paths(text, complaint):
    with pytest.raises(PathError) as caught:
        compile_path(text)
    assert complaint in str(caught.value)


def test_resolve_points_at_the_value_not_the_whole_line():
    cable = parse(cable_text("07ABUDHABI1838.txt"))
    (item,) = resolve(compile_path("eo.decl_date"), cable, None)
    assert item.value.isoformat() == "2017-11-05"
    line = cable_text("07ABUDHABI1838.txt").splitlines()[item.span.line - 1]
    assert line[item.span.column - 1:item.span.end_column - 1] == "11/05/2017"


def test_resolve_visits_every_paragraph_and_derived_facts():
    cable = parse(cable_text("07ISLAMABAD5388.txt"))
    levels = resolve(compile_path("portions[].level"), cable, None)
    assert levels and all(item.value is Level.SECRET for item in levels)
    assert len({item.span.line for item in levels}) == len(levels)
    (highest,) = resolve(compile_path("portion_level"), cable, None)
    assert highest.value is Level.SECRET
    names = [item.value for item in resolve(compile_path("controls[].name"), cable, None)]
    assert "NOFORN" in names and "SIPDIS" in names


def test_missing_values_resolve_to_none():
    cable = parse(cable_text("08BARCELONA76.txt"))
    (item,) = resolve(compile_path("classified_by.reasons"), cable, None)
    assert item.value is None
