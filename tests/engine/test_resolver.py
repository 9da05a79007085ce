"""The generated path resolver gives the values of resolving paths one by one, and the
same findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine import load_ruleset
from validator.engine.context import ItemsByPath, PresentByPath
from validator.parse import parse_document
from validator.readers import read_bytes

TESTS = Path(__file__).resolve().parent.parent
CABLES = sorted((TESTS / "fixtures" / "cables").glob("*")) + sorted((TESTS / "audit" / "data").glob("*.*"))


def _findings(ruleset, document, cable):
    return [(f.code, f.message, tuple(f.span), f.subject) for f in ruleset.check(document, cable)]


def _documents():
    for path in CABLES:
        for document in read_bytes(path.read_bytes(), str(path)):
            yield document, parse_document(document)


@pytest.fixture(scope="module")
def rulesets():
    one_by_one = load_ruleset()
    one_by_one.COMPILE_RESOLVER_AFTER = 10**9
    generated = load_ruleset()
    generated.compile_resolver()
    return one_by_one, generated


def test_generated_resolver_gives_the_findings_of_resolving_one_by_one(rulesets):
    one_by_one, generated = rulesets
    total = 0
    for document, cable in _documents():
        expected = _findings(one_by_one, document, cable)
        assert _findings(generated, document, cable) == expected, document.path
        total += len(expected)
    assert one_by_one._resolve is None and total > 30


def test_generated_resolver_gives_the_values_and_present_values_of_resolving_one_by_one(rulesets):
    _, generated = rulesets
    resolve, layout = generated.compile_resolver(), generated._layout
    assert len(layout.item_slots) > 30 and len(layout.present_slots) > 30
    for document, cable in _documents():
        resolved = resolve(cable, document)
        one_by_one = ItemsByPath(cable, document)
        one_by_one_present = PresentByPath(one_by_one)
        for text, slot in layout.item_slots.items():
            assert list(resolved[slot]) == [item[0] for item in one_by_one[text]], (text, document.path)
        for text, slot in layout.present_slots.items():
            assert list(resolved[slot]) == [item[0] for item in one_by_one_present[text]], (text, document.path)


def test_a_failing_resolver_falls_back_to_resolving_one_by_one(rulesets, monkeypatch):
    one_by_one, generated = rulesets

    def broken(cable, document):
        raise KeyError("header")

    monkeypatch.setattr(generated, "_resolve", broken)
    for document, cable in _documents():
        assert _findings(generated, document, cable) == _findings(one_by_one, document, cable), document.path


def test_the_resolver_is_compiled_only_for_long_runs_and_can_be_read():
    ruleset = load_ruleset()
    ruleset.COMPILE_RESOLVER_AFTER = 3
    document, cable = next(_documents())
    for _ in range(3):
        ruleset.check(document, cable)
    assert ruleset._resolve is None
    ruleset.check(document, cable)
    assert ruleset._resolve is not None
    assert "def resolve_paths(cable, document):" in ruleset.resolver_source
