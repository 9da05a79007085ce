"""Banners: spaced, unspaced, lower-case, garbled, glued; sections and continuations."""

import pytest

from validator.model import Level
from validator.parse.banner import read_banner

from parse_support import line_text, parse_file, parse_snippet


@pytest.mark.parametrize("line, level, style, origin, number, section", [
    ("C O N F I D E N T I A L MUSCAT 000193", Level.CONFIDENTIAL, "spaced", "MUSCAT", "000193", None),
    ("C O N F I D E N T I A L SECTION 01 OF 02 BERN 000881", Level.CONFIDENTIAL, "spaced", "BERN", "000881", (1, 2)),
    ("S E C R E T SECTION 01 OF 04 ISLAMABAD 000416", Level.SECRET, "spaced", "ISLAMABAD", "000416", (1, 4)),
    ("UNCLAS CAIRO 000258", Level.UNCLASSIFIED, "unclas", "CAIRO", "000258", None),
    ("UNCLASSIFIED BUENOS AIRES 2481", Level.UNCLASSIFIED, "unclas", "BUENOS AIRES", "2481", None),
    ("SECRET SECTION 01 of 05 ROME 000097", Level.SECRET, "unspaced", "ROME", "000097", (1, 5)),  # 09ROME97
    ("S e c r e t berlin 001068", Level.SECRET, "lowercase", "berlin", "001068", None),  # 08BERLIN1068
    ("O N F I D E N T I A L BAGHDAD 000290", Level.CONFIDENTIAL, "garbled", "BAGHDAD", "000290", None),
    ("C C O N F I D E N T I A L SECTION 01 OF 02 MADRID 000779", Level.CONFIDENTIAL, "garbled", "MADRID", "000779", (1, 2)),
    ("SS E C R E T PARIS 001699", Level.SECRET, "garbled", "PARIS", "001699", None),  # 05PARIS1699
    ("CSE C R E T SECTION 01 OF 02 SHENYANG 000004", Level.SECRET, "garbled", "SHENYANG", "000004", (1, 2)),
    ("C O N F I D E N T I A LCAIRO 000079 SIPDIS", Level.CONFIDENTIAL, "spaced", "CAIRO", "000079", None),
])
def test_banner_forms(line, level, style, origin, number, section):
    banner = parse_snippet(line + "\n").banner
    assert banner.level is level
    assert banner.style == style
    assert banner.origin == origin
    assert banner.number.text == number
    assert (banner.section, banner.sections) == (section or (None, None))
    assert line_text(line, banner.number.span) == number


def test_unclas_efto_banner():
    banner = parse_snippet("UNCLAS E F T O LONDON 002883\n").banner
    assert banner.level is Level.UNCLASSIFIED and "EFTO" in banner.controls


def test_fouo_banner():
    banner = parse_snippet("UNCLASSIFIED//FOR OFFICIAL USE ONLY KABUL 003185\n").banner
    assert banner.level is Level.UNCLASSIFIED and "FOUO" in banner.controls


def test_banner_glued_to_the_last_address_line():
    # 92IZMIR819 / 88LIMA9331 style: no newline between the address and the banner
    cable = parse_snippet("FM AMEMBASSY LIMA\nTO SECSTATE WASHDC\nSECDEF WASHDCC O N F I D E N T I A L LIMA 09331\n\nE.O. 12356: DECL: OADR\n")
    assert cable.banner.level is Level.CONFIDENTIAL
    assert cable.banner.number.text == "09331"


def test_garbled_banner_is_noted():
    cable = parse_file("06MADRID779.txt")
    assert cable.banner.style == "garbled"
    assert "banner-garbled" in {note.code for note in cable.notes}


def test_elements_collapsed_onto_the_banner_line():
    cable = parse_file("10STATE284.txt")
    assert cable.banner.number.text == "000284"
    assert cable.eo is not None and cable.eo.decl_date is not None
    assert cable.tags is not None and "SIPDIS" in cable.caption_names()


def test_banner_after_a_cable_dated_prefix():
    cable = parse_file("06ANKARA331.txt")  # `Cable dated:2006-01-30T13:38:00S E C R E T SECTION 01 OF 05 ANKARA 000331 SIPDISE.O. ...`
    assert cable.banner.level is Level.SECRET
    assert cable.banner.number.text == "000331"
    assert cable.eo.order == 12958


def test_continuation_headers_and_repeated_banners():
    text = ("C O N F I D E N T I A L SECTION 01 OF 02 BERN 000881\n\nE.O. 12958: DECL: 05/01/2017\n\n"
            "1. (C) text\n\nC O N F I D E N T I A L SECTION 02 OF 02 BERN 000881\n\nBERN 00000881  002 OF 002\n\n2. (C) more\n")
    cable = parse_snippet(text)
    assert [b.repeated for b in cable.banners] == [False, True]
    assert cable.banners[1].section == 2
    assert [c.text for c in cable.continuations] == ["BERN 00000881  002 OF 002"]


def test_a_print_page_header_is_not_a_banner():
    cable = parse_snippet("CONFIDENTIAL PAGE 02 VATICA 03507 01 OF 04 031719Z\n")
    assert cable.banner is None or cable.banner.number is None


def test_banner_after_a_comma_in_a_database_row():
    text = ('RHEHNSC/WHITE HOUSE NSC WASHDC",S E C R E T ASUNCION 000396 SIPDIS SIPDIS "SOUTHCOM FOR POLAD '
            'E.O. 12958: DECL: 04/20/2027 "TAGS: PGOV PREL\n')  # 07ASUNCION396, a CSV row run together
    cable = parse_snippet(text)
    assert cable.banner.level is Level.SECRET and cable.banner.number.text == "000396"
    assert cable.eo.decl_date.year == 2027


@pytest.mark.parametrize("line, level", [
    ("C ONFIDENTIAL SECTION 01 of 03 BAKU 000744", Level.CONFIDENTIAL),  # 09BAKU744
    ("NCLAS SECTION 01 OF 02 BRASILIA 001017", Level.UNCLASSIFIED),  # 09BRASILIA1017
])
def test_level_word_with_a_stray_space_or_a_lost_letter(line, level):
    banner = read_banner(line, 1)
    assert banner.level == level and banner.style == "garbled"
    assert banner.number.text in ("000744", "001017")


def test_broken_level_word_without_a_number_is_not_a_banner():
    assert read_banner("NCLAS FOR THE RECORD", 1, require_number=False) is None


def test_banner_in_a_long_cables_csv_row_line():
    row = ('205622,5/5/2009 21:19,09BUENOSAIRES526,Embassy Buenos Aires,CONFIDENTIAL,,"VZCZCXYZ0000PP RUEHWEBDE '
           'RUEHBU #0526/01 1252119ZNY CCCCC ZZHP 052119Z MAY 09FM AMEMBASSY BUENOS AIRESTO RUEHC/SECSTATE WASHD'
           'C PRIORITY 3660}INFO RUCNMER/MERCOSUR COLLECTIVE PRIORITY}RHEHAAA/NATIONAL SECURITY COUNCIL WASHINGTON '
           'DC PRIORITYRUEAIIA/CIA WASHINGTON DC PRIORITY","C O N F I D E N T I A L BUENOS AIRES 000526 SIPDI')
    cable = parse_snippet(row + "S\n")  # 09BUENOSAIRES526: the line is over 400 characters
    assert cable.banner.level == Level.CONFIDENTIAL and cable.banner.number.text == "000526"
