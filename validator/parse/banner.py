"""Classification banners: `C O N F I D E N T I A L SECTION 01 OF 02 BERN 000881`.

Spaced, unspaced, lower-case and garbled spellings are read; the level word is found
by a fuzzy match on the letters, so `SS E C R E T` and `O N F I D E N T I A L` still
give SECRET and CONFIDENTIAL (with style "garbled").
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import Banner, Field, Level
from validator.parse.text import TextIndex, line_span

# What a line holding a repeated banner opens with (after blanks): spaced letters or a
# level word. The body's scan for them is the paragraph scan's (`parse.paragraphs`).
BANNER_LINE_OPENING = r"(?:[CSTU] [A-Za-z] [A-Za-z]|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET)"
# A run of single letters separated by one or two spaces: `C O N F I D E N T I A L`.
_SPACED = re.compile(r"\s*([A-Za-z]{0,2}?)((?:[A-Za-z] {1,2}){3,}[A-Za-z])(?![A-Za-z])")
_SPACED_GLUED = re.compile(r"\s*([A-Za-z]{0,2}?)((?:[A-Za-z] {1,2}){3,}[A-Za-z])(?![a-z])")
_UNSPACED = re.compile(
    r"\s*(TOP SECRET|CONFIDENTIAL|SECRET|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)(?![A-Za-z])"
)
_EFTO = re.compile(r"\s*(?:E\s?F\s?T\s?O)\b")
_FOUO_SUFFIX = re.compile(r"\s*//\s*(FOR OFFICIAL USE ONLY|FOUO|SBU|NOFORN|NF)\b")
_SUFFIX_CONTROLS = {"FOR OFFICIAL USE ONLY": "FOUO", "FOUO": "FOUO", "SBU": "SBU", "NOFORN": "NOFORN", "NF": "NOFORN"}
_SECTION = re.compile(r"\s*(?:SECTION|SCTION|ECTION|SECTON)\s*(\d{1,3})\s+(?:OF|GF|0F)\s+(\d{1,3})", re.IGNORECASE)
_ORIGIN_NUMBER = re.compile(r"\s*([A-Za-z][A-Za-z .'()-]*?)\s+(\d{1,7})(?![\d/:])")
_PAGE = re.compile(r"\s*PAGE\s+\d+", re.IGNORECASE)
_BANNER_CAPTIONS = re.compile(
    r"\b(SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|STADIS|SENSITIVE|NOTAL|CHEROKEE)\b"
)
_GLUED = re.compile(
    r"(?<=[A-Za-z0-9:\]\",])(C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET|UNCLAS(?:SIFIED)?)"
    r"(?=\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?[A-Z][A-Z .]*\s\d{2,7}(?!\d))"
)
# Found by its number part first (cheap to scan for), then the origin before it.
# Found by the literal `OF` (fast to scan for), then checked backwards: the serial and
# page before it, and the origin before those.
_CONTINUATION_OF = re.compile(r"OF +\d{3}\b")
_CONTINUATION_NUMBERS = re.compile(r"\d{8}\s{1,3}\d{3}(?:\.\d)?\s+$")
_CONTINUATION_ORIGIN = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z .]{0,29}\s$")


def level_from_letters(letters: str) -> tuple[Optional[Level], bool, frozenset[str]]:
    """Fuzzy level of a joined letter run: (level, exact, controls)."""
    word = letters.upper()
    if word in ("CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS", "TOPSECRET"):
        level = {"CONFIDENTIAL": Level.CONFIDENTIAL, "SECRET": Level.SECRET,
                 "TOPSECRET": Level.TOP_SECRET}.get(word, Level.UNCLASSIFIED)
        return level, True, frozenset()
    if word == "LIMITEDOFFICIALUSE":
        return Level.UNCLASSIFIED, True, frozenset({"LOU"})
    if "ONFIDENTIA" in word or "CONFIDENT" in word:
        return Level.CONFIDENTIAL, False, frozenset()
    if "TOPSECRET" in word:
        return Level.TOP_SECRET, False, frozenset()
    if word.endswith("ECRET") or "SECRE" in word:
        return Level.SECRET, False, frozenset()
    if word.startswith("UNCLAS"):
        return Level.UNCLASSIFIED, False, frozenset()
    return None, False, frozenset()


# Unspaced level words with a stray space or a lost first letter: `C ONFIDENTIAL SECTION 01
# of 03 BAKU 000744` (09BAKU744), `NCLAS SECTION 01 OF 02 BRASILIA 001017` (09BRASILIA1017).
# Taken only with an origin and number after them.
_BROKEN_WORD = re.compile(r"\s*(C ONFIDENTIAL|CO NFIDENTIAL|ONFIDENTIAL|NCLAS|S ECRET)(?![A-Za-z])")


def _level_word(text: str) -> Optional[tuple[Optional[Level], str, int, int, frozenset[str]]]:
    """(level, style, start, end, controls) of a level word at the start of `text`."""
    match = _BROKEN_WORD.match(text)
    if match:
        word = match.group(1).replace(" ", "")
        level = Level.UNCLASSIFIED if word == "NCLAS" else level_from_letters(word)[0]
        return level, "broken", match.start(1), match.end(1), frozenset()
    match = _UNSPACED.match(text)
    if match:
        word = match.group(1)
        level, _, controls = level_from_letters(word.replace(" ", ""))
        style = "unclas" if word.startswith("UNCLAS") else "unspaced"
        return level, style, match.start(1), match.end(1), controls
    match = _SPACED.match(text)
    reading = _spaced_reading(match) if match else None
    if match is None or not reading[1]:
        glued = _SPACED_GLUED.match(text)  # `C O N F I D E N T I A LCAIRO 000079`
        glued_reading = _spaced_reading(glued) if glued is not None else None
        if glued is not None and (match is None or glued_reading[1]):
            match, reading = glued, glued_reading
    if match:
        prefix, run = match.group(1), match.group(2)
        level, exact, controls = reading
        if level is None:
            return None
        if run.upper() != run:
            style = "lowercase"
        else:
            style = "spaced" if exact and not prefix else "garbled"
        start = match.start(1) if prefix else match.start(2)
        return level, style, start, match.end(2), controls
    return None


def _spaced_reading(match: re.Match) -> tuple[Optional[Level], bool, frozenset[str]]:
    """`level_from_letters` of a spaced run's letters (its prefix and run, spaces dropped)."""
    return level_from_letters(match.group(1) + match.group(2).replace(" ", ""))


