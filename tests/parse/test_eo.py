"""The E.O. line: order, instruction and value in every form seen 1966-2010."""

import datetime as dt

import pytest

from validator.model import Level

from parse_support import line_text, parse_file, parse_snippet


def eo_of(line: str):
    return parse_snippet(f"C O N F I D E N T I A L ROME 000001\n\n{line}\nTAGS: PREL IT\n").eo


@pytest.mark.parametrize("line, order, kind, value_kind, decl, fmt", [
    ("E.O. 12958: DECL: 02/26/2017", 12958, "DECL", "date", dt.date(2017, 2, 26), "MM/DD/YYYY"),
    ("EO 12958 DECL: 11/29/10", 12958, "DECL", "date", dt.date(2010, 11, 29), "MM/DD/YY"),  # 00HARARE6677
    ("E.O. 12958:  DECL: 7/14/06", 12958, "DECL", "date", dt.date(2006, 7, 14), "M/DD/YY"),  # 96ISLAMABAD5972
    ("E.O. 12958: DECL: 2035/02/12", 12958, "DECL", "date", dt.date(2035, 2, 12), "YYYY/MM/DD"),  # 10BOGOTA243
    ("E.O. 12958: DECL: 2019-02-12", 12958, "DECL", "date", dt.date(2019, 2, 12), "YYYY-MM-DD"),  # 09DJIBOUTI113
    ("E.O. 12958: DECL: 08 OCTOBER 2019", 12958, "DECL", "date", dt.date(2019, 10, 8), "D MONTH YYYY"),
    ("E.0. 12958: DECL: 01/07/2014", 12958, "DECL", "date", dt.date(2014, 1, 7), "MM/DD/YYYY"),  # digit zero
    ("E.O.12958: DECL:01/07/2014", 12958, "DECL", "date", dt.date(2014, 1, 7), "MM/DD/YYYY"),
    ("E.O. 12958: DECL ON: 01/07/2014", 12958, "DECL", "date", dt.date(2014, 1, 7), "MM/DD/YYYY"),
    ("E.O. 12958: N/A", 12958, None, "na", None, None),
    ("EO 12958 N/A", 12958, None, "na", None, None),
    ("E.O. 12958: DECL: N/A", 12958, "DECL", "na", None, None),  # 08MADRID843
    ("E.O. 12356:  NA", 12356, None, "na", None, None),  # 85BEIRUT1013
    ("E.O. 12356: DECL: OADR", 12356, "DECL", "oadr", None, None),
    ("E.O. 12356:DECL:OADR", 12356, "DECL", "oadr", None, None),
    ("E.O. 12958: DECL: X1, X5", 12958, "DECL", "x-codes", None, None),  # 02ROME3067
    ("E.O. 12958: DECL: (X1)", 12958, "DECL", "x-codes", None, None),  # 06NAIROBI1114
    ("E.O. 12958: DECL: 25X1-HUMAN", 12958, "DECL", "25x", None, None),  # 10BOGOTA93
    ("E.O. 12958: DECL: 25X1- HUMAN", 12958, "DECL", "25x", None, None),
    ("E.O. 13526: DECL: 50X1-HUM", 13526, "DECL", "50x", None, None),
    ("E.O. 12958: DECL: MR", 12958, "DECL", "mr", None, None),  # 08STATE116943
    ("E.O. 11652: GDS", 11652, None, "gds", None, None),  # 75TEHRAN2069
    ("E.O. 11652: XGDS-1", 11652, None, "xgds", None, None),
    ("E.O. 11652: NGDS", 11652, None, "ngds", None, None),  # 7575LIBREVILLE1895
    ("E.O. 12958: DECL: TWENTY YEARS", 12958, "DECL", "event", None, None),  # 09QUITO103
    ("E.O. 12958: DECL: 1.6 FIVE YEARS AFTER CLOSURE OF ICTY", 12958, "DECL", "event", None, None),
    ("E.O. 12598: DECL: 11/14/2025", 12598, "DECL", "date", dt.date(2025, 11, 14), "MM/DD/YYYY"),  # typo
    ("E.O. 12958:", 12958, None, "empty", None, None),
])
def test_eo_value_forms(line, order, kind, value_kind, decl, fmt):
    eo = eo_of(line)
    assert (eo.order, eo.kind, eo.value_kind, eo.decl_date) == (order, kind, value_kind, decl)
    if fmt:
        assert eo.date_format == fmt


