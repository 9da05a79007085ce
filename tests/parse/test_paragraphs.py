"""Numbered paragraphs, portion marks and ENTIRE TEXT statements."""

import pytest

from validator.model import Level

from parse_support import line_text, parse_file, parse_snippet

HEAD = "S E C R E T ROME 000001\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL IT\nSUBJECT: TEST\n\n"


def paragraphs(body: str):
    return parse_snippet(HEAD + body).paragraphs


@pytest.mark.parametrize("body, numbers, marks", [
    ("¶1. (C) One.\n\n¶2. (S/NF) Two.\n", [1, 2], ["C", "S/NF"]),
    ("1. (C) One.\n\n2. (U) Two.\n", [1, 2], ["C", "U"]),
    ("1.(C) One.\n\n2.(SBU) Two.\n", [1, 2], ["C", "SBU"]),
    ("\uFFFD1. (C) One.\n", [1], ["C"]),  # pilcrow lost to U+FFFD, 09PARIS997
    ("[1](#)1. (C) One.\n\n12. (C) Two, its link text glued on.\n", [1, 2], ["C", "C"]),
])
def test_paragraph_forms(body, numbers, marks):
    found = paragraphs(body)
    assert [p.number for p in found] == numbers
    assert [p.marking.raw for p in found] == marks


def test_spurious_pilcrow_before_a_year_is_not_a_paragraph():
    found = paragraphs("¶1. (C) In\n¶2006. the year\n\n¶2. (C) Two.\n")
    assert [p.number for p in found] == [1, 2]


def test_unnumbered_marked_paragraph():
    found = paragraphs("(C) First portion.\n\n(S) Second portion.\n")
    assert [(p.number, p.marking.level) for p in found] == [(None, Level.CONFIDENTIAL), (None, Level.SECRET)]


def test_unmarked_paragraph_has_no_marking():
    found = paragraphs("1. (C) One.\n\n2. Two has no mark.\n")
    assert found[1].marking is None


def test_mark_span_points_at_the_mark():
    text = HEAD + "¶1. (S/NF) One.\n"
    paragraph = parse_snippet(text).paragraphs[0]
    assert line_text(text, paragraph.marking.span) == "(S/NF)"


@pytest.mark.parametrize("raw, level, controls, known", [
    ("C", Level.CONFIDENTIAL, set(), True),
    ("S/NF", Level.SECRET, {"NOFORN"}, True),
    ("S//NF", Level.SECRET, {"NOFORN"}, True),
    ("SBU", Level.UNCLASSIFIED, {"SBU"}, True),
    ("SBU/NF", Level.UNCLASSIFIED, {"SBU", "NOFORN"}, True),
    ("U//FOUO", Level.UNCLASSIFIED, {"FOUO"}, True),
    ("S//FGI//NF", Level.SECRET, {"FGI", "NOFORN"}, True),
    ("C/REL NATO", Level.CONFIDENTIAL, {"REL"}, True),
    ("S/REL TO NATO/AUS", Level.SECRET, {"REL"}, True),
    ("S/NOFORN", Level.SECRET, {"NOFORN"}, True),
    ("C NF", Level.CONFIDENTIAL, {"NOFORN"}, False),
    ("S-NF", Level.SECRET, {"NOFORN"}, False),
    ("SNF", Level.SECRET, {"NOFORN"}, False),
])
def test_portion_marks(raw, level, controls, known):
    mark = paragraphs(f"1. ({raw}) Text.\n")[0].marking
    assert (mark.level, set(mark.controls), mark.known) == (level, controls, known)


def test_rel_partners():
    mark = paragraphs("1. (S/REL TO NATO/AUS) Text.\n")[0].marking
    assert mark.rel_to == ("NATO", "AUS")


def test_unknown_mark_is_a_parse_note():
    cable = parse_snippet(HEAD + "1. (SE) Truncated mark.\n")
    assert cable.paragraphs[0].marking is None
    assert "portion-mark-unknown" in {note.code for note in cable.notes}


def test_bullet_and_subparagraph_portions():
    cable = parse_snippet(HEAD + "1. Key points:\n-- (SBU) One.\n-- (C) Two.\n\nA. (S) Sub.\n")
    assert [p.raw for p in cable.portions] == ["SBU", "C", "S"]


def test_list_letter_c_is_not_a_mark():
    cable = parse_file("06BUENOSAIRES109.txt")  # `(A) ... (B) ... (C) Within walking distance`
    assert all(p.level is Level.UNCLASSIFIED for p in cable.portions)


