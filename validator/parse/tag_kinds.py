"""What kind of TAG a token is: subject, program, country, organization, person or unknown.

Kinds come from the TAGS vocabularies bundled under `rules/data/vocab/` (data, not
rules), read once per process on first use; without them, from the token's shape.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from validator.datacache import load_cached
from validator.resources import rules_dir

_VOCABULARIES = (
    ("country", "countries.yaml"),
    ("subject", "tags-subject.yaml"),
    ("program", "tags-program.yaml"),
    ("organization", "tags-organization.yaml"),
)
_PROGRAM_SHAPE = re.compile(r"K[A-Z]{3}")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _vocabularies() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    kinds: dict[str, str] = {}
    shapes: list[tuple[re.Pattern, str]] = []
    folder = rules_dir() / "data" / "vocab"
    for kind, name in reversed(_VOCABULARIES):  # earlier entries win
        path = folder / name
        try:
            data = load_cached(path, lambda text: yaml.load(text, Loader=_Loader), "tag-kinds") or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(data, dict):
            continue
        for value in data.get("values") or []:
            kinds[str(value).upper()] = kind
        shapes[:0] = [(re.compile(str(pattern)), kind) for pattern in data.get("patterns") or []]
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
