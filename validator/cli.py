"""Command line: `cable-lint [check] PATH...` and its subcommands.

Each subcommand lives in `validator/commands/<name>.py` with `add_arguments(parser)`
and `run(args) -> int`; modules are imported only when their command runs, so a
plain lint run does not pay for the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from validator import __version__

# command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("validator.commands.check", "lint cables (the default command)"),
    "inspect": ("validator.commands.inspect", "print the parsed metadata of cables"),
    "rules": ("validator.commands.rules", "list the rules"),
    "rule": ("validator.commands.rule", "explain one rule"),
    "test-rules": ("validator.commands.test_rules", "run every rule's examples"),
    "config": ("validator.commands.config", "print the effective configuration"),
    "baseline": ("validator.commands.baseline", "create or update a baseline file"),
    "audit": ("validator.commands.audit", "audit an archive: triage CSV, manifest, report"),
}

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line, configuration, rules or input: exit code 2."""


def build_parser(command: str, module) -> argparse.ArgumentParser:
    prog = "cable-lint" if command == "check" else f"cable-lint {command}"
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else None,
    )
    parser.add_argument("--version", action="version", version=f"cable-lint {__version__}")
    module.add_arguments(parser)
    return parser


def _top_help(commands: dict[str, tuple[str, str]]) -> str:
    lines = [
        f"cable-lint {__version__}: check the markings of US diplomatic cables",
        "",
        "usage: cable-lint [check] PATH... [options]",
        "       cable-lint COMMAND [options]",
        "",
        "commands:",
    ]
    lines += [f"  {name:<11} {summary}" for name, (_, summary) in commands.items()]
    lines += ["", "Run `cable-lint COMMAND --help` for the options of a command."]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    commands = COMMANDS
    if not args or args[0] in ("-h", "--help"):
        print(_top_help(commands))
        return EXIT_OK if args else EXIT_ERROR
    if args[0] == "--version":
        print(f"cable-lint {__version__}")
        return EXIT_OK
    command = args[0] if args[0] in commands else "check"
    if command == args[0]:
        args = args[1:]
    module = importlib.import_module(commands[command][0])
    parser = build_parser(command, module)
    try:
        options = parser.parse_args(args)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    try:
        return int(module.run(options))
    except UsageError as error:
        print(f"cable-lint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cable-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
