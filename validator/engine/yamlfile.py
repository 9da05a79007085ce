"""Read a YAML file into plain data plus the line of every key and item.

The line map lets every later error (schema, unknown field path, bad regex) name the
line of the offending key, the way yamllint and Ruff point at the exact place.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from validator.engine.errors import RuleError

# yaml is imported where a file is read: a run whose rule set comes from the rule cache
# reads none, and the import is about a tenth of a one-file run.


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lines = dict[str, int]  # "key/0/sub" -> 1-based line


def pointer(parts) -> str:
    return "/".join(str(part) for part in parts)


def load_yaml(text: str, path: str) -> tuple[Any, Lines]:
    """Parse one YAML document; raise RuleError with the line of a syntax error."""
    import yaml

    try:
        loader = _loader()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            lines: Lines = {}
            _walk(node, (), lines, path)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{error.context}: {problem}"
        raise RuleError(f"YAML syntax error: {problem}", path, line) from None
    except yaml.YAMLError as error:
        raise RuleError(f"YAML error: {error}", path) from None
    return plain(data), lines


def load_data(text: str, path: str) -> Any:
    """Parse one YAML document of data (a vocabulary) without the line map: several times
    faster on tables of thousands of entries; errors still name the line."""
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RuleError(f"YAML syntax error: {error.problem or 'invalid YAML'}", path, line) from None
    except yaml.YAMLError as error:
        raise RuleError(f"YAML error: {error}", path) from None
    return plain(data)


def _walk(node, parts: tuple, lines: Lines, path: str) -> None:
    import yaml

    lines[pointer(parts)] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise RuleError(
                    f"duplicate key '{key}' (first given on line {seen[key]})", path, line
                )
            seen[key] = line
            lines[pointer(parts + (key,))] = line
            _walk_value(value_node, parts + (key,), lines, path, line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, parts + (index,), lines, path)


def _walk_value(node, parts: tuple, lines: Lines, path: str, key_line: int) -> None:
    _walk(node, parts, lines, path)
    # A key's own line is the better place to point at than where its value starts.
    lines[pointer(parts)] = key_line


def plain(data: Any) -> Any:
    """Dates to ISO strings, keys to strings: the JSON data model the schema checks."""
    if isinstance(data, dict):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    if isinstance(data, (_dt.date, _dt.datetime)):
        return data.isoformat()
    return data


def line_of(lines: Lines, parts) -> int:
    """The line of the deepest known prefix of `parts` (1 when nothing is known)."""
    parts = list(parts)
    while parts:
        key = pointer(parts)
        if key in lines:
            return lines[key]
        parts.pop()
    return lines.get("", 1)
