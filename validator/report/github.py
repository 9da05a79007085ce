"""`--format github`: GitHub Actions workflow commands (annotations).

GitHub shows at most 10 error and 10 warning annotations per step, so errors come
first, then warnings, then notices (info). Messages escape `%`, CR and LF; property
values also escape `:` and `,` (actions/toolkit `escapeData` / `escapeProperty`).
A last plain line sums up the run in the log.
"""

from __future__ import annotations

from validator.model import DocumentResult, Finding
from validator.report.base import Reporter
from validator.report.context import report_path
from validator.report.summary import Summary, waiver_label

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(message)}"


class GithubReporter(Reporter):
    description = "GitHub Actions annotations (workflow commands)"

    def __init__(self, stream, context) -> None:
        super().__init__(stream, context)
        self.lines: list[tuple[int, int, str]] = []  # (severity order, arrival, line)

    def document(self, result: DocumentResult) -> None:
        path = report_path(result.path, self.context.cwd)
        if result.not_checked is not None:
            line = workflow_command("error", {"file": path, "title": "cable-lint: not checked"}, result.not_checked)
            self.lines.append((-1, len(self.lines), line))
            return
        for finding in result.findings:
            self.lines.append((ORDER[finding.severity.value], len(self.lines), self._annotation(path, finding)))

    def _annotation(self, path: str, finding: Finding) -> str:
        span = finding.span
        properties: dict[str, object] = {"file": path, "line": span.line, "col": span.column}
        if span.end_line != span.line:
            properties["endLine"] = span.end_line
        else:
            properties["endColumn"] = span.end_column
        name = finding.name or self.context.rule(finding.code, finding).name
        properties["title"] = f"{finding.code} {name}".strip()
        message = finding.message
        help_text = finding.help or self.context.rule(finding.code, finding).help
        if help_text:
            message += f"\n{help_text}"
        return workflow_command(COMMANDS[finding.severity.value], properties, message)

    def finish(self, summary: Summary) -> None:
        for waiver in summary.unused_waivers:
            properties: dict[str, object] = {"file": report_path(str(waiver["file"]), self.context.cwd)}
            if waiver.get("line"):
                properties["line"] = waiver["line"]
            properties["title"] = "cable-lint: unused waiver"
            message = f"This waiver matched nothing in this run: {waiver_label(waiver)}"
            self.lines.append((ORDER["warning"], len(self.lines), workflow_command("warning", properties, message)))
        for _, _, line in sorted(self.lines):
            self.write(line + "\n")
        if not self.context.quiet:
            self.write(f"cable-lint: {summary.headline()}\n")
            for note in summary.notes():
                self.write(f"cable-lint: {note}\n")
