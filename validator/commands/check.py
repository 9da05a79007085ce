"""Lint cables: `cable-lint [check] PATH...` prints what is wrong with their markings.

Exit codes: 0 nothing at the --fail-on level (default: error); 1 findings at that
level; 2 a usage, configuration, rule, waiver or I/O error, or an input that could
not be checked (every other input is still checked and reported first). --exit-zero
turns 1 into 0, never 2.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import os
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional

from validator import config as config_module
from validator.cli import UsageError
from validator.model import DocumentResult, Finding, Severity
from validator.report import FORMATS, HUMAN_FORMATS, ReportContext, Summary, make_reporter
from validator.report.context import SUPPRESSED_BY

SEVERITY_CHOICES = ("info", "warning", "error")


# --------------------------------------------------------------------- arguments


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]


EPILOG = (
    "exit codes: 0 nothing at the --fail-on level; 1 findings at that level; "
    "2 usage, configuration, rule, waiver or I/O error, or an input not checked. "
    "Docs: docs/usage.md, docs/configuration.md, docs/waivers.md."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="cable files or folders to check; '-' reads one cable from standard input",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format", "-f", choices=list(FORMATS), default=None,
        help="output format (default: full on a terminal, concise otherwise)",
    )
    output.add_argument("--output", "-o", metavar="FILE", default=None, help="write the report to FILE instead of stdout")
    output.add_argument(
        "--report", action="append", default=[], metavar="FORMAT:PATH",
        help="also write a report in FORMAT to PATH (repeatable), e.g. --report sarif:cable-lint.sarif",
    )
    output.add_argument("--statistics", action="store_true", help="show counts per rule (and audit statistics)")
    output.add_argument("--quiet", "-q", action="store_true", help="print findings only: no summary, hints or progress")
    output.add_argument(
        "--min-severity", choices=SEVERITY_CHOICES, default=None,
        help="the lowest severity shown (default: info); hidden findings are counted in the summary",
    )
    output.add_argument(
        "--fail-on", choices=SEVERITY_CHOICES, default=None,
        help="the lowest severity that makes the run fail with exit code 1 (default: error)",
    )
    output.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach --fail-on (errors still exit 2)")
    rules = parser.add_argument_group("rule selection")
    rules.add_argument("--select", action="append", type=_codes, default=None, metavar="CODES",
                       help="run only these rules: codes, prefixes (CL3), names or ALL, comma-separated")
    rules.add_argument("--extend-select", action="append", type=_codes, default=None, metavar="CODES",
                       help="run these rules as well")
    rules.add_argument("--ignore", action="append", type=_codes, default=None, metavar="CODES",
                       help="do not run these rules (codes or prefixes)")
    rules.add_argument("--severity", action="append", default=None, metavar="CODE=LEVEL",
                       help="give a rule another severity, e.g. --severity CL301=warning (repeatable)")
    rules.add_argument("--per-file-ignores", action="append", default=None, metavar="GLOB:CODES",
                       help="do not report CODES for files matching GLOB, e.g. 'drafts/*:CL6' (repeatable)")
    rules.add_argument("--rules", action="append", default=None, metavar="DIR",
                       help="add the rules in DIR to the bundled ones (repeatable)")
    settings = parser.add_argument_group("configuration")
    settings.add_argument("--config", metavar="FILE", default=None,
                          help="use this configuration file (cable-lint.yaml or pyproject.toml)")
    settings.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    settings.add_argument("--waivers", action="append", default=None, metavar="FILE",
                          help="waiver file of accepted findings (repeatable); see docs/waivers.md")
    settings.add_argument("--stdin-filename", metavar="NAME", default=None,
                          help="the name to report for '-' (used for per-file-ignores, waivers and the cable id)")
    from validator.audit import options as audit_options

    audit_options.add_arguments(parser)


# ----------------------------------------------------------------- the rule set


class DocumentAwareRuleSet:
    """The loaded rule set plus what needs the document's text: inline directives
    and the text of each finding's line for code frames. It runs wherever the
    documents are checked (worker processes too), so it must stay picklable."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def check(self, document, cable) -> list[Finding]:
        from validator.audit.directives import apply_directives
        from validator.report.source import attach_line_text

        findings = list(self._inner.check(document, cable))
        findings = apply_directives(document, findings, self._inner)
        return attach_line_text(document, findings)

    @property
    def hash(self) -> str:
        inner = getattr(self._inner, "hash", "")
        inner = inner() if callable(inner) else inner
        return f"{inner}+report1"  # results carry line text and directives: own cache space

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_inner":
            raise AttributeError(name)
        return getattr(self._inner, name)


