"""Every bundled rule's examples, run through the real reader and parser: a good example
yields no finding of its rule, a bad one yields at least one (what `cable-lint
test-rules` does, one test per rule)."""

from __future__ import annotations

import pytest

from validator.engine import load_ruleset
from validator.engine.examples import Templates, build_examples, run_examples, template_files

RULESET = load_ruleset()
TEMPLATES = Templates(template_files(()))


@pytest.mark.parametrize("rule", RULESET.all_rules, ids=lambda rule: f"{rule.code}-{rule.name}")
def test_rule_examples(rule):
    results = run_examples(RULESET, rule, TEMPLATES)
    assert {result.example.which for result in results} == {"good", "bad"}
    failures = [
        f"{result.example.label}: " + ("no finding" if result.example.which == "bad"
                                       else "; ".join(f.message for f in result.findings))
        for result in results if not result.passed
    ]
    assert failures == []


@pytest.mark.parametrize("rule", RULESET.all_rules, ids=lambda rule: rule.code)
def test_bad_examples_are_reported_inside_the_example(rule):
    for result in run_examples(RULESET, rule, TEMPLATES):
        lines = result.example.document.text.count("\n") + 1
        for finding in result.findings:
            assert 1 <= finding.line <= lines
            assert finding.code == rule.code and finding.name == rule.name


def test_every_template_is_used_and_builds():
    used = {rule.examples.get("template") for rule in RULESET.all_rules} - {None}
    assert used <= set(TEMPLATES.names())
    for rule in RULESET.all_rules:
        assert build_examples(rule, TEMPLATES)
