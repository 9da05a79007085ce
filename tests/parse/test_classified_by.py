"""`Classified By:` lines in every spelling seen, and `Derived from:`."""

import pytest

from parse_support import line_text, parse_file, parse_snippet


def classified_by_of(line: str):
    return parse_snippet(f"C O N F I D E N T I A L ROME 000001\n\nSUBJECT: TEST\n\n{line}\n\n1. (C) Text.\n").classified_by


@pytest.mark.parametrize("line, section, reasons", [
    ("Classified By: Ambassador Gary A. Grappo for Reasons 1.4 b/d.", "1.4", ("b", "d")),
    ("Classified By: Ambassador Gary A. Grappo for Reasons 1.4 (b) and (d).", "1.4", ("b", "d")),
    ("Classified By: PolOff John Doe, reasons 1.4(b),(d)", "1.4", ("b", "d")),
    ("Classified By: DCM John Doe, Reasons 1. 4 (b/d)", "1.4", ("b", "d")),
    ("CLASSIFIED BY: AMBASSADOR X Y FOR REASONS 1.5 (B) AND (D).", "1.5", ("b", "d")),
    ("Classified by Charge d'Affaires X, reason 1.4 (B&D)", "1.4", ("b", "d")),
    ("Classified by Charge X, reason 1.4 (b+d)", "1.4", ("b", "d")),
    ("Classified by X, reasons 1.4 (b)(d)", "1.4", ("b", "d")),
    ("Classified by X, reasons 1.4 (B),(C) and(D)", "1.4", ("b", "c", "d")),
    ("Classified By: X, Reason 1.4 (d)", "1.4", ("d",)),
    ("Classified By: X for reasons 1.2 (B), (D)", "1.2", ("b", "d")),  # 09ASTANA184
    ("Classified By: X for reasons 1,4 (C)", "1.4", ("c",)),  # 04HARARE766
    ("Classified By: X for reasons 14 (b) and (d)", "1.4", ("b", "d")),
    ("Classified By: DCM Tom Kelly for reasons b, d.", None, ("b", "d")),  # 07BUENOSAIRES1888
    ("Classfied By: X, reasons 1.4 (b) and (d)", "1.4", ("b", "d")),  # 09ASHGABAT757
])
def test_reason_spellings(line, section, reasons):
    classified_by = classified_by_of(line)
    assert classified_by.reason_section == section
    assert classified_by.reasons == reasons


def test_authority_and_title():
    classified_by = classified_by_of("Classified By: Ambassador Gary A. Grappo for Reasons 1.4 b/d.")
    assert classified_by.authority == "Ambassador Gary A. Grappo"
    assert classified_by.title == "Ambassador"
    assert classified_by.derived is False


def test_no_reason_is_a_parse_note():
    cable = parse_snippet("C O N F I D E N T I A L ROME 000001\n\nClassified By: Ambassador Clifford Sobel\n\n1. (C) Text.\n")
    assert cable.classified_by.reasons == ()
    assert "classified-by-no-reason" in {note.code for note in cable.notes}


def test_derived_from():
    classified_by = classified_by_of("Classified By: Derived from Multiple Sources")
    assert classified_by.authority.startswith("Derived from") or classified_by.derived
    derived = classified_by_of("Derived from: Multiple Sources")
    assert derived.derived is True and derived.authority == "Multiple Sources"


def test_doubled_label_and_wrapped_reason():
    cable = parse_file("04THEHAGUE248.txt")  # `Classified By: CLASSIFIED BY ... FOR REASONS` / `1.5 (B AND D).`
    assert cable.classified_by.authority == "POLITICAL COUNSELOR MARY DALY"
    assert (cable.classified_by.reason_section, cable.classified_by.reasons) == ("1.5", ("b", "d"))
    assert cable.classified_by.span.end_line == cable.classified_by.span.line + 1


def test_wrapped_reason_after_the_label_line():
    cable = parse_file("08RABAT727.txt")  # `... for reasons 1.4` / ` (a) and (b).`
    assert (cable.classified_by.reason_section, cable.classified_by.reasons) == ("1.4", ("a", "b"))