def load_rules(settings: config_module.Settings) -> Any:
    try:
        from validator.engine import RuleError, load_ruleset
    except ImportError as error:  # pragma: no cover - only while the engine is missing
        raise UsageError(f"the rule engine is not available: {error}") from None
    extra_dirs = tuple(settings["rules"])
    try:
        selection = {key: settings[key] or None for key in ("select", "extend-select", "ignore")}
        if settings["select"] is not None:
            selection["select"] = settings["select"]
        names = [s for values in selection.values() for s in values or () if _is_name(s)]
        if names:
            selection = _names_to_codes(selection, load_ruleset(extra_dirs))
        return load_ruleset(
            extra_dirs,
            select=selection["select"],
            extend_select=selection["extend-select"],
            ignore=selection["ignore"],
            severity_overrides={code: Severity(level) for code, level in settings["severity"].items()} or None,
        )
    except RuleError as error:
        raise UsageError(str(error)) from None


def _is_name(selector: str) -> bool:
    return selector != "ALL" and not selector.upper().startswith("CL")


def _names_to_codes(selection: dict, ruleset: Any) -> dict:
    """Rule names (kebab-case) in a selection, turned into their codes."""
    codes = {getattr(rule, "name", ""): rule.code for rule in getattr(ruleset, "all_rules", ())}
    translated = {}
    for key, values in selection.items():
        if values is None:
            translated[key] = None
            continue
        out = []
        for value in values:
            if _is_name(value):
                if value not in codes:
                    raise UsageError(f"--{key} {value}: no rule is named '{value}'; see `cable-lint rules`")
                value = codes[value]
            out.append(value)
        translated[key] = out
    return translated


# ----------------------------------------------------------------- settings


def _flatten(values: Optional[list]) -> Optional[list]:
    if values is None:
        return None
    return [item for group in values for item in group]


def _severity_option(values: Optional[list[str]]) -> Optional[dict[str, str]]:
    if values is None:
        return None
    overrides = {}
    for value in values:
        code, sep, level = value.partition("=")
        code, level = code.strip().upper(), level.strip().lower()
        if not sep or not code or level not in SEVERITY_CHOICES:
            raise UsageError(f"--severity {value}: expected CODE=LEVEL with LEVEL one of error, warning, info")
        overrides[code] = level
    return overrides


def _per_file_option(values: Optional[list[str]]) -> Optional[dict[str, list[str]]]:
    if values is None:
        return None
    ignores: dict[str, list[str]] = {}
    for value in values:
        glob, sep, codes = value.rpartition(":")
        if not sep or not glob or not _codes(codes):
            raise UsageError(f"--per-file-ignores {value}: expected GLOB:CODES, e.g. 'drafts/*:CL6'")
        ignores.setdefault(glob, []).extend(_codes(codes))
    return ignores


def cli_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given on the command line, by configuration key."""
    return {
        "select": _flatten(args.select),
        "extend-select": _flatten(args.extend_select),
        "ignore": _flatten(args.ignore),
        "severity": _severity_option(args.severity),
        "per-file-ignores": _per_file_option(args.per_file_ignores),
        "rules": args.rules,
        "min-severity": args.min_severity,
        "fail-on": args.fail_on,
        "format": args.format,
        "waivers": args.waivers,
    }


# keys a configuration file may set for the run options (validator.audit.options)
RUN_KEYS = ("include", "jobs", "cache", "cache-dir", "baseline", "max-size")


def parser_defaults() -> dict[str, Any]:
    parser = argparse.ArgumentParser(add_help=False)
    add_arguments(parser)
    return vars(parser.parse_args([]))


def resolve_settings(args: argparse.Namespace) -> config_module.Settings:
    """The effective settings: defaults, then the configuration file, then the
    command line; the file's run settings are copied onto `args`."""
    defaults = parser_defaults()
    try:
        config = config_module.discover(args.config, args.isolated)
    except config_module.ConfigError as error:
        raise UsageError(str(error)) from None
    cli = cli_settings(args)
    for key in RUN_KEYS:
        dest = key.replace("-", "_")
        if hasattr(args, dest) and getattr(args, dest) != defaults.get(dest):
            cli[key] = getattr(args, dest)
    settings = config_module.effective(config, cli)
    _apply_run_settings(args, settings)
    return settings


