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
from typing import Any, Callable, Iterable

from validator.engine.codegen import Names, define
from validator.engine.operands import parse_level, value_of
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
    """The condition as one Python function (`when.source` shows its expression): a
    condition is tested for most rules on every cable, and one expression costs a
    fraction of a call per key."""
    code = Names(**HELPERS)
    expression = _expression(spec, env, where, code)
    predicate = define(f"def when(ctx):\n    return {expression}\n", code, "when", "when: condition")
    predicate.source = expression
    return predicate


def expression(spec: Any, env, code: Names) -> str:
    """The condition as a Python expression over `ctx` (`code` holds the names it uses,
    with the helpers in HELPERS): for code that tests several conditions inline."""
    return _expression(spec, env, (), code)


def _expression(spec: Any, env, where: tuple, code: Names) -> str:
    if spec is None:
        return "True"
    if not isinstance(spec, dict) or not spec:
        raise ConditionError("'when' must be a non-empty mapping", where)
    parts = []
    for key, value in spec.items():
        builder = _BUILDERS.get(key)
        if builder is None:
            raise ConditionError(f"unknown condition '{key}' (known: {', '.join(sorted(_BUILDERS))})", where + (key,))
        parts.append(builder(value, env, where + (key,), code))
    return _joined(parts, "and")


