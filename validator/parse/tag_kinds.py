"""What kind of TAG a token is: subject, program, country, organization, person or unknown.

Kinds come from the TAGS vocabularies bundled under `rules/data/vocab/` (data, not
rules), read once per process on first use; without them, from the token's shape.
"""

from __future__ import annotations

import re
from functools import lru_cache

from validator.datacache import load_cached
from validator.resources import rules_dir

_VOCABULARIES = (
    ("country", "countries.yaml"),
    ("subject", "tags-subject.yaml"),
    ("program", "tags-program.yaml"),
    ("organization", "tags-organization.yaml"),
)
_PROGRAM_SHAPE = re.compile(r"K[A-Z]{3}")


def _read_vocabulary(text: str) -> dict[str, list[str]]:
    """What the parser reads of a vocabulary: its values and patterns (plain strings, so
    that its JSON copy can be written: the dates of the values' ranges cannot). Read
    only when the copy is missing, so yaml is imported here, not by every run."""
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise ValueError(f"not valid YAML: {error}") from None
    if not isinstance(data, dict):
        return {}
    return {"values": [str(value) for value in data.get("values") or []],
            "patterns": [str(pattern) for pattern in data.get("patterns") or []]}


@lru_cache(maxsize=None)
def _vocabularies() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    kinds: dict[str, str] = {}
    shapes: list[tuple[re.Pattern, str]] = []
    folder = rules_dir() / "data" / "vocab"
    for kind, name in reversed(_VOCABULARIES):  # earlier entries win
        path = folder / name
        try:
            data = load_cached(path, _read_vocabulary, "tag-kinds") or {}
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        for value in data.get("values") or []:
            kinds[value.upper()] = kind
        shapes[:0] = [(re.compile(pattern), kind) for pattern in data.get("patterns") or []]
    return kinds, shapes


def tag_kind(token: str) -> str:
    if "," in token or "(" in token:
        return "person"
    kinds, shapes = _vocabularies()
    kind = kinds.get(token)
    if kind is not None:
        return kind
    for shape, kind in shapes:  # regional X*/Z* codes, K-tags
        if shape.fullmatch(token):
            return kind
    if _PROGRAM_SHAPE.fullmatch(token):
        return "program"
    return "unknown"
