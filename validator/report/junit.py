"""`--format junit`: JUnit XML for Jenkins and GitLab test reports.

One test case per document, named by its path (made unique with ` #2`, ` #3` when a
path repeats, since GitLab drops duplicate names). A document fails when it has a
finding at the `--fail-on` level; findings below it are listed in `system-out`; an
input that could not be checked is an `error`.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _escape, quoteattr as _quoteattr

from validator.model import DocumentResult
from validator.report.base import Reporter
from validator.report.context import plural, report_path, severity_at_least
from validator.report.summary import Summary


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML text: escaped, and without the control characters XML 1.0 forbids."""
    return _escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("\ufffd", text))


class JunitReporter(Reporter):
    description = "JUnit XML, one test case per document"

    def __init__(self, stream, context) -> None:
        super().__init__(stream, context)
        self.cases: list[str] = []
        self.names: dict[str, int] = {}
        self.failures = 0
        self.errors = 0

    def _unique(self, path: str) -> str:
        count = self.names.get(path, 0) + 1
        self.names[path] = count
        return path if count == 1 else f"{path} #{count}"

    def document(self, result: DocumentResult) -> None:
        path = report_path(result.path, self.context.cwd)
        name = self._unique(path)
        head = f"    <testcase classname={quoteattr('cable-lint')} name={quoteattr(name)} file={quoteattr(path)}"
        if result.not_checked is not None:
            self.errors += 1
            self.cases.append(
                f"{head}>\n      <error message={quoteattr('not checked: ' + result.not_checked)} "
                f"type=\"not-checked\"/>\n    </testcase>"
            )
            return
        lines = [
            f"{path}:{f.span.line}:{f.span.column}: {f.code} {f.severity.value} {f.message}" for f in result.findings
        ]
        failing = [f for f in result.findings if severity_at_least(f.severity, self.context.fail_on)]
        if failing:
            self.failures += 1
            counts = plural(len(failing), "finding") + f" at or above {self.context.fail_on.value}"
            self.cases.append(
                f"{head}>\n      <failure message={quoteattr(counts)} type=\"cable-lint\">"
                f"{escape(chr(10).join(lines))}</failure>\n    </testcase>"
            )
        elif lines:
            self.cases.append(f"{head}>\n      <system-out>{escape(chr(10).join(lines))}</system-out>\n    </testcase>")
        else:
            self.cases.append(f"{head}/>")

    def finish(self, summary: Summary) -> None:
        tests = len(self.cases)
        counts = f'tests="{tests}" failures="{self.failures}" errors="{self.errors}" skipped="0"'
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.write(f'<testsuites name="cable-lint" {counts}>\n')
        self.write(f'  <testsuite name="cable-lint" {counts}>\n')
        for case in self.cases:
            self.write(case + "\n")
        self.write("  </testsuite>\n</testsuites>\n")
