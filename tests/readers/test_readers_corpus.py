"""Every corpus file reads; the HTML pages give the corpus text (runs with ../shared/corpus)."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from readers_support import CORPUS, file_lines

from validator.model import Span
from validator.readers import read_path

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS} (a clone without it)"
)

FOLDERS = ("txt", "html", "variants", "old")


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_reads(folder):
    files = sorted((CORPUS / folder).iterdir())
    assert files
    documents = 0
    for path in files:
        for document in read_path(str(path)):
            assert document.text
            documents += 1
    assert documents >= len(files)


def test_html_text_equals_the_corpus_text_except_for_dump_pages():
    """4,663 of 4,701 pages give exactly the corpus text. The 38 others are the pages
    whose body is a raw database row: the corpus text keeps the row's continuation
    backslashes and stops at the TAGS line (whose backslash the tag link swallowed),
    while the reader drops the backslashes and reads the whole content field."""
    outcome = Counter()
    for page in sorted((CORPUS / "html").glob("*.html")):
        text_file = CORPUS / "txt" / (page.stem + ".txt")
        if not text_file.exists():
            continue
        document = next(iter(read_path(str(page))))
        corpus_text = text_file.read_text(encoding="utf-8")
        if document.text == corpus_text:
            outcome["equal"] += 1
        elif document.form == "db-dump":
            assert document.text.startswith(re.sub(r"\\$", "", corpus_text, flags=re.M))
            outcome["db-dump"] += 1
        else:
            outcome[f"differs: {page.stem}"] += 1
    assert set(outcome) == {"equal", "db-dump"}, outcome
    assert outcome["equal"] >= 0.99 * sum(outcome.values())


def test_source_maps_of_corpus_pages_point_at_the_same_words():
    pages = sorted((CORPUS / "html").glob("*.html"))[::25] + sorted((CORPUS / "variants").glob("*"))
    rng = random.Random(2)
    checked = 0
    for page in pages:
        lines = file_lines(page)
        for document in read_path(str(page)):
            words = [
                (number, match)
                for number, line in enumerate(document.text.split("\n"), 1)
                for match in re.finditer(r"[A-Za-z0-9]+|¶", line)
            ]
            for number, match in rng.sample(words, min(20, len(words))):
                span = document.source_map.span(Span(number, match.start() + 1, number, match.end() + 1))
                assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == match.group()
                checked += 1
    assert checked > 3000
