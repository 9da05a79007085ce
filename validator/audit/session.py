"""What `audit` and `baseline` share with `check`: the positional paths, the
configuration and the loaded rule set.

The configuration and rule-set loaders belong to other modules (`validator.config`,
`validator.engine`); this module only calls them, so it adapts to what they offer.
"""

from __future__ import annotations

import argparse
import inspect
from typing import Any, Optional


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, archives or cables.csv exports")
    parser.add_argument("--config", metavar="FILE", default=None, help="configuration file (default: discovered)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    from validator.audit.options import add_arguments

    add_arguments(parser)


def require_inputs(args: Any) -> None:
    from validator.cli import UsageError

    if not getattr(args, "paths", None) and not getattr(args, "files_from", None):
        raise UsageError("no input: name files, folders or archives, or use --files-from")


def load_config(args: Any) -> Any:
    """The effective configuration, or None when the config module is not there."""
    try:
        from validator import config as config_module
    except ImportError:
        return None
    for name in ("load_config", "load", "effective_config"):
        loader = getattr(config_module, name, None)
        if callable(loader):
            return _call(loader, path=getattr(args, "config", None), args=args)
    return None


def load_ruleset(args: Any, config: Any) -> Any:
    from validator.cli import UsageError

    try:
        from validator.engine import load_ruleset as engine_load
    except ImportError as error:
        raise UsageError(f"the rule engine is not available: {error}") from None
    try:
        return _call(engine_load, config=config, args=args)
    except UsageError:
        raise
    except Exception as error:  # RuleError and the like: exit 2 with the message
        raise UsageError(str(error)) from None


def _call(function, **available: Any) -> Any:
    """Call `function` with those of `available` it accepts by name."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return function()
    accepted = {name: value for name, value in available.items() if name in parameters and value is not None}
    return function(**accepted)


def rule_codes(ruleset: Any) -> list[str]:
    codes = []
    for rule in getattr(ruleset, "rules", None) or ():
        code = rule if isinstance(rule, str) else getattr(rule, "code", None)
        if code:
            codes.append(code)
    return codes


def as_of_text(args: Any) -> Optional[str]:
    value = getattr(args, "as_of", None)
    return value.isoformat() if value is not None else None
