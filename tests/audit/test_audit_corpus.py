"""The whole corpus through the audit path, when ../shared/corpus is there."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from validator.audit.asof import STATUSES, status_from_facts
from validator.audit.runner import RunOptions, iter_results

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not (CORPUS / "txt").is_dir(), reason=f"no corpus at {CORPUS} (a clone without shared/)")


def test_every_corpus_cable_gets_a_status_and_nothing_is_dropped(ruleset):
    files = sorted((CORPUS / "txt").glob("*.txt"))
    options = RunOptions(paths=[str(CORPUS / "txt")], jobs=2, cache=False, progress=False)
    statuses = Counter()
    paths = []
    for result in iter_results(options, ruleset):
        assert result.not_checked is None, (result.path, result.not_checked)
        status, detail = status_from_facts(result.facts, dt.date(2026, 1, 1))
        assert status in STATUSES and detail
        statuses[status] += 1
        paths.append(result.path)
    assert paths == [str(path) for path in files]
    # The corpus holds every status (E.O. 11652 GDS, 12356 OADR, 12958 dates, 25X1 ...).
    assert set(statuses) == set(STATUSES)