def _apply_run_settings(args: argparse.Namespace, settings: config_module.Settings) -> None:
    """Hand the file's run settings to the run options the command line left unset."""
    for key in RUN_KEYS:
        dest = key.replace("-", "_")
        setting = settings.values[key]
        if setting.source == "default" or not hasattr(args, dest):
            continue
        value = setting.value
        if key == "max-size" and isinstance(value, str):
            from validator.audit.options import parse_size

            value = parse_size(value)
        setattr(args, dest, value)


# --------------------------------------------------------------------- running


def run(args: argparse.Namespace) -> int:
    settings = resolve_settings(args)
    paths = list(args.paths)
    if not paths and not getattr(args, "files_from", None):
        raise UsageError("no input: give one or more PATHs (files or folders), or '-' to read standard input")
    if paths.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    if "-" in paths and getattr(args, "files_from", None) == "-":
        raise UsageError("standard input cannot hold both a cable ('-') and the list of paths (--files-from -)")
    ruleset = load_rules(settings)
    as_of = getattr(args, "as_of", None) or _dt.date.today()
    waivers = _load_waivers(settings, as_of)
    context = ReportContext(
        ruleset=ruleset,
        ruleset_hash=_hash_of(ruleset),
        as_of=as_of.isoformat(),
        fail_on=Severity(settings["fail-on"]),
        min_severity=Severity(settings["min-severity"]),
        quiet=args.quiet,
        statistics=args.statistics,
    )
    statistics = _statistics(ruleset) if args.statistics else None
    context.extra_statistics = statistics
    checker = DocumentAwareRuleSet(ruleset)
    with ExitStack() as stack:
        reporters = _reporters(args, settings, context, stack)
        for reporter in reporters:
            reporter.start()
        summary = Summary()
        show_not_checked = not (reporters[0].__class__.__name__ == "FullReporter" and args.output is None)
        finisher = _worker_finisher(reporters, settings, context, waivers, statistics)
        for result in _results(args, paths, checker, settings, finisher):
            if type(result) is not DocumentResult:  # documents finished in a worker process
                rendered = result.payload
                summary.merge(rendered.summary)
                if statistics is not None:
                    statistics.merge(rendered.statistics)
                if waivers is not None:
                    waivers.add_uses(rendered.waiver_uses)
                _print_not_checked(rendered.summary.not_checked, show_not_checked)
                for reporter, texts in zip(reporters, rendered.texts):
                    reporter.document_texts(texts)
                continue
            _count(result, settings, context, waivers, summary, statistics)
            if result.not_checked is not None:
                _print_not_checked([(result.path, result.not_checked)], show_not_checked)
            for reporter in reporters:
                reporter.document(result)
        summary.unused_waivers = waivers.unused() if waivers is not None else []
        for reporter in reporters:
            reporter.finish(summary)
    return exit_code(summary, args.exit_zero)


def _count(result: DocumentResult, settings, context: ReportContext, waivers, summary: Summary, statistics) -> None:
    """Filter one result (inline suppressions, ignores, waivers, --min-severity) and
    count it: what the parent, or a worker finishing its documents, does with each."""
    shown, hidden, failing = _filter(result, settings, context, waivers)
    summary.add(result, hidden=hidden, failing=failing)
    if statistics is not None:
        statistics.add(result)


