"""Where the shared corpus is, when this checkout has one beside it (CI does)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO.parent / "shared" / "corpus").resolve()

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").is_file(),
    reason=f"the shared corpus is not beside this checkout ({CORPUS} missing); whole-corpus tests skipped",
)


def manifest() -> dict[str, dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return {row["cable_id"]: row for row in csv.DictReader(handle, delimiter="\t")}


def corpus_files(*folders: str) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        files += sorted(p for p in (CORPUS / folder).iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".csv", ".md"))
    return files
