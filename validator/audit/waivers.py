"""Waivers: findings accepted for records that must not be edited.

A waiver file (YAML, schemas/waivers.schema.json) lists, for a document (cable id)
or a path glob, the rules whose findings are accepted, with the justification, who
accepted them and when:

    version: 1
    waivers:
      - document: 10MEXICO614
        rules: [CL701]
        justification: The published page carries Embassy Islamabad's cable 10ISLAMABAD416.
        by: J. Archivist
        date: 2026-11-02

Matching findings move to `DocumentResult.suppressed`, marked with
`extra["suppressed_by"] = "waiver"` and the waiver's details; they are counted in
every summary. Waivers that matched nothing by the end of the run are reported
(`unused()`), so stale waivers do not pile up. A waiver past its `expires` date no
longer applies and is reported as unused.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from validator.config import ConfigError, describe_error, glob_match, key_path, line_of, load_yaml, schema_errors
from validator.model import DocumentResult, Finding
from validator.report.context import mark_suppressed


class WaiverError(ConfigError):
    """A waiver file that cannot be used: names the file, the line and the problem."""


def selector_matches(selector: str, code: str, name: str = "") -> bool:
    return selector == "ALL" or code.startswith(selector) or (bool(name) and selector == name)


@dataclass
class Waiver:
    file: str
    line: Optional[int]
    rules: tuple[str, ...]
    justification: str
    by: str
    date: str
    document: Optional[str] = None
    path: Optional[str] = None
    expires: Optional[str] = None
    used: int = 0

    def applies_to(self, result: DocumentResult, today: _dt.date) -> bool:
        if self.expires and _dt.date.fromisoformat(self.expires) < today:
            return False
        if self.document is not None:
            identity = (result.document_id or Path(result.path).stem).upper()
            return identity == self.document.upper()
        return glob_match(self.path or "", result.path, Path(self.file).parent.resolve())

    def covers(self, finding: Finding) -> bool:
        return any(selector_matches(selector, finding.code, finding.name) for selector in self.rules)

    def details(self) -> dict:
        data = {
            "justification": self.justification,
            "by": self.by,
            "date": self.date,
            "file": self.file,
            "line": self.line,
        }
        if self.document:
            data["document"] = self.document
        if self.path:
            data["path"] = self.path
        return data

    def describe(self) -> dict:
        target = {"document": self.document} if self.document else {"path": self.path}
        return {"file": self.file, "line": self.line, **target, "rules": list(self.rules), "expires": self.expires}


class WaiverSet:
    def __init__(self, waivers: list[Waiver], today: Optional[_dt.date] = None) -> None:
        self.waivers = waivers
        self.today = today or _dt.date.today()

    @classmethod
    def load(cls, paths: Iterable[str], today: Optional[_dt.date] = None) -> "WaiverSet":
        waivers: list[Waiver] = []
        for path in paths:
            waivers.extend(load_waiver_file(path))
        return cls(waivers, today)

    def __len__(self) -> int:
        return len(self.waivers)

    def apply(self, result: DocumentResult) -> None:
        """Move the findings a waiver covers into `result.suppressed`."""
        if not result.findings or not self.waivers:
            return
        applicable = [waiver for waiver in self.waivers if waiver.applies_to(result, self.today)]
        if not applicable:
            return
        kept = []
        for finding in result.findings:
            waiver = next((waiver for waiver in applicable if waiver.covers(finding)), None)
            if waiver is None:
                kept.append(finding)
                continue
            waiver.used += 1
            result.suppressed.append(mark_suppressed(finding, "waiver", **waiver.details()))
        result.findings = kept

    def uses(self) -> list[int]:
        """How many findings each waiver has covered so far."""
        return [waiver.used for waiver in self.waivers]

    def uses_since(self, before: list[int]) -> list[int]:
        """How many findings each waiver has covered since `uses()` gave `before`."""
        return [waiver.used - earlier for waiver, earlier in zip(self.waivers, before)]

    def add_uses(self, uses: list[int]) -> None:
        """Count findings covered elsewhere (in a worker process, by a copy of this set)."""
        for waiver, used in zip(self.waivers, uses):
            waiver.used += used

    def unused(self) -> list[dict]:
        return [waiver.describe() for waiver in self.waivers if not waiver.used]


def load_waiver_file(path: str) -> list[Waiver]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WaiverError(f"{path}: no such waiver file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise WaiverError(f"{path}: cannot read the waiver file: {error}") from None
    try:
        data, lines = load_yaml(text, path)
    except ConfigError as error:
        raise WaiverError(str(error)) from None
    errors = schema_errors("waivers.schema.json", data)
    if errors:
        error = errors[0]
        parts = list(error.absolute_path)
        line = line_of(lines, tuple(parts))
        where = f"{path}:{line}" if line else path
        key = key_path(parts)
        problem = describe_error(error)
        if error.validator == "oneOf":
            problem = "a waiver names either `document` (a cable id) or `path` (a glob), exactly one of them"
        raise WaiverError(f"{where}: {('key ' + repr(key) + ': ') if key else ''}{problem}")
    waivers = []
    for index, item in enumerate(data["waivers"]):
        waivers.append(
            Waiver(
                file=path,
                line=lines.get(("waivers", index)),
                rules=tuple(item["rules"]),
                justification=item["justification"],
                by=item["by"],
                date=item["date"],
                document=item.get("document"),
                path=item.get("path"),
                expires=item.get("expires"),
            )
        )
    return waivers
