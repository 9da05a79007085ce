"""`block._CAPTION_FORMS` is `_CAPTION_LINE`, `_CAPTION_PREFIX` and `_LEVEL_NOFORN` merged into
one match whose `lastgroup` names the one that matched: these tests keep it reading every
line as the first of the three that matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.parse import block

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"
FORMS = (("line", block._CAPTION_LINE), ("prefix", block._CAPTION_PREFIX), ("level", block._LEVEL_NOFORN))
EDGES = ["SIPDIS", "  sipdis noforn", "NOFORN SIPDIS DEPT FOR NEA", "SECRET//NOFORN", "TOP SECRET NOFORN ",
         "CONFIDENTIAL NOFORN X", "SENSITIVE BUT UNCLASSIFIED", "Sensitive but unclassified", "DEA SENSITIVE",
         "C O R R E C T E D COPY - TEXT", "corrected copy", "WEBGRAM", "REL TO USA, GBR", "releasable to nato",
         "LIMITED OFFICIAL USE", "for official use only", "NOTAL EXDIS", "STADIS STATE FOR", "STATE FOR EUR",
         "SENSITIVE SIPDIS", "\u017fIPDIS", "CHEROKEE", "\u212aEEP", "ROGER", "TERREP ELITE AGREMENT", ""]


def sequential(text: str):
    for name, pattern in FORMS:
        match = pattern.match(text)
        if match:
            return name, match.span(), match.groupdict()
    return None


def merged(text: str):
    match = block._CAPTION_FORMS.match(text)
    if not match:
        return None
    return match.lastgroup, match.span(), {key: match.group(key) for key in sequential(text)[2]}


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

