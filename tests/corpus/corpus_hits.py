"""Hits of every rule on the shared corpus: `python tests/corpus/corpus_hits.py [--markdown]`.

Runs the bundled rule set, as a default run has it, over the text
files and the published pages of ../shared/corpus and prints, per rule, the findings
and the cables they fall in. The rule-review test (test_rule_review.py) uses `collect`.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

if __name__ == "__main__":  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from validator.engine import load_ruleset
from validator.lint import lint_document
from validator.readers import ReadError, read_path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FORMS = {"txt": "*.txt", "html": "*.html"}


def collect(form: str) -> dict[str, set[tuple[str, int]]]:
    """code -> {(cable id, line)} over one form of the corpus."""
    ruleset = load_ruleset()
    hits: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for path in sorted((CORPUS / form).glob(FORMS[form])):
        try:
            documents = list(read_path(str(path)))
        except ReadError:
            continue
        for document in documents:
            cable_id = path.stem if document.path == str(path) else document.path.rsplit("/", 1)[-1]
            for finding in lint_document(document, ruleset).findings:
                hits[finding.code].add((cable_id, finding.line))
    return hits


def table(hits_by_form: dict[str, dict[str, set]]) -> str:
    ruleset = load_ruleset()
    rows = ["| code | name | severity | findings (txt) | cables (txt) | findings (html) |",
            "| --- | --- | --- | ---: | ---: | ---: |"]
    for rule in ruleset.all_rules:
        txt = hits_by_form["txt"].get(rule.code, set())
        html = hits_by_form["html"].get(rule.code, set())
        cables = len({cable for cable, _ in txt})
        rows.append(f"| {rule.code} | {rule.name} | {rule.severity.value} | {len(txt)} | {cables} | {len(html)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table({form: collect(form) for form in FORMS}))
