"""Each check kind on real cables (copied from the corpus), edited the way a damaged
record would be, and checked by small rules written for the test."""

from __future__ import annotations

import pytest

from validator.engine import load_ruleset
from validator.model import Document, ExternalMetadata, Severity
from validator.parse import parse_document

from engine_support import cable_text, write_rule

HEAD = """\
code: {code}
name: {name}
severity: warning
summary: Test.
message: "{message}"
description: Test.
rationale: Test.
source: tests
era: {era}
help: Test.
examples:
  good: ["x"]
  bad: ["y"]
"""


def rule_set(tmp_path, kind: str, params: str, message: str = "found", era: str = "all",
             when: str = ""):
    text = HEAD.format(code="XK901", name="kind-under-test", message=message, era=era)
    text += f"kind: {kind}\nparams:\n" + "".join(f"  {line}\n" for line in params.strip().splitlines())
    if when:
        text += "when:\n" + "".join(f"  {line}\n" for line in when.strip().splitlines())
    write_rule(tmp_path / "rules", text)
    return load_ruleset([tmp_path / "rules"], select=["XK901"])


def check(ruleset, text: str, name: str = "07ABUDHABI1838.txt", external=None):
    document = Document(path=name, text=text, form="text", external=external,
                        file_cable_id=name.split(".")[0])
    return ruleset.check(document, parse_document(document))


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


ABU = cable_text("07ABUDHABI1838.txt")
ISB = cable_text("07ISLAMABAD5388.txt")
BCN = cable_text("08BARCELONA76.txt")


def test_required(tmp_path):
    rules = rule_set(tmp_path, "required", "field: classified_by\nat: [eo, banner]",
                     message="{level} cable lacks {field}")
    assert check(rules, ABU) == []
    text = edit(ABU, "Classified By: Ambassador Michele J. Sison for reasons 1.4 (b and d).", "")
    (finding,) = check(rules, text)
    assert finding.message == "CONFIDENTIAL cable lacks classified_by"
    assert finding.line == line_of(text, "E.O. 12958")  # the first `at` anchor


def test_required_in_every_item(tmp_path):
    rules = rule_set(tmp_path, "required", "field: numbered_paragraphs[].marking",
                     message="paragraph without mark")
    text = edit(ABU, "¶2. (C) Post appreciates", "¶2. Post appreciates")
    (finding,) = check(rules, text)
    assert finding.line == line_of(text, "¶2. Post appreciates")


def test_forbidden(tmp_path):
    rules = rule_set(tmp_path, "forbidden", "field: eo.decl_date", message="date {value}")
    assert check(rules, BCN) == []
    text = edit(BCN, "E.O. 12958: N/A", "E.O. 12958: DECL: 08/11/2018")
    (finding,) = check(rules, text, "08BARCELONA76.txt")
    assert finding.message == "date 2018-08-11"
    assert (finding.line, finding.column) == (line_of(text, "DECL: 08/11"), 19)


def test_pattern(tmp_path):
    rules = rule_set(tmp_path, "pattern", "field: portions[].raw\nregex: '^(C|S)(/NF)?$'",
                     message="odd mark {value}")
    assert check(rules, ISB) == []
    text = edit(ISB, "¶2. (S/NF)", "¶2. (S-NF)")
    (finding,) = check(rules, text, "07ISLAMABAD5388.txt")
    assert finding.message == "odd mark S-NF" and finding.line == line_of(text, "¶2. (S-NF)")


def test_value_in_list_and_vocabulary(tmp_path):
    rules = rule_set(tmp_path, "value-in",
                     "field: tags.tags[].text\nvocabulary: [tags-subject, tags-program, countries]",
                     message="tag {value}")
    assert check(rules, ABU) == []
    text = edit(ABU, "TAGS: EFIN ETTC", "TAGS: EFIN ETCC")
    (finding,) = check(rules, text)
    assert finding.message == "tag ETCC" and finding.column == text.splitlines()[finding.line - 1].index("ETCC") + 1


def test_value_in_dated_vocabulary(tmp_path):
    # PINT was a 1970s subject tag: valid on a 1973 cable, not on a 2007 one.
    rules = rule_set(tmp_path, "value-in", "field: tags.tags[].text\nvocabulary: [tags-subject, countries]",
                     message="tag {value}")
    text = edit(ABU, "TAGS: EFIN ETTC KTFN PTER KCRM PREL AE", "TAGS: PINT AE")
    assert [f.message for f in check(rules, text)] == ["tag PINT"]
    old = edit(text, "P 051025Z NOV 07", "P 051025Z NOV 73")
    assert check(rules, old) == []


