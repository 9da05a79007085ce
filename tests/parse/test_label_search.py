"""The block reader finds labels (E.O., TAGS, SUBJECT, REF, Classified By) by searching
each label pattern only from near the first hit of a quick pattern of letters every
label of its kind holds. That is only right while the quick patterns keep up with the
label patterns (some defined in eo.py, tags.py, classified_by.py): these tests compare
the quick search with a plain search of every pattern on every line of real cables."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.parse import block

HERE = Path(__file__).resolve().parent
CABLES = HERE.parent / "data" / "cables"
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"


def plain_labels_on(text: str, first_line: bool) -> list[tuple[int, str]]:
    """`block._labels_on` without the quick patterns: each pattern searched from 0."""
    if not block._ANY_LABEL.search(text):
        return []
    found = []
    for kind, pattern, is_label, *_ in block._LABELS:
        match = pattern.search(text)
        while match is not None and not is_label(text, match):
            match = pattern.search(text, match.end())
        if match is not None:
            found.append((match.start(), kind, match))
    if first_line:
        match = block.tags.LEADING_AGS_RE.match(text)
        if match and not any(kind == "tags" for _, kind, _ in found):
            found.append((match.start(1), "tags", match))
    return sorted((start, kind) for start, kind, _ in found)


def mismatches(paths) -> list[str]:
    bad = []
    for path in paths:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for number, line in enumerate(lines, 1):
            for first_line in (False, True):
                quick = sorted((start, kind) for start, kind, _ in block._labels_on(line, first_line))
                if quick != plain_labels_on(line, first_line):
                    bad.append(f"{path.name}:{number}: {line[:80]!r}")
    return bad


def test_quick_label_search_agrees_with_a_plain_search_on_the_test_cables():
    paths = sorted(CABLES.iterdir())
    assert len(paths) > 20
    assert mismatches(paths) == []


def test_quick_label_search_agrees_on_edge_spellings():
    lines = ["E. O. 12958: DECL: 1.6X6", "E.O.12958 N/A", "TAGS PREL, PGOV", "Tags: PREL", "AGS: PREL",
             "SUBJECT: X", "Subject: x", "REF: A. STATE 1", "PROGRAM REF: 3", "Classified By: Amb. X",
             "CLASSIFIED BY: X", "Derived from: DSCG 05-1", "DERIVED FROM: X", "TGS: PREL"]
    for line in lines:
        for first_line in (False, True):
            quick = sorted((start, kind) for start, kind, _ in block._labels_on(line, first_line))
            assert quick == plain_labels_on(line, first_line), line
    assert block._labels_on("E.O. 12958: DECL: 02/26/2017", False)[0][1] == "eo"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}")
def test_quick_label_search_agrees_on_the_corpus():
    paths = sorted((CORPUS / "txt").glob("*.txt"))[::4] + sorted((CORPUS / "old").glob("*.txt"))
    assert mismatches(paths) == []

