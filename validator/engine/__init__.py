"""The rule engine: YAML rules validated by JSON Schema, a closed set of check kinds,
the era table and vocabularies.

    from validator.engine import load_ruleset, RuleSet, Rule, RuleError
    ruleset = load_ruleset(extra_dirs=(), select=None, extend_select=None, ignore=None,
                           severity_overrides=None)
    findings = ruleset.check(document, cable)
"""

from __future__ import annotations

from validator.engine.errors import RuleError
from validator.engine.rule import Rule
from validator.engine.ruleset import RuleSet, load_ruleset

__all__ = ["Rule", "RuleError", "RuleSet", "load_ruleset"]