def test_compare_levels(tmp_path):
    rules = rule_set(tmp_path, "compare", "left: portions[].level\nop: '<='\nright: banner.level",
                     message="{left} above {right}")
    assert check(rules, ABU) == []
    text = edit(ABU, "¶2. (C) Post", "¶2. (S) Post")
    (finding,) = check(rules, text)
    assert finding.message == "SECRET above CONFIDENTIAL" and finding.line == line_of(text, "¶2. (S) Post")


def test_compare_in_each_item(tmp_path):
    rules = rule_set(tmp_path, "compare", "each: banners[]\nleft: section\nop: '<='\nright: sections",
                     message="section {left} of {right}")
    text = edit(ABU, "SECTION 01 OF 02", "SECTION 03 OF 02")
    (finding,) = check(rules, text)
    assert finding.message == "section 3 of 2"


def test_compare_with_aggregate(tmp_path):
    rules = rule_set(tmp_path, "compare", "left: banner.level\nop: '<='\nright: max(portions[].level)",
                     message="{left} over {right}")
    text = edit(edit(ABU, "C O N F I D E N T I A L SECTION", "S E C R E T SECTION"), "ZNY CCCCC", "ZNY SSSSS")
    (finding,) = check(rules, text)
    assert finding.message == "SECRET over CONFIDENTIAL"


def test_date_relation_with_era_bound(tmp_path):
    rules = rule_set(tmp_path, "date-relation",
                     "left: eo.decl_date\nright: date\nmin: {days: 1}\nmax: {years: era.max_years}",
                     message="{left} is {difference} after {right}")
    assert check(rules, ABU) == []
    late = edit(ABU, "DECL: 11/05/2017", "DECL: 11/05/2037")
    (finding,) = check(rules, late)
    assert finding.message == "2037-11-05 is 30 years 0 days after 2007-11-05"
    early = edit(ABU, "DECL: 11/05/2017", "DECL: 11/04/2007")
    assert [f.message for f in check(rules, early)] == ["2007-11-04 is -1 day after 2007-11-05"]


def test_date_relation_reports_inside(tmp_path):
    rules = rule_set(tmp_path, "date-relation",
                     "left: date\nright: order.end\nmin: {days: 1}\nmax: {days: 90}\nreport: inside",
                     message="{difference}")
    text = edit(ABU, "E.O. 12958: DECL: 11/05/2017", "E.O. 12356: DECL: OADR")
    assert check(rules, text) == []  # 2007 is years after 12356 ended: outside the window
    recent = edit(text, "P 051025Z NOV 07", "P 051025Z DEC 95")
    assert [f.message for f in check(rules, recent)] == ["53 days"]


def test_same_value_with_transforms(tmp_path):
    rules = rule_set(tmp_path, "same-value",
                     "left: header.de.serial\nleft_transform: [int]\nright: id_number\nright_transform: [mod10000]",
                     message="{left} vs {right_value}")
    assert check(rules, ABU) == []
    text = edit(ABU, "#1838/01", "#1883/01")
    (finding,) = check(rules, text)
    assert finding.message == "1883 vs 1838" and finding.line == line_of(text, "#1883")


def test_same_value_with_tolerance(tmp_path):
    rules = rule_set(tmp_path, "same-value",
                     "left: header.de.julian_day\nright: header.dtg.date\nright_transform: [day-of-year]\n"
                     "tolerance: {min: 0, max: 5, wrap: 365}", message="day {left}")
    assert check(rules, edit(ABU, "3091025", "3121025")) == []
    assert [f.message for f in check(rules, edit(ABU, "3091025", "3151025"))] == ["day 315"]


def test_same_value_against_publisher_metadata(tmp_path):
    rules = rule_set(tmp_path, "same-value",
                     "left: document.external.classification\nleft_transform: [classification-level]\n"
                     "right: banner.level", message="{left} vs {right}")
    ok = ExternalMetadata(source="html", classification="CONFIDENTIAL//NOFORN")
    assert check(rules, ABU, external=ok) == []
    assert check(rules, ABU) == []  # no publisher record: nothing to compare
    bad = ExternalMetadata(source="html", classification="SECRET")
    (finding,) = check(rules, ABU, external=bad)
    assert finding.message == "SECRET vs CONFIDENTIAL"


