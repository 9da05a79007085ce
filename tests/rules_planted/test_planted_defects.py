"""Defects planted into a real, consistent cable (08RABAT727) are each reported, at the
line of the defect; harmless edits add no finding.

08RABAT727 is a CONFIDENTIAL ACP-127 cable of 4 Aug 2008 on which the bundled rule set
reports nothing. Each case edits one or two lines of it, as a damaged record would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from validator.engine import load_ruleset
from validator.lint import lint_document
from validator.model import Document

CABLE = Path(__file__).resolve().parents[1] / "data" / "cables" / "08RABAT727.txt"
ORIGINAL = CABLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def findings(text: str, ruleset) -> set[tuple[str, int]]:
    result = lint_document(Document(path="08RABAT727.txt", text=text, form="text"), ruleset)
    return {(finding.code, finding.line) for finding in result.findings}


def edit(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], f"line {line} has no {old!r}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def unclassified(text: str) -> str:
    """The same cable downgraded consistently: UNCLAS, ZNR UUUUU, (U) paragraphs, E.O. N/A,
    no Classified By."""
    text = edit(text, 5, "ZNY CCCCC", "ZNR UUUUU")
    text = edit(text, 12, "C O N F I D E N T I A L", "UNCLAS")
    text = edit(text, 18, "DECL: 07/24/2028", "N/A")
    text = edit(text, 23, "Classified By: Classified by Ambassador Thomas T. Riley for reasons 1.4", "")
    text = edit(text, 24, "(a) and (b).", "")
    return re.sub(r"\(C\)", "(U)", text)


def test_the_base_cables_are_clean(ruleset):
    assert findings(ORIGINAL, ruleset) == set()
    assert findings(unclassified(ORIGINAL), ruleset) == set()


PLANTED = [
    # (what, base, line, old, new, code, line reported)
    ("security line vs banner", "classified", 5, "ZNY CCCCC", "ZNY SSSSS", "CL104", 5),
    ("portion above the banner", "classified", 58, "(C)", "(S)", "CL201", 58),
    ("unmarked paragraph", "classified", 58, "(C) ", "", "CL203", 58),
    ("DECL date before the cable date", "classified", 18, "07/24/2028", "07/24/2007", "CL315", 18),
    ("DECL more than 25 years out", "classified", 18, "07/24/2028", "07/24/2038", "CL317", 18),
    ("impossible DECL date", "classified", 18, "07/24/2028", "02/30/2028", "CL313", 18),
    ("impossible DTG", "classified", 6, "041613Z AUG 08", "311613Z FEB 08", "CL101", 6),
    ("order not yet in force", "classified", 18, "12958", "13526", "CL302", 18),
    ("unknown order number", "classified", 18, "12958", "12598", "CL301", 18),
    ("OADR after 1995", "classified", 18, "07/24/2028", "OADR", "CL311", 18),
    ("N/A on a classified cable", "classified", 18, "DECL: 07/24/2028", "N/A", "CL308", 18),
    ("DECL date on an unclassified cable", "unclassified", 18, "N/A", "DECL: 07/24/2018", "CL320", 18),
    ("Classified By on an unclassified cable", "unclassified", 23, "", "Classified By: Ambassador Thomas T. Riley", "CL403", 23),
    ("reason letter out of range", "classified", 24, "(a) and (b)", "(a) and (k)", "CL406", 23),
    ("NF portion without NOFORN caption", "classified", 58, "(C)", "(C/NF)", "CL501", 58),
    ("SIPDIS with NODIS", "classified", 16, "STATE FOR PM, NEA/RA AND NEA/MAG", "NODIS", "CL503", 16),
    ("unknown TAG", "classified", 19, "KPKO MO", "KPKO QQQQ MO", "CL602", 19),
    ("prosign vs DTG precedence", "classified", 2, "PP RUEHWEB", "RR RUEHWEB", "CL102", 2),
    ("banner number vs DE serial", "classified", 4, "#0727/01", "#0728/01", "CL703", 4),
    ("DE Julian day vs DTG date", "classified", 4, "2171613", "2251613", "CL103", 4),
    ("SUBJECT marked above the banner", "classified", 20, "SUBJECT: MOROCCO'S", "SUBJECT: (S) MOROCCO'S", "CL207", 20),
]


@pytest.mark.parametrize("what, base, line, old, new, code, reported", PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_defect_is_reported_at_its_line(ruleset, what, base, line, old, new, code, reported):
    text = ORIGINAL if base == "classified" else unclassified(ORIGINAL)
    before = findings(text, ruleset)
    after = findings(edit(text, line, old, new) if old else _replace_line(text, line, new), ruleset)
    assert (code, reported) in after - before, f"{what}: new findings {sorted(after - before)}"


def test_classified_by_missing_is_reported(ruleset):
    text = edit(ORIGINAL, 23, "Classified By: Classified by Ambassador Thomas T. Riley for reasons 1.4", "")
    text = edit(text, 24, "(a) and (b).", "")
    assert "CL401" in {code for code, _ in findings(text, ruleset)}


def _replace_line(text: str, line: int, new: str) -> str:
    lines = text.split("\n")
    lines[line - 1] = new
    return "\n".join(lines)


HARMLESS = [
    ("another subject text", 20, "MOROCCO'S MILITARY: ADEQUATE, MODERNIZING, BUT", "MOROCCO'S ARMED FORCES: A SURVEY"),
    ("a shorter valid DECL date", 18, "07/24/2028", "07/24/2018"),
    ("one paragraph lowered while others keep the top level", 58, "(C)", "(U)"),
]


@pytest.mark.parametrize("what, line, old, new", HARMLESS, ids=[h[0] for h in HARMLESS])
def test_harmless_edit_adds_no_finding(ruleset, what, line, old, new):
    assert findings(edit(ORIGINAL, line, old, new), ruleset) == set()
