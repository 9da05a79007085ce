"""The files `cable-lint audit` writes: the triage CSV and the audit manifest.

Both are written as results stream by, so an archive of any size needs memory for
one row at a time. The manifest lists every input with its SHA-256 and size, the
tool version, rule-set hash, configuration hash and as-of date, and at the end the
SHA-256 of the other files the run wrote, so an auditor can show which exact bytes
were checked under which rules and that the outputs are the ones produced.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import os
from typing import IO, Any, Optional

from validator import __version__
from validator.audit.asof import status_from_facts
from validator.model import DocumentResult, Severity

TRIAGE_COLUMNS = (
    "id", "path", "date", "origin", "classification", "controls", "instruction",
    "status", "status_detail", "worst_severity", "codes", "disposition",
)
NOT_CHECKED = "not-checked"
MANIFEST_FORMAT = 1


def worst_severity(result: DocumentResult) -> str:
    if not result.findings:
        return ""
    return max((finding.severity for finding in result.findings), key=lambda severity: severity.rank).value


def triage_row(result: DocumentResult, as_of: _dt.date) -> tuple[str, tuple]:
    """A document's declassification status as of the date, and its triage row."""
    facts = result.facts or {}
    if result.not_checked:
        status, detail = NOT_CHECKED, result.not_checked
    else:
        status, detail = status_from_facts(facts, as_of)
    codes = sorted({finding.code for finding in result.findings})
    row = (
        result.document_id or "",
        result.path,
        facts.get("date") or "",
        facts.get("origin") or "",
        facts.get("classification") or "",
        " ".join(facts.get("controls") or ()),
        facts.get("instruction") or "",
        status,
        detail,
        worst_severity(result),
        " ".join(codes),
        "",
    )
    return status, row


class TriageWriter:
    """triage.csv: one row per document; `disposition` is left for the archivist.
    Without `header`, it writes rows only (a worker's part of the file)."""

    def __init__(self, stream: IO[str], as_of: _dt.date, header: bool = True) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")
        self.as_of = as_of
        if header:
            self.writer.writerow(TRIAGE_COLUMNS)
        self.statuses: dict[str, int] = {}

    def add(self, result: DocumentResult) -> str:
        status, row = triage_row(result, self.as_of)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.writer.writerow(row)
        return status

    def add_rows(self, text: str, statuses: dict[str, int]) -> None:
        """Rows another writer wrote (in a worker), with the count of each status."""
        self.stream.write(text)
        for status, count in statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count


def file_digest(path: str) -> tuple[Optional[str], Optional[int]]:
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(1 << 20)
                if not block:
                    break
                digest.update(block)
                size += len(block)
    except OSError:
        return None, None
    return digest.hexdigest(), size


def container_of(path: str) -> Optional[str]:
    """The file holding a document that is not a file of its own."""
    if "!" in path and not os.path.exists(path):
        return path.split("!", 1)[0]
    if "#row " in path and not os.path.exists(path):
        return path.split("#row ", 1)[0]
    return None


def manifest_entry(result: DocumentResult) -> str:
    """An input's entry in the manifest, as JSON text."""
    facts = result.facts or {}
    entry = {
        "path": result.path,
        "id": result.document_id,
        "sha256": facts.get("sha256"),
        "bytes": facts.get("bytes"),
        "checked": result.not_checked is None,
    }
    if result.not_checked:
        entry["not_checked"] = result.not_checked
    return json.dumps(entry, ensure_ascii=False)


class ManifestWriter:
    """manifest.json, streamed: the head, one entry per input, then the tail."""

    def __init__(self, stream: IO[str], head: dict[str, Any]) -> None:
        self.stream = stream
        self.count = 0
        self.containers: dict[str, None] = {}
        head = {"cable-lint-manifest": MANIFEST_FORMAT, "tool": {"name": "cable-lint", "version": __version__}, **head}
        text = json.dumps(head, indent=1, ensure_ascii=False)
        self.stream.write(text[: text.rstrip().rfind("}")].rstrip() + ',\n "inputs": [')

    def add(self, result: DocumentResult) -> None:
        self.add_entry(manifest_entry(result), container_of(result.path))

    def add_entry(self, text: str, container: Optional[str]) -> None:
        """One input's entry (`manifest_entry`), and the file holding it if any."""
        if container:
            self.containers.setdefault(container)
        self.stream.write(("," if self.count else "") + "\n  " + text)
        self.count += 1

    def finish(self, outputs: dict[str, str]) -> None:
        containers = []
        for path in self.containers:
            sha256, size = file_digest(path)
            containers.append({"path": path, "sha256": sha256, "bytes": size})
        tail = {
            "containers": containers,
            "outputs": {name: file_digest(path)[0] for name, path in outputs.items()},
        }
        body = json.dumps(tail, indent=1, ensure_ascii=False).strip()[1:-1].rstrip()
        self.stream.write(("\n " if self.count else "") + "],\n" + body.lstrip("\n") + "\n}\n")