def _print_not_checked(inputs: list[tuple[str, str]], show: bool) -> None:
    if show:
        for path, reason in inputs:
            print(f"cable-lint: error: {path}: not checked: {reason}", file=sys.stderr)


@dataclass
class RenderedDocuments:
    """Documents filtered, counted and written by a worker: their summary, statistics
    and waiver uses, and for each reporter their texts."""

    summary: Summary
    texts: list[list[str]]
    statistics: Any = None
    waiver_uses: Optional[list[int]] = None


class RenderInWorker:
    """The per-document part of a run, done in the worker processes: the filter and
    waivers, the summary's and statistics' counts and each reporter's text (for the
    formats that offer one). The parent then only adds up counts and writes texts: it
    was the busiest process of an archive run, and with a warm cache the only busy one."""

    def __init__(self, settings: config_module.Settings, context: ReportContext, formats: list[type],
                 waivers: Any = None, statistics_top: Optional[int] = None) -> None:
        self.settings = settings
        self.context = context
        self.formats = formats
        self.waivers = waivers
        self.statistics_top = statistics_top
        self.reads_facts = statistics_top is not None  # the year and origin of each document
        self._renderers: Optional[list] = None

    def __call__(self, results: Iterable[DocumentResult]) -> tuple[RenderedDocuments, int]:
        if self._renderers is None:
            self._renderers = [reporter.renderer(self.context) for reporter in self.formats]
        summary = Summary()
        statistics = None
        if self.statistics_top is not None:
            from validator.audit.stats import Statistics

            statistics = Statistics(top=self.statistics_top)
        uses_before = self.waivers.uses() if self.waivers is not None else None
        texts: list[list[str]] = [[] for _ in self._renderers]
        # A few results at a time: not all of a task's (they are the largest part of a
        # worker's memory), nor one by one (each step in turn over a batch runs ~15%
        # faster than all steps per document).
        for batch in _batches(results, 32):
            for result in batch:
                _count(result, self.settings, self.context, self.waivers, summary, statistics)
            for render, rendered in zip(self._renderers, texts):
                rendered += map(render, batch)
        uses = self.waivers.uses_since(uses_before) if uses_before is not None else None
        return RenderedDocuments(summary, texts, statistics, uses), summary.total

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_renderers": None}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(itertools.islice(items, size)):
        yield batch


def _worker_finisher(reporters: list, settings, context: ReportContext, waivers, statistics) -> Optional[RenderInWorker]:
    """Work for the worker processes, when every reporter can write a document on its own."""
    if not all(reporter.renderer is not None for reporter in reporters):
        return None
    top = statistics.top if statistics is not None else None
    return RenderInWorker(settings, context, [type(reporter) for reporter in reporters], waivers, top)


def exit_code(summary: Summary, exit_zero: bool) -> int:
    if summary.not_checked:
        return 2
    if summary.failing and not exit_zero:
        return 1
    return 0


def _hash_of(ruleset: Any) -> str:
    value = getattr(ruleset, "hash", "")
    return str(value() if callable(value) else value)


def _statistics(ruleset: Any):
    from validator.audit.stats import Statistics

    return Statistics.for_ruleset(ruleset)


def _load_waivers(settings: config_module.Settings, as_of: _dt.date):
    files = settings["waivers"]
    if not files:
        return None
    from validator.audit.waivers import WaiverError, WaiverSet

    try:
        return WaiverSet.load(files, today=as_of)
    except WaiverError as error:
        raise UsageError(str(error)) from None


# ------------------------------------------------------------------- reporters


def _default_format(settings: config_module.Settings, stream: IO[str]) -> str:
    if settings["format"]:
        return settings["format"]
    # the stream itself decides, not FORCE_COLOR: forcing colour must not change the format
    try:
        return "full" if stream.isatty() else "concise"
    except (AttributeError, ValueError):
        return "concise"


def _open(path: str, stack: ExitStack, what: str) -> IO[str]:
    try:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        return stack.enter_context(open(path, "w", encoding="utf-8", newline="\n"))
    except OSError as error:
        raise UsageError(f"{path}: cannot write the {what}: {error.strerror or error}") from None


