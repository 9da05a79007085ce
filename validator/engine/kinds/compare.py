"""Ordered comparisons: `compare` (levels, numbers) and `date-relation` (dates with bounds)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Iterator, Optional

from validator.engine.conditions import OPERATORS
from validator.engine.kinds.base import Hit, Kind, ParamError
from validator.engine.operands import Operand
from validator.engine.paths import resolve_from, text_of
from validator.model import Cable, ExternalMetadata

_OP_WORDS = {"==": "equal to", "!=": "different from", ">=": "at least", "<=": "at most",
             ">": "above", "<": "below"}


class Compare(Kind):
    name = "compare"
    summary = ("`left` `op` `right` must hold for every left value (levels compare "
               "UNCLASSIFIED < CONFIDENTIAL < SECRET < TOP SECRET); with `each`, both sides are "
               "read in each item of that list")
    placeholders = frozenset({"left", "right", "op", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        op = params.get("op", "==")
        if op not in OPERATORS:
            raise ParamError(f"unknown operator '{op}' (use {', '.join(OPERATORS)})", ("op",))
        self.op_text, self.op = op, OPERATORS[op]
        self.report_right = params.get("report", "left") == "right"
        self.each = None
        if "each" in params:
            self.each = self.path(params["each"], ("each",))
            if not self.each.steps[-1].each:
                raise ParamError("'each' must end with [] (e.g. banners[])", ("each",))
            self.left = self.path(params["left"], ("left",), owner=self.each.leaf_type)
            self.right = self.path(params["right"], ("right",), owner=self.each.leaf_type)
        else:
            self.left = self.operand(params["left"], ("left",))
            self.right = self.operand(params["right"], ("right",))

    def quiet_source(self, code) -> str:
        """With `each` (`quiet_block` writes out the other form): of the list's present values."""
        return f"{code.constant(self._quiet_each(), 'compare')}({code.present(self.each.text)})"

    def quiet_block(self, code, loud: str) -> list[str]:
        """`_compare` to its first hit, written out in the screen (`_quiet_each`'s
        `holds`); with `each`, `quiet_source` tested."""
        if self.each is not None:
            return super().quiet_block(code, loud)
        return [
            f"q_lefts = {self.left.values_source(code)}",
            f"for q_right_value in {self.right.values_source(code)}:",
            "    if q_right_value is not None:",
            "        for q_left_value in q_lefts:",
            "            if q_left_value is None:",
            "                continue",
            "            try:",
            f"                q_fails = not {code.constant(self.op, 'op')}(q_left_value, q_right_value)",
            "            except TypeError:",
            "                continue",
            "            if q_fails:",
            f"                {loud}",
            "                break",
            "        break",
        ]

    def _quiet_each(self):
        """Whether `check` with `each` yields nothing (screen.py), as a function of that
        list's present values: its tests, with the parameters bound."""
        op, left, right = self.op, self.left, self.right

        def holds(lefts: list, rights: list) -> bool:  # `_compare` gives no hit
            for right_item in rights:
                if right_item[0] is not None:
                    break
            else:
                return True
            right_value = right_item[0]
            for left_item in lefts:
                left_value = left_item[0]
                if left_value is None:
                    continue
                try:
                    if not op(left_value, right_value):
                        return False
                except TypeError:
                    continue
            return True

        left_name, right_name = _plain_field(left), _plain_field(right)
        item_type = left.last_step[0] if left_name and right_name and left.last_step[0] is right.last_step[0] else None

        def quiet(owners: list) -> bool:  # the present values of `each` (spans are not needed)
            for owner in owners:
                if type(owner) is item_type:  # the two fields' values
                    lefts, rights = [(getattr(owner, left_name, None),)], [(getattr(owner, right_name, None),)]
                else:
                    lefts, rights = resolve_from(left, owner), resolve_from(right, owner)
                if not holds(lefts, rights):
                    return False
            return True
        return quiet

    def check(self, ctx) -> Iterator[Hit]:
        if self.each is None:
            return self._compare(self.left.read(ctx), self.right.read(ctx))
        return self._compare_in_each(ctx)

    def _compare_in_each(self, ctx) -> Iterator[Hit]:
        for owner, owner_span, _ in ctx.present_of[self.each.text]:
            lefts = resolve_from(self.left, owner, owner_span)
            rights = resolve_from(self.right, owner, owner_span)
            yield from self._compare(lefts, rights)

    def _compare(self, lefts: list[tuple], rights: list[tuple]) -> Iterator[Hit]:
        for right in rights:
            if right[0] is not None:
                break
        else:
            return
        right_value, right_span, _ = right
        op = self.op
        for left in lefts:
            left_value, left_span, _ = left
            if left_value is None:
                continue
            try:
                holds = op(left_value, right_value)
            except TypeError:
                continue  # not comparable (a garbled value): parse notes report those
            if holds:
                continue
            _, place_span, place_in_file = right if self.report_right and right_span is not None else left
            values = {"left": text_of(left_value), "right": text_of(right_value), "op": self.op_text,
                      "expected": f"{_OP_WORDS[self.op_text]} {text_of(right_value)}"}
            yield Hit(place_span or left_span or right_span, values,
                      subject=f"{values['left']}{self.op_text}{values['right']}",
                      in_file=place_in_file)


