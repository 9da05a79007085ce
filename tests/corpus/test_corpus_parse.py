"""The whole corpus: every file reads and parses without a parser failure, and the parsed
classification agrees with the publisher's label except for the hand-checked list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from validator.parse import parse_document
from validator.readers import read_path

from corpus_support import CORPUS, corpus_files, manifest, needs_corpus

DISAGREEMENTS = Path(__file__).with_name("classification_disagreements.tsv")


def known_disagreements() -> dict[str, dict[str, str]]:
    with open(DISAGREEMENTS, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["cable_id"]: row for row in rows}


@needs_corpus
@pytest.mark.parametrize("folder", ["txt", "html", "variants", "old"])
def test_every_file_parses_without_a_parser_failure(folder):
    failures = []
    count = 0
    for path in corpus_files(folder):
        for document in read_path(str(path)):
            count += 1
            cable = parse_document(document)
            if any(note.code == "parser-error" for note in cable.notes):
                failures.append(path.name)
    assert count > 0
    assert failures == []


@needs_corpus
def test_classification_agrees_with_the_publisher_label():
    labels = manifest()
    listed = known_disagreements()
    disagreements = {}
    for path in corpus_files("txt"):
        cable = parse_document(next(read_path(str(path))))
        label = labels[path.stem]["classification"].split("//")[0]
        parsed = cable.level.label if cable.level is not None else "-"
        if parsed != label:
            disagreements[path.stem] = (label, parsed)
    assert len(disagreements) / len(labels) < 0.01
    assert set(disagreements) == set(listed), "update classification_disagreements.tsv after checking by hand"
    for cable_id, (label, parsed) in disagreements.items():
        assert (listed[cable_id]["label"], listed[cable_id]["parsed"]) == (label, parsed), cable_id