def test_entire_text_statement():
    cable = parse_file("88LONDON16998.txt")  # `¶1.  CONFIDENTIAL - ENTIRE TEXT.`
    assert cable.paragraphs[0].entire_text is Level.CONFIDENTIAL


def test_entire_text_in_parentheses():
    found = paragraphs("1. (C - ENTIRE TEXT). Text.\n")  # 79TEHRAN8980
    assert found[0].entire_text is Level.CONFIDENTIAL


def test_lower_case_mark_after_a_number():
    found = paragraphs("1. (c) lower case rendering.\n")  # 00TASHKENT4223
    assert found[0].marking.level is Level.CONFIDENTIAL


def test_paragraph_end_lines():
    found = paragraphs("1. (C) One\ncontinues.\n\n2. (C) Two.\n")
    assert found[0].end_line == found[1].span.line - 1


def test_marked_bullets_inside_an_unmarked_paragraph_are_counted():
    found = paragraphs("¶1. Key Points:\n-- (SBU) One.\n-- (C) Two.\n\n¶2. (C) Next.\n")  # 09CAIRO2395
    assert found[0].marking is None and found[0].inner_marks == 2
    assert found[1].inner_marks == 0


def test_a_numbered_list_inside_a_paragraph_is_not_a_paragraph():
    found = paragraphs("¶1. (C) The delegation:\n\n¶1. John Doe\n\n¶2. Jane Roe\n\n¶2. (C) Next paragraph.\n")
    assert [(p.number, p.marking.raw if p.marking else None) for p in found] == [(1, "C"), (2, "C")]


def test_sensitive_but_unclassified_statement():
    found = paragraphs("¶1. SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY\n\n¶2. Text.\n")  # 06SAOPAULO910
    assert found[0].entire_text is Level.UNCLASSIFIED


def test_rel_partners_joined_by_and():
    mark = paragraphs("¶1. (C/REL NATO and AUS) Summary.\n")[0].marking  # 07KABUL2004
    assert mark.rel_to == ("NATO", "AUS") and "REL" in mark.controls


@pytest.mark.parametrize("body, mark", [
    ("¶1. Summary and comment. (C) The Conservative Party.\n", "C"),  # 08LONDON2556
    ("¶10. Comment: (U) The RSS case was a landmark.\n", "U"),  # 09BRASILIA1
    ("4.(S/Rel China and UK) We have raised.\n", "S/Rel China and UK"),  # 08STATE93558
])
def test_mark_after_a_lead_in_or_in_mixed_case(body, mark):
    assert paragraphs(body)[0].marking.raw == mark


@pytest.mark.parametrize("body, level, known", [
    ("¶4. (SECRET//REL BULGARIA, ITALY, SPAIN) BEGIN POINTS: -- We are sharing.\n", Level.SECRET, False),  # 08STATE98975
    ("¶4. (SECRET/rel IAEA)\n", Level.SECRET, False),  # 09STATE2552
    ("¶1.  (Confidential) Key Points\n", Level.CONFIDENTIAL, False),  # 09MEXICO1055
    ("¶6. (C/rel to UN) Begin points:\n", Level.CONFIDENTIAL, True),  # 08STATE107438
    ("¶4. (S/NF/rel Panama) During the December 9 meeting.\n", Level.SECRET, True),  # 09BOGOTA3559
])
def test_spelled_out_levels_and_lower_case_rel(body, level, known):
    mark = paragraphs(body)[0].marking
    assert (mark.level, mark.known) == (level, known)


@pytest.mark.parametrize("body", [
    "¶1. 1. (SBU) Summary and action request. Please see\n",  # 09STATE69224
    "¶1. (TF/Embassy Tbilisi telcon) 1. (SBU) UNHCR will request $12-$15 million.\n",  # 08STATE86603
])
def test_number_written_twice_before_the_mark(body):
    assert paragraphs(body)[0].marking.raw == "SBU"


def test_list_running_past_the_next_paragraph_number_is_not_a_lost_markdown_link():
    items = "".join(f"¶{n}. Measure {n};\n" for n in range(1, 22))  # 08MADRID707: 21 measures
    found = paragraphs(f"¶3. (U) Zapatero presented 21 measures:\n\n{items}\n¶4. (U) These 21 measures.\n")
    assert [(p.number, p.marking.raw) for p in found] == [(3, "U"), (4, "U")]


