"""The fast schema validator agrees with jsonschema on the rule schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from validator.engine import schema as fast
from validator.engine.loader import rule_files
from validator.engine.yamlfile import load_yaml
from validator.resources import rules_dir, schema_path

from engine_support import VALID_RULE

SCHEMA = json.loads(schema_path("rule.schema.json").read_text(encoding="utf-8"))
REFERENCE = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
FAST = fast.Validator(SCHEMA)


def test_the_schema_is_valid_json_schema_and_fully_supported():
    jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
    assert fast.uses_only_supported(SCHEMA)


def test_both_accept_every_bundled_rule():
    for path in rule_files(rules_dir()):
        data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
        assert list(REFERENCE.iter_errors(data)) == [], path
        assert FAST.problems(data) == [], path


BROKEN = [
    VALID_RULE.replace("severity: warning", "severity: fatal"),
    VALID_RULE.replace("help: Add it.", "help: Add it.\nhelpp: x"),
    VALID_RULE.replace("code: XT101", "code: xt-101"),
    VALID_RULE.replace("name: test-eo-missing", "name: Test_EO"),
    VALID_RULE.replace("kind: required", "kind: requird"),
    VALID_RULE.replace("  at: [banner]", "  regex: 'x'"),
    VALID_RULE.replace("era: all", "era: sometimes"),
    VALID_RULE.replace("era: all", "era: {from: 2001}"),
    VALID_RULE.replace("    - {eo: null}", "    - {eoo: null}"),
    VALID_RULE.replace("  bad:\n    - {eo: null}\n", "  bad: []\n"),
    VALID_RULE.replace("summary: Test rule.\n", ""),
    VALID_RULE.replace('message: "{level} cable has no E.O. line"', 'message: "two\\nlines"'),
]


@pytest.mark.parametrize("text", BROKEN, ids=range(len(BROKEN)))
def test_both_reject_broken_rules(text):
    data, _ = load_yaml(text, "broken.yaml")
    assert list(REFERENCE.iter_errors(data)), "jsonschema accepts it"
    problem = fast.best(FAST.problems(data))
    assert problem is not None, "the fast validator accepts it"
    reference_paths = {tuple(error.absolute_path) for error in REFERENCE.iter_errors(data)}
    assert any(problem.path[:len(p)] == p for p in reference_paths)
