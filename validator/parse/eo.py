"""The E.O. line: `E.O. 12958: DECL: 02/26/2017` and its forms from 1972 to 2010.

Reads the order as written, the instruction word (DECL/DNG) and its value: dates in
every format seen, N/A, OADR, X1-X8, 25X/50X/75X, MR, the E.O. 11652 and 12065 codes
(GDS, XGDS-n, RDS-n, XDS-n with a date and a classifier), events in words, and the
declassification stamps added at release (`DECLASSIFIED BY NARA 09/02/2009`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from validator.model import EoLine, Level, ParseNote, Span
from validator.parse.text import line_span

# A dotted label may follow a digit (`NA-20E.O. 12958` in a one-line page); `EO` may not.
# (?=[Ee]): a search then skips the positions that cannot start a label at once.
LABEL_RE = re.compile(
    r"(?=[Ee])(?:(?<![a-z0-9])|(?<![a-z])(?=E\s?\.))"
    r"(E\s?\.\s?[Oo0]\s?\.?|E\s?\.?\s?[O0]\s?\.|EO|E\.O|e\.\s?o\.?)\s*:?\s*(\d{3,5})(?![\d/])"
)
_AMENDED = re.compile(r"\s*[,:;.]?\s*(?:AS\s+AMENDED\s*[,:;.]?\s*)?", re.IGNORECASE)
# `DECLASSIFY ON 8/31/2034` and the typo `DECLl:` are the DECL instruction too
_INSTRUCTION = re.compile(r"(DECL|DNG)(?:ASSIFY|l)?\b(?:\s+ON)?\s*[:;.]?\s*", re.IGNORECASE)
# `Reason: E.O. 12958 1.4 (d)`: a Classified By reason citing the order, not an E.O. line
REASON_CITATION = re.compile(
    r"\s*[,:;.]?\s*(?:1\s?\.(?:\s?[4-6])?(?:\s*\(|\s*$|\s*[a-hA-H]\b)|[Rr]easons?\b|REASONS?\b)"
)


def cites_reason_at(text: str, position: int) -> bool:
    """Whether `REASON_CITATION` matches at `position`. What follows most labels, the E.O.
    line's `: DECL: ...`, is ruled out without the pattern by the character a citation goes
    on with after its blanks and one point (str.lstrip strips what `\\s` matches)."""
    ahead = text[position:position + 40].lstrip()
    if ahead[:1] in (",", ":", ";", "."):
        ahead = ahead[1:].lstrip()
    if ahead and ahead[0] not in "1Rr":
        return False
    return REASON_CITATION.match(text, position) is not None


_NA = re.compile(r"N\s*/?\s*A\b\.?", re.IGNORECASE)
_MONTH_NAMES = (
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
    "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
)
_MONTH_WORD = "|".join(_MONTH_NAMES) + "|" + "|".join(m[:3] for m in _MONTH_NAMES)
_DATE_RE = re.compile(
    r"(?P<ymd>(?P<y1>\d{4})[/-](?P<m1>\d{1,2})[/-](?P<d1>\d{1,2}))"
    r"|(?P<mdy>(?P<m2>\d{1,3})(?P<sep>[/-])(?P<d2>\d{1,2})(?P=sep)(?P<y2>\d{4}|\d{2})(?!\d))"
    r"|(?P<dmy>(?P<d3>\d{1,2})\s+(?P<mw3>" + _MONTH_WORD + r")\.?\s+(?P<y3>\d{4}))"
    r"|(?P<mdy_w>(?P<mw4>" + _MONTH_WORD + r")\.?\s+(?P<d4>\d{1,2}),?\s+(?P<y4>\d{4}))",
    re.IGNORECASE,
)
_X_CODES = re.compile(r"\(?\s*(?:1\.6\s*)?(X[1-8])\s*\)?", re.IGNORECASE)
_25X = re.compile(r"(25X[1-9])(?:\s*-\s*(HUM(?:AN)?))?", re.IGNORECASE)
_50X = re.compile(r"(50X[12])(?:\s*-\s*(HUM|WMD))?", re.IGNORECASE)
_75X = re.compile(r"(75X\d?)", re.IGNORECASE)
_CODE_11652 = re.compile(r"(XGDS|NGDS|GDS|ADS|RDS|XDS)(?:\s*-?\s*([1-4]))?\b", re.IGNORECASE)
_CLASSIFIER = re.compile(r"\(([^)]{2,60})\)")
_STAMP = re.compile(r"DECLASSIFIED\b", re.IGNORECASE)
_REDACTED = re.compile(r"X{5,}")
_DOWNGRADE_LEVEL = re.compile(r"(CONFIDENTIAL|SECRET|CO|CONF|C|S|U|UNCLASSIFIED)\b\s*", re.IGNORECASE)
_DOWNGRADE_LEVELS = {
    "CONFIDENTIAL": Level.CONFIDENTIAL, "CONF": Level.CONFIDENTIAL, "CO": Level.CONFIDENTIAL,
    "C": Level.CONFIDENTIAL, "SECRET": Level.SECRET, "S": Level.SECRET,
    "U": Level.UNCLASSIFIED, "UNCLASSIFIED": Level.UNCLASSIFIED,
}


def year_of(text: str) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    return 1900 + year if year >= 70 else 2000 + year


def read_date(match: re.Match) -> tuple[Optional[dt.date], str]:
    """(date or None if impossible, format as written) of a `_DATE_RE` match."""
    group = match.group  # each alternative read by name: no dict of all the groups
    if group("ymd"):
        year, month, day = group("y1", "m1", "d1")
        fmt = f"YYYY{match.group(0)[4]}{'M' * len(month)}{match.group(0)[4]}{'D' * len(day)}"
    elif group("mdy"):
        month, day, year, sep = group("m2", "d2", "y2", "sep")
        fmt = f"{'M' * len(month)}{sep}{'D' * len(day)}{sep}{'Y' * len(year)}"
    elif group("dmy"):
        day, year = group("d3", "y3")
        month = str(_month_number(group("mw3")))
        fmt = "D MONTH YYYY"
    else:
        day, year = group("d4", "y4")
        month = str(_month_number(group("mw4")))
        fmt = "MONTH D, YYYY"
    try:
        return dt.date(year_of(year), int(month), int(day)), fmt
    except ValueError:
        return None, fmt


def _month_number(word: str) -> int:
    prefix = word[:3].upper()
    for number, name in enumerate(_MONTH_NAMES, 1):
        if name.startswith(prefix):
            return number
    return 0


class _Value:
    """The reading of the value after DECL:."""

    __slots__ = ("kind", "decl_date", "date_format", "exemptions", "downgrade_to", "classifier", "extra", "date_span")

    def __init__(self) -> None:
        self.kind = "empty"
        self.decl_date: Optional[dt.date] = None
        self.date_format: Optional[str] = None
        self.exemptions: tuple[str, ...] = ()
        self.downgrade_to: Optional[Level] = None
        self.classifier: Optional[str] = None
        self.extra: tuple[str, ...] = ()
        self.date_span: Optional[tuple[int, int]] = None


_WORD = re.compile(r"[A-Za-z]{3,}")
_SLASHED_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}")


def _read_value(value: str, instruction: Optional[str]) -> _Value:
    reading = _Value()
    text = value.strip()
    if not text:
        return reading
    upper = text.upper()
    if instruction == "DNG":
        match = _DOWNGRADE_LEVEL.match(text)
        if match:
            reading.downgrade_to = _DOWNGRADE_LEVELS.get(match.group(1).upper())
            text = text[match.end():]
            upper = text.upper()
    # `11/10/2014`, most values, starts as none of the coded forms do: only a date is tried
    if not _SLASHED_DATE.fullmatch(text) and _read_coded(reading, text, upper):
        return reading
    match = _DATE_RE.search(text)
    if match and match.start() <= 2:
        reading.kind = "date"
        reading.decl_date, reading.date_format = read_date(match)
        reading.date_span = (match.start(), match.end())
        _extra_after(reading, text, match.end())
        return reading
    if _WORD.search(text):
        reading.kind = "event"
        _take_date(reading, text)
        return reading
    reading.kind = "unreadable"
    return reading


def _read_coded(reading: _Value, text: str, upper: str) -> bool:
    """The forms read before a date (redacted, stamp, N/A, OADR, MR, 25X, X-codes, 11652
    codes) into `reading`; True when the value is one."""
    if _REDACTED.fullmatch(upper):
        reading.kind = "redacted"  # the publisher's XXXXXXXXXXXXX: nothing of the cable's value is left
        return True
    if _STAMP.match(upper):
        reading.kind = "stamp"  # a release artifact: its date is not a declassification instruction
        return True
    if _NA.fullmatch(text.rstrip(".")) or upper in ("NA", "N/A", "N/A."):
        reading.kind = "na"
        return True
    if upper.startswith("OADR"):
        reading.kind = "oadr"
        _extra_after(reading, text, 4)
        return True
    if upper in ("MR", "MANUAL REVIEW") or upper.startswith("MR ") or upper.startswith("MANUAL REVIEW"):
        reading.kind = "mr"
        return True
    for pattern, kind in ((_50X, "50x"), (_25X, "25x"), (_75X, "75x")):
        match = pattern.match(text)
        if match:
            reading.kind = kind
            reading.exemptions = (match.group(0).upper().replace(" ", ""),)
            _take_date(reading, text[match.end():], offset=match.end())
            return True
    x_codes = _x_code_list(text)
    if x_codes:
        reading.kind = "x-codes"
        reading.exemptions = x_codes
        return True
    match = _CODE_11652.match(text)
    if match:
        code = match.group(1).upper()
        reading.kind = code.lower()
        if match.group(2):
            reading.exemptions = (f"{code}-{match.group(2)}",)
        _take_date(reading, text[match.end():], offset=match.end())
        classifier = _CLASSIFIER.search(text, match.end())
        if classifier:
            reading.classifier = classifier.group(1).strip()
        return True
    return False


def _take_date(reading: _Value, text: str, offset: int = 0) -> None:
    match = _DATE_RE.search(text)
    if match:
        reading.decl_date, reading.date_format = read_date(match)
        reading.date_span = (offset + match.start(), offset + match.end())


_X_CODE_SEPARATOR = re.compile(r"\s*(?:,|/|&|AND)\s*", re.IGNORECASE)


def _x_code_list(text: str) -> tuple[str, ...]:
    codes = []
    position = 0
    while True:
        match = _X_CODES.match(text, position)
        if not match:
            break
        codes.append(match.group(1).upper())
        position = match.end()
        separator = _X_CODE_SEPARATOR.match(text[position:])
        if not separator:
            break
        position += separator.end()
    return tuple(codes)


_EXTRA_VALUE = re.compile(r"\bOADR\b|\bX[1-8]\b|\b25X\d\b|\d{1,2}/\d{1,2}/\d{2,4}", re.IGNORECASE)


def _extra_after(reading: _Value, text: str, position: int) -> None:
    rest = text[position:]
    if not rest:  # a value that ends with its date, as most do
        return
    extras = []
    for match in _EXTRA_VALUE.finditer(rest):
        extras.append(match.group(0))
    reading.extra = tuple(extras)


def parse_eo_line(text: str, line: int, label: re.Match, end: int, notes: list[ParseNote]) -> EoLine:
    """Read the E.O. line whose label `label` matched in `text`; the value ends at `end`."""
    order_text = label.group(2)
    position = label.end()
    amended = _AMENDED.match(text, position)
    if amended:
        position = amended.end()
    instruction = None
    match = _INSTRUCTION.match(text, position)
    if match:
        instruction = match.group(1).upper()
        position = match.end()
        again = _INSTRUCTION.match(text, position)
        if again and again.group(1).upper() == instruction:
            notes.append(ParseNote("eo-instruction-repeated", f"'{instruction}:' is written twice",
                                   line_span(line, match.start(), again.end())))
            position = again.end()
    value_start = position
    value = text[value_start:end].rstrip()
    reading = _read_value(value, instruction)
    value_span = line_span(line, value_start, value_start + len(value))
    raw = text[label.start():end].strip()
    if raw.endswith(("...", "\u2026")):
        pass  # a publisher's cut preview (`E.O. 12958: DE...`): the full line follows, nothing to note
    elif reading.kind == "date" and reading.decl_date is None:
        notes.append(ParseNote("decl-date-impossible",
                               f"DECL date '{value.strip()}' is not a real calendar date", value_span))
    elif reading.kind == "unreadable":
        notes.append(ParseNote("decl-value-unreadable",
                               f"cannot read the declassification value '{value.strip()}'", value_span))
    if reading.kind == "date" and reading.date_span is not None:
        start, stop = reading.date_span
        value_span = line_span(line, value_start + start, value_start + stop)
    return EoLine(  # by position: keywords cost more to match
        raw,
        label.group(1),  # label
        order_text,
        int(order_text),  # order
        instruction,  # kind
        value.strip(),  # value
        reading.kind,  # value_kind
        reading.decl_date,  # decl_date
        reading.date_format,  # date_format
        reading.exemptions,  # exemptions
        reading.downgrade_to,  # downgrade_to
        reading.classifier,  # classifier
        line_span(line, label.start(), max(end, label.end())),  # span
        line_span(line, label.start(2), label.end(2)),  # order_span
        value_span,
        reading.extra,  # extra_values
    )
