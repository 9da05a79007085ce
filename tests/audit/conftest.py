"""Fixtures of the audit tests (helpers live in audit_support.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit_support import CABLES, DATA, EoRuleSet


@pytest.fixture
def ruleset():
    return EoRuleSet()


@pytest.fixture
def cables(tmp_path: Path) -> Path:
    """A folder of the real test cables."""
    folder = tmp_path / "cables"
    folder.mkdir()
    for name in CABLES:
        shutil.copy(DATA / name, folder / name)
    return folder