def _plain_field(path) -> Optional[str]:
    """The field a one-step path relative to an item reads with `getattr(item, field, None)`
    (its compiled step, for an item of the annotated type), else None."""
    if path.parent is not None or path.whole is not None or path.last_step is None:
        return None
    owner, name, _, each, _ = path.last_step
    if each or owner is Cable or owner is ExternalMetadata or not dataclasses.is_dataclass(owner):
        return None
    return name


def add_years(date: _dt.date, years: int) -> _dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


class Bound:
    """`{years: 10, days: 31}`; `years: era.max_years` reads the era table."""

    def __init__(self, spec: Any, where: tuple) -> None:
        if not isinstance(spec, dict) or not spec or not set(spec) <= {"years", "days"}:
            raise ParamError("a bound is {years: N, days: N} (years may be era.max_years)", where)
        self.years = spec.get("years", 0)
        self.days = int(spec.get("days", 0))
        self.delta = _dt.timedelta(days=self.days)
        if isinstance(self.years, str) and self.years != "era.max_years":
            raise ParamError(f"years: '{self.years}' (use a number or era.max_years)", where + ("years",))

    def fixed_years(self) -> Optional[int]:
        """The years `years_for` gives whatever the cable (None: the era's)."""
        return None if self.years == "era.max_years" else int(self.years)

    def years_for(self, ctx) -> Optional[int]:
        if self.years == "era.max_years":
            return ctx.era.max_years if ctx.era is not None else None
        return int(self.years)

    def apply(self, date: _dt.date, ctx) -> Optional[_dt.date]:
        years = self.years_for(ctx)
        if years is None:
            return None
        return (add_years(date, years) if years else date) + self.delta

    def text(self, ctx) -> str:
        years, parts = self.years_for(ctx), []
        if years:
            parts.append(f"{years} year{'s' if years != 1 else ''}")
        if self.days or not parts:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        return " ".join(parts)


def describe_gap(start: _dt.date, end: _dt.date) -> str:
    sign = "" if end >= start else "-"
    low, high = sorted((start, end))
    years = high.year - low.year - ((high.month, high.day) < (low.month, low.day))
    days = (high - add_years(low, years)).days
    if years:
        return f"{sign}{years} year{'s' if years != 1 else ''} {days} day{'s' if days != 1 else ''}"
    return f"{sign}{days} day{'s' if days != 1 else ''}"


class DateRelation(Kind):
    name = "date-relation"
    summary = ("`left` must fall between `right` + `min` and `right` + `max` (dates; bounds in "
               "years/days, or era.max_years); `report: inside` reports dates within the bounds instead")
    placeholders = frozenset({"left", "right", "difference", "min", "max", "expected"})

    def __init__(self, params, env) -> None:
        super().__init__(params, env)
        self.left = self.operand(params["left"], ("left",))
        self.right = self.operand(params["right"], ("right",))
        if "min" not in params and "max" not in params:
            raise ParamError("give 'min', 'max' or both")
        self.min = Bound(params["min"], ("min",)) if "min" in params else None
        self.max = Bound(params["max"], ("max",)) if "max" in params else None
        self.inside = params.get("report", "outside") == "inside"

    def quiet_block(self, code, loud: str) -> list[str]:
        """`check` to its first hit, written out in the screen."""
        def bound(limit, default: str) -> str:
            if not limit:
                return default
            if limit.fixed_years() == 0:  # `apply` without its calls: the base plus the days
                return f"q_base + {code.constant(limit.delta, 'days')}"
            return f"{code.constant(limit.apply, 'bound')}(q_base, ctx)"

        date_type = code.constant(_dt.date, "date")
        return [
            f"for q_base in {self.right.values_source(code)}:",
            f"    if isinstance(q_base, {date_type}):",
            f"        q_low = {bound(self.min, f'{date_type}.min')}",
            f"        q_high = {bound(self.max, f'{date_type}.max')}",
            "        if q_low is not None and q_high is not None:",
            f"            for q_date in {self.left.values_source(code)}:",
            f"                if isinstance(q_date, {date_type}) and (q_low <= q_date <= q_high) == {self.inside}:",
            f"                    {loud}",
            "                    break",
            "        break",
        ]

    def check(self, ctx) -> Iterator[Hit]:
        for right in self.right.read(ctx):
            if isinstance(right[0], _dt.date):
                break
        else:
            return
        base = right[0]
        low = self.min.apply(base, ctx) if self.min else _dt.date.min
        high = self.max.apply(base, ctx) if self.max else _dt.date.max
        if low is None or high is None:
            return
        for item in self.left.read(ctx):
            date = item[0]
            if not isinstance(date, _dt.date):
                continue
            within = low <= date <= high
            if within != self.inside:
                continue
            values = {
                "left": date.isoformat(), "right": base.isoformat(),
                "difference": describe_gap(base, date),
                "min": self.min.text(ctx) if self.min else "-",
                "max": self.max.text(ctx) if self.max else "-",
                "expected": self._expected(ctx, base),
            }
            yield Hit.at(item if item[1] is not None else right, values,
                         subject=f"{values['left']}~{values['right']}")

    def _expected(self, ctx, base: _dt.date) -> str:
        if self.inside:
            return "a date outside that range"
        if self.min and self.max:
            return f"between {self.min.text(ctx)} and {self.max.text(ctx)} after {base.isoformat()}"
        if self.min:
            return f"at least {self.min.text(ctx)} after {base.isoformat()}"
        return f"at most {self.max.text(ctx)} after {base.isoformat()}"
