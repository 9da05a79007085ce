"""Shared helpers for the engine tests: real cables copied from the corpus and a rule
directory builder."""

from __future__ import annotations

import textwrap
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

VALID_RULE = """\
code: XT101
name: test-eo-missing
severity: warning
summary: Test rule.
message: "{level} cable has no E.O. line"
description: A test rule.
rationale: For tests.
source: "tests"
era: all
when:
  level: ">= CONFIDENTIAL"
kind: required
params:
  field: eo
  at: [banner]
help: Add it.
examples:
  good:
    - "E.O. 12958: DECL: 11/05/2017"
  bad:
    - {eo: null}
  template: confidential-2007
  slot: eo
"""


def cable_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def write_rule(folder: Path, text: str, filename: str | None = None) -> Path:
    """Write a rule file; the file name follows the code-name convention by default."""
    text = textwrap.dedent(text)
    if filename is None:
        code = next(l.split(":", 1)[1].strip() for l in text.splitlines() if l.startswith("code:"))
        name = next(l.split(":", 1)[1].strip() for l in text.splitlines() if l.startswith("name:"))
        filename = f"{code}-{name}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    return path
