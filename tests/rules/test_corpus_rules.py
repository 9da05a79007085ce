"""The bundled rules over real cables: the seed cable is clean, and on the whole corpus
(when ../shared/corpus exists) no rule crashes and every finding is well formed."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.engine import load_ruleset
from validator.lint import lint_paths
from validator.model import Severity

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "cables" / "07MUSCAT193.md"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.mark.skipif(not SEED.exists(), reason="tests/data/cables/07MUSCAT193.md is not in this checkout")
def test_seed_cable_has_no_error_or_warning(ruleset):
    (result,) = list(lint_paths([str(SEED)], ruleset))
    assert result.not_checked is None
    assert [f for f in result.findings if f.severity is not Severity.INFO] == []


@pytest.mark.skipif(not (CORPUS / "txt").is_dir(), reason="../shared/corpus is not available")
def test_no_rule_crashes_on_the_corpus(ruleset):
    every = load_ruleset(select=["ALL"])
    checked = 0
    for result in lint_paths([str(CORPUS / "txt")], every):
        checked += 1
        for finding in result.findings:
            assert "could not check this cable" not in finding.message, (result.path, finding)
            assert finding.line >= 1 and finding.column >= 1
            assert "\n" not in finding.message
    assert checked >= 4700