# Cheap tests a line must pass before the banner patterns run.
_START_GATE = re.compile(
    r"\s*(?:[A-Za-z]{1,3} [A-Za-z] |UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL|NCLAS|C ONF|ONFID|S ECR)"
)
_GLUED_HINTS = ("C O N F", "S E C R", "UNCLAS", "CONFIDENTIAL", "SECRET")
_GLUED_HINT = re.compile("|".join(_GLUED_HINTS))


def _may_hold_banner(text: str) -> bool:
    # every glued hint holds a capital C: most lines that fail the gate are ruled out without a search
    return _START_GATE.match(text) is not None or "C" in text and _GLUED_HINT.search(text) is not None


def read_banner(text: str, line: int, *, require_number: bool = True) -> Optional[Banner]:
    """Read a banner from one line, or None when the line is not one."""
    if not _may_hold_banner(text):
        return None
    return _read_banner(text, line, require_number)


def _read_banner(text: str, line: int, require_number: bool) -> Optional[Banner]:
    """`read_banner` of a line that passed `_may_hold_banner`."""
    found = _level_word(text)
    if found is None:
        glued = _GLUED.search(text)
        if glued is None:
            return None
        found = _level_word(text[glued.start() :])
        if found is None:
            return None
        level, style, start, end, controls = found
        found = (level, "glued", start + glued.start(), end + glued.start(), controls)
    level, style, start, end, controls = found
    controls = set(controls)
    position = end
    match = _EFTO.match(text, position)
    if match:
        controls.add("EFTO")
        position = match.end()
    match = _FOUO_SUFFIX.match(text, position)
    if match:
        controls.add(_SUFFIX_CONTROLS[match.group(1)])
        position = match.end()
    if _PAGE.match(text, position):
        return None  # a print page header, not a banner
    section = sections = None
    section_span = None
    match = _SECTION.match(text, position)
    if match:
        section, sections = int(match.group(1)), int(match.group(2))
        section_span = line_span(line, match.start(1) - len("SECTION "), match.end(2))
        position = match.end()
    origin = number = None
    match = _ORIGIN_NUMBER.match(text, position)
    if match:
        origin = " ".join(match.group(1).split())
        number = Field(match.group(2), line_span(line, match.start(2), match.end(2)))
        position = match.end()
    elif require_number:
        rest = text[position:].strip()
        if rest and not _BANNER_CAPTIONS.fullmatch(rest.split()[0]):
            return None
    if style == "broken":
        if number is None:
            return None
        style = "garbled"
    end_of_banner = position
    return Banner(  # by position: keywords cost more to match
        text.strip(),  # raw
        level,
        frozenset(controls),  # controls
        style,
        section,
        sections,
        origin,
        number,
        line_span(line, start, end_of_banner),  # span
        line_span(line, start, end),  # level_span
        section_span,
    )


def find_banner(lines: list[str], limit: int) -> Optional[tuple[int, Banner]]:
    """The first banner with an origin and number in the first `limit` lines; failing
    that, the first bare classification line (a centred page banner)."""
    bare: Optional[tuple[int, Banner]] = None
    for index in range(min(limit, len(lines))):
        text = lines[index][:400]
        # `_may_hold_banner` written out: most lines fail it, and a call costs more than the test
        if not text or not (_START_GATE.match(text) or "C" in text and _GLUED_HINT.search(text)):
            continue
        if len(lines[index]) > 400 and not text.lstrip()[:1].isalpha() \
                and not _GLUED_HINT.search(text):  # a cables.csv row (09BUENOSAIRES526)
            continue
        banner = _read_banner(text, index + 1, require_number=False)
        if banner is None:
            continue
        if banner.number is not None:
            return index, banner
        if bare is None and banner.style != "glued":
            bare = (index, banner)
    return bare


def continuation_lines(index: "TextIndex", start: int) -> list[Field]:
    """Section-continuation headers such as `BERN 00000881  002 OF 002`, from line index `start`."""
    if start >= len(index):
        return []
    found = []
    text = index.text
    for match in _CONTINUATION_OF.finditer(text, index.offset(start + 1)):
        numbers = _CONTINUATION_NUMBERS.search(text, max(0, match.start() - 20), match.start())
        if numbers is None:
            continue
        origin = _CONTINUATION_ORIGIN.search(text, max(0, numbers.start() - 31), numbers.start())
        begin = origin.start() if origin else numbers.start()
        found.append(Field(text[begin:match.end()].strip(), index.span(begin, match.end())))
    return found
