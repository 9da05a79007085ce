"""The rule screens (screen.py) skip only rules that give nothing: a kind's quiet test
holds exactly when its check yields no hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine import load_ruleset
from validator.engine.context import Context
from validator.engine.screen import quiet_test
from validator.parse import parse_document
from validator.readers import read_bytes

TESTS = Path(__file__).resolve().parent.parent
CABLES = (sorted((TESTS / "fixtures" / "cables").glob("*")) + sorted((TESTS / "audit" / "data").glob("*.*"))
          + sorted((TESTS / "data" / "cables").glob("*")))


@pytest.fixture(scope="module")
def ruleset():
    ruleset = load_ruleset()
    ruleset.compile_resolver()
    return ruleset


def test_every_quiet_test_holds_exactly_when_its_check_yields_nothing(ruleset):
    tests = [(rule, quiet_test(rule.check_kind)) for rule in ruleset.rules]
    env, fired = ruleset.env, 0
    for path in CABLES:
        for document in read_bytes(path.read_bytes(), str(path)):
            cable = parse_document(document)
            ctx = Context(cable, document, env.eras, env.vocabularies, ruleset.compile_resolver())
            for rule, quiet in tests:
                hits = list(rule.check_kind.check(ctx))
                assert quiet(ctx) == (not hits), (rule.code, path.name)
                fired += bool(hits)
    assert fired > 30


def test_every_era_span_has_a_screen(ruleset):
    assert ruleset._screens is not None
    assert len(ruleset._screens) == len(ruleset._by_date.spans)
