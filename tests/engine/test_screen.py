"""The rule screens (screen.py) skip only rules that give nothing: a kind's quiet test
holds exactly when its check yields no hit."""

from __future__ import annotations

import dataclasses
import random
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


@pytest.mark.parametrize("reading", ["context", "resolver"])
def test_every_quiet_test_holds_exactly_when_its_check_yields_nothing(ruleset, reading):
    # The values read from the context's items, or (as in the screens) from the resolver's lists.
    layout = ruleset._layout if reading == "resolver" else None
    slots = (dict(ruleset._layout.item_slots), dict(ruleset._layout.present_slots))
    tests = [(rule, quiet_test(rule.check_kind, layout)) for rule in ruleset.rules]
    assert (ruleset._layout.item_slots, ruleset._layout.present_slots) == slots  # each read a slot the screens made
    env, fired = ruleset.env, 0
    for path in CABLES:
        for document in read_bytes(path.read_bytes(), str(path)):
            cable = parse_document(document)
            ctx = Context(cable, document, env.eras, env.vocabularies, ruleset.compile_resolver(), ruleset._layout)
            assert ctx.resolved is not None
            for rule, quiet in tests:
                hits = list(rule.check_kind.check(ctx))
                assert quiet(ctx) == (not hits), (rule.code, path.name)
                fired += bool(hits)
    assert fired > 30


def test_every_era_span_has_a_screen(ruleset):
    assert ruleset._screens is not None
    assert len(ruleset._screens) == len(ruleset._by_date.spans)


_ODD_VALUES = [None, "", "  ", "X", 0, 7, [], ["A"], (), frozenset(), True]


def _garble(obj, rng, depth=0):
    """Set some fields, anywhere in the cable, to values of the wrong type: rules then
    raise, and a rule's error must be reported with or without the screens."""
    if not dataclasses.is_dataclass(obj) or depth > 2:
        return
    for field in dataclasses.fields(obj):
        value, draw = getattr(obj, field.name), rng.random()
        if draw < 0.08:
            object.__setattr__(obj, field.name, rng.choice(_ODD_VALUES))
        elif draw < 0.5:
            for item in (value[:3] if isinstance(value, list) else [value]):
                _garble(item, rng, depth + 1)


@pytest.mark.parametrize("seed", range(1, 21))
def test_screened_checks_give_the_findings_of_testing_every_rule_on_garbled_cables(ruleset, seed):
    every_rule = load_ruleset()
    every_rule.COMPILE_RESOLVER_AFTER = 10**9
    rng, errors, resolver_failures = random.Random(seed), 0, 0
    for path in CABLES:
        for document in read_bytes(path.read_bytes(), str(path)):
            cable = parse_document(document)
            _garble(cable, rng)
            expected = _outcome(every_rule, document, cable)
            assert _outcome(ruleset, document, cable) == expected, path.name
            errors += sum(1 for finding in expected if finding[3].endswith(":internal-error"))
            resolver_failures += _raises(ruleset.compile_resolver(), cable, document)
    assert errors > 0 and every_rule._resolve is None
    assert resolver_failures > 0  # the screens then read no values (`ctx.resolved` is None)


def _raises(function, *arguments) -> bool:
    try:
        function(*arguments)
    except Exception:
        return True
    return False


def _outcome(ruleset, document, cable) -> list:
    try:
        return [(f.code, f.message, tuple(f.span), f.subject) for f in ruleset.check(document, cable)]
    except Exception as error:  # a cable without its header has no date: no rule runs
        return [("raised", type(error).__name__, str(error), "")]


def test_values_always_accepted_are_held_on_every_date(ruleset):
    import datetime as _dt

    from validator.engine.vocab import MergedVocabulary

    kind = ruleset.get("CL602").check_kind
    merged = MergedVocabulary([ruleset.env.vocabularies.get(name) for name in kind.vocabularies])
    assert merged.always
    for value in merged.always:
        assert all(merged.holds(value, date) for date in (None, _dt.date.min, _dt.date(1990, 1, 1), _dt.date.max))
    dated = [key for key, (ranges, _) in merged._entries.items() if key not in merged.always]
    assert all(not merged.holds(key, _dt.date.min) or not merged.holds(key, _dt.date.max) for key in dated)


@pytest.mark.parametrize("function", ["max", "min", "count"])
def test_an_aggregate_gives_from_values_the_values_it_reads_from_items(function):
    from types import SimpleNamespace

    from validator.engine.operands import value_operand
    from validator.model import Level

    operand = value_operand(f"{function}(all_portions[].level)")
    for values in ([], [None], [Level.SECRET, None, Level.CONFIDENTIAL, Level.SECRET], [3, 1, 3.0, None, 2]):
        ctx = SimpleNamespace(items_of={"all_portions[].level": [(value, None, False) for value in values]})
        read = [item[0] for item in operand.read(ctx)]
        given = operand.of_values(values)
        assert given == read and all(a is b for a, b in zip(given, read))
    if function != "count":  # what cannot be compared raises in both
        with pytest.raises(TypeError):
            operand.read(SimpleNamespace(items_of={"all_portions[].level": [(1, None, False), ("x", None, False)]}))
        with pytest.raises(TypeError):
            operand.of_values([1, "x"])
