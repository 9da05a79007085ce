"""A non-editable install carries the rule set and schemas inside the package, so the
installed `cable-lint` works from any working directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "data" / "cables" / "07MUSCAT193.md"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """`pip install --no-deps --target DIR .` (a wheel build, not editable)."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(REPO)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(target), CABLE_LINT_NO_RULE_CACHE="1")
    return subprocess.run([sys.executable, "-m", "validator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_package_carries_rules_and_schemas(installed):
    assert (installed / "validator" / "_data" / "rules" / "data" / "eras.yaml").is_file()
    assert (installed / "validator" / "_data" / "schemas" / "rule.schema.json").is_file()


def test_installed_tool_runs_from_another_directory(installed, tmp_path):
    shutil.copy(SEED, tmp_path / "07MUSCAT193.md")
    result = run_installed(installed, tmp_path, "07MUSCAT193.md", "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"][0]["document_id"] == "07MUSCAT193"
    imported = run_installed(installed, tmp_path, "rules", "--format", "json")
    assert imported.returncode == 0 and "CL301" in imported.stdout


def test_installed_module_is_the_installed_copy(installed, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(installed))
    code = "import validator.resources as r; print(r.rules_dir())"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert Path(result.stdout.strip()).is_relative_to(installed)
