"""Explain one rule: what it checks, why, its source, era and examples."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import textwrap

from validator.commands._ruleopts import add_rule_options, load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar="CODE", help="a rule code (CL301) or name (eo-order-unknown)")
    add_rule_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")


def find(ruleset, wanted: str):
    rule = ruleset.get(wanted.strip())
    if rule is None:
        rule = next((r for r in ruleset.all_rules if r.name == wanted.strip().lower()), None)
    return rule


def suggestions(ruleset, wanted: str) -> list[str]:
    codes = [rule.code for rule in ruleset.all_rules]
    names = {rule.name: rule.code for rule in ruleset.all_rules}
    close = difflib.get_close_matches(wanted.upper(), codes, n=4, cutoff=0.6)
    close += [names[n] for n in difflib.get_close_matches(wanted.lower(), list(names), n=3, cutoff=0.6)]
    prefix = [code for code in codes if code.startswith(wanted.upper()[:4])] if len(wanted) >= 4 else []
    seen = []
    for code in close + prefix:
        if code not in seen:
            seen.append(code)
    return seen[:6]


def _example_lines(rule, which: str) -> list[str]:
    lines = []
    for example in rule.examples.get(which) or []:
        if isinstance(example, str):
            lines.append(f"    {example}")
        else:
            shown = {k: v for k, v in example.items() if k != "note"}
            for key, value in shown.items():
                text = value if isinstance(value, str) else json.dumps(value)
                first, *rest = (text or "(removed)").splitlines() or [""]
                lines.append(f"    {key}: {first}")
                lines.extend(f"    {' ' * (len(key) + 2)}{line}" for line in rest)
            if example.get("note"):
                lines.append(f"      ({example['note']})")
    return lines


def render(rule) -> str:
    wrap = lambda text: "\n".join(textwrap.fill(p, 88, initial_indent="  ", subsequent_indent="  ")
                                   for p in text.split("\n\n"))
    parts = [
        f"{rule.code} {rule.name} ({rule.severity.value})",
        "",
        rule.summary,
        "",
        "What it checks:", wrap(rule.description), "",
        "Why:", wrap(rule.rationale), "",
        f"Source: {rule.source}",
        f"Era: {rule.era_text()}" + (f"; applies when: {json.dumps(rule.when)}" if rule.when else ""),
        f"Check: {rule.kind} {json.dumps(rule.params)}",
        f"Message: {rule.message}",
        "",
        "How to fix:", wrap(rule.help), "",
    ]
    if rule.url:
        parts += [f"More: {rule.url}", ""]
    template = rule.examples.get("template")
    slot = rule.examples.get("slot")
    intro = f" (in template {template}" + (f", slot {slot}" if slot else "") + ")" if template else ""
    parts += [f"Good examples{intro}:"] + _example_lines(rule, "good")
    parts += ["Bad examples:"] + _example_lines(rule, "bad")
    if rule.severity != rule.default_severity:
        parts += ["", f"Severity overridden (default {rule.default_severity.value})."]
    parts += ["", f"Defined in {rule.path}:{rule.line}"]
    return "\n".join(parts)


def run(options) -> int:
    from validator.cli import UsageError

    ruleset = load(options)
    rule = find(ruleset, options.code)
    if rule is None:
        close = suggestions(ruleset, options.code)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `cable-lint rules` lists them"
        raise UsageError(f"no rule '{options.code}'{hint}")
    if options.format == "json":
        json.dump(rule.to_dict(), sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print(render(rule))
    return 0
