"""The composite GitHub Action: its run step, executed here with bash the way the
runner executes it (inputs as environment variables, $GITHUB_OUTPUT a file)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli_support import ROOT, defective_copy, seed_copy

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _run_step() -> dict:
    (step,) = [step for step in ACTION["runs"]["steps"] if step.get("id") == "run"]
    return step


def test_action_is_a_composite_action_with_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif", "python-version"}
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.run.outputs.exit-code }}"
    install = [step for step in ACTION["runs"]["steps"] if "pip install" in step.get("run", "")]
    assert install and "$GITHUB_ACTION_PATH" in install[0]["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_run_step_annotates_and_writes_sarif(tmp_path):
    (tmp_path / "cables").mkdir()
    seed_copy(tmp_path / "cables")
    bad = defective_copy(tmp_path / "cables", "draft.md")
    step = _run_step()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "cable-lint"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m validator "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    output = tmp_path / "github_output"
    summary = tmp_path / "step_summary.md"
    env = dict(
        os.environ,
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        PYTHONPATH=str(ROOT),
        GITHUB_OUTPUT=str(output),
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(tmp_path),
        CABLE_LINT_PATHS="cables",
        CABLE_LINT_ARGS="--isolated --no-cache --select CL301",
        CABLE_LINT_SARIF="cable-lint.sarif",
    )
    process = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert process.returncode == 1, process.stderr
    assert output.read_text(encoding="utf-8").strip() == "exit-code=1"
    annotation = process.stdout.splitlines()[0]
    assert annotation.startswith(f"::error file=cables/{bad.name},line=") and "title=CL301" in annotation
    job_summary = summary.read_text(encoding="utf-8").splitlines()
    assert job_summary[0] == "### cable-lint: exit code 1, findings: 1"
    assert job_summary[2].startswith(f"cables/{bad.name}:") and "CL301 error" in job_summary[2]
    sarif = json.loads((tmp_path / "cable-lint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "cables/draft.md"


def test_pre_commit_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "cable-lint" and hook["language"] == "python"
    assert hook["entry"].split() == ["cable-lint", "check"]
    assert re.search(hook["files"], "cables/07MUSCAT193.txt") and not re.search(hook["files"], "README.md")