def _joined(parts: list[str], operator_word: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + f" {operator_word} ".join(parts) + ")"


def _comparison(text: Any, value_parser, what: str, where: tuple) -> tuple[str, Any]:
    """('>=', value) from '>= value'."""
    match = _COMPARISON.match(str(text))
    if not match:
        raise ConditionError(f"'{text}' is not a comparison like '>= {what}'", where)
    op, raw = match.groups()
    value = value_parser(raw)
    if value is None:
        raise ConditionError(f"'{raw}' is not a {what}", where)
    return op, value


def _level(value, env, where, code) -> str:
    op, level = _comparison(value, parse_level, "classification level", where)
    return f"(ctx.level is not None and ctx.level {op} {code.constant(level)})"


def _date_bound(value, env, where):
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConditionError(f"'{value}' is not a date (YYYY-MM-DD)", where) from None


def _date(value, env, where, code) -> str:
    if not isinstance(value, dict) or not set(value) <= {"from", "to"} or not value:
        raise ConditionError("'date' takes {from: YYYY-MM-DD, to: YYYY-MM-DD} (either may be left out)", where)
    start = _date_bound(value.get("from"), env, where + ("from",)) or _dt.date.min
    end = _date_bound(value.get("to"), env, where + ("to",)) or _dt.date.max
    return f"(ctx.date is not None and {code.constant(start)} <= ctx.date <= {code.constant(end)})"


def era_names(value, env, where) -> list[str]:
    names = [str(item) for item in (value if isinstance(value, list) else [value])]
    known = set(env.eras.names())
    for index, name in enumerate(names):
        if name not in known:
            raise ConditionError(
                f"no era or period '{name}' in the era table (known: {', '.join(env.eras.names())})",
                where + ((index,) if isinstance(value, list) else ()))
    return names


def _era(value, env, where, code) -> str:
    names = frozenset(era_names(value, env, where))
    return f"(not ctx.era_names.isdisjoint({code.constant(names)}))"


def _order(value, env, where, code) -> str:
    numbers = set()
    for item in value if isinstance(value, list) else [value]:
        try:
            numbers.add(int(item))
        except (TypeError, ValueError):
            raise ConditionError(f"'{item}' is not an order number", where) from None
    return f"(ctx.cable.eo is not None and ctx.cable.eo.order in {code.constant(numbers)})"


def _header(value, env, where, code) -> str:
    if value not in ("present", "absent"):
        raise ConditionError("'header' is 'present' or 'absent'", where)
    return f"(({code.shared('ctx.cable.header.form')} != 'none') == {value == 'present'})"


def _partial(value, env, where, code) -> str:
    if not isinstance(value, bool):
        raise ConditionError("'partial' is true or false", where)
    return f"(ctx.cable.partial == {value})"


def _paths(value, where) -> list:
    items = value if isinstance(value, list) else [value]
    paths = []
    for index, text in enumerate(items):
        try:
            paths.append(compile_path(text))
        except PathError as error:
            raise ConditionError(str(error), where + ((index,) if isinstance(value, list) else ())) from None
    return paths


def _present(value, env, where, code) -> str:
    tests = [f"bool({code.present(path.text)})" for path in _paths(value, where)]
    return _joined(tests, "and")


def _absent(value, env, where, code) -> str:
    tests = [code.present(path.text) for path in _paths(value, where)]
    return f"(not {_joined(tests, 'or')})"


def _values(value, env, where, code) -> str:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'values' maps a field path to the list of values it may have", where)
    tests = []
    for text, allowed in value.items():
        path = _paths(text, where + (text,))[0]
        wanted = {str(item).upper() for item in (allowed if isinstance(allowed, list) else [allowed])}
        tests.append(code.shared(f"has_value_in({code.present(path.text)}, {code.constant(wanted)})"))
    return _joined(tests, "and")


def _has_value_in(items: list, wanted: set) -> bool:
    return _has_value_in_values(map(value_of, items), wanted)


def _matches(value, env, where, code) -> str:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'matches' maps a field path to a regex its text must match", where)
    tests = []
    for text, pattern in value.items():
        path = _paths(text, where + (text,))[0]
        try:
            regex = re.compile(str(pattern))
        except re.error as error:
            raise ConditionError(f"invalid regex: {error}", where + (text,)) from None
        tests.append(code.shared(f"has_match({code.present(path.text)}, {code.constant(regex)})"))
    return _joined(tests, "and")


def _has_match(items: list, regex) -> bool:
    return _has_match_in_values(map(value_of, items), regex)


def _controls(value, env, where, code) -> str:
    if not isinstance(value, dict) or not value or not set(value) <= {"any", "all", "none"}:
        raise ConditionError("'controls' takes {any: [...], all: [...], none: [...]}", where)
    any_of = {str(v).upper() for v in value.get("any", [])}
    all_of = {str(v).upper() for v in value.get("all", [])}
    none_of = {str(v).upper() for v in value.get("none", [])}
    names = code.shared("ctx.control_names()")
    if any_of and not all_of and not none_of:  # the usual forms, without the empty tests
        return f"bool({names} & {code.constant(any_of)})"
    if none_of and not any_of and not all_of:
        return f"(not ({names} & {code.constant(none_of)}))"
    sets = ", ".join(code.constant(group) for group in (any_of, all_of, none_of))
    return f"controls_hold({names}, {sets})"


def _controls_hold(names: frozenset, any_of: set, all_of: set, none_of: set) -> bool:
    return (not any_of or bool(names & any_of)) and all_of <= names and not (names & none_of)


def _count(value, env, where, code) -> str:
    if not isinstance(value, dict) or not value:
        raise ConditionError("'count' maps a field path to a comparison like '>= 2'", where)
    tests = []
    for text, comparison in value.items():
        path = _paths(text, where + (text,))[0]
        op, number = _comparison(comparison, _int_or_none, "number", where + (text,))
        tests.append(f"({code.shared(f'count_of({code.present(path.text)})')} {op} {number!r})")
    return _joined(tests, "and")


def _count_of(items: list) -> int:
    return _count_of_values(map(value_of, items))


def _int_or_none(text):
    try:
        return int(text)
    except ValueError:
        return None


def _any(value, env, where, code) -> str:
    if not isinstance(value, list) or not value:
        raise ConditionError("'any' takes a list of conditions", where)
    parts = [_expression(item, env, where + (index,), code) for index, item in enumerate(value)]
    return _joined(parts, "or")


def _not(value, env, where, code) -> str:
    return f"(not {_expression(value, env, where, code)})"


def _has_value_in_values(values: Iterable, wanted: set) -> bool:
    """Whether a value's upper-case text is one of `wanted` (a rule screen reads values;
    `_has_value_in` gives it those of items)."""
    for value in values:  # most values are text: text_of only for others
        if (value if type(value) is str else text_of(value)).upper() in wanted:
            return True
    return False


def _has_match_in_values(values: Iterable, regex) -> bool:
    for value in values:
        if regex.search(value if type(value) is str else text_of(value)):
            return True
    return False


def _count_of_values(values: Iterable) -> int:
    count = 0
    for value in values:
        count += len(value) if isinstance(value, _COLLECTIONS) else 1
    return count


HELPERS = {"has_value_in": _has_value_in, "has_match": _has_match, "controls_hold": _controls_hold,
            "count_of": _count_of}
# The same tests of the values of the items, under the same names: the expressions a
# rule screen writes read values (screen.py), a compiled `when:` reads items.
VALUE_HELPERS = {"has_value_in": _has_value_in_values, "has_match": _has_match_in_values,
                 "controls_hold": _controls_hold, "count_of": _count_of_values}

_BUILDERS = {
    "level": _level, "date": _date, "era": _era, "order": _order, "header": _header,
    "partial": _partial, "present": _present, "absent": _absent, "values": _values,
    "controls": _controls, "count": _count, "matches": _matches, "any": _any, "not": _not,
}