def test_paragraphs_run_together_on_one_long_line():
    # 08TRIPOLI411: the whole body flattened onto the Classified By line
    body = ("REF: TRIPOLI 401  CLASSIFIED BY: Chris Stevens, CDA, U.S. Embassy Tripoli, Dept of State. "
            "REASON: 1.4 (b) 1. (C) Summary:  An Embassy officer was prevented by security officials from "
            "entering the hospital room in which detained human rights activist Fathi el-Jahmi had previously "
            "been housed.  End summary.  2. (C) Following an earlier unsuccessful attempt to visit detained "
            "human rights activist Fathi el-Jahmi (reftel), P/E Chief on May 22 visited the room in the cardiac "
            "ward.  3. (C) P/E Chief telephoned Qadhafi Development Foundation (QDF) Director Dr. Yusuf Sawani "
            "to express concern.  Sawani had no response, see para 4. (Note: visiting hours began at 4:00 p.m.) "
            "STEVENS\n")
    cable = parse_snippet("C O N F I D E N T I A L TRIPOLI 000411\n\nE.O. 12958: DECL: 5/22/2018\n"
                          "TAGS: PGOV LY\nSUBJECT: EMBASSY DENIED ACCESS\n\n" + body)
    assert [(p.number, p.marking.raw) for p in cable.paragraphs] == [(1, "C"), (2, "C"), (3, "C")]
    assert [mark.raw for mark in cable.portions] == ["C", "C", "C"]


def test_paragraphs_of_a_cut_preview_are_not_read_twice():
    # 06LIMA748: a cut preview, then the record's fields and the whole cable again
    banner = "UNCLAS LIMA 000748 \n \nSIPDIS \n \nE.O. 12958: N/A \nTAGS: PGOV KJUS PE\nSUBJECT: MONTESINOS LEGAL REQUEST FOR EMBASSY FILES \n \n"
    preview = banner + "¶1. (U) This is an action request. Please se...\n\n"
    record = ("id: 54459\ndate: 2/27/2006 13:14\nrefid: 06LIMA748\norigin: Embassy Lima\nheader:\nVZCZCXYZ0001\n\n"
              "----------------- header ends ----------------\n\n" + banner +
              "¶1. (U) This is an action request. Please see para 5. \n\n¶2. (U) SUMMARY:  Post has received a request.\n")
    found = parse_snippet(preview + record).paragraphs
    assert [p.number for p in found] == [1, 2]
    assert found[0].span.line > preview.count("\n")


def test_mark_with_a_trailing_double_slash():
    mark = paragraphs("¶1. (C//REL TO USA, KEN, GBR//) There are a number of factors\n")[0].marking  # 09NAIROBI1171
    assert mark.level is Level.CONFIDENTIAL and mark.rel_to == ("USA", "KEN", "GBR")


def test_a_paragraph_cut_to_an_ellipsis_is_not_read():
    assert paragraphs("Classified By: Amb. P Michael McKinley for reasons 1.4b and d.\n\n¶1. ...\n") == []  # 09LIMA1191


def test_lines_opened_by_a_line_separator_character():
    found = paragraphs("\u20281. (U) Summary. The death of at least four\n\n\u2028\u20282. (S/NF) CISEN officials\n")  # 08MEXICO886
    assert [(p.number, p.marking.raw) for p in found] == [(1, "U"), (2, "S/NF")]


@pytest.mark.parametrize("item", [
    "2) (S) President Museveni said the DRC has not actively attempted\n",  # 08STATE65820
    "1 (S) On January 26, we briefed Carlos Cordero of the MFA's\n",  # 09SANJOSE56
])
def test_marks_after_a_number_with_a_parenthesis_or_no_period_are_portions(item):
    cable = parse_snippet(HEAD + "¶1. (U) Summary.\n\n" + item)
    assert [mark.raw for mark in cable.portions] == ["U", "S"]


def test_a_preview_cut_inside_the_mark_is_not_a_paragraph():
    assert paragraphs("¶1.  (C...\n") == []  # 09KYIV1991


@pytest.mark.parametrize("body", [
    "¶1.  (U) This is an action message.  Please see paragraph\n\n¶3. \n¶2. (S) On September 6, Bassim briefed.\n",  # 09CAIRO1742
    "¶1. (C) Half of the displaced persons would begin coming home in Darfur by March\n¶15. \n\n¶2. (C) Book.\n",  # 09STATE11937
])
def test_a_number_wrapped_out_of_a_sentence_is_not_a_paragraph(body):
    assert [p.number for p in paragraphs(body)] == [1, 2]