def _report_specs(args) -> list[tuple[str, str]]:
    specs = []
    for spec in args.report:
        name, sep, path = spec.partition(":")
        if not sep or name not in FORMATS or not path:
            raise UsageError(f"--report {spec}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}")
        specs.append((name, path))
    return specs


def _reporters(args, settings, context: ReportContext, stack: ExitStack) -> list:
    specs = _report_specs(args)  # all checked before any file is opened
    stream = _open(args.output, stack, "report (--output)") if args.output else sys.stdout
    reporters = [make_reporter(_default_format(settings, stream), stream, context)]
    for name, path in specs:
        reporter = make_reporter(name, _open(path, stack, f"{name} report"), context)
        if hasattr(reporter, "footer"):  # the run's summary is already on stderr once
            reporter.footer = None
        reporters.append(reporter)
    return reporters


# --------------------------------------------------------------------- results


def _results(args, paths: list[str], checker, settings, finisher=None) -> Iterator[Any]:
    """Every input's result, in input order; '-' is read here, files by the runner
    (which may hand back documents the `finisher` finished in a worker)."""
    before = paths[: paths.index("-")] if "-" in paths else paths
    after = paths[paths.index("-") + 1 :] if "-" in paths else []
    if before or getattr(args, "files_from", None):
        yield from _run_paths(args, before, checker, settings, finisher)
    if "-" in paths:
        yield from _stdin_results(args, checker)
        if after:
            yield from _run_paths(args, after, checker, settings, finisher, files_from=False)


def _run_paths(args, paths: list[str], checker, settings, finisher=None, files_from: bool = True) -> Iterator[Any]:
    from validator.audit.runner import iter_results

    options = argparse.Namespace(**vars(args))
    options.paths = paths
    if not files_from:
        options.files_from = None
    yield from iter_results(options, checker, config=settings, finisher=finisher)


def _stdin_results(args, checker) -> Iterator[DocumentResult]:
    from validator.lint import lint_document
    from validator.readers import ReadError, read_bytes

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    try:
        for document in read_bytes(data, name):
            yield lint_document(document, checker)
    except ReadError as error:
        yield DocumentResult(path=name, not_checked=error.reason)


# ------------------------------------------------------------ post-processing


def _filter(result: DocumentResult, settings, context: ReportContext, waivers) -> tuple[list, list, int]:
    """Apply inline suppressions, per-file-ignores, --ignore of cable-lint's own codes,
    waivers and --min-severity. Returns (shown, hidden, failing count)."""
    if result.not_checked is not None:
        return [], [], 0
    if not result.findings:  # most documents of an archive: nothing to filter
        return result.findings, [], 0
    check_ignores = bool(settings["ignore"] or settings["per-file-ignores"])
    kept = []
    for finding in result.findings:
        if finding.extra.get(SUPPRESSED_BY) == "inline":
            result.suppressed.append(finding)
        elif not (check_ignores and _ignored(finding, result.path, settings)):
            kept.append(finding)
    result.findings = kept
    if waivers is not None:
        waivers.apply(result)
    fail_on, min_severity = context.fail_on.rank, context.min_severity.rank
    failing = sum(1 for finding in result.findings if finding.severity.rank >= fail_on)
    shown = [f for f in result.findings if f.severity.rank >= min_severity]
    hidden = [f for f in result.findings if f.severity.rank < min_severity] if len(shown) < len(result.findings) else []
    result.findings = shown
    return shown, hidden, failing


def _ignored(finding: Finding, path: str, settings) -> bool:
    from validator.audit.waivers import selector_matches

    if finding.code.startswith("CL0") and any(
        selector_matches(selector, finding.code, finding.name) for selector in settings["ignore"] or ()
    ):
        return True
    per_file = settings["per-file-ignores"]
    if not per_file:
        return False
    base = settings.config.folder.resolve()
    for glob, selectors in per_file.items():
        if config_module.glob_match(glob, path, base) and any(
            selector_matches(selector, finding.code, finding.name) for selector in selectors
        ):
            return True
    return False


# Public names for the other commands (audit, baseline) that share this post-processing.
load_waivers = _load_waivers
postprocess = _filter
