"""List the rules: code, name, severity and summary."""

from __future__ import annotations

import argparse
import json
import sys

from validator.commands._ruleopts import add_rule_options, load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_rule_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (a table) or json (every field of every rule)")
    parser.add_argument("--select", action="append", metavar="CODE",
                        help="list only these codes or prefixes (repeatable, or comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="CODE",
                        help="leave out these codes or prefixes")


def _codes(values):
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def run(options) -> int:
    ruleset = load(options, select=_codes(options.select), ignore=_codes(options.ignore))
    rules = ruleset.rules
    if options.format == "json":
        payload = {"ruleset_hash": ruleset.hash,
                   "rules": [{key: rule.to_dict()[key] for key in
                              ("code", "name", "severity", "summary", "era", "kind", "source", "path")}
                             for rule in rules]}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("code", "name", "severity", "summary"):
        table.add_column(column, overflow="fold", no_wrap=column != "summary")
    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for rule in rules:
        severity = rule.severity.value
        table.add_row(rule.code, rule.name, f"[{colours[severity]}]{severity}[/]", rule.summary)
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=False, width=160)
    console.print(table)
    console.print(f"{len(rules)} rules; `cable-lint rule CODE` explains one.")
    return 0
