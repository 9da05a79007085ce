"""The `when:` mini-language: when a rule applies to a cable.

    when:
      level: ">= CONFIDENTIAL"        # the cable's overall level (unknown: no match)
      date: {from: 1995-10-14, to: 2003-09-21}   # or era/period ids: era: [12958, 12958am]
      era: [12958, 12958am]
      order: [12958, 13292]           # the order cited on the E.O. line
      header: present                 # a transmission header was read
      partial: false                  # the text is / is not a partial extract
      present: [eo, classified_by]    # every path has a value
      absent: [entire_text_paragraphs]
      values: {eo.value_kind: [date]} # the path's value is one of these
      matches: {classified_by.raw: '[.]{3}$'}  # the path's text matches a regex
      controls: {any: [NOFORN], none: [SIPDIS]}  # captions + banner controls
      count: {numbered_paragraphs: ">= 2"}
      any: [{...}, {...}]             # at least one sub-condition
      not: {...}

All keys of one mapping must hold. Every key and path is checked at load time.
"""

from __future__ import annotations

import datetime as _dt
import operator
import re
from typing import Any, Callable

from validator.engine.operands import parse_level
from validator.engine.paths import PathError, compile_path, is_present, text_of

Predicate = Callable[[Any], bool]

OPERATORS = {
    "==": operator.eq, "!=": operator.ne, ">=": operator.ge,
    "<=": operator.le, ">": operator.gt, "<": operator.lt,
}
_COLLECTIONS = (list, tuple, set, frozenset)
_COMPARISON = re.compile(r"^\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*$")


class ConditionError(ValueError):
    """`where` is the key path inside `when` (for the line number)."""

    def __init__(self, message: str, where: tuple = ()) -> None:
        super().__init__(message)
        self.where = where


def compile_when(spec: Any, env, where: tuple = ()) -> Predicate:
    if spec is None:
        return lambda ctx: True
    if not isinstance(spec, dict) or not spec:
        raise ConditionError("'when' must be a non-empty mapping", where)
    parts = []
    for key, value in spec.items():
        builder = _BUILDERS.get(key)
        if builder is None:
            raise ConditionError(f"unknown condition '{key}' (known: {', '.join(sorted(_BUILDERS))})", where + (key,))
        parts.append(builder(value, env, where + (key,)))
    if len(parts) == 1:
        return parts[0]
    return _all_of(parts)


def _all_of(parts: list[Predicate]) -> Predicate:
    def test(ctx) -> bool:
        for part in parts:
            if not part(ctx):
                return False
        return True
    return test


def parse_comparison(text: Any, value_parser, what: str, where: tuple):
    match = _COMPARISON.match(str(text))
    if not match:
        raise ConditionError(f"'{text}' is not a comparison like '>= {what}'", where)
    op, raw = match.groups()
    value = value_parser(raw)
    if value is None:
        raise ConditionError(f"'{raw}' is not a {what}", where)
    return OPERATORS[op], value


def _level(value, env, where) -> Predicate:
    op, level = parse_comparison(value, parse_level, "classification level", where)
    def test(ctx) -> bool:
        current = ctx.level
        return current is not None and op(current, level)
    return test


def _date_bound(value, env, where):
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConditionError(f"'{value}' is not a date (YYYY-MM-DD)", where) from None


def _date(value, env, where) -> Predicate:
    if not isinstance(value, dict) or not set(value) <= {"from", "to"} or not value:
        raise ConditionError("'date' takes {from: YYYY-MM-DD, to: YYYY-MM-DD} (either may be left out)", where)
    start = _date_bound(value.get("from"), env, where + ("from",)) or _dt.date.min
    end = _date_bound(value.get("to"), env, where + ("to",)) or _dt.date.max
    return lambda ctx: ctx.date is not None and start <= ctx.date <= end


def era_names(value, env, where) -> list[str]:
    names = [str(item) for item in (value if isinstance(value, list) else [value])]
    known = set(env.eras.names())
    for index, name in enumerate(names):
        if name not in known:
            raise ConditionError(
                f"no era or period '{name}' in the era table (known: {', '.join(env.eras.names())})",
                where + ((index,) if isinstance(value, list) else ()))
    return names


def _era(value, env, where) -> Predicate:
    names = frozenset(era_names(value, env, where))
    return lambda ctx: not ctx.era_names.isdisjoint(names)


def _order(value, env, where) -> Predicate:
    numbers = set()
    for item in value if isinstance(value, list) else [value]:
        try:
            numbers.add(int(item))
        except (TypeError, ValueError):
            raise ConditionError(f"'{item}' is not an order number", where) from None
    return lambda ctx: ctx.cable.eo is not None and ctx.cable.eo.order in numbers


