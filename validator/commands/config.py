"""Print the effective configuration and where each value came from.

`cable-lint config` reads the same files and options as `cable-lint check` (give it
the same options) and prints every key with its value and source: `default`, the
configuration file (with its line), or `command line`.
"""

from __future__ import annotations

import argparse
import json

from validator.commands import check


def add_arguments(parser: argparse.ArgumentParser) -> None:
    check.add_arguments(parser)
    parser.add_argument(
        "--show", choices=("text", "json"), default="text",
        help="print as aligned text (default) or as JSON",
    )


def run(args: argparse.Namespace) -> int:
    settings = check.resolve_settings(args)
    config = settings.config
    found = str(config.path) if config.path else ("none (--isolated)" if args.isolated else "none found")
    if args.show == "json":
        data = {
            "config_file": str(config.path) if config.path else None,
            "settings": {key: {"value": s.value, "source": s.source} for key, s in settings.values.items()},
        }
        print(json.dumps(data, indent=2, default=str))
        return 0
    print(f"# configuration file: {found}")
    width = max(len(key) for key in settings.values)
    for key, setting in settings.values.items():
        value = json.dumps(setting.value, default=str)
        print(f"{key:<{width}} = {value}  # {setting.source}")
    return 0
