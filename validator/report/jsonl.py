"""`--format jsonl`: one JSON object per line, written as each document finishes.

Each line has `"type"`: `"finding"` (an active finding, with the document's path and
id) or `"not_checked"` (an input that could not be checked, with the reason).
Suppressed findings are not written; the json format keeps them.
"""

from __future__ import annotations

import functools
import json

from validator.model import DocumentResult
from validator.report.base import Reporter
from validator.report.context import ReportContext, fingerprints, report_path
from validator.report.json_report import finding_dict


class JsonLinesReporter(Reporter):
    description = "one JSON object per finding and line, streamed"

    @staticmethod
    def renderer(context: ReportContext):
        return functools.partial(document_lines, context=context)

    def document(self, result: DocumentResult) -> None:
        self.document_texts([document_lines(result, self.context)])

    def document_texts(self, texts: list[str]) -> None:
        self.write("".join(texts))
        self.stream.flush()


def document_lines(result: DocumentResult, context: ReportContext) -> str:
    """The document's lines: one per active finding, or one saying it was not checked."""
    path = report_path(result.path, context.cwd)
    if result.not_checked is not None:
        return _line({"type": "not_checked", "path": path, "document_id": result.document_id, "reason": result.not_checked})
    prints = fingerprints(path, result.findings)
    lines = []
    for finding, fingerprint in zip(result.findings, prints):
        record = {"type": "finding", "path": path, "document_id": result.document_id}
        record.update(finding_dict(finding, fingerprint, context))
        lines.append(_line(record))
    return "".join(lines)


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
