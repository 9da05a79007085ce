"""The one pipeline every command shares: read -> parse -> check.

`lint_document` checks one `Document`; `lint_paths` walks inputs and yields one
`DocumentResult` per document, in input order, including those not checked.
Archive runs (parallel, cached, baselined) go through `validator.audit.runner`,
which uses `lint_cable` below in each worker.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from validator.model import Cable, Document, DocumentResult
from validator.parse import parse_document


def lint_document(document: Document, ruleset) -> DocumentResult:
    """Parse and check one document with a loaded rule set (`validator.engine`)."""
    return lint_cable(document, ruleset)[0]


def lint_cable(document: Document, ruleset) -> tuple[DocumentResult, Cable]:
    """`lint_document`, also handing back the parsed cable."""
    cable = parse_document(document)
    findings = sorted(ruleset.check(document, cable), key=lambda f: f.sort_key())
    result = DocumentResult(
        path=document.path,
        findings=findings,
        document_id=cable.cable_id,
        facts=facts_of(cable),
    )
    return result, cable


def facts_of(cable: Cable) -> dict:
    """The few facts an audit row needs, small enough to send between processes.

    `eo` keeps what `validator.audit.asof` needs to tell the declassification status
    for any date, so results can be cached independently of `--as-of`.
    """
    level = cable.level
    date = cable.date
    eo = cable.eo
    return {
        "date": date.isoformat() if date else None,
        "origin": cable.id_origin,
        "classification": level.label if level is not None else None,
        "level": int(level) if level is not None else None,
        "controls": sorted(cable.caption_names()),
        "instruction": eo.raw.strip() if eo else None,
        "eo": _eo_facts(eo) if eo else None,
        "release_stamp": bool(cable.release_stamps),
    }


def _eo_facts(eo) -> dict:
    return {
        "order": eo.order,
        "kind": eo.kind,
        "value": eo.value,
        "value_kind": eo.value_kind,
        "decl_date": eo.decl_date.isoformat() if eo.decl_date else None,
        "exemptions": list(eo.exemptions),
        "downgrade_to": eo.downgrade_to.label if eo.downgrade_to is not None else None,
    }


def lint_paths(paths: Iterable[str], ruleset) -> Iterator[DocumentResult]:
    """Every document under `paths`, checked in this process, in input order."""
    from validator.audit.runner import RunOptions, iter_results

    yield from iter_results(RunOptions(paths=list(paths), jobs=1, cache=False, progress=False), ruleset)
