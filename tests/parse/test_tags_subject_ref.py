"""TAGS, SUBJECT and REF."""

import pytest

from validator.model import Level

from parse_support import parse_file, parse_snippet


def block(lines: str):
    return parse_snippet("C O N F I D E N T I A L ROME 000001\n\n" + lines + "\n\n1. (C) Text.\n")


@pytest.mark.parametrize("line, label, tags", [
    ("TAGS: PREL PGOV KDEM EG", "TAGS", ["PREL", "PGOV", "KDEM", "EG"]),
    ("TAGS PGOV, PREL, IT", "TAGS", ["PGOV", "PREL", "IT"]),  # press form without colon
    ("Tags: prel, pgov, pins, tu", "Tags", ["PREL", "PGOV", "PINS", "TU"]),  # 04ANKARA348
    ("TAG PARM, PREL, NATO, IS, XF, GM", "TAG", ["PARM", "PREL", "NATO", "IS", "XF", "GM"]),  # 10BERLIN193
    ("TGS: PREL TU", "TGS", ["PREL", "TU"]),  # 06ANKARA331
    ("TAGS; PREL TU", "TAGS", ["PREL", "TU"]),  # 92IZMIR819
    ("AGS: PREL, OVIP, AR", "AGS", ["PREL", "OVIP", "AR"]),  # 08BUENOSAIRES879
])
def test_tag_labels_and_separators(line, label, tags):
    cable = block(line)
    assert cable.tags.label == label
    assert [t.text for t in cable.tags.tags] == tags


def test_tag_kinds():
    kinds = {t.text: t.kind for t in block("TAGS: PREL KCRM MU OVIP (STEINBERG, JAMES B.)").tags.tags}
    assert kinds["PREL"] == "subject"
    assert kinds["KCRM"] == "program"
    assert kinds["MU"] == "country"
    assert kinds["OVIP (STEINBERG, JAMES B.)"] == "person"


def test_tags_continue_on_the_next_line():
    cable = block("TAGS: PREL PGOV KDEM EG IZ IR SY LE\nKPAL IS")  # 09STATE11937 style
    assert [t.text for t in cable.tags.tags][-2:] == ["KPAL", "IS"]
    assert cable.tags.span.end_line == cable.tags.span.line + 1


def test_merged_tag_is_one_unknown_token():
    tags = block("TAGS: PHUMPREL EG").tags.tags  # 07NAIROBI4427
    assert tags[0].text == "PHUMPREL" and tags[0].kind == "unknown"


def test_subject_with_portion_mark_and_wrapping():
    cable = block("SUBJECT: (C) MOROCCO'S MILITARY: ADEQUATE, MODERNIZING, BUT\nFACING BIG CHALLENGES")
    assert cable.subject.marking.level is Level.CONFIDENTIAL
    assert cable.subject.text == "MOROCCO'S MILITARY: ADEQUATE, MODERNIZING, BUT FACING BIG CHALLENGES"
    assert cable.subject.span.end_line == cable.subject.span.line + 1


@pytest.mark.parametrize("label", ["SUBJECT:", "Subject:", "SUBJ:", "UBJECT:"])
def test_subject_labels(label):
    assert block(f"{label} A TITLE").subject.text == "A TITLE"


def test_references_lettered():
    cable = block("REF: A. 06 MUSCAT 1119\n\nB. 06 MUSCAT 1575")
    assert [(r.letter, r.text) for r in cable.references] == [("A", "06 MUSCAT 1119"), ("B", "06 MUSCAT 1575")]


@pytest.mark.parametrize("refs", ["REF: A) STATE 1 B) STATE 2", "REFS: (A) STATE 1\n(B) STATE 2"])
def test_reference_enumerators(refs):
    letters = [r.letter for r in block(refs).references]
    assert letters[0] == "A"


def test_single_reference():
    assert [(r.letter, r.text) for r in block("REF: PARIS 479").references] == [(None, "PARIS 479")]


def test_captions():
    cable = block("SIPDIS\n\nSIPDIS\n\nNOFORN\n\nSENSITIVE BUT UNCLASSIFIED\n\nDEPT FOR NEA/ELA")
    names = [c.name for c in cable.captions]
    assert names == ["SIPDIS", "SIPDIS", "NOFORN", "SENSITIVE", "ATTENTION"]


def test_caption_words_on_one_line():
    cable = block("NOFORN SIPDIS")
    assert [c.name for c in cable.captions] == ["NOFORN", "SIPDIS"]


def test_rel_to_caption():
    caption = block("REL TO USA, AUS, CAN, GBR").captions[0]
    assert caption.name == "REL" and caption.value == "USA, AUS, CAN, GBR"


