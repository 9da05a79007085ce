"""Run every rule's examples: a good example must not trigger its rule, a bad one must.

`cable-lint test-rules` tests the bundled rules (and those of `--rules DIR`);
`cable-lint test-rules DIR` tests only the rules in DIR. Exit 1 on a failing example,
2 on an invalid rule file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from validator.commands._ruleopts import add_rule_options, load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", nargs="?", help="test only the rules in this directory")
    add_rule_options(parser)
    parser.add_argument("--select", action="append", metavar="CODE", help="test only these codes or prefixes")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each example's findings")


def run(options) -> int:
    from validator.cli import UsageError
    from validator.engine import RuleError
    from validator.engine.examples import Templates, run_examples, template_files

    if options.directory:
        if not Path(options.directory).is_dir():
            raise UsageError(f"{options.directory}: not a directory")
        options.rules = list(options.rules) + [options.directory]
    ruleset = load(options)
    rules = ruleset.all_rules
    if options.directory:
        folder = Path(options.directory).resolve()
        rules = [rule for rule in rules if folder in Path(rule.path).resolve().parents]
    if options.select:
        wanted = [code.strip().upper() for value in options.select for code in value.split(",")]
        rules = [rule for rule in rules if any(rule.code.startswith(w) for w in wanted)]
    try:
        templates = Templates(template_files(options.rules))
    except RuleError as error:
        raise UsageError(str(error)) from None

    failed = 0
    for rule in rules:
        try:
            results = run_examples(ruleset, rule, templates)
        except RuleError as error:
            raise UsageError(str(error)) from None
        bad = [result for result in results if not result.passed]
        status = "PASS" if not bad else "FAIL"
        print(f"{status} {rule.code} {rule.name} ({len(results)} examples)")
        for result in bad:
            example = result.example
            if example.which == "bad":
                print(f"  {example.label}: expected a {rule.code} finding, got none")
            else:
                for finding in result.findings:
                    print(f"  {example.label}: unexpected finding at line {finding.line}: {finding.message}")
        if options.verbose:
            for result in results:
                for finding in result.findings:
                    print(f"  {result.example.label}: {finding.line}:{finding.column} {finding.message}")
        failed += bool(bad)
    print(f"{len(rules) - failed} of {len(rules)} rules passed their examples"
          + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0
