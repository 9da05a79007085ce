from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_rule_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CABLE_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
