"""Patterns tried in turn at one place, merged into one match whose `lastgroup` names the
one that matched: `block._CAPTION_FORMS` (`_CAPTION_LINE`, `_CAPTION_PREFIX`,
`_LEVEL_NOFORN`) and `classified_by._LETTER_FORMS` (`_GROUPED`, `_DOTTED_PAIR`, `_LETTER`).
These tests keep each reading every text as the first of its patterns that matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.parse import block, classified_by

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"
FORMS = (("line", block._CAPTION_LINE), ("prefix", block._CAPTION_PREFIX), ("level", block._LEVEL_NOFORN))
EDGES = ["SIPDIS", "  sipdis noforn", "NOFORN SIPDIS DEPT FOR NEA", "SECRET//NOFORN", "TOP SECRET NOFORN ",
         "CONFIDENTIAL NOFORN X", "SENSITIVE BUT UNCLASSIFIED", "Sensitive but unclassified", "DEA SENSITIVE",
         "C O R R E C T E D COPY - TEXT", "corrected copy", "WEBGRAM", "REL TO USA, GBR", "releasable to nato",
         "LIMITED OFFICIAL USE", "for official use only", "NOTAL EXDIS", "STADIS STATE FOR", "STATE FOR EUR",
         "SENSITIVE SIPDIS", "\u017fIPDIS", "CHEROKEE", "\u212aEEP", "ROGER", "TERREP ELITE AGREMENT", ""]


def sequential(text: str, forms=FORMS, position: int = 0):
    for name, pattern in forms:
        match = pattern.match(text, position)
        if match:
            return name, match.span(), match.groupdict()
    return None


def merged(text: str, pattern=block._CAPTION_FORMS, position: int = 0):
    match = pattern.match(text, position)
    if not match:
        return None
    groups = {key: value for key, value in match.groupdict().items()
              if key not in ("line", "prefix", "level", "grouped", "dotted", "letter")}
    own = dict(sequential(text, LETTER_FORMS if pattern is classified_by._LETTER_FORMS else FORMS, position)[2])
    return match.lastgroup, match.span(), {key: groups[key] for key in own}


LETTER_FORMS = (("grouped", classified_by._GROUPED), ("dotted", classified_by._DOTTED_PAIR),
                ("letter", classified_by._LETTER))
LETTER_TEXTS = ["1.4 (b) and (d).", "1.4(b),(d)", "1.4 b/d", "1.4 (B, D)", "1.4 (b. and d.)", "1.4 b.d.",
                "1.4 (b, d, X6)", "1.4 (B)(D)", "1.4 (b)", "1.4 B AND D", "1.4 (x)", "1.4 bd", "reasons b, d",
                "1.4 ( b )", "1.4 (B AND D)", "1.4 (\u017f)", "1.4 (C) SUMMARY"]


def test_the_merged_caption_forms_read_each_edge_line_as_the_three_in_turn():
    for text in EDGES:
        assert merged(text) == sequential(text), text
    match = block._CAPTION_FORMS.match("SECRET // NOFORN")
    assert match.lastgroup == "level" and match.group("noforn") == "NOFORN"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}")
def test_the_merged_caption_forms_agree_on_the_corpus():
    bad = []
    for path in sorted((CORPUS / "txt").glob("*.txt"))[::8]:
        for text in path.read_text(encoding="utf-8", errors="replace").split("\n")[:120]:
            text = text[:400]
            if merged(text) != sequential(text):
                bad.append(f"{path.name}: {text[:80]!r}")
    assert bad == []


def test_the_merged_letter_forms_read_each_place_as_the_three_in_turn():
    for text in LETTER_TEXTS:
        for position in range(len(text) + 1):
            assert merged(text, classified_by._LETTER_FORMS, position) == \
                sequential(text, LETTER_FORMS, position), (text, position)
