"""Validate rule files against `schemas/rule.schema.json`, fast.

The schema uses a small part of JSON Schema (type, enum, const, pattern, minLength,
required, properties, additionalProperties: false, items, minItems, minProperties,
oneOf, allOf with if/then, local $ref). This module checks exactly that part, in well
under a millisecond per file, so that a first run does not pay ~150 ms for importing and
building `jsonschema`. If the schema ever uses a keyword outside that part, `validate`
hands over to `jsonschema` (the tests check that both agree on every bundled file and
on a set of broken ones).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

SUPPORTED = {
    "type", "enum", "const", "pattern", "minLength", "required", "properties",
    "additionalProperties", "items", "minItems", "minProperties", "oneOf", "allOf", "if",
    "then", "$ref", "$defs", "$schema", "$id", "title", "description", "default",
}

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


class Problem:
    __slots__ = ("path", "message")

    def __init__(self, path: tuple, message: str) -> None:
        self.path = path
        self.message = message


def uses_only_supported(schema: Any) -> bool:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in SUPPORTED:
                return False
            if key in ("properties", "$defs"):
                if not all(uses_only_supported(v) for v in value.values()):
                    return False
            elif key in ("enum", "const", "required", "pattern", "type", "default"):
                continue
            elif not uses_only_supported(value):
                return False
    elif isinstance(schema, list):
        return all(uses_only_supported(item) for item in schema)
    return True


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Validator:
    def __init__(self, schema: dict) -> None:
        self.schema = schema

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref}")
        node: Any = self.schema
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def problems(self, instance: Any, schema: Optional[dict] = None, path: tuple = ()) -> list[Problem]:
        schema = self.schema if schema is None else schema
        found: list[Problem] = []
        if "$ref" in schema:
            found += self.problems(instance, self._resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_TYPES[t](instance) for t in types):
                return found + [Problem(path, f"{_show(instance)} is not of type {', '.join(repr(t) for t in types)}")]
        if "const" in schema and instance != schema["const"]:
            found.append(Problem(path, f"{_show(schema['const'])} was expected"))
        if "enum" in schema and instance not in schema["enum"]:
            found.append(Problem(path, f"{_show(instance)} is not one of {schema['enum']}"))
        if isinstance(instance, str):
            if len(instance) < schema.get("minLength", 0):
                found.append(Problem(path, f"{_show(instance)} is too short"))
            if "pattern" in schema and not _regex(schema["pattern"]).search(instance):
                found.append(Problem(path, f"{_show(instance)} does not match {schema['pattern']!r}"))
        if isinstance(instance, list):
            if len(instance) < schema.get("minItems", 0):
                found.append(Problem(path, f"{_show(instance)} should be non-empty"
                                     if schema["minItems"] == 1 else f"{_show(instance)} is too short"))
            if "items" in schema:
                for index, item in enumerate(instance):
                    found += self.problems(item, schema["items"], path + (index,))
        if isinstance(instance, dict):
            found += self._object(instance, schema, path)
        for sub in schema.get("allOf", ()):
            found += self.problems(instance, sub, path)
        if "if" in schema and not self.problems(instance, schema["if"], path) and "then" in schema:
            found += self.problems(instance, schema["then"], path)
        if "oneOf" in schema:
            found += self._one_of(instance, schema["oneOf"], path)
        return found

    def _object(self, instance: dict, schema: dict, path: tuple) -> list[Problem]:
        found = []
        if len(instance) < schema.get("minProperties", 0):
            found.append(Problem(path, f"{_show(instance)} should be non-empty"))
        for key in schema.get("required", ()):
            if key not in instance:
                found.append(Problem(path, f"'{key}' is a required property"))
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            for key in instance:
                if key not in properties:
                    allowed = ", ".join(sorted(properties))
                    hint = f" (allowed: {allowed})" if len(properties) <= 20 else ""
                    found.append(Problem(path + (key,), f"unknown key '{key}'{hint}"))
        for key, sub in properties.items():
            if key in instance:
                found += self.problems(instance[key], sub, path + (key,))
        return found

    def _one_of(self, instance: Any, branches: list, path: tuple) -> list[Problem]:
        results = [self.problems(instance, branch, path) for branch in branches]
        passing = [r for r in results if not r]
        if len(passing) == 1:
            return []
        if len(passing) > 1:
            return [Problem(path, f"{_show(instance)} is valid under more than one of the given schemas")]
        # Report the branch meant for this kind of value (by its declared type), if any.
        for branch, problems in zip(branches, results):
            declared = branch.get("type")
            declared = declared if isinstance(declared, list) else [declared]
            if any(t in _TYPES and _TYPES[t](instance) for t in declared):
                return problems
        return [Problem(path, f"{_show(instance)} is not valid under any of the given schemas")]


def best(problems: list[Problem]) -> Optional[Problem]:
    """The deepest problem (the most precise location), first in document order."""
    if not problems:
        return None
    depth = max(len(p.path) for p in problems)
    return next(p for p in problems if len(p.path) == depth)
