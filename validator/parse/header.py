"""The transmission header: ACP-127 format lines (VZCZC, prosign, DE, ZN, DTG, FM/TO/INFO)
or an ACP-126 header that starts with the DTG; partial extracts and other wrappers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from validator.model import Addressee, DeLine, Dtg, Field, Header, Level, ParseNote, SecurityLine, Span
from validator.parse.text import line_span

MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
PRECEDENCE_WORDS = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "PIORITY", "ROUTINE")

_VZCZC = re.compile(r"\s*(VZCZC[A-Z0-9]*)")
_PROSIGN = re.compile(r"\s*(ZZ|OO|PP|RR)\b\s*")
_DE = re.compile(
    r"\s*DE\s+([A-Z0-9]{3,8})\s+#\s*(\d{1,6})(?:/(\d{1,3}))?(?:\s+((\d{3})(\d{4})))?"
)
_ZN = re.compile(r"\s*(ZN[RY])\s+([A-Z]{3,5})(?:/([A-Z]{5}))?((?:\s+\S+)*)\s*\\?$")
DTG_RE = re.compile(
    r"\s*([ZOPR])(?:\s+([ZOPR]))?\s+(\d{2})(\d{2})(\d{2})Z\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\b([^\\]*)"
)
_BARE_DTG = re.compile(r"\s*(\d{2})(\d{2})(\d{2})Z\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\b")
_FM = re.compile(r"\s*(?:FM|From:?)\s+(\S.*?)\s*\\?$")
_TO_INFO = re.compile(r"\s*(TO|INFO|XMT)\b:?\s*")
_OFFICE_BLOCK = re.compile(r"[A-Z]{1,5}-\d{2}\b")
_SIGNAL = re.compile(r"Z[A-Z]{2}\d?")
# Routing indicators, `RUEHFL RUEHKW RUEHLA`: tokens of four to eight capitals, one of
# them (at least) starting with R or Q.
_ROUTING_LINE = re.compile(r"(?=(?:.*\s)?[RQ])[A-Z]{4,8}(?:\s+[A-Z]{4,8})*")
_ROUTING_IN_LINE = re.compile(r"\b[RQ][A-Z]{3,8}\b")
PARTIAL_SENTENCE = "partial extract of the original cable"


def four_digit_year(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    return 1900 + year if year >= 60 else 2000 + year


def read_dtg(text: str, line: int, match: re.Match) -> Dtg:
    first, second, day, hour, minute, month_name, year_text, rest = match.groups()
    month = MONTHS.get(month_name.upper())
    year = four_digit_year(year_text)
    valid = month is not None and int(hour) < 24 and int(minute) < 60
    if valid:
        try:
            dt.date(year, month, int(day))
        except ValueError:
            valid = False
    signals = tuple(filter(_SIGNAL.fullmatch, rest.split()))
    precedences = (first, second) if second else (first,)  # the first is always there
    precedence_span = line_span(line, match.start(1), match.end(2) if second else match.end(1))
    return Dtg(  # by position: keywords cost more to match
        precedences,
        int(day),  # day
        int(hour),  # hour
        int(minute),  # minute
        month,
        year,
        signals,
        valid,
        line_span(line, match.start(1), match.end(7)),  # span
        precedence_span,
    )


def _security(text: str, line: int, match: re.Match) -> SecurityLine:
    prefix, letters, _special, rest = match.groups()
    first = letters[0]
    level = Level.from_letter(first) if first in "UECST" else None
    return SecurityLine(  # by position: keywords cost more to match
        prefix,
        letters,
        level,
        first == "E",  # efto
        tuple(rest.split()),  # signals
        line_span(line, match.start(1), match.end(4) if rest.strip() else match.end(2)),  # span
        line_span(line, match.start(2), match.end(2)),  # letters_span
    )


def _group_field(match: re.Match, line: int, group: int) -> Optional[Field]:
    text = match.group(group)
    return None if text is None else Field(text, line_span(line, match.start(group), match.end(group)))


def _de_line(line: int, match: re.Match) -> DeLine:
    filing = _group_field(match, line, 4)
    return DeLine(  # by position: keywords cost more to match
        _group_field(match, line, 1),  # routing_indicator
        _group_field(match, line, 2),  # serial
        _group_field(match, line, 3),  # part
        int(match.group(5)) if match.group(5) else None,  # julian_day
        match.group(6),  # time
        filing,
        line_span(line, match.start(1) - 3 if match.start(1) >= 3 else 0, match.end()),  # span
    )


_ADDRESSEE_ROLES = ("TO", "INFO", "XMT")


_RI_PREFIX = re.compile(r"([A-Z]{4,8})\s*/\s*")
_SERIAL = r"\d{4,6}(?:-\d{4,6})?"
# `... PRIORITY 7954`, `... PRIORITY`, `... 7954` at the end of the line, in one search
_LINE_END = re.compile(
    rf"\s+(?:(NIACT IMMEDIATE|FLASH|IMMEDIATE|PRIORITY|PIORITY|ROUTINE)(?:\s+({_SERIAL}))?|({_SERIAL}))$"
)


def _addressee(role: str, text: str, line: int, offset: int) -> Optional[Addressee]:
    """`RUEHC/SECSTATE WASHDC PRIORITY 7954` from column `offset` of `text`."""
    end = len(text.rstrip("\\ \t"))
    if end <= offset:
        return None
    routing = precedence = serial = None
    start = offset
    match = _RI_PREFIX.match(text, start, end)
    if match:
        routing = Field(match.group(1), line_span(line, match.start(1), match.end(1)))
        start = match.end()
    stop = end
    # the search tries every position: run it only when the line ends fittingly
    if text[end - 1].isdecimal() or text.endswith(PRECEDENCE_WORDS, start, end):
        match = _LINE_END.search(text, start, end)
        if match:
            word, after_word, alone = match.groups()
            serial_group = 2 if after_word else 3
            if after_word or alone:
                serial = Field(after_word or alone, line_span(line, match.start(serial_group), match.end(serial_group)))
            if word:
                precedence = Field("PRIORITY" if word == "PIORITY" else word, line_span(line, match.start(1), match.end(1)))
            stop = match.start()
    return Addressee(role, routing, text[start:stop].strip(), precedence, serial, line_span(line, offset, end))


def _without_line_end(rest: str) -> str:
    """`rest` less its trailing blanks and one line-continuation backslash before them."""
    rest = rest.rstrip()
    return rest[:-1] if rest.endswith("\\") else rest


def _has_office_block(text: str, start: int) -> bool:
    """`INFO OCT-01 ADS-00 ...`: the distribution list of offices, not addressees."""
    return "-" in text and _OFFICE_BLOCK.search(text, start) is not None


class _HeaderReader:
    def __init__(self, lines: list[str], notes: list[ParseNote]) -> None:
        self.lines = lines
        self.notes = notes
        self.header = Header(form="none")
        self.role: Optional[str] = None  # current addressee block
        self.seen_other = False
        self.first: Optional[int] = None
        self.last: Optional[int] = None

    def read(self, stop: int) -> Header:
        for line, text in enumerate(self.lines[:stop], 1):
            if text.strip():
                self._line(line, text)
        self._settle_form()
        if self.first is not None and self.last is not None:
            self.header.span = Span(self.first, 1, self.last, len(self.lines[self.last - 1]) + 1)
        return self.header

    def _mark(self, line: int) -> None:
        if self.first is None:
            self.first = line
        self.last = line

    def _line(self, line: int, text: str) -> None:
        header = self.header
        # Every format line starts with a fixed word: its first letter picks the patterns to try.
        stripped = text.lstrip()
        first = stripped[:1]
        to_info = _TO_INFO.match(text) if first in "TIX" else None  # a TO, INFO or XMT line
        if self.role in _ADDRESSEE_ROLES and not to_info:
            addressee = _addressee(self.role, text, line, len(text) - len(stripped))
            if addressee:
                header.addressees.append(addressee)
                if self.first is None:  # `_mark`, inline on the most frequent line
                    self.first = line
                self.last = line
            return
        if PARTIAL_SENTENCE in text:
            header.form = "partial"
            self._mark(line)
            return
        if first == "V" and header.transmission_id is None:
            match = _VZCZC.match(text)
            if match:
                header.transmission_id = Field(match.group(1), line_span(line, match.start(1), match.end(1)))
                self._mark(line)
                return
        if first == "D" and header.de is None:
            match = _DE.match(text)
            if match:
                header.de = _de_line(line, match)
                self._mark(line)
                return
        if first in "ZOPR":
            if self._signal_line(line, text, first):
                self._mark(line)
                return
        if self.role == "FL2" and header.de is None and self._looks_like_routing(text.strip(" \\")):
            header.routing += self._routing_fields(text, line, 0)
            self._mark(line)
            return
        if first == "F" and header.fm is None:
            match = _FM.match(text)
            if match and (header.dtg or header.de or header.security or text.startswith("FM")):
                header.fm = Field(match.group(1), line_span(line, match.start(1), match.end(1)))
                self.role = "FM"
                self._mark(line)
                return
        match = to_info
        if match and (header.fm is not None or header.dtg is not None):
            role = match.group(1)
            if role == "INFO" and _has_office_block(text, match.end()):
                self.role = "OFFICES"
                self.seen_other = True
                return
            self.role = role
            addressee = _addressee(role, text, line, match.end())
            if addressee:
                header.addressees.append(addressee)
            self._mark(line)
            return
        if self.role == "OFFICES" and _has_office_block(text, 0):
            return
        self.seen_other = True

    def _signal_line(self, line: int, text: str, first: str) -> bool:
        """The security line (ZNR/ZNY), the DTG or the prosign line; True when read."""
        header = self.header
        if first == "Z" and header.security is None:
            match = _ZN.match(text)
            if match:
                header.security = _security(text, line, match)
                return True
        if header.dtg is None and self.role in (None, "FL2"):
            match = DTG_RE.match(text)
            if match:
                header.dtg = read_dtg(text, line, match)
                return True
        if header.prosign is None and header.de is None:
            match = _PROSIGN.match(text)
            if match and self._looks_like_routing(_without_line_end(text[match.end():])):
                header.prosign = Field(match.group(1), line_span(line, match.start(1), match.end(1)))
                header.routing = self._routing_fields(text, line, match.end())
                self.role = "FL2"
                return True
        return False

    @staticmethod
    def _looks_like_routing(rest: str) -> bool:
        return _ROUTING_LINE.fullmatch(rest.strip()) is not None

    @staticmethod
    def _routing_fields(text: str, line: int, start: int) -> tuple[Field, ...]:
        return tuple([
            Field(m.group(0), line_span(line, m.start(), m.end()))
            for m in _ROUTING_IN_LINE.finditer(text, start)
        ])  # a list comprehension: a generator costs more to run

    def _settle_form(self) -> None:
        header = self.header
        if header.form == "partial":
            return
        if header.transmission_id or header.de or header.security:
            header.form = "ACP-127"
        elif header.dtg is not None:
            header.form = "ACP-126"
        elif header.fm is not None or header.addressees or self.seen_other:
            header.form = "other"


def parse_header(lines: list[str], stop: int, notes: list[ParseNote]) -> Header:
    """Read the header from the lines before `stop` (the banner's index, 0-based)."""
    return _HeaderReader(lines, notes).read(stop)