def test_rollup_up_and_down(tmp_path):
    up = rule_set(tmp_path, "rollup", "control: NOFORN", message="{count} NF portions, first {first}")
    assert check(up, ISB, "07ISLAMABAD5388.txt") == []
    text = edit(ISB, "SIPDIS \nNOFORN \n", "SIPDIS \n")
    (finding,) = check(up, text, "07ISLAMABAD5388.txt")
    assert finding.message.endswith("first (S/NF)") and finding.line == line_of(text, "¶1. (S/NF)")


def test_rollup_down(tmp_path):
    down = rule_set(tmp_path, "rollup", "control: NOFORN\ndirection: down", message="caption without portion")
    text = ISB.replace("(S/NF)", "(S)")
    (finding,) = check(down, text, "07ISLAMABAD5388.txt")
    assert finding.line == line_of(text, "NOFORN")


def test_exclusive(tmp_path):
    rules = rule_set(tmp_path, "exclusive", "groups: [[SIPDIS], [NODIS, EXDIS]]", message="{second} with {first}")
    assert check(rules, ABU) == []
    text = edit(ABU, "SIPDIS\n\nSIPDIS", "SIPDIS\n\nNODIS")
    (finding,) = check(rules, text)
    assert finding.message == "NODIS with SIPDIS" and finding.line == line_of(text, "NODIS")


def test_sequence(tmp_path):
    rules = rule_set(tmp_path, "sequence", "field: numbered_paragraphs[].number\nstart: 1",
                     message="{value} instead of {expected}")
    assert check(rules, ABU) == []
    text = edit(ABU, "¶3. (SBU)", "¶4. (SBU)")
    assert [f.message for f in check(rules, text)] == ["4 instead of 3"]


def test_parse_note(tmp_path):
    rules = rule_set(tmp_path, "parse-note", "notes: [decl-date-impossible]", message="{note}")
    assert check(rules, ABU) == []
    text = edit(ABU, "DECL: 11/05/2017", "DECL: 11/31/2017")
    (finding,) = check(rules, text)
    assert "11/31/2017" in finding.message and finding.line == line_of(text, "DECL: 11/31")


def test_when_and_era_gate_a_rule(tmp_path):
    rules = rule_set(tmp_path, "forbidden", "field: eo", message="eo", era="[12356]",
                     when='level: ">= SECRET"')
    assert check(rules, ABU) == []  # 2007: not the 12356 era
    madrid = cable_text("86MADRID5480.txt")
    assert len(check(rules, madrid, "86MADRID5480.txt")) == 1
    lowered = edit(madrid, "S E C R E T MADRID", "C O N F I D E N T I A L MADRID")
    assert check(rules, lowered, "86MADRID5480.txt") == []


def test_findings_carry_rule_data_and_file_coordinates(tmp_path):
    rules = rule_set(tmp_path, "forbidden", "field: eo.decl_date", message="date")
    from validator.readers import read_path
    from engine_support import DATA
    (document,) = read_path(str(DATA / "07ABUDHABI1838.html"))
    (finding,) = rules.check(document, parse_document(document))
    assert finding.code == "XK901" and finding.severity is Severity.WARNING and finding.help == "Test."
    raw = (DATA / "07ABUDHABI1838.html").read_text(encoding="utf-8").splitlines()
    assert "11/05/2017" in raw[finding.line - 1][finding.column - 1:]


def test_a_crashing_check_becomes_an_error_finding(tmp_path, monkeypatch):
    rules = rule_set(tmp_path, "forbidden", "field: eo", message="eo")
    rule = rules.get("XK901")

    def boom(ctx):
        raise RuntimeError("kaput")
        yield  # pragma: no cover

    monkeypatch.setattr(rule.check_kind, "check", boom)
    (finding,) = check(rules, ABU)
    assert finding.severity is Severity.ERROR and "kaput" in finding.message


def test_highest_addressee_precedence_reads_words_as_text_fields_or_other_values():
    from types import SimpleNamespace

    from validator.engine.kinds.crosscheck import _highest_addressee_precedence
    from validator.model import Field, Span

    def line(word):
        return SimpleNamespace(precedence=word)

    field = Field("immediate", Span(1, 1, 1, 10))
    assert _highest_addressee_precedence([line(None), line("priority"), line(field)], None) == "OO"
    assert _highest_addressee_precedence([line("Flash"), line(field)], None) == "ZZ"
    assert _highest_addressee_precedence([line("SOON"), line(None), object()], None) == "RR"
    assert _highest_addressee_precedence([], None) is None
    assert _highest_addressee_precedence(line(Field("NIACT IMMEDIATE", Span(1, 1, 1, 2))), None) == "OO"
    assert _highest_addressee_precedence([line(7)], None) == "RR"  # read as its text, "7"
