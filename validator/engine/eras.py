"""The era table (`rules/data/eras.yaml`): which executive order governs a cable.

Two kinds of rows: `orders` (each executive order as cited on the E.O. line: signed,
in force from, in force to) and `eras` (date ranges of the marking regime: reason
section and letters, allowed declassification values, maximum duration). `periods`
name other dated facts (LOU retired, X1-X8 valid, SIPDIS guidance). Rules name eras
and periods by id; the engine looks up the era of a cable by its date.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from validator.datacache import load_cached
from validator.engine.errors import RuleError
from validator.engine.yamlfile import line_of, load_yaml

_FAR_PAST = _dt.date(1900, 1, 1)
_FAR_FUTURE = _dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Order:
    number: int
    name: str
    signed: _dt.date
    effective: _dt.date
    end: Optional[_dt.date]  # last day in force for new markings; None: still in force
    amends: Optional[int] = None
    source: str = ""

    def in_force(self, date: _dt.date) -> bool:
        return self.effective <= date <= (self.end or _FAR_FUTURE)


@dataclass(frozen=True)
class Era:
    id: str
    order: int
    start: _dt.date
    end: _dt.date
    name: str = ""
    reason_section: Optional[str] = None
    reason_letters: str = ""
    declassification: tuple[str, ...] = ()
    max_years: Optional[int] = None
    facts: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    def contains(self, date: _dt.date) -> bool:
        return self.start <= date <= self.end


@dataclass(frozen=True)
class Period:
    id: str
    start: _dt.date
    end: _dt.date
    description: str = ""
    source: str = ""

    def contains(self, date: _dt.date) -> bool:
        return self.start <= date <= self.end


def parse_date(text: Any) -> _dt.date:
    if isinstance(text, _dt.date):
        return text
    return _dt.date.fromisoformat(str(text))


class EraTable:
    def __init__(self, orders: list[Order], eras: list[Era], periods: list[Period], path: str = "") -> None:
        self.path = path
        self.orders = {order.number: order for order in orders}
        self.eras = sorted(eras, key=lambda era: era.start)
        self.by_id: dict[str, Era] = {era.id: era for era in eras}
        self.periods: dict[str, Period] = {period.id: period for period in periods}
        self._spans: Optional[tuple] = None  # see _span_table

    # ------------------------------------------------------------- lookups

    def era_for(self, date: Optional[_dt.date]) -> Optional[Era]:
        """The first era (by start) whose range holds `date`, found like `names_containing`."""
        if date is None:
            return None
        if self._spans is None:
            self._spans = self._span_table()
        starts, _, era_by_span = self._spans
        return era_by_span[bisect.bisect_right(starts, date)]

    def era_and_names(self, date: _dt.date) -> tuple[Optional[Era], frozenset[str]]:
        """`era_for(date)` and `names_containing(date)` with one bisection."""
        if self._spans is None:
            self._spans = self._span_table()
        starts, names_by_span, era_by_span = self._spans
        span = bisect.bisect_right(starts, date)
        return era_by_span[span], names_by_span[span]

    def order(self, number: Optional[int]) -> Optional[Order]:
        return self.orders.get(number) if number is not None else None

    def order_numbers(self) -> list[int]:
        return sorted(self.orders)

    def range_of(self, name: str) -> tuple[_dt.date, _dt.date]:
        """The date range of an era or period id; KeyError if neither."""
        if name in self.by_id:
            era = self.by_id[name]
            return era.start, era.end
        period = self.periods[name]
        return period.start, period.end

    def names(self) -> list[str]:
        return [era.id for era in self.eras] + sorted(self.periods)

    def contains(self, names, date: Optional[_dt.date]) -> bool:
        if date is None:
            return False
        return not self.names_containing(date).isdisjoint(names)

    def names_containing(self, date: _dt.date) -> frozenset[str]:
        """Every era and period id whose range holds `date`.

        The ranges cut the calendar into spans on each of which the same ids hold; they
        are listed once (on first use), and a date finds its span by bisection."""
        if self._spans is None:
            self._spans = self._span_table()
        starts, names_by_span, _ = self._spans
        return names_by_span[bisect.bisect_right(starts, date)]

    def _span_table(self) -> tuple[list[_dt.date], list[frozenset[str]], list[Optional[Era]]]:
        ranges = {name: self.range_of(name) for name in self.names()}
        edges = set()
        for start, end in ranges.values():
            edges.add(start)
            if end < _dt.date.max:
                edges.add(end + _dt.timedelta(days=1))
        starts = sorted(edges)  # span i runs from starts[i - 1] to the day before starts[i]
        firsts = [_dt.date.min] + starts
        names_by_span = [frozenset(name for name, (start, end) in ranges.items() if start <= first <= end)
                         for first in firsts]
        era_by_span = [next((era for era in self.eras if era.contains(first)), None) for first in firsts]
        return starts, names_by_span, era_by_span

    # ------------------------------------------------------------- loading

    @classmethod
    def load(cls, path: Path) -> "EraTable":
        # the era table is read by every run: its JSON copy spares a one-file run the YAML
        data, lines = load_cached(path, lambda text: load_yaml(text, str(path)), "eras")
        try:
            return cls.from_data(data, str(path))
        except _TableError as error:
            raise RuleError(error.message, str(path), line_of(lines, error.where)) from None

    @classmethod
    def from_data(cls, data: dict, path: str = "") -> "EraTable":
        if not isinstance(data, dict):
            raise _TableError("the era table must be a mapping with orders, eras and periods", ())
        orders = [_order(row, ("orders", i)) for i, row in enumerate(data.get("orders") or [])]
        eras = [_era(row, ("eras", i)) for i, row in enumerate(data.get("eras") or [])]
        periods = [
            Period(
                id=str(key),
                start=_date(value, "from", ("periods", key), _FAR_PAST),
                end=_date(value, "to", ("periods", key), _FAR_FUTURE),
                description=str(value.get("description", "")),
                source=str(value.get("source", "")),
            )
            for key, value in (data.get("periods") or {}).items()
        ]
        table = cls(orders, eras, periods, path)
        _check_eras(table)
        return table


class _TableError(Exception):
    def __init__(self, message: str, where: tuple) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


def _date(row: dict, key: str, where: tuple, default=None) -> Optional[_dt.date]:
    value = row.get(key)
    if value is None:
        if default is None and key in ("signed", "effective", "from"):
            raise _TableError(f"'{key}' is required", where)
        return default
    try:
        return parse_date(value)
    except ValueError:
        raise _TableError(f"'{key}: {value}' is not a date (YYYY-MM-DD)", where + (key,)) from None


def _order(row: dict, where: tuple) -> Order:
    return Order(
        number=int(row["number"]),
        name=str(row.get("name", "")),
        signed=_date(row, "signed", where),
        effective=_date(row, "effective", where),
        end=_date(row, "to", where, None),
        amends=row.get("amends"),
        source=str(row.get("source", "")),
    )


_ERA_KEYS = {"id", "order", "name", "from", "to", "reason_section", "reason_letters",
             "declassification", "max_years", "source", "facts", "note"}


def _era(row: dict, where: tuple) -> Era:
    unknown = set(row) - _ERA_KEYS
    if unknown:
        raise _TableError(f"unknown key(s) {sorted(unknown)} in era row", where)
    return Era(
        id=str(row["id"]),
        order=int(row["order"]),
        start=_date(row, "from", where),
        end=_date(row, "to", where, _FAR_FUTURE),
        name=str(row.get("name", "")),
        reason_section=row.get("reason_section"),
        reason_letters=str(row.get("reason_letters") or ""),
        declassification=tuple(row.get("declassification") or ()),
        max_years=row.get("max_years"),
        facts=dict(row.get("facts") or {}),
        source=str(row.get("source", "")),
    )


def _check_eras(table: EraTable) -> None:
    previous = None
    for index, era in enumerate(table.eras):
        if era.order not in table.orders:
            raise _TableError(f"era '{era.id}' names order {era.order}, which has no row in orders", ("eras", index))
        if previous is not None and era.start <= previous.end:
            raise _TableError(f"era '{era.id}' overlaps era '{previous.id}'", ("eras", index))
        previous = era
