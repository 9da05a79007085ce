"""The human formats: `full` (ruff-style diagnostics with the cable line and a caret
underline, grouped by document, summary tables and a footer) and `concise` (one
`path:line:col: CODE severity message` line per finding).

Both render through rich, which turns colour off when the stream is not a terminal
and honours NO_COLOR and FORCE_COLOR.
"""

from __future__ import annotations

import sys
from typing import IO, Optional

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from validator.model import DocumentResult, Finding
from validator.report.base import Reporter
from validator.report.context import ReportContext, plural
from validator.report.source import LineSource, clip, printable
from validator.report.summary import SEVERITIES, Summary

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def make_console(stream: IO[str], stderr: bool = False) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=True, emoji=False, stderr=stderr)


def severity_text(severity: str) -> Text:
    return Text(severity, style=SEVERITY_STYLE.get(severity, ""))


def concise_line(path: str, finding: Finding) -> Text:
    return Text.assemble(
        (path, "bold"),
        f":{finding.span.line}:{finding.span.column}: ",
        (finding.code, "bold"),
        " ",
        severity_text(finding.severity.value),
        " ",
        finding.message,
    )


class ConciseReporter(Reporter):
    description = "one line per finding: path:line:col: CODE severity message"

    def __init__(self, stream: IO[str], context: ReportContext, footer_stream: Optional[IO[str]] = None) -> None:
        super().__init__(stream, context)
        self.console = make_console(stream)
        # The footer goes to stderr so that stdout holds finding lines only.
        self.footer = make_console(footer_stream or sys.stderr, stderr=True)

    def document(self, result: DocumentResult) -> None:
        for finding in result.findings:
            self.console.print(concise_line(result.path, finding))

    def finish(self, summary: Summary) -> None:
        if self.context.statistics:
            if hasattr(self.context.extra_statistics, "render"):
                self.console.print(Text(self.context.extra_statistics.render()))
            else:
                print_statistics_lines(self.console, summary)
        if self.context.quiet or self.footer is None:
            return
        self.footer.print(Text(summary.headline(), style="bold"))
        for note in summary.notes():
            self.footer.print(note)


def print_statistics_lines(console: Console, summary: Summary) -> None:
    """flake8/ruff-style statistics: count, code, severity, name; most frequent first."""
    rows = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(count)) for _, count in rows), default=1)
    for code, count in rows:
        console.print(
            Text.assemble(
                f"{count:>{width}}  ",
                (code, "bold"),
                "  ",
                severity_text(f"{summary.rule_severity.get(code, ''):<7}"),
                "  ",
                summary.rule_names.get(code, ""),
            )
        )