def test_reason_span():
    text = "C O N F I D E N T I A L ROME 000001\n\nClassified By: Ambassador X for Reasons 1.4 (b) and (d).\n\n1. (C) T.\n"
    classified_by = parse_snippet(text).classified_by
    assert line_text(text, classified_by.reason_span) == "1.4 (b) and (d)"


def test_inside_paragraph_one_in_1990s_cables():
    cable = parse_file("96ISLAMABAD5972.txt")  # `1.  (U) CLASSIFIED BY THOMAS W. SIMONS, JR., AMBASSADOR. REASON: 1.5 (B), (C) AND (D).`
    assert cable.classified_by is not None
    assert cable.classified_by.in_paragraph == 1
    assert (cable.classified_by.reason_section, cable.classified_by.reasons) == ("1.5", ("b", "c", "d"))


def test_glued_to_subject_and_ref_in_press_versions():
    cable = parse_file("09CAIRO2395.txt")  # `SUBJECT: ... REF: CAIRO 2279 Classified By: ... for reason 1.4 (d).`
    assert cable.subject.text == "EGYPT: POSSIBLE PRESIDENTIAL ASPIRATIONS SPARK CONSTITUTIONAL DEBATE"
    assert [r.text for r in cable.references] == ["CAIRO 2279"]
    assert cable.classified_by.reasons == ("d",)


@pytest.mark.parametrize("line, section, reasons", [
    ("Classified By: Amb X, Reasons 1.4. (b and d).", "1.4", ("b", "d")),  # 06MOSCOW11778
    ("Classified By: Amb X, Reasons 1.4(d.)", "1.4", ("d",)),  # 06CARACAS2367
    ("Classified By: Amb X, Reasons 1.4. (b) & (d) .", "1.4", ("b", "d")),  # 07PARIS4357
    ("Classified By: CDA MILTON DRUCKER FOR REASONS 1 (B) AND (D)", None, ("b", "d")),  # 06BOGOTA5384
    ("Classified By: Amb X, reaso ns 1.4. (b), (d).", "1.4", ("b", "d")),  # 07PARIS3534
    ("Classified By: Amb X, REASON: 1.4 (b), (d) (S) Ambassador Y said", "1.4", ("b", "d")),  # 09TRIPOLI394
])
def test_more_reason_spellings(line, section, reasons):
    classified_by = classified_by_of(line)
    assert (classified_by.reason_section, classified_by.reasons) == (section, reasons)


def test_a_cut_preview_gives_way_to_the_full_line():
    text = ("C O N F I D E N T I A L THE HAGUE 002639\n\nClassified By: CDA Chat Blakeman, reasons 1...\n\n"
            "Classified By: CDA Chat Blakeman, reasons 1.4 (b) and (d)\n\n1. (C) Text.\n")  # 06THEHAGUE2639
    assert parse_snippet(text).classified_by.reasons == ("b", "d")


def test_paragraph_one_run_onto_the_classified_by_line():
    text = "C O N F I D E N T I A L TRIPOLI 000065\n\nClassified By: Amb X, REASON: 1.4 (b), (d) 1. (C/NF) Summary text.\n\n2. (C/NF) Two.\n"
    cable = parse_snippet(text)  # 09TRIPOLI65
    assert [(p.number, p.marking.raw) for p in cable.paragraphs] == [(1, "C/NF"), (2, "C/NF")]
    assert cable.classified_by.reasons == ("b", "d")


def test_reason_on_the_next_line_citing_the_order():
    text = ("C O N F I D E N T I A L SAO PAULO 001158\n\nE.O. 12958: DECL: 10/12/2015\nTAGS: PINR BR\n\n"
            "CLASSIFIED BY: ACTING CONSUL GENERAL ARNOLD VELA. REASON:\nE.O. 12958, 1.4(D)\n\n1. (C) Text.\n")
    cable = parse_snippet(text)  # 05SAOPAULO1158
    assert (cable.classified_by.reason_section, cable.classified_by.reasons) == ("1.4", ("d",))
    assert len(cable.eo_lines) == 1


