"""Operands of comparisons: paths, literal levels/numbers/dates, era-table values."""

from __future__ import annotations

import datetime as _dt
import operator
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from validator.engine.paths import Path, PathError, compile_path
from validator.model import Level, Span


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AGGREGATE = re.compile(r"^(max|min|count)\((.+)\)$")


def parse_level(text: str) -> Optional[Level]:
    return Level.from_word(str(text))


class OperandError(ValueError):
    pass


@dataclass(frozen=True)
class Operand:
    """Something a check reads: (value, span, in_file) items from a Context."""

    text: str
    read: Callable[[Any], list[tuple]]
    path: Optional[Path] = None
    key: Optional[str] = None  # for a plain path: `read(ctx)` is `ctx.items_of[key]`
    # For an aggregate: the values of `read(ctx)` from the values of `path`'s items.
    of_values: Optional[Callable[[list], list]] = None

    def __call__(self, ctx) -> list[tuple]:
        return self.read(ctx)

    def values_source(self, code) -> str:
        """An expression of the values of `read(ctx)` in a rule screen (screen.py): read
        from the path's values where it can be (`code.items`), else from the items."""
        if self.key is not None:
            return code.items(self.key)
        if self.of_values is not None:
            return f"{code.constant(self.of_values, 'aggregate')}({code.items(self.path.text)})"
        return f"values_of({code.constant(self.read, 'read')}(ctx))"


def path_operand(text: str) -> Operand:
    path = compile_path(text)
    key = path.text
    return Operand(text, lambda ctx: ctx.items_of[key], path, key)


def value_operand(text: Any, env=None) -> Operand:
    """A path, an aggregate `max(path)`/`min(path)`/`count(path)`, an era-table value
    (`order.signed`, `era.to`, `period.<id>.from`), or a literal (level, number, date)."""
    if isinstance(text, bool):
        raise OperandError(f"'{text}' is not an operand")
    if isinstance(text, (int, float)):
        return Operand(str(text), lambda ctx, v=text: [(v, None, False)])
    text = str(text).strip()
    level = parse_level(text)
    if level is not None:
        return Operand(text, lambda ctx: [(level, None, False)])
    if _DATE.match(text):
        date = _dt.date.fromisoformat(text)
        return Operand(text, lambda ctx: [(date, None, False)])
    aggregate = _AGGREGATE.match(text)
    if aggregate:
        function, inner = aggregate.groups()
        path = compile_path(inner)
        return Operand(text, _aggregate(function, path), path, of_values=_aggregate_of_values(function))
    if text.startswith(("order.", "era.", "period.")):
        read = _table_value(text)
        period = getattr(read, "period", None)
        if period is not None and env is not None and period not in env.eras.periods:
            raise OperandError(f"'{text}': no period '{period}' in the era table "
                               f"(periods: {', '.join(sorted(env.eras.periods))})")
        return Operand(text, read)
    try:
        return path_operand(text)
    except PathError as error:
        raise OperandError(str(error)) from None


value_of = operator.itemgetter(0)  # an item's value


def _aggregate(function: str, path: Path):
    def read(ctx) -> list[tuple]:
        items = [item for item in ctx.items_of[path.text] if item[0] is not None]
        if function == "count":
            return [(len(items), None, False)]
        if not items:
            return []
        pick = max if function == "max" else min
        best = pick(items, key=value_of)  # by value
        return [best]
    return read


def _aggregate_of_values(function: str):
    """`_aggregate`'s values from the path's values: the same comparisons, in the same
    order (`max` and `min` keep the first of equal values, as they keep the first item)."""
    def of_values(values: list) -> list:
        known = [value for value in values if value is not None]
        if function == "count":
            return [len(known)]
        if not known:
            return []
        return [max(known) if function == "max" else min(known)]
    return of_values


_ORDER_FIELDS = {"signed", "effective", "end", "number"}
_ERA_FIELDS = {"from": "start", "to": "end", "max_years": "max_years", "order": "order",
               "reason_section": "reason_section", "reason_letters": "reason_letters", "id": "id"}


def _table_value(text: str):
    parts = text.split(".")
    if parts[0] == "order":
        if len(parts) != 2 or parts[1] not in _ORDER_FIELDS:
            raise OperandError(f"'{text}': use order.signed, order.effective, order.end or order.number "
                               "(of the order cited on the E.O. line)")
        name = parts[1]
        return lambda ctx: [(getattr(ctx.order, name), _eo_order_span(ctx), False)] if ctx.order else []
    if parts[0] == "era":
        if len(parts) != 2 or parts[1] not in _ERA_FIELDS:
            raise OperandError(f"'{text}': use era.{', era.'.join(_ERA_FIELDS)} "
                               "(of the era of the cable date)")
        name = _ERA_FIELDS[parts[1]]
        return lambda ctx: [(getattr(ctx.era, name), None, False)] if ctx.era else []
    if len(parts) != 3 or parts[2] not in ("from", "to"):
        raise OperandError(f"'{text}': use period.<id>.from or period.<id>.to")
    period_id, side = parts[1], parts[2]
    def read(ctx):
        start, end = ctx.eras.range_of(period_id)
        return [(start if side == "from" else end, None, False)]
    read.period = period_id  # checked against the era table when the rule compiles
    return read


def _eo_order_span(ctx) -> Optional[Span]:
    eo = ctx.cable.eo
    if eo is None:
        return None
    return eo.order_span or eo.span
