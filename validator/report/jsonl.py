"""`--format jsonl`: one JSON object per line, written as each document finishes.

Each line has `"type"`: `"finding"` (an active finding, with the document's path and
id) or `"not_checked"` (an input that could not be checked, with the reason).
Suppressed findings are not written; the json format keeps them.
"""

from __future__ import annotations

import json

from validator.model import DocumentResult
from validator.report.base import Reporter
from validator.report.context import fingerprints, report_path
from validator.report.json_report import finding_dict


class JsonLinesReporter(Reporter):
    description = "one JSON object per finding and line, streamed"

    def document(self, result: DocumentResult) -> None:
        path = report_path(result.path, self.context.cwd)
        if result.not_checked is not None:
            self._line({"type": "not_checked", "path": path, "document_id": result.document_id, "reason": result.not_checked})
            return
        prints = fingerprints(path, result.findings)
        for finding, fingerprint in zip(result.findings, prints):
            record = {"type": "finding", "path": path, "document_id": result.document_id}
            record.update(finding_dict(finding, fingerprint, self.context))
            self._line(record)
        self.stream.flush()

    def _line(self, record: dict) -> None:
        self.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
