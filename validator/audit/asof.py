"""Declassification status as of a date: the review queue of `cable-lint audit`.

Each cable's instruction is read under its era (the executive order on its E.O.
line, else the one in force on the cable's date):

- E.O. 11652 `GDS`: the General Declassification Schedule, counted in full calendar
  years after the year of origin: TOP SECRET at the end of the 10th, SECRET the 8th,
  CONFIDENTIAL the 6th (§5(A)); `XGDS-n` is exempt (§5(B)), with the 30-year
  automatic declassification of §5(E)(1) noted in the detail.
- E.O. 12065 `GDS <date>`, `RDS-n <date>`, `XDS-n <date>`: the date written.
- E.O. 12356 `OADR`: indeterminate (originating agency's determination required).
- E.O. 12958 `DECL: <date>`: the date; `X1`..`X8` exempt; `MR` indeterminate.
- E.O. 13526 `25X`, `50X1-HUM`, `50X2-WMD`, `75X`: exempt.
- an event, an empty or unreadable value, no E.O. line on a classified cable:
  indeterminate; an unclassified cable: unclassified.

Statuses are the strings in `STATUSES`. The function works from the small `facts`
dict a check produces (`validator.lint.facts_of`), so cached results can be
re-evaluated for any `--as-of` date without parsing again.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any, Optional

from validator.model import Level

DATE_PASSED = "date-passed"
NOT_YET = "not-yet"
EXEMPT = "exempt"
INDETERMINATE = "indeterminate"
UNCLASSIFIED = "unclassified"
STATUSES = (DATE_PASSED, NOT_YET, EXEMPT, INDETERMINATE, UNCLASSIFIED)

# (order, first day in force for new markings), from marking-rules.md §1.0; used when
# rules/data/eras.yaml is not there or cannot be read.
_BUILTIN_ERAS = (
    (10501, _dt.date(1953, 12, 15)),
    (11652, _dt.date(1972, 6, 1)),
    (12065, _dt.date(1978, 12, 1)),
    (12356, _dt.date(1982, 8, 1)),
    (12958, _dt.date(1995, 10, 14)),
    (13526, _dt.date(2010, 6, 27)),
)
_KNOWN_ORDERS = {10501, 11652, 12065, 12356, 12958, 13292, 13526}
# E.O. 11652 §5(A): full calendar years after the year of origin, by level.
_GDS_YEARS = {3: 10, 2: 8, 1: 6}


def declassification_status(cable: Any, as_of: Optional[_dt.date] = None) -> tuple[str, str]:
    """(status, detail) of a parsed `Cable` as of `as_of` (default: today)."""
    from validator.lint import facts_of

    return status_from_facts(facts_of(cable), as_of)


def status_from_facts(facts: dict, as_of: Optional[_dt.date] = None) -> tuple[str, str]:
    as_of = as_of or _dt.date.today()
    level = facts.get("level")
    eo = facts.get("eo")
    cable_date = _date(facts.get("date"))
    if level == 0:
        return UNCLASSIFIED, "unclassified cable" + (f"; E.O. line: {eo['value']}" if eo and eo.get("value") else "")
    if eo is None:
        if facts.get("release_stamp"):
            return DATE_PASSED, "declassified: carries a release stamp"
        if level is None:
            return INDETERMINATE, "no classification and no E.O. line found"
        return INDETERMINATE, "missing: a classified cable without an E.O. line"
    order = era_of(eo.get("order"), cable_date)
    era = f"E.O. {order}" if order else "unknown era"
    kind = eo.get("value_kind") or "unreadable"
    value = (eo.get("value") or "").strip()
    decl_date = _date(eo.get("decl_date"))
    handler = _HANDLERS.get(kind, _unreadable)
    return handler(eo, value, decl_date, level, cable_date, as_of, era)


def _by_date(day: _dt.date, as_of: _dt.date, what: str) -> tuple[str, str]:
    if day <= as_of:
        return DATE_PASSED, f"{what} {day.isoformat()} has passed"
    return NOT_YET, f"{what} {day.isoformat()} is after {as_of.isoformat()}"


def _dated(eo, value, decl_date, level, cable_date, as_of, era):
    if (eo.get("kind") or "").upper() == "DNG":
        target = eo.get("downgrade_to") or "a lower level"
        if decl_date:
            return INDETERMINATE, f"{era}: downgrade to {target} on {decl_date.isoformat()}; no declassification date"
        return INDETERMINATE, f"{era}: downgrade instruction without a declassification date"
    if decl_date is None:
        return INDETERMINATE, f"{era}: unreadable date '{value}'"
    return _by_date(decl_date, as_of, f"{era}: declassification date")


def _not_applicable(eo, value, decl_date, level, cable_date, as_of, era):
    if level is None:
        return UNCLASSIFIED, f"{era}: N/A (no classification found)"
    return INDETERMINATE, f"{era}: N/A on a {_level_name(level)} cable"


def _gds(eo, value, decl_date, level, cable_date, as_of, era):
    if decl_date is not None:  # E.O. 12065 `GDS 8/12/85`
        return _by_date(decl_date, as_of, f"{era} GDS: declassification date")
    if cable_date is None:
        return INDETERMINATE, f"{era} GDS: the cable's date is unknown, so the schedule cannot be applied"
    years = _GDS_YEARS.get(level or 0)
    if years is None:
        return INDETERMINATE, f"{era} GDS: the classification level is unknown"
    day = _dt.date(cable_date.year + years, 12, 31)
    label = "NGDS read as GDS; " if eo.get("value_kind") == "ngds" else ""
    return _by_date(day, as_of, f"{label}E.O. 11652 GDS ({_level_name(level)}, end of year {years} after {cable_date.year}):")


def _xgds(eo, value, decl_date, level, cable_date, as_of, era):
    detail = f"{era} {value or 'XGDS'}: exempt from the General Declassification Schedule (§5(B))"
    if cable_date is not None:
        detail += f"; automatic declassification after 30 years, 31 Dec {cable_date.year + 30} (§5(E)(1))"
    return EXEMPT, detail


def _review_or_dated(eo, value, decl_date, level, cable_date, as_of, era):
    code = (eo.get("value_kind") or "").upper()
    if decl_date is None:
        return INDETERMINATE, f"{era} {code}: no date"
    return _by_date(decl_date, as_of, f"{era} {value.split()[0] if value else code}: date")


def _exempt(eo, value, decl_date, level, cable_date, as_of, era):
    codes = ", ".join(eo.get("exemptions") or ()) or value
    detail = f"{era}: exempt ({codes})"
    if decl_date is not None:
        detail += f", with date {decl_date.isoformat()}"
    return EXEMPT, detail


def _oadr(eo, value, decl_date, level, cable_date, as_of, era):
    return INDETERMINATE, f"{era}: OADR (originating agency's determination required)"


def _manual_review(eo, value, decl_date, level, cable_date, as_of, era):
    return INDETERMINATE, f"{era}: MR (manual review), never an authorized value"


def _event(eo, value, decl_date, level, cable_date, as_of, era):
    return INDETERMINATE, f"{era}: event: {value}"


def _stamp(eo, value, decl_date, level, cable_date, as_of, era):
    return DATE_PASSED, f"declassified: release stamp '{value}'"


def _unreadable(eo, value, decl_date, level, cable_date, as_of, era):
    if not value:
        return INDETERMINATE, f"missing: {era} line without a declassification instruction"
    return INDETERMINATE, f"{era}: unreadable instruction '{value}'"


_HANDLERS = {
    "date": _dated,
    "na": _not_applicable,
    "gds": _gds,
    "ngds": _gds,
    "ads": _review_or_dated,
    "xgds": _xgds,
    "rds": _review_or_dated,
    "xds": _review_or_dated,
    "x-codes": _exempt,
    "25x": _exempt,
    "50x": _exempt,
    "75x": _exempt,
    "oadr": _oadr,
    "mr": _manual_review,
    "event": _event,
    "stamp": _stamp,
    "empty": _unreadable,
    "unreadable": _unreadable,
}


def _date(text: Optional[str]) -> Optional[_dt.date]:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def era_of(order: Optional[int], cable_date: Optional[_dt.date]) -> Optional[int]:
    """The order an instruction is read under: the one cited, else the one in force."""
    if order in _KNOWN_ORDERS:
        return 12958 if order == 13292 else order
    if cable_date is None:
        return None
    current = None
    for era_order, start in eras():
        if cable_date >= start:
            current = era_order
    return current


@lru_cache(maxsize=1)
def eras() -> tuple[tuple[int, _dt.date], ...]:
    """(order, start) pairs, from rules/data/eras.yaml when it can be read."""
    try:
        loaded = _eras_from_yaml()
    except Exception:  # a missing or different-shaped table: use the built-in one
        loaded = None
    return loaded or _BUILTIN_ERAS


def _eras_from_yaml() -> Optional[tuple[tuple[int, _dt.date], ...]]:
    import re

    import yaml

    from validator.resources import rules_dir

    path = rules_dir() / "data" / "eras.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("eras", data)
    entries = data.values() if isinstance(data, dict) else data
    pairs = []
    for entry in entries or ():
        if not isinstance(entry, dict):
            continue
        order = entry.get("order") or entry.get("eo") or entry.get("number")
        start = entry.get("start") or entry.get("from") or entry.get("effective") or entry.get("in_force")
        if isinstance(order, str):
            digits = re.search(r"\d{5}", order)
            order = int(digits.group()) if digits else None
        if isinstance(start, str):
            start = _date(start)
        if isinstance(order, int) and isinstance(start, _dt.date):
            pairs.append((order, start))
    return tuple(sorted(pairs, key=lambda pair: pair[1])) or None


def _level_name(level: Optional[int]) -> str:
    return Level(level).label if level in {member.value for member in Level} else "classified"
