"""Portion marks: `(C)`, `(S/NF)`, `(SBU)`, `(C//REL NATO)`, `(U//FOUO)`, `(S//FGI//NF)`.

A mark is read into a level and a set of normalised controls. Malformed but readable
tokens (`C NF`, `S-NF`, `SNF`, `S/NOFORN`) keep their level with `known=False`.
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import Level, PortionMark, Span

_LEVEL_TOKENS = {
    "TS": Level.TOP_SECRET,
    "S": Level.SECRET,
    "C": Level.CONFIDENTIAL,
    "U": Level.UNCLASSIFIED,
    "SBU": Level.UNCLASSIFIED,
    "LOU": Level.UNCLASSIFIED,
    "FOUO": Level.UNCLASSIFIED,
}
# Spelled out, or NATO's own marks (`(NC)` NATO CONFIDENTIAL, 07REYKJAVIK298): read, not standard.
_SPELLED_LEVELS = {"TOP SECRET": "TS", "SECRET": "S", "CONFIDENTIAL": "C", "UNCLASSIFIED": "U",
                   "NS": "S", "NC": "C", "NU": "U"}
_SPELLED_OPENINGS = frozenset(word[:2] for word in _SPELLED_LEVELS)
_LEVEL_CONTROLS = {"SBU": "SBU", "LOU": "LOU", "FOUO": "FOUO"}

_CONTROL_TOKENS = {
    "NF": "NOFORN",
    "NOFORN": "NOFORN",
    "N": "NOFORN",  # SBU/N, SBU N: SBU NOFORN (5 FAH-1 H-246.2)
    "FGI": "FGI",
    "OC": "ORCON",
    "ORCON": "ORCON",
    "FOUO": "FOUO",
    "SBU": "SBU",
    "PROPIN": "PROPIN",
    "PR": "PROPIN",
    "EXDIS": "EXDIS",
    "NODIS": "NODIS",
}

# Malformed glued forms seen in the corpus, read by guess.
_GLUED = {"SNF": ("S", "NF"), "CNF": ("C", "NF"), "SBUNF": ("SBU", "NF"), "N/SF": ("S", "NF")}

# Cheap gate before the full reading: what may stand inside the parentheses.
# Levels spelled out in a mark (`(SECRET/REL FRANCE)`, `(Confidential)`): read, not standard.
_LEVEL_WORDS = r"TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|Top Secret|Secret|Confidential|Unclassified|NS|NC|NU|N/SF"
MARK_INNER = r"(?:TS|S|C|U|SBU|LOU|FOUO|SNF|CNF|" + _LEVEL_WORDS + r")(?:(?:\s*/{1,2}\s*|\s*-\s*|\s+)(?:NF|NOFORN|N|FGI|OC|ORCON|FOUO|SBU|PROPIN|EXDIS|NODIS|(?:REL|Rel|rel)(?:\s+(?:TO|to))?(?:\s+[A-Z][A-Za-z]*(?:(?:[ ,/]+|\s+and\s+)[A-Z][A-Za-z]*)*)?))*"
# A trailing `//` is tolerated: `(C//REL TO USA, KEN, GBR//)` (09NAIROBI1171).
MARK_RE = re.compile(r"\(\s*(" + MARK_INNER + r")\s*(?://)?\s*\)")
_SEPARATOR_RE = re.compile(r"\s*(//|/|-|\s)\s*")
_REL_RE = re.compile(r"REL(?:\s+TO)?\s*(.*)$")
_REL_START = re.compile(r"(?://|/|\s)REL\b")
_PARTNER_SEPARATOR = re.compile(r"[\s,/]+")


# A bare level token (`C`, `SBU`, `U`, `S`: nine marks in ten) read without the general path.
_BARE_LEVELS = {token: (level, frozenset([_LEVEL_CONTROLS[token]]) if token in _LEVEL_CONTROLS else frozenset())
                for token, level in _LEVEL_TOKENS.items()}


# The bare level tokens as a regex alternative, for patterns that read `(C)` in passing.
BARE_LEVEL = "|".join(sorted(_BARE_LEVELS, key=len, reverse=True))


def bare_mark(token: str, span: Span) -> PortionMark:
    """The mark of a bare level token (`C`, `SBU` ...), as `read_mark` reads it."""
    level, controls = _BARE_LEVELS[token]
    return PortionMark(token, level, controls, span)


def read_mark(inner: str, span: Span) -> Optional[PortionMark]:
    """Read the text inside a mark's parentheses; None if it is not a mark at all."""
    bare = _BARE_LEVELS.get(inner)
    if bare is not None:
        return PortionMark(inner, bare[0], bare[1], span)
    raw = inner
    text = inner.strip().upper()
    if not text:
        return None
    known = True
    if text[:2] in _SPELLED_OPENINGS:  # most marks (`S/NF`) open as no spelled level does
        for word, token in _SPELLED_LEVELS.items():
            if text == word or text.startswith(word) and not text[len(word)].isalpha():
                text, known = token + text[len(word):], False
                break
    if text in _GLUED:
        level_token, control = _GLUED[text]
        text = f"{level_token}/{control}"
        known = False
    rel_to: tuple[str, ...] = ()
    rel_match = _REL_START.search(text) if "REL" in text else None
    if rel_match:
        rel = _REL_RE.match(text[rel_match.start() :].lstrip("/ "))
        partners = rel.group(1) if rel else ""
        rel_to = tuple(p for p in _PARTNER_SEPARATOR.split(partners.strip()) if p and p.upper() != "AND")
        text = text[: rel_match.start()]
    parts = _SEPARATOR_RE.split(text)
    head = parts[0]
    level = _LEVEL_TOKENS.get(head)
    if level is None:
        return None
    controls: set[str] = set()
    if head in _LEVEL_CONTROLS:
        controls.add(_LEVEL_CONTROLS[head])
    for index in range(1, len(parts), 2):
        separator, token = parts[index], parts[index + 1] if index + 1 < len(parts) else ""
        if not token:
            continue
        control = _CONTROL_TOKENS.get(token)
        if control is None:
            return None
        if token == "N" and head != "SBU":
            known = False
        if separator.strip() not in ("/", "//") and not (head == "SBU" and token == "N"):
            known = False  # `C NF`, `S-NF`
        controls.add(control)
    if rel_to or rel_match:
        controls.add("REL")
    return PortionMark(  # by position: keywords cost more to match
        raw,
        level,
        frozenset(controls),  # controls
        span,
        rel_to,
        known,
    )


def mark_at(line_text: str, line_number: int, start: int) -> Optional[PortionMark]:
    """A portion mark starting exactly at `start` in `line_text`, or None."""
    match = MARK_RE.match(line_text, start)
    if not match:
        return None
    span = Span(line_number, match.start() + 1, line_number, match.end() + 1)
    return read_mark(match.group(1), span)