def test_lower_case_captions():
    cable = parse_file("09BAKU20.txt")  # `Noforn` / `sipdis` in a lower-cased press version
    assert {"NOFORN", "SIPDIS"} <= cable.caption_names()


@pytest.mark.parametrize("line", [
    "NOFORN SIPDIS DEPT FOR NEA/MAG",  # 09TRIPOLI759
    "SIPDIS NOFORN SIPDIS STATE FOR NEA",  # 07LONDON4328
    "SECRET//NOFORN",  # 09STATE119085
    "SECRET NOFORN",  # 06CARACAS219
])
def test_noforn_caption_glued_or_on_a_classification_line(line):
    assert "NOFORN" in block(line).caption_names()


def test_noforn_on_the_banner_line():
    cable = parse_snippet("S E C R E T ATHENS 000057 NOFORN SIPDIS AMEMBASSY ATHENS FOR X\n")  # 10ATHENS57
    assert {"NOFORN", "SIPDIS"} <= cable.caption_names()


def test_tags_run_onto_the_eo_line():
    cable = block("E.O. 12958: N/A AGS: PREL, OVIP, EINV, PINR, AR")  # 08BUENOSAIRES879
    assert cable.eo.value_kind == "na"
    assert [t.text for t in cable.tags.tags][:2] == ["PREL", "OVIP"]


@pytest.mark.parametrize("line, person", [
    ("TAGS: OVIP RICE CONDOLEEZZA PREL PHSA SP KV CU", "OVIP (RICE, CONDOLEEZZA)"),  # 08STATE100219
    ("TAGS: ECON PINR PREL XK OVIP BIDEN JOSEPH PGOV", "OVIP (BIDEN, JOSEPH)"),  # 09SANJOSE297
])
def test_person_tag_without_parentheses(line, person):
    tags = block(line).tags.tags
    people = [t for t in tags if t.kind == "person"]
    assert [t.text for t in people] == [person]
    assert "PREL" in [t.text for t in tags]  # the tags after the name are kept


def test_single_word_after_ovip_is_not_a_person():
    tags = block("TAGS: OVIP WWARD PREL PGOV MARR MASS KPKO LY").tags.tags  # 09TRIPOLI201
    assert [t.text for t in tags][:2] == ["OVIP", "WWARD"]
    assert tags[1].kind == "unknown"


def test_subject_run_onto_a_lower_cased_tags_line():
    cable = block("E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. "
                  "Erdogan goes to washington")  # 04ANKARA348
    assert [t.text for t in cable.tags.tags] == ["PREL", "PGOV", "PINS", "TU"]
    assert cable.subject.text.startswith("turkish p.m. Erdogan")


def test_corrected_copy_note_naming_tags_is_not_the_tags_line():
    cable = block("C O R R E C T E D COPY -- ADDED E.O., TAGS, AND CLASS BY\n\n"
                  "E.O. 12958: DECL: 08/11/2018\nTAGS: PGOV PREL PHUM RU GG")  # 08TBILISI1349
    assert [t.text for t in cable.tags.tags] == ["PGOV", "PREL", "PHUM", "RU", "GG"]


@pytest.mark.parametrize("line", [
    "BRASILIA FOR RSO AND LEGAT; RIO DE JANEIRO FOR RSO SOUTHCOM ALSO FOR POLAD SENSITIVE SIPDIS",  # 06SAOPAULO573
    "DEPT OF TREASURY FOR FPARODI DOL FOR ILAB MMITTELHAUSER SENSITIVE SIPDIS",  # 06SAOPAULO357
    "DEA SENSITIVE",  # 10MOSCOW293
])
def test_sensitive_caption_closing_an_attention_line(line):
    assert "SENSITIVE" in block(line).caption_names()


def test_one_caption_word_ending_an_attention_line_is_not_a_caption():
    assert "SENSITIVE" not in block("DEPT FOR EEB ON THE MOST SENSITIVE").caption_names()


def test_sensitive_on_the_banner_line():
    cable = parse_snippet("UNCLAS SECTION 01 OF 03 BUENOS AIRES 000548 USDA FOR FAS/OA/OCRA/ONA/OGA/OFSO "
                          "SIPDIS SENSITIVE E.O. 12958:  N/A\nTAGS: EAGR SNAR ECON AR\n")  # 09BUENOSAIRES548
    assert {"SENSITIVE", "SIPDIS"} <= cable.caption_names()


def test_regional_codes_are_geographic():
    kinds = {t.text: t.kind for t in block("TAGS: ECON ETRD XK XL XM XR XS CS").tags.tags}  # 08SANJOSE631
    assert kinds["XS"] == kinds["XK"] == kinds["CS"] == "country"
    assert kinds["ECON"] == "subject"
