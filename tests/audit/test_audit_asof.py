"""Declassification status as of a date, for every era's instruction kinds, on real
E.O. lines: from the test cables, and for E.O. 12065 and the X1-X8 codes (not in the
corpus) the lines quoted in marking-rules.md §1.3 and §1.5 from real cables."""

from __future__ import annotations

import datetime as dt

import pytest

from audit_support import DATA
from validator.audit.asof import (
    DATE_PASSED, EXEMPT, INDETERMINATE, NOT_YET, UNCLASSIFIED, declassification_status, era_of,
)
from validator.parse import parse_document
from validator.readers import read_path

TODAY = dt.date(2026, 1, 1)


def status(name, as_of=TODAY):
    (document,) = list(read_path(str(DATA / name)))
    return declassification_status(parse_document(document), as_of)


@pytest.mark.parametrize(
    "name, expected, detail",
    [
        # E.O. 11652 (1972-1978)
        ("73TEHRAN8233.txt", DATE_PASSED, "E.O. 11652 GDS (SECRET, end of year 8 after 1973): 1981-12-31"),
        ("7575LIBREVILLE1895.txt", DATE_PASSED, "NGDS read as GDS"),
        ("73TEHRAN7005.txt", UNCLASSIFIED, "N/A"),
        # E.O. 12356 (1982-1995)
        ("86MADRID5480.txt", INDETERMINATE, "E.O. 12356: OADR"),
        ("90CAPETOWN97.txt", INDETERMINATE, "OADR"),
        # E.O. 12958 (1995-2010)
        ("00HARARE5461.txt", DATE_PASSED, "declassification date 2010-09-21"),
        ("05MUSCAT679.txt", NOT_YET, "declassification date 2033-06-12"),
        ("06CARACAS219.txt", INDETERMINATE, "downgrade to CONFIDENTIAL"),
        ("08STATE116943.txt", INDETERMINATE, "MR (manual review)"),
        ("10BOGOTA93.txt", EXEMPT, "25X1-HUMAN"),
        ("09MOSCOW1108.txt", INDETERMINATE, "event: TEN YEARS AFTER KOREAN UNIFICATION"),
        ("09ROME1048.txt", INDETERMINATE, "missing: a classified cable without an E.O. line"),
        ("06KABUL3934.txt", UNCLASSIFIED, "unclassified"),
    ],
)
def test_status_of_real_cables(name, expected, detail):
    got, text = status(name)
    assert got == expected
    assert detail in text


def test_a_date_is_passed_on_the_day_and_not_before():
    assert status("05MUSCAT679.txt", dt.date(2033, 6, 11))[0] == NOT_YET
    assert status("05MUSCAT679.txt", dt.date(2033, 6, 12))[0] == DATE_PASSED


def test_11652_schedule_depends_on_level_and_as_of():
    # SECRET of 1973: end of the 8th full year after 1973.
    assert status("73TEHRAN8233.txt", dt.date(1981, 12, 30))[0] == NOT_YET
    assert status("73TEHRAN8233.txt", dt.date(1981, 12, 31))[0] == DATE_PASSED


def cable_with(eo_line, dtg="131200Z AUG 79", banner="C O N F I D E N T I A L TEHRAN 08980"):
    from validator.parse import parse

    text = (
        f"R {dtg}\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 1234\nBT\n{banner}\n\n"
        f"{eo_line}\nTAGS: PINT, IR\nSUBJECT: TEST\n\n1. (C) TEXT.\n"
    )
    return parse(text)


@pytest.mark.parametrize(
    "line, as_of, expected, detail",
    [
        # 79TEHRAN8980 and 1979 RIYADH 905 (marking-rules.md §1.3)
        ("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", TODAY, DATE_PASSED, "E.O. 12065 GDS"),
        ("E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", dt.date(1985, 8, 11), NOT_YET, "1985-08-12"),
        ("E.O. 12065: RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M", TODAY, DATE_PASSED, "RDS-4"),
        ("E.O. 12065: RDS-4 6/5/99 (GERLACH, FREDERICK H.) OR-M", dt.date(1990, 1, 1), NOT_YET, "1999-06-05"),
        # 06NAIROBI1114 (marking-rules.md §1.5): an X code in the DECL slot
        ("E.O. 12958: DECL: (X1)", TODAY, EXEMPT, "X1"),
        # XGDS, the 11652 exemption (1975 STATE 099768)
        ("E.O. 11652: XGDS-1", TODAY, EXEMPT, "XGDS-1"),
    ],
)
def test_status_of_documented_lines(line, as_of, expected, detail):
    got, text = declassification_status(cable_with(line), as_of)
    assert got == expected
    assert detail in text


def test_era_comes_from_the_order_else_the_date():
    assert era_of(12065, None) == 12065
    assert era_of(13292, None) == 12958
    assert era_of(12598, dt.date(2005, 3, 1)) == 12958  # a typo of the order: the date decides
    assert era_of(None, dt.date(1975, 1, 1)) == 11652
    assert era_of(None, dt.date(1980, 1, 1)) == 12065
    assert era_of(None, dt.date(1990, 1, 1)) == 12356
    assert era_of(None, None) is None