def _header(value, env, where) -> Predicate:
    if value not in ("present", "absent"):
        raise ConditionError("'header' is 'present' or 'absent'", where)
    want = value == "present"
    return lambda ctx: (ctx.cable.header.form != "none") == want


def _partial(value, env, where) -> Predicate:
    if not isinstance(value, bool):
        raise ConditionError("'partial' is true or false", where)
    return lambda ctx: ctx.cable.partial == value


def _paths(value, where) -> list:
    items = value if isinstance(value, list) else [value]
    paths = []
    for index, text in enumerate(items):
        try:
            paths.append(compile_path(text))
        except PathError as error:
            raise ConditionError(str(error), where + ((index,) if isinstance(value, list) else ())) from None
    return paths


def _present(value, env, where) -> Predicate:
    paths = _paths(value, where)
    if len(paths) == 1:
        (path,) = paths
        return lambda ctx: bool(ctx.present(path))
    return lambda ctx: all(ctx.present(path) for path in paths)


def _absent(value, env, where) -> Predicate:
    paths = _paths(value, where)
    if len(paths) == 1:
        (path,) = paths
        return lambda ctx: not ctx.present(path)
    return lambda ctx: not any(ctx.present(path) for path in paths)


def _values(value, env, where) -> Predicate:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'values' maps a field path to the list of values it may have", where)
    tests = []
    for text, allowed in value.items():
        path = _paths(text, where + (text,))[0]
        wanted = {str(item).upper() for item in (allowed if isinstance(allowed, list) else [allowed])}
        tests.append((path, wanted))
    def test(ctx) -> bool:
        for path, wanted in tests:
            for value, _, _ in ctx.present(path):  # most values are text: text_of only for others
                if (value if type(value) is str else text_of(value)).upper() in wanted:
                    break
            else:
                return False
        return True
    return test


def _matches(value, env, where) -> Predicate:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'matches' maps a field path to a regex its text must match", where)
    tests = []
    for text, pattern in value.items():
        path = _paths(text, where + (text,))[0]
        try:
            tests.append((path, re.compile(str(pattern))))
        except re.error as error:
            raise ConditionError(f"invalid regex: {error}", where + (text,)) from None
    def test(ctx) -> bool:
        for path, regex in tests:
            for value, _, _ in ctx.present(path):
                if regex.search(value if type(value) is str else text_of(value)):
                    break
            else:
                return False
        return True
    return test


def _controls(value, env, where) -> Predicate:
    if not isinstance(value, dict) or not value or not set(value) <= {"any", "all", "none"}:
        raise ConditionError("'controls' takes {any: [...], all: [...], none: [...]}", where)
    any_of = {str(v).upper() for v in value.get("any", [])}
    all_of = {str(v).upper() for v in value.get("all", [])}
    none_of = {str(v).upper() for v in value.get("none", [])}
    def test(ctx) -> bool:
        names = ctx.control_names()
        return ((not any_of or bool(names & any_of)) and all_of <= names and not (names & none_of))
    return test


def _count(value, env, where) -> Predicate:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'count' maps a field path to a comparison like '>= 2'", where)
    tests = []
    for text, comparison in value.items():
        path = _paths(text, where + (text,))[0]
        op, number = parse_comparison(comparison, _int_or_none, "number", where + (text,))
        tests.append((path, op, number))
    def test(ctx) -> bool:
        for path, op, number in tests:
            count = 0
            for value, _, _ in ctx.present(path):
                count += len(value) if isinstance(value, _COLLECTIONS) else 1
            if not op(count, number):
                return False
        return True
    return test


def _int_or_none(text):
    try:
        return int(text)
    except ValueError:
        return None


def _any(value, env, where) -> Predicate:
    if not isinstance(value, list) or not value:
        raise ConditionError("'any' takes a list of conditions", where)
    parts = [compile_when(item, env, where + (index,)) for index, item in enumerate(value)]

    def test(ctx) -> bool:
        for part in parts:
            if part(ctx):
                return True
        return False
    return test


def _not(value, env, where) -> Predicate:
    part = compile_when(value, env, where)
    return lambda ctx: not part(ctx)


_BUILDERS = {
    "level": _level, "date": _date, "era": _era, "order": _order, "header": _header,
    "partial": _partial, "present": _present, "absent": _absent, "values": _values,
    "controls": _controls, "count": _count, "matches": _matches, "any": _any, "not": _not,
}