def test_paragraph_one_right_under_the_classified_by_line():
    # 09CAIRO1094: no blank line and no mark after the number; the marks stand on the bullets
    cable = parse_snippet(
        "C O N F I D E N T I A L CAIRO 001094\n\nE.O. 12958: DECL: 06/15/2029\nTAGS: PREL EG\n"
        "SUBJECT: IO DELEGATION\n\nClassified By: Ambassador Margaret Scobey for reasons 1.4 (b) and (d).\n"
        "1.KEY POINTS -- (C) On May 18, a Department delegation met. -- (C) Keshap noted the shift.\n\n"
        "2.(C) The U.S. delegation also consisted of Mission Geneva.\n")
    first, second = cable.paragraphs
    assert (first.number, first.marking, first.inner_marks) == (1, None, 2)
    assert (second.number, second.marking.raw) == (2, "C")
    assert [mark.raw for mark in cable.portions] == ["C", "C", "C"]


@pytest.mark.parametrize("line, mark", [
    ("REF: SECSTATE 165115 1. Post grants country clearance for the visit.\n", None),  # 06BRASILIA2094
    ("-------1.(U) Even before Air Force One departed on June 4, Embassy Cairo began.\n", "U"),  # 09CAIRO1415
    ("LONDON 00001886  001.2 OF 004    1.  (SBU) Summary.  London-based bank analysts.\n", "SBU"),  # 09LONDON1886
])
def test_paragraph_one_run_onto_a_line_above(line, mark):
    found = paragraphs(line + "\n¶2. (U) Visitors are reminded.\n")
    assert [p.number for p in found] == [1, 2]
    assert (found[0].marking.raw if found[0].marking else None) == mark


def test_a_mark_alone_on_the_line_above_the_number():
    found = paragraphs("¶3. (SBU) Venetiaan is a canny politician.\n\n(SBU) \n\n¶4. Issue 1: Suriname should\n")  # 07PARAMARIBO510
    assert [(p.number, p.marking.raw) for p in found] == [(3, "SBU"), (4, "SBU")]


def test_paragraphs_run_together_above_the_first_line_start_one():
    # 08BUENOSAIRES1305: the text is flattened up to paragraph 8; paragraph 1 was cut with the captions
    body = ("significant given current difficulties, and she evinced no disposition to scale back collaboration.  "
            "End Summary.  2. (SBU) Ambassador called on Garre.\n"
            "make available to Argentina Foreign Military Financing.  3. (C) Ambassador began by noting.\n"
            " ¶4. (SBU) Garre voiced appreciation for the delivery of two H3 Sea King helicopters.\n")
    assert [(p.number, p.marking.raw) for p in paragraphs(body)] == [(2, "SBU"), (3, "C"), (4, "SBU")]


def test_a_run_together_paragraph_after_a_heading():
    # 08TRIPOLI470: a heading with no full stop, then two spaces, then the next paragraph
    body = ("¶1. (SBU) Summary: Libya is slowly acknowledging the need. End Summary  GOVERNMENT OVERSIGHT AND "
            "LEGAL FRAMEWORK  2. (SBU)  Government of Libya agencies.  3. (SBU)  The EGA's role is unclear.\n")
    assert [p.number for p in paragraphs(body)] == [1, 2, 3]


def test_a_run_together_paragraph_after_end_summary():
    body = "¶1. (C) SUMMARY: Allies met. END SUMMARY 2. (C) NATO Allies met August 11.\n"  # 08USNATO281
    assert [p.number for p in paragraphs(body)] == [1, 2]


def test_a_due_paragraph_number_glued_to_a_word():
    body = ("¶3. (SBU) Crime involving pedestrians is very higgh4. (U) POLICE RESPONSE: call 101.\n\n"
            "¶5. (U) POLICE EMERGENCY\n")  # 08BUENOSAIRES62
    assert [(p.number, p.marking.raw) for p in paragraphs(body)] == [(3, "SBU"), (4, "U"), (5, "U")]


def test_an_unmarked_paragraph_run_onto_the_line_of_an_unmarked_one():
    body = ("¶1.  In response to reftel, the following is the 2009 Investment Climate Statement.  "
            "The information is updated as of January 1, 2009.  2.  Much of the data supplied is from 2007.\n")  # 09LONDON109
    assert [(p.number, p.marking) for p in paragraphs(body)] == [(1, None), (2, None)]


def test_a_statute_reference_at_a_line_start_is_not_a_portion_mark():
    cable = parse_snippet(HEAD + "¶22. Post works to build revocation cases with INA Section 2(C)(1) and\n"
                                 "2(C)(2) ineligibilities.\n")  # 09MEXICO944
    assert cable.portions == []


def test_a_paragraph_missing_from_a_flattened_text_leaves_a_gap():
    # 09PANAMA893: there is no paragraph 3 anywhere in the published text
    body = ("¶1. (U) Summary: Tocumen International Airport captures the Panamanian zeitgeist. "
            "--------  2. (U) Tocumen is the hub.  It handled 86,000 tons of cargo, up 5% from the prior year. "
            "4. (U) Panama's geographical advantage.  5. (C) Mission assessment.  8. (S) Comment: perfume.\n")
    assert [p.number for p in paragraphs(body)] == [1, 2, 4, 5]