class FullReporter(Reporter):
    description = "diagnostics with the cable line, grouped by document, and a summary"

    def __init__(self, stream: IO[str], context: ReportContext) -> None:
        super().__init__(stream, context)
        self.console = make_console(stream)
        self.lines = LineSource()
        self.codes_seen: list[str] = []

    # ------------------------------------------------------------ documents

    def document(self, result: DocumentResult) -> None:
        if result.not_checked is not None:
            self.console.print(
                Text.assemble((result.path, "bold"), ": ", ("not checked", "bold red"), f": {result.not_checked}")
            )
            self.console.print()
            return
        if not result.findings:
            return
        self.console.print(self._document_header(result))
        self.console.print()
        for finding in result.findings:
            self._diagnostic(result.path, finding)
            if finding.code not in self.codes_seen:
                self.codes_seen.append(finding.code)

    def _document_header(self, result: DocumentResult) -> Text:
        counts: dict[str, int] = {}
        for finding in result.findings:
            counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
        parts = [
            (plural(counts[severity.value], severity.value) if severity.value != "info" else f"{counts['info']} info")
            for severity in SEVERITIES
            if counts.get(severity.value)
        ]
        header = Text.assemble(("── ", "dim"), (result.path, "bold underline"))
        if result.document_id:
            header.append(f" ({result.document_id})", style="bold")
        header.append(" ── " + ", ".join(parts), style="dim")
        return header

    def _diagnostic(self, path: str, finding: Finding) -> None:
        rule = self.context.rule(finding.code, finding)
        name = finding.name or rule.name
        console = self.console
        console.print(
            Text.assemble(
                (finding.code, "bold"),
                " ",
                severity_text(finding.severity.value),
                " ",
                (finding.message, "bold"),
            )
        )
        span = finding.span
        line_text, offset = self.lines.line(path, finding)
        gutter = " " * len(str(span.line))
        console.print(Text.assemble(gutter, ("--> ", "blue"), f"{path}:{span.line}:{span.column}"))
        if line_text is not None:
            text = printable(line_text.rstrip("\n"))
            start = min(max(span.column - 1 - offset, 0), len(text))
            end = span.end_column - 1 - offset if span.end_line == span.line else len(text)
            end = max(min(end, len(text)), start + 1)
            if offset:
                text, start, end = "…" + text, start + 1, end + 1
            shown, start, end = clip(text, start, end)
            style = SEVERITY_STYLE.get(finding.severity.value, "")
            console.print(Text(f"{gutter} |", style="blue"))
            console.print(Text.assemble((f"{span.line} | ", "blue"), shown.rstrip()))
            console.print(
                Text.assemble(
                    (f"{gutter} | ", "blue"),
                    " " * start,
                    ("^" * max(end - start, 1), style),
                    " ",
                    (name, style),
                )
            )
            console.print(Text(f"{gutter} |", style="blue"))
        help_text = finding.help or rule.help
        if help_text:
            console.print(Text.assemble(f"{gutter} = ", ("help", "bold"), f": {help_text}"))
        if rule.source:
            console.print(Text.assemble(f"{gutter} = ", ("source", "bold"), f": {rule.source}"))
        console.print()

    # --------------------------------------------------------------- summary

    def finish(self, summary: Summary) -> None:
        console = self.console
        if not self.context.quiet and summary.total:
            console.print(self._severity_table(summary))
            console.print()
            console.print(self._rule_table(summary))
            console.print()
        if self.context.statistics and self.context.extra_statistics is not None:
            statistics = self.context.extra_statistics
            if hasattr(statistics, "render"):
                console.print(Text("Statistics", style="italic"))
                console.print(Text(statistics.render()))
            else:
                render_statistics(console, statistics)
            console.print()
        if self.context.quiet:
            return
        style = "bold red" if summary.by_severity.get("error") else ("bold yellow" if summary.total else "bold green")
        console.print(Text(summary.headline(), style=style))
        for note in summary.notes():
            console.print(note)
        for hint in self._hints(summary):
            console.print(Text(hint, style="dim"))

    def _severity_table(self, summary: Summary) -> Table:
        table = Table(title="Findings by severity", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
        table.add_column("Severity")
        table.add_column("Shown", justify="right")
        table.add_column("Hidden", justify="right")
        for severity in SEVERITIES:
            table.add_row(
                severity_text(severity.value),
                str(summary.by_severity.get(severity.value, 0)),
                str(summary.hidden.get(severity.value, 0)),
            )
        return table

    def _rule_table(self, summary: Summary) -> Table:
        table = Table(title="Findings by rule", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
        table.add_column("Rule")
        table.add_column("Name")
        table.add_column("Severity")
        table.add_column("Count", justify="right")
        for code, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
            table.add_row(
                code,
                summary.rule_names.get(code, ""),
                severity_text(summary.rule_severity.get(code, "")),
                str(count),
            )
        return table

    def _hints(self, summary: Summary) -> list[str]:
        if not summary.total:
            return []
        top = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))[0][0]
        hints = [f"Learn about a rule: `cable-lint rule {top}`."]
        if not self.context.statistics:
            hints.append("More statistics (by year, origin, rules that never fired): `--statistics`; machine-readable: `--format json`.")
        hints.append("Waive a finding in a record that must not change: `--waivers FILE` (docs/waivers.md).")
        return hints


def render_statistics(console: Console, statistics) -> None:
    """Render the audit statistics (`validator.audit.stats.Statistics.to_dict()`)."""
    data = statistics.to_dict() if hasattr(statistics, "to_dict") else dict(statistics)
    scalars = {key: value for key, value in data.items() if not isinstance(value, (dict, list))}
    if scalars:
        table = Table(title="Statistics", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
        table.add_column("Measure")
        table.add_column("Value", justify="right")
        for key, value in scalars.items():
            table.add_row(str(key).replace("_", " "), str(value))
        console.print(table)
    for key, value in data.items():
        if isinstance(value, dict) and value and all(not isinstance(v, (dict, list)) for v in value.values()):
            table = Table(title=str(key).replace("_", " ").capitalize(), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
            table.add_column("Key")
            table.add_column("Value", justify="right")
            for inner_key, inner_value in value.items():
                table.add_row(str(inner_key), str(inner_value))
            console.print(table)
