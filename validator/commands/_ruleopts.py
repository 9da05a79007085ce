"""Options shared by the rule commands (`rules`, `rule`, `test-rules`)."""

from __future__ import annotations

import argparse


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", metavar="DIR", action="append", default=[],
                        help="add a directory of rule files (repeatable)")


def load(options, **selection):
    """The rule set for a command; an invalid rule file becomes a usage error (exit 2)."""
    from validator.cli import UsageError
    from validator.engine import RuleError, load_ruleset

    try:
        return load_ruleset(tuple(options.rules), **selection)
    except RuleError as error:
        raise UsageError(str(error)) from None
