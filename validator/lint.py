"""The one pipeline every command shares: read -> parse -> check.

`lint_document` checks one `Document`; `lint_paths` walks inputs and yields one
`DocumentResult` per document, in input order, including those not checked.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from validator.model import Document, DocumentResult
from validator.parse import parse_document
from validator.readers import ReadError, read_path


def lint_document(document: Document, ruleset) -> DocumentResult:
    """Parse and check one document with a loaded rule set (`validator.engine`)."""
    cable = parse_document(document)
    findings = sorted(ruleset.check(document, cable), key=lambda f: f.sort_key())
    return DocumentResult(
        path=document.path,
        findings=findings,
        document_id=cable.cable_id,
        facts=facts_of(cable),
    )


def facts_of(cable) -> dict:
    """The few facts an audit row needs, small enough to send between processes."""
    level = cable.level
    return {
        "date": cable.date.isoformat() if cable.date else None,
        "origin": cable.id_origin,
        "classification": level.label if level is not None else None,
        "controls": sorted(cable.caption_names()),
        "instruction": cable.eo.value if cable.eo else None,
    }


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield os.path.join(root, name)
        else:
            yield path


def lint_paths(paths: Iterable[str], ruleset) -> Iterator[DocumentResult]:
    for path in _expand(paths):
        try:
            for document in read_path(path):
                yield lint_document(document, ruleset)
        except ReadError as error:
            yield DocumentResult(path=error.path, not_checked=error.reason)
