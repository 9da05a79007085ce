"""The types every stage hands on: spans, the document read from a file, the parsed
cable with each element and its location, and the finding a rule reports.

Flow: readers make a `Document`; the parser turns its text into a `Cable`; the engine
checks the cable and yields `Finding`s; reporters print them. Spans inside a `Cable`
are in the coordinates of `Document.text` (1-based lines and columns, end column
exclusive); `Document.source_map` turns them into coordinates of the file as given.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any, NamedTuple, Optional


# --------------------------------------------------------------------------- spans


class Span(NamedTuple):
    """A stretch of text: 1-based line and column; `end_column` is exclusive.

    A named tuple, not a dataclass: the parser makes hundreds per cable, and tuples
    are several times cheaper to build. Spans order by position.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def on_line(cls, line: int, start: int, end: int) -> "Span":
        """A span on one line from 0-based string offsets `start`..`end`."""
        # tuple.__new__: the named tuple's own __new__ runs Python code and costs three
        # times as much (the parser makes hundreds of these per cable)
        return tuple.__new__(cls, (line, start + 1, line, end + 1))

    @classmethod
    def whole_line(cls, line: int, text: str) -> "Span":
        return cls(line, 1, line, len(text) + 1)

    def to(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of `other`."""
        return Span(self.line, self.column, other.end_line, other.end_column)


NOWHERE = Span(1, 1, 1, 1)


class SourceMap:
    """Maps (line, column) of the document text to (line, column) in the file.

    The identity map serves plain text. Readers that rewrite the text (HTML entities,
    CSV escapes, a document inside a larger file) record, for each text line, the
    file line and column where it starts, plus optional column anchors within the
    line where the rewrite shifted characters.
    """

    __slots__ = ("_starts", "_anchors")

    def __init__(
        self,
        starts: Optional[list[tuple[int, int]]] = None,
        anchors: Optional[dict[int, list[tuple[int, int]]]] = None,
    ) -> None:
        # starts[i] = (file_line, file_column) of text line i+1; None = identity.
        self._starts = starts
        # anchors[text_line] = sorted [(text_col, file_col_delta)]: from text_col on,
        # add delta to the column computed from the line start.
        self._anchors = anchors or {}

    @property
    def is_identity(self) -> bool:
        return self._starts is None

    def position(self, line: int, column: int) -> tuple[int, int]:
        if self._starts is None:
            return line, column
        if not self._starts:
            return 1, 1
        index = min(max(line, 1), len(self._starts)) - 1
        file_line, file_col = self._starts[index]
        delta = 0
        for text_col, shift in self._anchors.get(index + 1, ()):
            if column >= text_col:
                delta = shift
            else:
                break
        return file_line, file_col + column - 1 + delta

    def span(self, span: Span) -> Span:
        if self._starts is None:
            return span
        line, column = self.position(span.line, span.column)
        end_line, end_column = self.position(span.end_line, span.end_column)
        if (end_line, end_column) < (line, column):
            end_line, end_column = line, column
        return Span(line, column, end_line, end_column)


IDENTITY_MAP = SourceMap()


@dataclass(slots=True)
class ExternalMetadata:
    """What a publisher says about the cable, outside its text (HTML table, CSV row)."""

    source: str  # "html", "cables.csv", "markdown-front-matter", ...
    reference_id: Optional[str] = None
    created: Optional[str] = None  # as written
    released: Optional[str] = None
    classification: Optional[str] = None  # as written, e.g. "SECRET//NOFORN"
    origin: Optional[str] = None
    references: tuple[str, ...] = ()
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> span in file


@dataclass(slots=True)
class ReaderNote:
    """Something a reader noticed about the file itself (encoding, BOM, NUL bytes)."""

    code: str  # a parse-note code, see `ParseNote`
    message: str
    span: Span = NOWHERE  # in file coordinates


@dataclass(slots=True)
class Document:
    """One cable as read from a file (or one row of a `cables.csv`)."""

    path: str  # as the user gave it (or `archive.zip!member`, `cables.csv#row 12`)
    text: str  # the cable text, header block then body, newlines normalised to \n
    form: str  # "text", "html", "markdown", "cables.csv", "db-dump"
    source_map: SourceMap = IDENTITY_MAP
    external: Optional[ExternalMetadata] = None
    file_cable_id: Optional[str] = None  # from the file name, when it is a cable id
    notes: list[ReaderNote] = field(default_factory=list)
    encoding: str = "utf-8"


# ------------------------------------------------------------- classification


class Level(IntEnum):
    """Classification levels, ordered. LOU/SBU/EFTO are controls on UNCLASSIFIED."""

    UNCLASSIFIED = 0
    CONFIDENTIAL = 1
    SECRET = 2
    TOP_SECRET = 3

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @classmethod
    def from_letter(cls, letter: str) -> Optional["Level"]:
        return _LEVEL_LETTERS.get(letter.upper())

    @classmethod
    def from_word(cls, word: str) -> Optional["Level"]:
        """`CONFIDENTIAL`, `C`, `UNCLAS`, `TOP SECRET`, `TS` ... -> the level; None otherwise."""
        return _LEVEL_WORDS.get(word.strip().upper().replace(" ", "").replace("_", ""))


_LEVEL_LETTERS = {
    "U": Level.UNCLASSIFIED,
    "E": Level.UNCLASSIFIED,  # EFTO
    "C": Level.CONFIDENTIAL,
    "S": Level.SECRET,
    "T": Level.TOP_SECRET,
    "TS": Level.TOP_SECRET,
}
_LEVEL_WORDS = {
    "UNCLASSIFIED": Level.UNCLASSIFIED, "UNCLAS": Level.UNCLASSIFIED, "U": Level.UNCLASSIFIED,
    "CONFIDENTIAL": Level.CONFIDENTIAL, "C": Level.CONFIDENTIAL,
    "SECRET": Level.SECRET, "S": Level.SECRET,
    "TOPSECRET": Level.TOP_SECRET, "TS": Level.TOP_SECRET,
}


@dataclass(slots=True)
class PortionMark:
    """A portion mark such as `(C)`, `(S/NF)`, `(SBU)`, `(C//REL NATO)`.

    `controls` holds normalised tokens: NOFORN, SBU, FOUO, FGI, ORCON, REL
    (with `rel_to` naming the partners), LOU, EFTO.
    """

    raw: str  # the text between the parentheses, as written
    level: Optional[Level]  # None when the mark could not be read
    controls: frozenset[str]
    span: Span  # of the mark including its parentheses
    rel_to: tuple[str, ...] = ()
    known: bool = True  # False for malformed tokens (`C NF`, `SNF`) read by guess


# ---------------------------------------------------------------- header parts


@dataclass(slots=True)
class Field:
    """A raw value and where it is."""

    text: str
    span: Span


@dataclass(slots=True)
class DeLine:
    """`DE RUEHMS #0193/01 0580748`."""

    routing_indicator: Optional[Field]
    serial: Optional[Field]  # the 4 digits after '#'
    part: Optional[Field]  # the NN of '/NN'
    julian_day: Optional[int]
    time: Optional[str]  # HHMM
    filing: Optional[Field]  # the whole JJJHHMM token
    span: Span


@dataclass(slots=True)
class SecurityLine:
    """`ZNY CCCCC ZZH`: FL4 security warning and operating signals."""

    prefix: str  # ZNR / ZNY
    letters: str  # CCCCC, UUUUU, SSSAA ...
    level: Optional[Level]
    efto: bool
    signals: tuple[str, ...]
    span: Span
    letters_span: Span


@dataclass(slots=True)
class Dtg:
    """A date-time group `O P 270748Z FEB 07 ZDK` (FL5, or first line of ACP-126)."""

    precedences: tuple[str, ...]  # ('O', 'P')
    day: int
    hour: int
    minute: int
    month: Optional[int]  # None when the month name is not one
    year: Optional[int]  # four digits
    signals: tuple[str, ...]
    valid: bool  # a real calendar date and time
    span: Span
    precedence_span: Optional[Span] = None

    @property
    def date(self) -> Optional[_dt.date]:
        if not self.valid or self.month is None or self.year is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(slots=True)
class Addressee:
    """One TO/INFO/XMT addressee line."""

    role: str  # "TO", "INFO", "XMT"
    routing_indicator: Optional[Field]
    address: str  # plain-language address
    precedence: Optional[Field]  # FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE
    serial: Optional[Field]
    span: Span


@dataclass(slots=True)
class Header:
    """The transmission header (ACP-127 format lines, or an ACP-126 DTG-first header)."""

    form: str  # "ACP-127", "ACP-126", "partial", "other", "none"
    transmission_id: Optional[Field] = None  # VZCZCXRO4218
    prosign: Optional[Field] = None  # RR / OO / PP / ZZ
    routing: tuple[Field, ...] = ()  # routing indicators of FL2
    de: Optional[DeLine] = None
    security: Optional[SecurityLine] = None
    dtg: Optional[Dtg] = None
    fm: Optional[Field] = None  # plain-language address after FM
    addressees: list[Addressee] = field(default_factory=list)
    span: Optional[Span] = None


# --------------------------------------------------------------- body parts


@dataclass(slots=True)
class Banner:
    """A classification line: `C O N F I D E N T I A L SECTION 01 OF 02 BERN 000881`."""

    raw: str
    level: Optional[Level]
    controls: frozenset[str]  # EFTO, SBU, LOU, FOUO written in the banner itself
    style: str  # "spaced", "unspaced", "lowercase", "garbled", "unclas", "centered"
    section: Optional[int]
    sections: Optional[int]
    origin: Optional[str]  # as written, spaces kept
    number: Optional[Field]  # digits as written
    span: Span
    level_span: Span
    section_span: Optional[Span] = None
    repeated: bool = False  # a page/section banner after the first


@dataclass(slots=True)
class Caption:
    """A caption or handling line: SIPDIS, NOFORN, EXDIS, SENSITIVE, `DEPT FOR ...`."""

    name: str  # normalised: SIPDIS, NOFORN, EXDIS, NODIS, LIMDIS, STADIS, SENSITIVE,
    # NOTAL, FOUO, LOU, REL, CORRECTED-COPY, ATTENTION, PASS, ROGER, TERREP, ...
    raw: str
    span: Span
    value: Optional[str] = None  # for REL TO: the partners; ATTENTION: the text


@dataclass(slots=True)
class EoLine:
    """`E.O. 12958: DECL: 02/26/2017` and every other form of the E.O. line."""

    raw: str
    label: str  # "E.O.", "EO", "E. O.", "e.o." as written
    order_text: Optional[str]  # digits as written, "12958"
    order: Optional[int]  # int of order_text when it is a number
    kind: Optional[str]  # "DECL", "DNG", None when no instruction word
    value: str  # the instruction value as written (after DECL:), stripped
    value_kind: str
    # "date", "na", "oadr", "x-codes", "25x", "50x", "75x", "mr", "gds", "xgds",
    # "rds", "xds", "ngds", "ads", "event", "stamp", "empty", "unreadable", "redacted"
    decl_date: Optional[_dt.date]
    date_format: Optional[str]  # "MM/DD/YYYY", "M/D/YY", "YYYY/MM/DD", ...
    exemptions: tuple[str, ...]  # X1..X8, 25X1, 50X1-HUM ...
    downgrade_to: Optional[Level]  # for DNG
    classifier: Optional[str]  # 12065-era "(TOMSETH, VICTOR L.)"
    span: Span
    order_span: Optional[Span]
    value_span: Span
    extra_values: tuple[str, ...] = ()  # a second declassification value on the line


@dataclass(slots=True)
class ClassifiedBy:
    """`Classified By: Ambassador Gary A. Grappo for Reasons 1.4 (b) and (d).`"""

    raw: str
    label: str  # "Classified By", "Derived from", ... as written
    derived: bool  # a `Derived from:` line
    authority: Optional[str]  # the person or source, as written
    title: Optional[str]  # position, when it can be told apart
    reason_section: Optional[str]  # "1.4", "1.5", "1.2", as normalised
    reason_section_raw: Optional[str]
    reasons: tuple[str, ...]  # lower-case letters: ("b", "d")
    span: Span
    reason_span: Optional[Span]
    in_paragraph: Optional[int] = None  # when written inside a numbered paragraph


@dataclass(slots=True)
class Tag:
    text: str  # normalised upper-case token
    raw: str
    kind: str  # "subject", "program", "country", "organization", "person", "unknown"
    span: Span


@dataclass(slots=True)
class TagsLine:
    label: str  # "TAGS:", "TAGS", "TAG", "TGS" ... as written
    tags: list[Tag]
    span: Span
    separator: str  # "space", "comma", "mixed"


@dataclass(slots=True)
class Subject:
    label: str
    text: str
    marking: Optional[PortionMark]
    span: Span


@dataclass(slots=True)
class Reference:
    letter: Optional[str]  # "A", "B", None for a single reference
    text: str
    span: Span


@dataclass(slots=True)
class Paragraph:
    """A numbered paragraph (or an unnumbered marked one)."""

    number: Optional[int]
    marking: Optional[PortionMark]
    span: Span  # the paragraph's first line up to the end of its lead-in
    number_span: Optional[Span]
    anchor: str  # "pilcrow", "markdown-link", "markdown-lost-link", "plain", "none"
    entire_text: Optional[Level] = None  # `1. CONFIDENTIAL - ENTIRE TEXT.`, `1. SENSITIVE BUT UNCLASSIFIED`
    end_line: int = 0  # last line of the paragraph
    inner_marks: int = 0  # portion marks inside it after its lead (`-- (SBU) ...` bullets)


@dataclass(slots=True)
class ParseNote:
    """Something the parser could not read; rules of family CL9xx report these."""

    code: str  # stable key, e.g. "decl-date-unreadable", "portion-mark-unknown"
    message: str
    span: Span


@dataclass(slots=True)
class Cable:
    """Everything the parser read from one document, each with its span."""

    cable_id: Optional[str] = None  # canonical when known: 07MUSCAT193
    id_origin: Optional[str] = None  # MUSCAT
    id_number: Optional[int] = None
    id_year: Optional[int] = None
    header: Header = field(default_factory=lambda: Header(form="none"))
    banners: list[Banner] = field(default_factory=list)
    continuations: list[Field] = field(default_factory=list)  # `BERN 00000881  002 OF 002`
    captions: list[Caption] = field(default_factory=list)
    eo: Optional[EoLine] = None
    eo_lines: list[EoLine] = field(default_factory=list)  # every E.O. line seen
    release_stamps: list[Field] = field(default_factory=list)  # DECLASSIFIED BY NARA ...
    classified_by: Optional[ClassifiedBy] = None
    tags: Optional[TagsLine] = None
    subject: Optional[Subject] = None
    references: list[Reference] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    portions: list[PortionMark] = field(default_factory=list)  # every portion mark in the body
    signature: Optional[Field] = None
    partial: bool = False  # "This record is a partial extract of the original cable"
    notes: list[ParseNote] = field(default_factory=list)
    line_count: int = 0

    @property
    def banner(self) -> Optional[Banner]:
        """The first banner: the cable's overall classification line."""
        return self.banners[0] if self.banners else None

    @property
    def level(self) -> Optional[Level]:
        """The overall level: the banner's, else the security line's."""
        if self.banner is not None and self.banner.level is not None:
            return self.banner.level
        if self.header.security is not None:
            return self.header.security.level
        return None

    @property
    def date(self) -> Optional[_dt.date]:
        """The cable's date: the DTG's, else the publisher's created date."""
        if self.header.dtg is not None and self.header.dtg.date is not None:
            return self.header.dtg.date
        return self.fallback_date

    fallback_date: Optional[_dt.date] = None  # from the publisher's metadata

    def caption_names(self) -> set[str]:
        return {caption.name for caption in self.captions}


# ------------------------------------------------------------------- findings


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one document. `span` is in the file's coordinates."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    help: str = ""
    # What the finding is about, independent of line numbers (for fingerprints):
    # e.g. the element kind and its normalised value.
    subject: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)

    def with_extra(self, extra: dict[str, Any]) -> "Finding":
        """The same finding with another `extra` (cheaper than `dataclasses.replace`)."""
        return Finding(self.code, self.name, self.severity, self.message, self.span, self.help, self.subject, extra)


@dataclass(slots=True)
class DocumentResult:
    """What checking one document produced; `not_checked` says why it was not."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    document_id: Optional[str] = None  # the cable id, when known
    facts: dict[str, Any] = field(default_factory=dict)  # date, origin, level, ... for triage
    not_checked: Optional[str] = None  # reason: "unreadable: ...", "binary", "too large", ...
    suppressed: list[Finding] = field(default_factory=list)  # waived / baselined findings
