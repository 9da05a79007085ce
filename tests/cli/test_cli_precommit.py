"""The pre-commit hook, installed from this working tree with `pre-commit try-repo`
and run on a clean and a defective cable in a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import ROOT, defective_copy, seed_copy

PROJECT_FILES = ("pyproject.toml", "README.md", "CHANGELOG.md", ".pre-commit-hooks.yaml", "validator", "rules", "schemas")


def _pre_commit() -> list[str] | None:
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git("init", "-q", cwd=path)
    _git("config", "user.email", "test@example.invalid", cwd=path)
    _git("config", "user.name", "cable-lint tests", cwd=path)
    _git("config", "commit.gpgsign", "false", cwd=path)
    return path


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A git repository holding this working tree's project files (a clone or an
    unpacked sdist need not be a git repository itself)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed; the pre-commit test needs it")
    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo = _repo(tmp_path_factory.mktemp("hook") / "cable-lint")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_data"))
        elif source.exists():
            shutil.copy2(source, repo / name)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=repo)
    return repo


def _try_repo(hook_repo: Path, work: Path, files: list[Path], home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [*_pre_commit(), "try-repo", str(hook_repo), "cable-lint", "--color", "never", "--files", *[str(f.relative_to(work)) for f in files]],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )


def test_pre_commit_hook_passes_clean_and_fails_defective(hook_repo, tmp_path):
    work = _repo(tmp_path / "cables")
    clean = seed_copy(work, "07MUSCAT193.txt")
    bad = defective_copy(work, "07MUSCAT193-draft.txt")
    _git("add", "-A", cwd=work)
    home = tmp_path / "pre-commit-home"

    passed = _try_repo(hook_repo, work, [clean], home)
    if passed.returncode != 0 and "CalledProcessError" in passed.stdout + passed.stderr and "pip" in passed.stdout + passed.stderr:
        pytest.skip(f"pre-commit could not install the hook environment (no package index?):\n{passed.stdout[-2000:]}")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "cable-lint" in passed.stdout and "Passed" in passed.stdout

    failed = _try_repo(hook_repo, work, [clean, bad], home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "07MUSCAT193-draft.txt:" in failed.stdout and "CL301 error" in failed.stdout