def test_exemption_codes_are_listed():
    assert eo_of("E.O. 12958: DECL: X1, X5").exemptions == ("X1", "X5")
    assert eo_of("E.O. 12958: DECL: 25X1-HUMAN").exemptions == ("25X1-HUMAN",)


def test_1978_form_with_date_and_classifier():
    eo = eo_of("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P")  # 79TEHRAN8980
    assert (eo.order, eo.value_kind, eo.decl_date, eo.classifier) == (12065, "gds", dt.date(1985, 8, 12), "TOMSETH, VICTOR L.")
    rds = eo_of("E.O. 12065: RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M")
    assert (rds.value_kind, rds.exemptions, rds.decl_date) == ("rds", ("RDS-4",), dt.date(1999, 6, 5))


def test_downgrade_instruction():
    eo = eo_of("E.O. 12958: DNG: CO 12/31/2010")
    assert (eo.kind, eo.downgrade_to, eo.decl_date) == ("DNG", Level.CONFIDENTIAL, dt.date(2010, 12, 31))


def test_impossible_date_is_a_parse_note():
    cable = parse_snippet("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 02/30/2017\n")
    assert cable.eo.value_kind == "date" and cable.eo.decl_date is None
    assert "decl-date-impossible" in {note.code for note in cable.notes}


def test_unreadable_value_is_a_parse_note():
    cable = parse_snippet("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: (##)\n")
    assert cable.eo.value_kind == "unreadable"
    note = next(n for n in cable.notes if n.code == "decl-value-unreadable")
    assert note.span.line == 3


def test_repeated_decl_word():
    cable = parse_snippet("C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: DECL: 06/09/2016\n")  # 06PARAMARIBO343
    assert cable.eo.decl_date == dt.date(2016, 6, 9)
    assert "eo-instruction-repeated" in {note.code for note in cable.notes}


def test_tags_glued_to_the_date():
    cable = parse_snippet("C O N F I D E N T I A L MANAMA 000680\n\nE.O. 12958: DECL: 12/02/2019TAGS: PREL BA\n")  # 09MANAMA680
    assert cable.eo.decl_date == dt.date(2019, 12, 2)
    assert [t.text for t in cable.tags.tags] == ["PREL", "BA"]


def test_spans_of_order_and_value():
    text = "C O N F I D E N T I A L ROME 000001\n\nE.O. 12958: DECL: 02/26/2017\n"
    eo = parse_snippet(text).eo
    assert line_text(text, eo.order_span) == "12958"
    assert line_text(text, eo.value_span) == "02/26/2017"


def test_nara_declassification_stamp_is_a_release_artifact():
    cable = parse_file("66BUENOSAIRES2481.txt")
    assert cable.eo.value_kind == "stamp"
    assert cable.release_stamps and cable.release_stamps[0].span.line == cable.eo.span.line


def test_lower_case_line():
    cable = parse_file("09BAKU20.txt")  # `E.o. 12958: decl: 01/13/2029`
    assert cable.eo.decl_date == dt.date(2029, 1, 13)


def test_amended_release_stamp():
    eo = eo_of("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006")  # 72TEHRAN1381
    assert eo.value_kind == "stamp" and eo.decl_date is None


def test_eo_label_after_a_digit_in_a_one_line_page():
    cable = parse_snippet("Cable dated:2008-10-27T08:20:00C O N F I D E N T I A L TOKYO 002993SIPDISDEPT FOR EAP/J DOE FOR NA-20E.O. 12958: DECL: 10/24/2018TAGS: PARM ENRG\n")
    assert cable.eo.decl_date == dt.date(2018, 10, 24)  # 08TOKYO2993
    assert cable.partial and cable.date == dt.date(2008, 10, 27)


