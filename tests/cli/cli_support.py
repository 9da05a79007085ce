"""Run cable-lint in-process (fast) or as a subprocess, on copies of real cables."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CABLES = ROOT / "tests" / "fixtures" / "cables"
SEED = CABLES / "07MUSCAT193.md"


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_cli(capsys, *args: str) -> Outcome:
    """`cable-lint ARGS` in this process (cache off, one job)."""
    from validator.cli import main

    capsys.readouterr()
    code = main([*args, "--no-cache", "--jobs", "1"] if args and args[0] not in ("config",) else list(args))
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def run_process(*args: str, cwd: Path, stdin: bytes | None = None, env: dict | None = None) -> Outcome:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    process = subprocess.run(
        [sys.executable, "-m", "validator", *args], cwd=cwd, input=stdin, capture_output=True, env=environment
    )
    return Outcome(process.returncode, process.stdout.decode("utf-8"), process.stderr.decode("utf-8"))


def seed_copy(folder: Path, name: str = "07MUSCAT193.md") -> Path:
    path = folder / name
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def defective_copy(folder: Path, name: str = "07MUSCAT193.md") -> Path:
    """The seed with a typo seen in real cables: E.O. 12598 for 12958 (CL301, an error)."""
    text = SEED.read_text(encoding="utf-8")
    assert "E.O. 12958: DECL" in text
    path = folder / name
    path.write_text(text.replace("E.O. 12958: DECL", "E.O. 12598: DECL", 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