@pytest.mark.parametrize("line, section, reasons", [
    ("Classified By: Political Counselor Walter Pflaumer for Reasons 1.4 (b, c, & d).", "1.4", ("b", "c", "d")),  # 08ABUJA320
    ("Classified By: Ambassador Thomas T. Riley for reason 1.4 (b, c, and d).", "1.4", ("b", "c", "d")),  # 08RABAT194
    ("Classified By: DCM Richard LeBaron for reasons 1.4, b/d.", "1.4", ("b", "d")),  # 08LONDON1350
    ("Classified By: Economic Counselor Oliver John for reasons 1.4, (b), (d), (e).", "1.4", ("b", "d", "e")),  # 10KUWAIT45
    ("Classified By: Econ MC Matthias Mitman for reasons 1.4 (b. and d.)", "1.4", ("b", "d")),  # 09MOSCOW2823
    ("Classified By: Ambassador Karl W. Eikenberry for Reasons 1:4 b,d", "1.4", ("b", "d")),  # 09KABUL1892
    ("Classified By: S/CT DAS, Susan F. Burk, Reason: 1/4 (B), (D), (E), and (G)", "1.4", ("b", "d", "e", "g")),  # 09STATE15113
])
def test_reason_separators_and_section_spellings(line, section, reasons):
    classified_by = classified_by_of(line)
    assert (classified_by.reason_section, classified_by.reasons) == (section, reasons)


@pytest.mark.parametrize("lines, reasons", [
    ("Classified By: Deputy Chief of Mission Elizabeth Dibble for Reasons 1.4\n (B) and (D)", ("b", "d")),  # 09ROME1363
    ("Classified By: POLITICAL COUNSELOR ROBERT R. DOWNES FOR 1.4\n(D)", ("d",)),  # 06CARACAS958
    ("Classified By: Ambassador E. Anthony Wayne for\n\nreasons 1.4 (b) and (d).", ("b", "d")),  # 09BUENOSAIRES295
    ("CLASSIFIED BY: J. Patick Truhn, Consul General, AmConGen Naples.\n\nREASON: 1.4 (b), (d)", ("b", "d")),  # 09NAPLES69
    ("Classified By: Interagency Provincial Affairs Coordinator Scott F.\nKilner for Reasons 1.4(b) and (d)", ("b", "d")),  # 10KABUL12
    ("CLASSIFIED BY: MINISTER-COUNSELOR JOSIAH ROSENBLATT, REASONS\n\n\n\nPAGE 02 RUEHFRA0170 S E C R E T\n1.4 (B) AND (D).",
     ("b", "d")),  # 07PARIS170
])
def test_reason_wrapped_onto_a_later_line(lines, reasons):
    assert classified_by_of(lines).reasons == reasons


def test_a_paragraph_mark_after_the_section_is_not_a_wrapped_letter():
    text = "C O N F I D E N T I A L ROME 000001\n\nClassified By: Charge Lisa Kubiske. Reason: 1.4\n(C) SUMMARY. Text.\n"
    assert parse_snippet(text).classified_by.reasons == ()


def test_a_correction_caption_naming_the_line_is_not_the_line():
    text = ('C O N F I D E N T I A L ASTANA 000760\n\nC O R R E C T E D C O P Y (ADD "CLASSIFIED BY" LINE\n\n'
            "E.O. 12958: DECL: 04/17/2018\nTAGS: PGOV KZ\nSUBJECT: TEXT\n\n"
            "CLASSIFIED BY POL/ECON CHIEF STEVEN FAGIN, REASONS 1.4\n(B) AND (D)\n\n1. (C) Text.\n")  # 08ASTANA760
    classified_by = parse_snippet(text).classified_by
    assert classified_by.span.line == 9 and classified_by.reasons == ("b", "d")


def test_multiple_sources_is_a_derivative_classification():
    assert classified_by_of("Classified By: MULTIPLE SOURCES").derived  # 10STATE369


def test_misspelt_classjfied():
    assert classified_by_of("Classjfied By: PolCouns Geoff Pyatt for Reasons 1.4 (B, D)").reasons == ("b", "d")  # 06NEWDELHI27


