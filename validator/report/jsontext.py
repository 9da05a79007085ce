"""`json.dumps(value, indent=2, ensure_ascii=False)`, fast, for streamed reports.

With `indent`, the standard library falls back to its pure-Python encoder, which
made the json report one of the costliest steps of an archive run. Here a dict or
list whose members are all scalars (every finding of a report) is written by the C
encoder in one call, its separators carrying the line breaks and indentation;
containers holding containers recurse. The text is the same as `json.dumps` gives.
"""

from __future__ import annotations

import json
from typing import Any, Callable

STEP = "  "
_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_encode_string = json.encoder.encode_basestring  # the C function json.dumps uses
_number = json.JSONEncoder(ensure_ascii=False).encode
_flat_encoders: dict[int, Callable[[Any], str]] = {}


def _flat_encoder(level: int) -> Callable[[Any], str]:
    """The C encoder for a container of scalars whose members sit at `level`."""
    encoder = _flat_encoders.get(level)
    if encoder is None:
        encoder = _flat_encoders[level] = _c_encoder(",\n" + STEP * level, ": ")
    return encoder


def _c_encoder(item_separator: str, key_separator: str) -> Callable[[Any], str]:
    """`json.JSONEncoder(ensure_ascii=False, separators=...).encode` for a container,
    with the C encoder made once: `encode` makes it anew at every call, a quarter of
    the time of a finding's text. (Without the C module, `encode` itself.)"""
    standard = json.JSONEncoder(ensure_ascii=False, separators=(item_separator, key_separator))
    try:
        # markers None: no cycle check, as there are no cycles in a report's values
        encode_chunks = json.encoder.c_make_encoder(None, standard.default, _encode_string, None, key_separator,
                                                    item_separator, False, False, True)
    except TypeError:  # no C module (None), or another signature than CPython 3.10-3.13's
        return standard.encode
    return lambda value: "".join(encode_chunks(value, 0))


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return _number(value)  # floats (nan, infinity) and subclasses: as json spells them


def dumps_indented(value: Any, level: int = 0) -> str:
    """`value` as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, as if it
    stood `level` levels deep (its first line is not indented, the others are)."""
    kind = type(value)
    if kind in _SCALAR_TYPES:
        return _scalar(value)
    if kind is dict:
        if not value:
            return "{}"
        if all(type(key) is str for key in value):
            return _container(value, value.values(), level, "{", "}", _dict_members)
    elif kind is list or kind is tuple:
        if not value:
            return "[]"
        return _container(value, value, level, "[", "]", _list_members)
    elif isinstance(value, _SCALARS):
        return _number(value)
    # anything else (non-string keys, other types): the standard library decides
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + STEP * level)


def flat_members(value: dict, level: int) -> str:
    """The members of a non-empty dict of scalars with string keys, one a line at
    `level`, without its braces: as `dumps_indented` writes them."""
    return _flat_encoder(level)(value)[1:-1]


def dumps_flat_objects(objects: list[dict], level: int) -> str:
    """`dumps_indented(objects, level)` for a list of non-empty dicts of scalars (a
    report's findings), without testing each member's type: one C call an object."""
    if not objects:
        return "[]"
    inner, members = "\n" + STEP * (level + 1), "\n" + STEP * (level + 2)
    between = inner + "}," + inner + "{" + members
    return ("[" + inner + "{" + members + between.join([flat_members(value, level + 2) for value in objects])
            + inner + "}\n" + STEP * level + "]")


def _container(value, members, level: int, opening: str, closing: str, write_members) -> str:
    inner = STEP * (level + 1)
    if _SCALAR_TYPES.issuperset(map(type, members)):
        body = _flat_encoder(level + 1)(value)[1:-1]
    else:
        body = write_members(value, level + 1, ",\n" + inner)
    return f"{opening}\n{inner}{body}\n{STEP * level}{closing}"


def _dict_members(value: dict, level: int, separator: str) -> str:
    return separator.join([
        f"{_encode_string(key)}: {_scalar(member) if type(member) in _SCALAR_TYPES else dumps_indented(member, level)}"
        for key, member in value.items()
    ])


def _list_members(value, level: int, separator: str) -> str:
    flat = _flat_encoder(level + 1)
    opening, closing = "{\n" + STEP * (level + 1), "\n" + STEP * level + "}"
    # a list of flat objects (the findings of a report) without a call per member; the C
    # encoder turns keys that are not strings into text as json.dumps does
    return separator.join([
        opening + flat(member)[1:-1] + closing
        if type(member) is dict and member and _SCALAR_TYPES.issuperset(map(type, member.values()))
        else dumps_indented(member, level)
        for member in value
    ])
