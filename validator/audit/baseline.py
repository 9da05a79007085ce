"""Baselines: record today's findings so that later runs report only new ones.

A finding is identified by its fingerprint (see `validator.audit.codec`): the
document's cable id (else its path), the rule code, the finding's subject and the
whitespace-normalised text of its line, never the line number, so a finding keeps
its identity when text is added above it. The baseline stores how many times each
fingerprint occurs; a run suppresses at most that many, so a second copy of the
same problem is still reported (ESLint's bulk-suppression lesson).

File format (JSON, sorted, so it diffs well under version control):

    {"cable-lint-baseline": 1, "tool-version": "...", "created": "...",
     "findings": [{"fingerprint": "...", "count": 1, "code": "CL101",
                   "document": "07MUSCAT193", "message": "..."}, ...]}
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

from validator import __version__
from validator.audit.codec import identity_path
from validator.model import DocumentResult, Finding

FORMAT_VERSION = 1
SUPPRESSION_KEY = "suppressed_by"  # Finding.extra key; value "baseline"


def _usage_error(message: str) -> Exception:
    from validator.cli import UsageError

    return UsageError(message)


class Baseline:
    def __init__(self, counts: Counter, path: Optional[str] = None, entries: Optional[dict] = None) -> None:
        self.counts = counts
        self.remaining = Counter(counts)
        self.path = path
        self.entries = entries or {}
        self.suppressed = 0

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise _usage_error(f"baseline {path}: no such file (make one with `cable-lint baseline create`)") from None
        except (OSError, UnicodeDecodeError) as error:
            raise _usage_error(f"baseline {path}: cannot read it: {error}") from None
        except json.JSONDecodeError as error:
            raise _usage_error(f"baseline {path}: not valid JSON (line {error.lineno}: {error.msg})") from None
        if not isinstance(data, dict) or data.get("cable-lint-baseline") != FORMAT_VERSION:
            raise _usage_error(f"baseline {path}: not a cable-lint baseline of format {FORMAT_VERSION}")
        counts: Counter = Counter()
        entries = {}
        for index, entry in enumerate(data.get("findings") or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise _usage_error(f"baseline {path}: finding {index + 1} has no fingerprint")
            count = entry.get("count", 1)
            if not isinstance(count, int) or count < 1:
                raise _usage_error(f"baseline {path}: finding {index + 1} has a bad count {count!r}")
            counts[entry["fingerprint"]] += count
            entries[entry["fingerprint"]] = entry
        return cls(counts, path, entries)

    def apply(self, result: DocumentResult) -> None:
        """Move the findings the baseline knows into `result.suppressed`."""
        if not result.findings:
            return
        kept = []
        for finding in result.findings:
            fingerprint = finding.extra.get("fingerprint")
            if finding.extra.get(SUPPRESSION_KEY):  # already suppressed inline
                kept.append(finding)
            elif fingerprint and self.remaining[fingerprint] > 0:
                self.remaining[fingerprint] -= 1
                finding.extra[SUPPRESSION_KEY] = "baseline"
                result.suppressed.append(finding)
                self.suppressed += 1
            else:
                kept.append(finding)
        result.findings = kept

    def fixed(self) -> int:
        """Findings the baseline records that no longer occur (after a full run)."""
        return sum(count for count in self.remaining.values() if count > 0)


def entries_of(results: Iterable[DocumentResult]) -> dict[str, dict]:
    entries: dict[str, dict] = {}
    for result in results:
        for finding in result.findings:
            if not finding.extra.get(SUPPRESSION_KEY):
                _add(entries, result, finding)
    return entries


def _add(entries: dict, result: DocumentResult, finding: Finding) -> None:
    fingerprint = finding.extra.get("fingerprint")
    if not fingerprint:
        return
    entry = entries.get(fingerprint)
    if entry is None:
        entries[fingerprint] = {
            "fingerprint": fingerprint,
            "count": 1,
            "code": finding.code,
            "document": result.document_id or identity_path(result.path),
            "subject": finding.subject,
            "message": finding.message,
        }
    else:
        entry["count"] += 1


def write(path: str, entries: dict[str, dict]) -> None:
    findings = sorted(entries.values(), key=lambda e: (e["document"], e["code"], e["fingerprint"]))
    data = {
        "cable-lint-baseline": FORMAT_VERSION,
        "tool-version": __version__,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "findings": findings,
    }
    target = Path(path)
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(target)
    except OSError as error:
        raise _usage_error(f"baseline {path}: cannot write it: {error.strerror or error}") from None