def test_paragraphs_numbered_with_a_parenthesis_up_to_the_first_dotted_one():
    body = ("1) (SBU) SUMMARY. On June 13, Assistant Secretary Frazer met Museveni.\n\n"
            "2) (S) President Museveni said the DRC has not acted.\n\n¶3. (U) Tripoli minimize considered.\n")  # 08STATE65820
    assert [(p.number, p.marking.raw) for p in paragraphs(body)] == [(1, "SBU"), (2, "S"), (3, "U")]


def test_paragraph_one_with_no_period_after_its_number():
    body = "1 (S) On January 26, we briefed Carlos Cordero of the MFA's\n\n¶2. (SBU) Cordero said.\n"  # 09SANJOSE56
    assert [(p.number, p.marking.raw) for p in paragraphs(body)] == [(1, "S"), (2, "SBU")]


@pytest.mark.parametrize("body, level, controls", [
    ("¶2.  (NC) MFA Defense Department Director Thorir Ibsen\n", Level.CONFIDENTIAL, set()),  # 07REYKJAVIK298, NATO CONFIDENTIAL
    ("¶9. (N/SF) I then raised with Karzai his regular claim to\n", Level.SECRET, {"NOFORN"}),  # 09KABUL1892
])
def test_nato_and_scrambled_marks_are_read_as_not_standard(body, level, controls):
    mark = paragraphs(body)[0].marking
    assert (mark.level, set(mark.controls), mark.known) == (level, controls, False)


@pytest.mark.parametrize("body", [
    "¶2. (U) Poloff discussed reftel demarche with Officer Ingibjorg Davidsdottir June\n"
    "¶13.  The Ambassador followed up June 14 with a call on MFA\n\n¶3.  (C) Iceland MFA officials agree.\n",  # 06REYKJAVIK218
    "¶1. (S) PolMilOff reviewed ref A demarche with Dutch MFA on April\n"
    "¶2. Van den IJssel stressed that the Dutch were not among the\n\n¶2. (S) Van den IJssel said.\n",  # 04THEHAGUE868
])
def test_the_day_of_a_wrapped_date_is_not_a_paragraph(body):
    assert all(p.marking is not None for p in paragraphs(body))


def test_an_unmarked_paragraph_run_on_after_a_single_space():
    body = ("¶6. Cavallari expects a Senate of about seven parties as opposed to the current 15-17. "
            "7. In this new setting, Cavallari predicted that Lula may push reforms.\n")  # 06SAOPAULO968
    assert [p.number for p in paragraphs(body)] == [6, 7]


def test_a_cut_preview_followed_by_a_record_dump_is_not_paragraph_one():
    body = ("¶1. ...7/28/2005 14:18 UNCLAS MINSK 000851 SIPDIS State for EB/IFD/OIA E.O. 12958: N/A\n\n"
            "¶1. Summary: The banking system in Belarus is underdeveloped.\n\n¶2. The banking sector.\n")  # 05MINSK851
    assert [p.number for p in paragraphs(body)] == [1, 2]


def test_an_unmarked_paragraph_run_on_after_a_dashed_heading():
    body = ("¶1. Ambassador visited the Binational Center in Mendoza. Scholarships and English "
            "-------------------------------------------- 2. Following up on a successful visit.\n")  # 08BUENOSAIRES879
    assert [p.number for p in paragraphs(body)] == [1, 2]


@pytest.mark.parametrize("body, numbers", [
    ("¶7. (SBU) Nunes has put out feelers to the PSDB, so far without any effect. 8. At the national level, Nunes said.\n",
     [7, 8]),  # 06SAOPAULO400: unmarked paragraph run onto a marked one
    ("¶1. (U) Contact Larissa Stoner for complete article) 2. Argentina: Backlash Greets Wetland plan.\n", [1, 2]),  # 07BRASILIA2069
    ("¶1. (U) Diab met donors. We will see. 2.The Arab Global Forum met in Cairo.\n", [1, 2]),  # 09CAIRO2058
])
def test_unmarked_paragraphs_run_on_after_a_sentence(body, numbers):
    assert [p.number for p in paragraphs(body)] == numbers


def test_the_due_number_glued_to_a_word_under_the_previous_paragraph():
    body = "1.Key Points: --Egypt's International Economic Forum met.\n2.The Arab Global Forum will take place.\n"  # 09CAIRO2058
    assert [p.number for p in paragraphs(body)] == [1, 2]
