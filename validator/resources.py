"""Where the bundled rule set and schemas live, installed or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_root() -> Path:
    """The folder holding `rules/` and `schemas/`.

    A wheel carries them inside the package as `_data/`; a source checkout (or an
    editable install) has them beside the package.
    """
    packaged = _PACKAGE / "_data"
    if (packaged / "rules").is_dir():
        return packaged
    return _PACKAGE.parent


def rules_dir() -> Path:
    return data_root() / "rules"


def schemas_dir() -> Path:
    return data_root() / "schemas"


def schema_path(name: str) -> Path:
    return schemas_dir() / name
