"""The parser skips some patterns by a first look at one character: the letters a
caption line can open with (`block._CAPTION_INITIALS`), and the letters the texts that
`classified_by` looks for at the end of a line can end with. Those letter sets are
written by hand next to the patterns; these tests keep them true. For every character
of the Basic Multilingual Plane put where the letter stands in a text the pattern
matches, a character outside the set must make the pattern fail: otherwise the quick
look would skip a line the pattern reads."""

from __future__ import annotations

import re

from validator.parse import block, classified_by

BMP = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]


def letters_that_keep_a_match(pattern: re.Pattern, texts: list[str], position: int, method: str) -> set[str]:
    """The characters which, put at `position` of each text, still let the pattern match."""
    keep = set()
    for text in texts:
        assert getattr(pattern, method)(text), text
        index = position % len(text)
        for character in BMP:
            if getattr(pattern, method)(text[:index] + character + text[index + 1:]):
                keep.add(character)
    return keep


def test_caption_patterns_open_only_with_the_caption_initials():
    samples = {
        block._CAPTION_LINE: ["SIPDIS", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "STADIS", "SENSITIVE", "NOTAL", "ROGER",
                              "TERREP", "CHEROKEE", "ELITE", "AGREMENT", "SENSITIVE BUT UNCLASSIFIED", "DEA SENSITIVE",
                              "FOR OFFICIAL USE ONLY", "LIMITED OFFICIAL USE", "CORRECTED COPY", "WEBGRAM",
                              "REL TO USA", "RELEASABLE TO GBR", "cherokee"],
        block._CAPTION_PREFIX: ["SIPDIS DEPT FOR", "NOFORN X", "EXDIS X", "NODIS X", "LIMDIS X", "STADIS X",
                                "SENSITIVE X", "NOTAL X"],
        block._LEVEL_NOFORN: ["SECRET//NOFORN", "CONFIDENTIAL NOFORN", "TOP SECRET NOFORN"],
    }
    for pattern, texts in samples.items():
        opening = letters_that_keep_a_match(pattern, texts, 0, "match")
        opening = {character for character in opening if not character.isspace()}  # blanks: stripped first
        assert opening <= set(block._CAPTION_INITIALS), sorted(opening - set(block._CAPTION_INITIALS))


def test_a_classified_by_text_awaits_its_reason_only_after_the_letters_looked_for():
    texts = ["Classified By: Amb. X for Reasons", "CLASSIFIED BY: X, REASON", "Classified by X for"]
    ending = letters_that_keep_a_match(classified_by._AWAITS_REASON, texts, -1, "search")
    ending = {character for character in ending if not character.isspace() and character != ":"}  # stripped first
    assert ending <= set("sSnNrR\u017f"), sorted(ending - set("sSnNrR\u017f"))
    for text in texts + ["Classified By: X, reasons:", "CLASSIFIED BY X FOR :"]:
        assert classified_by._awaits_reason(text) == bool(classified_by._AWAITS_REASON.search(text)), text


def test_a_trailing_preposition_ends_only_with_the_letters_looked_for():
    texts = ["Amb. X for", "Amb. X under", "Amb. X per", "Amb. X due to"]
    ending = letters_that_keep_a_match(classified_by._TRAILING_PREPOSITION, texts, -1, "search")
    assert ending <= set("rRoO"), sorted(ending - set("rRoO"))


def test_every_glued_banner_hint_holds_the_capital_c_looked_for_first():
    from validator.parse import banner

    assert all("C" in hint for hint in banner._GLUED_HINTS)
    assert banner._GLUED_HINT.pattern == "|".join(banner._GLUED_HINTS)  # literal words, no flags
    assert not banner._GLUED_HINT.flags & re.IGNORECASE


def test_a_lone_caption_word_holds_no_label():
    for word in block._CAPTION_WORDS:
        for text in (word, f"  {word} ", word.lower()):
            assert block._labels_on(text, True) == [], text


def test_the_reason_citation_pre_test_agrees_with_the_pattern():
    from itertools import product

    from validator.parse import eo

    pieces = ["", " ", "\t", "\u00a0", "\u2028", ",", ":", ".", ";", "1", "1.4", "1 .5 (b)", "R", "r", "Reasons",
              "REASON", "reason", "DECL", "x", " " * 45, "\u017f"]
    for parts in product(pieces, repeat=3):
        text = "E.O. 12958" + "".join(parts)
        for position in (len("E.O. 12958"), 0, len(text)):
            assert eo.cites_reason_at(text, position) == bool(eo.REASON_CITATION.match(text, position)), repr(text)


def test_the_caption_line_pre_test_agrees_with_the_pattern():
    for text in ["SIPDIS", " noforn", "STATE FOR EUR", "WASHINGTON", "  \u017fipdis", "REL TO USA", "", "   ",
                 "C O R R E C T E D COPY", "1. (C) SUMMARY", "(U) x"]:
        assert block._is_caption_line(text) == bool(block._CAPTION_LINE.match(text)), text
