"""The `when:` mini-language on a real cable."""

from __future__ import annotations

import pytest

from validator.engine import load_ruleset
from validator.engine.conditions import ConditionError, compile_when
from validator.engine.context import Context
from validator.parse import parse

from engine_support import cable_text

RULESET = load_ruleset()
ABU = parse(cable_text("07ABUDHABI1838.txt"))
BCN = parse(cable_text("08BARCELONA76.txt"))


def holds(spec, cable=ABU) -> bool:
    predicate = compile_when(spec, RULESET.env)
    return predicate(Context(cable, None, RULESET.env.eras, RULESET.env.vocabularies))


@pytest.mark.parametrize("spec, on_abu_dhabi, on_barcelona", [
    ({"level": ">= CONFIDENTIAL"}, True, False),
    ({"level": "== UNCLASSIFIED"}, False, True),
    ({"date": {"from": "2007-01-01", "to": "2007-12-31"}}, True, False),
    ({"era": ["12958am"]}, True, True),
    ({"era": ["x-codes-valid"]}, False, False),
    ({"order": [12958]}, True, True),
    ({"header": "present"}, True, True),
    ({"partial": False}, True, True),
    ({"present": ["classified_by", "eo"]}, True, False),
    ({"absent": ["classified_by"]}, False, True),
    ({"values": {"eo.value_kind": ["na"]}}, False, True),
    ({"matches": {"eo.raw": "DECL: 11/"}}, True, False),
    ({"controls": {"any": ["SENSITIVE"]}}, False, True),
    ({"controls": {"all": ["SIPDIS"], "none": ["NOFORN"]}}, True, True),
    ({"count": {"numbered_paragraphs": ">= 2"}}, True, True),
    ({"any": [{"level": "== SECRET"}, {"values": {"eo.value_kind": ["na"]}}]}, False, True),
    ({"not": {"level": ">= CONFIDENTIAL"}}, False, True),
])
def test_conditions(spec, on_abu_dhabi, on_barcelona):
    assert holds(spec, ABU) is on_abu_dhabi
    assert holds(spec, BCN) is on_barcelona


@pytest.mark.parametrize("spec, where", [
    ({"levl": ">= SECRET"}, ("levl",)),
    ({"level": "above SECRET"}, ("level",)),
    ({"era": ["12958", "1995"]}, ("era", 1)),
    ({"present": ["eo", "eo.valu"]}, ("present", 1)),
    ({"not": {"count": {"portions": "many"}}}, ("not", "count", "portions")),
    ({"matches": {"eo.raw": "("}}, ("matches", "eo.raw")),
])
def test_bad_conditions_say_where(spec, where):
    with pytest.raises(ConditionError) as caught:
        compile_when(spec, RULESET.env)
    assert caught.value.where == where
