"""What `audit` and `baseline` share with `check`: the positional paths, the
configuration, the rule selection, the loaded rule set (with inline directives) and
the post-processing of each result (per-file-ignores, waivers).

The settings and the filter belong to `validator.commands.check` (and
`validator.config`); this module calls them, so the three commands read the same
configuration file the same way.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Optional

from validator.model import DocumentResult


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, archives or cables.csv exports")
    group = parser.add_argument_group("configuration")
    group.add_argument("--config", metavar="FILE", default=None, help="configuration file (default: discovered)")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    group.add_argument("--select", action="append", type=_codes, default=None, metavar="CODES",
                       help="run only these rules (codes, prefixes, names or ALL)")
    group.add_argument("--ignore", action="append", type=_codes, default=None, metavar="CODES",
                       help="do not run these rules")
    group.add_argument("--waivers", action="append", default=None, metavar="FILE",
                       help="waiver file of accepted findings (repeatable)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    from validator.audit.options import add_arguments

    add_arguments(parser)


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]


def require_inputs(args: Any) -> None:
    from validator.cli import UsageError

    if not getattr(args, "paths", None) and not getattr(args, "files_from", None):
        raise UsageError("no input: name files, folders or archives, or use --files-from")


@dataclass
class Session:
    """Everything a run needs besides its inputs."""

    args: argparse.Namespace  # the command's arguments, with the configuration's run settings applied
    settings: Any  # validator.config.Settings
    ruleset: Any  # the engine's rule set
    checker: Any  # what the workers run: the rule set plus inline directives
    post: Callable[[DocumentResult], None]  # per-file-ignores, waivers (after the baseline)
    waivers: Any = None


def prepare(args: argparse.Namespace, as_of: Optional[_dt.date] = None) -> Session:
    from validator.commands import check

    merged = argparse.Namespace(**{**check.parser_defaults(), **vars(args)})
    settings = check.resolve_settings(merged)
    ruleset = check.load_rules(settings)
    checker = check.DocumentAwareRuleSet(ruleset)
    waivers = check._load_waivers(settings, as_of or _dt.date.today())  # noqa: SLF001
    from validator.model import Severity
    from validator.report import ReportContext

    context = ReportContext(ruleset=ruleset, fail_on=Severity.ERROR, min_severity=Severity.INFO)
    return Session(merged, settings, ruleset, checker, PostProcess(settings, context, waivers), waivers)


@dataclass
class PostProcess:
    """Inline suppressions, per-file-ignores and waivers of one result (after the
    baseline); picklable, so a worker process can do it too."""

    settings: Any
    context: Any  # validator.report.ReportContext
    waivers: Any = None

    def __call__(self, result: DocumentResult) -> None:
        from validator.commands import check

        check.postprocess(result, self.settings, self.context, self.waivers)


def rule_codes(ruleset: Any) -> list[str]:
    codes = []
    for rule in getattr(ruleset, "rules", None) or ():
        code = rule if isinstance(rule, str) else getattr(rule, "code", None)
        if code:
            codes.append(code)
    return codes
