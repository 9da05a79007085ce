"""Transmission headers: ACP-127 format lines, ACP-126, partial extracts, other wrappers."""

import datetime as dt

import pytest

from validator.model import Level

from parse_support import cable_text, line_text, parse_file, parse_snippet

SEED_HEADER = """VZCZCXRO4218
RR RUEHDE RUEHDIR
DE RUEHMS #0193 0580748
ZNY CCCCC ZZH
R 270748Z FEB 07 ZDK
FM AMEMBASSY MUSCAT
TO RUEHC/SECSTATE WASHDC 7857
INFO RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE
RUEHGV/USMISSION GENEVA 0135

C O N F I D E N T I A L MUSCAT 000193
"""


def test_acp127_format_lines():
    cable = parse_snippet(SEED_HEADER)
    header = cable.header
    assert header.form == "ACP-127"
    assert header.transmission_id.text == "VZCZCXRO4218"
    assert header.prosign.text == "RR"
    assert [f.text for f in header.routing] == ["RUEHDE", "RUEHDIR"]
    assert header.de.routing_indicator.text == "RUEHMS"
    assert header.de.serial.text == "0193"
    assert (header.de.julian_day, header.de.time) == (58, "0748")
    assert header.security.letters == "CCCCC" and header.security.level is Level.CONFIDENTIAL
    assert header.security.signals == ("ZZH",)
    assert header.dtg.precedences == ("R",)
    assert header.dtg.date == dt.date(2007, 2, 27)
    assert header.dtg.signals == ("ZDK",)
    assert header.fm.text == "AMEMBASSY MUSCAT"


def test_addressees_with_routing_indicator_and_serial():
    header = parse_snippet(SEED_HEADER).header
    first, second, third = header.addressees
    assert (first.role, first.routing_indicator.text, first.address, first.serial.text) == (
        "TO", "RUEHC", "SECSTATE WASHDC", "7857")
    assert (second.role, second.address, second.serial) == ("INFO", "GULF COOPERATION COUNCIL COLLECTIVE", None)
    assert third.routing_indicator.text == "RUEHGV" and third.serial.text == "0135"


def test_spans_point_at_the_text():
    cable = parse_snippet(SEED_HEADER)
    assert line_text(SEED_HEADER, cable.header.security.letters_span) == "CCCCC"
    assert line_text(SEED_HEADER, cable.header.de.serial.span) == "0193"
    assert line_text(SEED_HEADER, cable.header.dtg.precedence_span) == "R"


def test_de_part_number_and_dual_precedence():
    # 09CAIRO2395
    text = "VZCZCXRO8133\nPP RUEHROV\nDE RUEHEG #2395/01 3641452\nZNY CCCCC ZZH\nO P 301452Z DEC 09\nFM AMEMBASSY CAIRO\n"
    header = parse_snippet(text).header
    assert header.de.part.text == "01"
    assert header.dtg.precedences == ("O", "P")


def test_precedence_words_including_misspelt_priority():
    text = "P 301452Z DEC 09\nFM AMEMBASSY CAIRO\nTO RUEHC/SECSTATE WASHDC PIORITY 4595\nRUEHBJ/AMEMBASSY BEIJING NIACT IMMEDIATE 0001\n"
    header = parse_snippet(text).header
    assert [a.precedence.text for a in header.addressees] == ["PRIORITY", "NIACT IMMEDIATE"]


@pytest.mark.parametrize("line, letters, level, efto", [
    ("ZNR UUUUU ZZH", "UUUUU", Level.UNCLASSIFIED, False),
    ("ZNY EEEEE", "EEEEE", Level.UNCLASSIFIED, True),
    ("ZNY SSSSS ZZH", "SSSSS", Level.SECRET, False),
    ("ZNY SSSAA", "SSSAA", Level.SECRET, False),  # TRC suffix, 06MADRID2908
    ("ZNY CCCC ZZH", "CCCC", Level.CONFIDENTIAL, False),  # truncated, 08ECTION01OF02MANAMA492
    ("ZNY TTTTT ZZH", "TTTTT", Level.TOP_SECRET, False),
])
def test_security_line_forms(line, letters, level, efto):
    header = parse_snippet(f"VZCZCXYZ0001\nRR RUEHWEB\nDE RUEHC #0001 0010000\n{line}\nR 010000Z JAN 08\n").header
    assert (header.security.letters, header.security.level, header.security.efto) == (letters, level, efto)


def test_impossible_dtg_is_kept_but_invalid():
    header = parse_snippet("VZCZCXYZ0001\nRR RUEHWEB\nDE RUEHC #0001 0010000\nZNR UUUUU ZZH\nR 311261Z FEB 08\n").header
    assert header.dtg is not None and header.dtg.valid is False and header.dtg.date is None


def test_acp126_header_starts_with_the_dtg():
    cable = parse_file("66BUENOSAIRES2481.txt")
    assert cable.header.form == "ACP-126"
    assert cable.header.dtg.precedences == ("P", "R")
    assert cable.date == dt.date(1966, 12, 28)
    assert cable.header.fm.text == "AMEMBASSY BUENOS AIRES"
    assert cable.header.addressees[0].precedence.text == "PRIORITY"


def test_partial_extract():
    cable = parse_file("04MADRID4827.txt")
    assert cable.header.form == "partial" and cable.partial
    assert cable.eo.decl_date == dt.date(2014, 12, 22)


def test_office_distribution_block_before_a_dtg_header():
    cable = parse_file("09ABUDHABI862.txt")
    assert cable.header.dtg.date == dt.date(2009, 8, 31)
    assert cable.header.fm.text == "AMEMBASSY ABU DHABI"
    assert cable.level is Level.SECRET


def test_header_of_other_form_is_noted():
    cable = parse_snippet("null\nDiana T Fritz  03/21/2007 05:47:09 PM  From  DB/Inbox\n\nC O N F I D E N T I A L ABU DHABI 02641\n")
    assert cable.header.form == "other"
    assert "header-nonstandard" in {note.code for note in cable.notes}


def test_precedence_before_a_serial_range():
    header = parse_snippet("O 011200Z MAR 09\nFM SECSTATE WASHDC\nTO RUEHAK/AMEMBASSY ANKARA IMMEDIATE 7721-7722\n").header
    addressee = header.addressees[0]  # 09STATE28302
    assert (addressee.precedence.text, addressee.serial.text) == ("IMMEDIATE", "7721-7722")
