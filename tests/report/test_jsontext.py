"""The fast indented JSON writer gives exactly what `json.dumps(indent=2)` gives."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.report.jsontext import dumps_flat_objects, dumps_indented, flat_members

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=24,
)


def expected(value, level: int) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=3))
def test_same_text_as_the_standard_library(value, level):
    assert dumps_indented(value, level) == expected(value, level)


def test_a_report_document_with_line_separators_in_a_message():
    # U+2028 and U+0085 are not escaped by json.dumps; they must not start new lines.
    document = {
        "path": "a.txt", "document_id": None, "checked": True,
        "findings": [{"code": "CL301", "message": "E.O. line\u2028reads \x85 X", "line": 3, "url": None}],
        "suppressed": [{"code": "CL101", "suppressed": {"kind": "inline", "line": 9}}],
        "empty": {}, "none": [],
    }
    text = dumps_indented(document, 2)
    assert text == expected(document, 2)
    assert json.loads(text) == document


KEYS = st.text(max_size=4) | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(KEYS, SCALARS, max_size=4), max_size=3), st.integers(min_value=0, max_value=2))
def test_keys_that_are_not_strings_are_written_as_json_dumps_writes_them(value, level):
    assert dumps_indented(value, level) == expected(value, level)


def test_values_json_cannot_write_the_same_way_fall_back_to_the_standard_library():
    value = {1: "a", "b": (1, 2)}
    assert dumps_indented(value, 1) == expected(value, 1)


FLAT_OBJECTS = st.lists(st.dictionaries(st.text(max_size=6), SCALARS, min_size=1, max_size=5), max_size=4)


@settings(max_examples=300, deadline=None)
@given(FLAT_OBJECTS, st.integers(min_value=0, max_value=4))
def test_flat_objects_and_members_are_written_as_the_standard_library_writes_them(objects, level):
    assert dumps_flat_objects(objects, level) == expected(objects, level)
    for value in objects:
        assert "{\n" + "  " * (level + 1) + flat_members(value, level + 1) + "\n" + "  " * level + "}" == expected(value, level)


def test_without_the_c_encoder_the_text_is_the_same(monkeypatch):
    import validator.report.jsontext as jsontext

    value = [{"code": "CL301", "message": "E.O. line\u2028reads X", "line": 3, "ratio": 0.5, "url": None}]
    with_c = dumps_flat_objects(value, 2)
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    monkeypatch.setattr(jsontext, "_flat_encoders", {})
    assert dumps_flat_objects(value, 2) == with_c == expected(value, 2)