def test_a_cut_preview_eo_line_gives_way_to_the_full_line():
    text = ("C O N F I D E N T I A L THE HAGUE 000615\n\nSIPDIS\n\nE.O. 129...\n\n\n"
            "C O N F I D E N T I A L THE HAGUE 000615\n\nE.O. 12958: DECL: 10/13/2019\nTAGS: IS KPAL PREL\n")
    cable = parse_snippet(text)  # 09THEHAGUE615: the publisher's preview, then the full text
    assert (cable.eo.order, cable.eo.decl_date) == (12958, dt.date(2019, 10, 13))
    assert cable.eo.span.line == 10


@pytest.mark.parametrize("line, decl", [
    ("E.O. 12958: DECLASSIFY 11/29/2027", dt.date(2027, 11, 29)),  # 07LISBON2960
    ("E.O. 12958: Declassify on 8/31/2034", dt.date(2034, 8, 31)),  # 09OUAGADOUGOU1159
    ("E.O. 12958: DECLl: 10/29/2018", dt.date(2018, 10, 29)),  # 08ISLAMABAD3418
])
def test_declassify_spelt_out_or_mistyped(line, decl):
    eo = eo_of(line)
    assert (eo.kind, eo.value_kind, eo.decl_date) == ("DECL", "date", decl)


def test_reason_citing_the_order_is_not_an_eo_line():
    text = ("C O N F I D E N T I A L PORT AU PRINCE 001381\n\nE.O. 12958: DECL: 09/29/2018\nTAGS: PGOV HA\n"
            "SUBJECT: TEXT\n\nClassified By: Ambassador Janet A. Sanderson. Reason: E.O. 12958 1.4 (b), (d)\n\n"
            "1. (C) Text.\n")  # 08PORTAUPRINCE1381
    cable = parse_snippet(text)
    assert [line.raw for line in cable.eo_lines] == ["E.O. 12958: DECL: 09/29/2018"]
    assert "decl-value-unreadable" not in {note.code for note in cable.notes}
    assert (cable.classified_by.reason_section, cable.classified_by.reasons) == ("1.4", ("b", "d"))


def test_eo_line_mid_line_in_a_one_line_header_with_lower_case():
    text = ("UNCLAS SECTION 01 OF 10 MOSCOW 002932 SENSITIVE SIPDIS HHS PLEASE PASS TO NIH and CDC DOI PLEASE "
            "PASS TO USFWS AND NPS AND USGS E.O. 12958: N/A TAGS: TSPL TNGD SENV\n")  # 09MOSCOW2932
    cable = parse_snippet(text)
    assert cable.eo.value_kind == "na"
    assert [tag.text for tag in cable.tags.tags] == ["TSPL", "TNGD", "SENV"]


def test_a_cut_preview_value_is_not_noted_as_unreadable():
    text = ("S E C R E T SECTION 01 OF 04 KABUL 002004\n\nE.O. 12958: DE...\n\n\n"
            "S E C R E T SECTION 01 OF 04 KABUL 002004\n\nE.O. 12958: DECL: 06/21/2017\nTAGS: MOPS AF\n")
    cable = parse_snippet(text)  # 07KABUL2004
    assert cable.eo.decl_date == dt.date(2017, 6, 21)
    assert "decl-value-unreadable" not in {note.code for note in cable.notes}


def test_a_redacted_value_is_neither_an_event_nor_unreadable():
    cable = parse_snippet("C O N F I D E N T I A L BEIJING 001336\n\nEO 12958 XXXXXXXXXXXXX\nTAGS ETRD, CH\n")  # 09BEIJING1336
    assert cable.eo.value_kind == "redacted"
    assert not cable.notes or "decl-value-unreadable" not in {note.code for note in cable.notes}
