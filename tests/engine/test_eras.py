"""The era table: which order and era govern a date, periods, and table errors."""

from __future__ import annotations

import datetime as dt

import pytest

from validator.engine import RuleError
from validator.engine.eras import EraTable
from validator.resources import rules_dir

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def table() -> EraTable:
    return EraTable.load(rules_dir() / "data" / "eras.yaml")


@pytest.mark.parametrize("date, era", [
    ("1966-12-01", "10501"), ("1972-05-31", "10501"), ("1972-06-01", "11652"),
    ("1978-11-30", "11652"), ("1978-12-01", "12065"), ("1982-07-31", "12065"),
    ("1982-08-01", "12356"), ("1995-10-13", "12356"), ("1995-10-14", "12958"),
    ("2003-03-24", "12958"), ("2003-03-25", "12958am"), ("2010-06-26", "12958am"),
    ("2010-06-27", "13526"), ("2020-01-01", "13526"),
])
def test_era_of_a_date(table, date, era):
    assert table.era_for(D(date)).id == era


def test_13526_takes_effect_on_27_june_not_on_the_directive_date(table):
    order = table.order(13526)
    assert order.signed == D("2009-12-29") and order.effective == D("2010-06-27")
    assert table.periods["isoo-directive-2010"].start == D("2010-06-25")
    assert not order.in_force(D("2010-06-25"))


def test_orders_in_force(table):
    assert table.order_numbers() == [10501, 11652, 12065, 12356, 12958, 13292, 13526]
    assert table.order(12958).in_force(D("2007-02-27"))
    assert not table.order(12356).in_force(D("1996-01-01"))
    assert table.order(13292).amends == 12958
    assert table.order(12598) is None


def test_reason_sections_and_durations(table):
    assert (table.by_id["12958"].reason_section, table.by_id["12958"].reason_letters) == ("1.5", "abcdefg")
    assert (table.by_id["12958am"].reason_section, table.by_id["12958am"].reason_letters) == ("1.4", "abcdefgh")
    assert table.by_id["12958"].max_years == 10 and table.by_id["12958am"].max_years == 25
    assert "oadr" in table.by_id["12356"].declassification
    assert "oadr" not in table.by_id["12958"].declassification


def test_periods(table):
    assert table.contains(["x-codes-valid"], D("2003-09-21"))
    assert not table.contains(["x-codes-valid"], D("2003-09-22"))
    assert table.contains(["lou-valid"], D("1995-09-30")) and not table.contains(["lou-valid"], D("1995-10-01"))
    assert table.contains(["12958", "reason-1.4"], D("2008-01-01"))
    assert not table.contains(["12958", "reason-1.4"], D("2003-06-01"))
    assert not table.contains(["12958"], None)


def test_overlapping_eras_are_rejected(tmp_path):
    path = tmp_path / "eras.yaml"
    path.write_text(
        "orders:\n  - {number: 1, signed: 2000-01-01, effective: 2000-01-01}\n"
        "eras:\n  - {id: a, order: 1, from: 2000-01-01, to: 2001-01-01}\n"
        "  - {id: b, order: 1, from: 2000-06-01}\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        EraTable.load(path)
    assert "overlaps" in caught.value.message and caught.value.line == 5


def test_bad_date_in_the_table(tmp_path):
    path = tmp_path / "eras.yaml"
    path.write_text("orders:\n  - number: 1\n    signed: soon\n    effective: 2000-01-01\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        EraTable.load(path)
    assert "signed" in caught.value.message and caught.value.line == 3


def test_vocabulary_entries_must_be_text(tmp_path):
    from validator.engine.vocab import Vocabulary

    path = tmp_path / "countries.yaml"
    path.write_text("values:\n  NO: {}\n  MU: {}\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        Vocabulary("countries", path).contains("MU")
    assert "quote" in caught.value.message


def test_bundled_vocabularies_read_norway_as_a_code():
    from validator.engine.vocab import Vocabularies

    vocabularies = Vocabularies([rules_dir() / "data" / "vocab"])
    assert vocabularies.get("countries").contains("NO") and vocabularies.get("countries").contains("MU")
    assert vocabularies.get("tags-subject").contains("PINT", D("1975-01-01"))
    assert not vocabularies.get("tags-subject").contains("PINT", D("2007-01-01"))
    assert vocabularies.get("tags-program").contains("KZZZ")  # any K + 3 letters
    assert "AMEMBASSY MUSCAT" in vocabularies.get("routing-indicators").lookup("RUEHMS")
    assert vocabularies.get("stations").lookup("EFTOLONDON") == ("LONDON",)
