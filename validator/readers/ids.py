"""The cable id a file name carries: `07MUSCAT193.txt`, `07BERN881__cablemap_fixture.html`."""

from __future__ import annotations

import os
import re
from typing import Optional

# two-digit year, station letters (digits allowed after the first letter, as in
# 08USUNNEWYORK or malformed ids), serial digits
_CABLE_ID = re.compile(r"(\d{2})([A-Z][A-Z0-9]*?[A-Z])(\d{1,7})")
_SUFFIXES = re.compile(r"(?:\.(?:txt|text|html?|md|markdown|csv|tsv|gz))+$", re.I)


def cable_id_from_name(name: str) -> Optional[str]:
    """The cable id at the start of a file name, or None."""
    stem = os.path.basename(name)
    stem = _SUFFIXES.sub("", stem)
    stem = stem.split("__", 1)[0]
    match = _CABLE_ID.fullmatch(stem.upper())
    return match.group() if match else None