def test_on_a_marked_line_before_paragraph_one():
    text = ("S E C R E T SECTION 01 OF 11 STATE 119085\n\nE.O. 12958: DECL: 11/17/2034\nTAGS: ASEC CVIS\n\n"
            "SUBJECT: WALK-IN GUIDANCE\n\n(U) Classified by: David Appleton, Director,\nINR/CCS, Reason: 1.4 (c, d).\n\n"
            "SUMMARY AND TABLE OF CONTENTS\n\n1. (S/NF) Text.\n\n2. (S/NF) Text.\n")  # 09STATE119085
    classified_by = parse_snippet(text).classified_by
    assert (classified_by.span.line, classified_by.reasons) == (8, ("c", "d"))


def test_opening_paragraph_two():
    text = ("S E C R E T STATE 103511\n\nE.O. 12958: DECL: 09/26/2018\nTAGS: PARM\n\nSUBJECT: TEXT\n\n"
            "1. (SBU) This is an action request.\n\n2. (U) Classified by Acting DAS James Knight, Reasons 1.4\n(b) and (d).\n\n"
            "3. (U) Text.\n")  # 08STATE103511
    classified_by = parse_snippet(text).classified_by
    assert (classified_by.in_paragraph, classified_by.reasons) == (2, ("b", "d"))


@pytest.mark.parametrize("line, authority", [
    ("BY: Gene A. Cretz, Ambassador, U.S. Embassy Tripoli, Department of State. REASON: 1.4 (b), (d)", "Gene A. Cretz"),  # 09TRIPOLI874
    ("Chris Stevens, CDA, AmEmbassy Tripoli, State. REASON: 1.4 (b), (d)", "Chris Stevens"),  # 08TRIPOLI526
])
def test_the_line_with_its_label_lost(line, authority):
    text = f"C O N F I D E N T I A L TRIPOLI 000526\n\nE.O. 12958: DECL:  7/1/2018\nTAGS: PREL LY\nSUBJECT: TEXT\n\n{line}\n\n1. (C) Text.\n"
    classified_by = parse_snippet(text).classified_by
    assert classified_by.authority.startswith(authority) and classified_by.reasons == ("b", "d")


@pytest.mark.parametrize("line, reasons", [
    ("Classified By: Acting Economic Counselor Todd Kushner. Reason 1.5(b) a nd (d)", ("b", "d")),  # 03THEHAGUE2113
    ("Classified By: Political Counselor Richard M. Mills, Jr. for reasons 1. 4 (b) and (d)  (C) HMG is aware that",
     ("b", "d")),  # 08LONDON1922: the (C) opens paragraph 1
])
def test_broken_and_and_a_mark_before_an_upper_case_word(line, reasons):
    assert classified_by_of(line).reasons == reasons


def test_reason_after_the_order_wrapped_onto_the_next_line():
    text = ("C O N F I D E N T I A L ANKARA 007215\n\nE.O. 12958: DECL: 12/20/2015\nTAGS: PGOV TU\nSUBJECT: TEXT\n\n"
            "Classified By: PolCouns Janice G. Weiner, E.O. 12958, reasons\n1.4 (b) and (d).\n\n1.  (C) Summary.\n")
    cable = parse_snippet(text)  # 05ANKARA7215
    assert cable.classified_by.reasons == ("b", "d")
    assert [line.raw for line in cable.eo_lines] == ["E.O. 12958: DECL: 12/20/2015"]


@pytest.mark.parametrize("line, reasons", [
    ("Classified By: Ambassador W.R. Pearson.  Reasons: 1.5 (b, d, X6).", ("b", "d")),  # 03ANKARA2521
    ("Classified By: DCM Carol Urban, Reasons 1.4 b.d.", ("b", "d")),  # 07BERN171
])
def test_stray_exemption_code_and_dotted_letters(line, reasons):
    assert classified_by_of(line).reasons == reasons


def test_a_cut_preview_does_not_run_into_the_next_line():
    text = ("C O N F I D E N T I A L PRAGUE 000337\n\nClassified By: Deputy Political Counselor Mark Canning for reasons ...\n"
            "3/9/2005 6:49 C O N F I D E N T I A L PRAGUE 000337 SIPDIS E.O. 12958: DECL: 03/07/2015 TAGS: MASS PREL EZ\n\n"
            "1. (C) Text.\n")  # 05PRAGUE337
    assert parse_snippet(text).classified_by.raw.endswith("reasons ...")
