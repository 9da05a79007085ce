"""`Classified By: Ambassador Gary A. Grappo for Reasons 1.4 (b) and (d).` in every
spelling seen: `1.4(b),(d)`, `1.4 b/d`, `1. 4 (b/d)`, `reasons b, d`, wrapped lines,
doubled or misspelt labels, `Derived from:` lines.
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import ClassifiedBy, ParseNote, Span
from validator.parse.text import line_span

# Each pattern searched for along whole lines opens with a look-ahead on the characters a
# match can start with: the search then skips the other positions at once (several times faster).
LABEL_RE = re.compile(
    r"(?=[CD])(?<![a-z])(?<!DE)(?:(Cla?s?s?[ij]?f?i?e?d|CLA?S?S?I?F?I?E?D)\s+(?:By|by|BY)|(Derived|DERIVED)\s+(?:From|from|FROM))"
    r"(?![a-z\"])\s*:?\s*"  # not `(ADD "CLASSIFIED BY" LINE`, a correction caption
)


def may_hold_label(text: str) -> bool:
    """Whether `text` holds what every `LABEL_RE` match does (`Cl`, `CL`, `erived`, `ERIVED`):
    four substring tests cost less than the search on most lines, which hold none."""
    return "Cl" in text or "CL" in text or "erived" in text or "ERIVED" in text


# `1.4`, `1 .4`, `1,4`, `1:4`, `1/4 (B)`; or `14 (b)` with the point lost
_SECTION = re.compile(
    r"(?=1)(?:(?<![\d./])(1)\s*(?:[.,:]|/(?=[4-6]\s*\(?[A-Ha-h]\b))\s*([0-9])(?![\d/])"
    r"|(?<![\d.])(1)([45])(?=\s*\(?[a-hA-H]\b))"
)
_REASON_WORD = re.compile(
    r"(?=[fupdr,;.])(?:\bfor\s+|\bunder\s+|\bper\s+|\bdue\s+to\s+|[,;.]\s*)?\b(?:REAS\s+ONS?|REA\s?SONS?|REASONS?|REAS0NS?|REAONS?|RASONS?|reasons?|Reasons?)\b\s*:?",
    re.IGNORECASE,
)
_ORDER_IN_REASON = re.compile(
    r"E\.?\s?O\.?\s*\d{5}\s*[,:;.]?\s*(?:1\s?\.(?:\s?[4-6])?(?:\s*\(|\s*$|\s*[a-hA-H]\b)|[Rr]easons?\b|REASONS?\b)"
)
# `... (b) and (d).` / `... b.`: the reason's last letter ends the text
_LETTER_AT_END = re.compile(r"(?=[(a-hA-H])(?:\(\s*[a-hA-H]\s*\)\s*\.?\s*$|\b[a-hA-H]\s*\.\s*$)")
_AWAITS_REASON = re.compile(r"(?:REASONS?|\bFOR)\s*:?\s*$", re.IGNORECASE)
# the letters wrapped onto the next line: `(B) and (D).`, `(D)` (not a paragraph's `(C) SUMMARY`)
_WRAPPED_LETTERS = re.compile(r"\s*\(\s*[A-Ha-h]\s*\)\s*(?:$|[,.&/(]|and\b|AND\b)")
_MULTIPLE_SOURCES = re.compile(r"\s*MULTIPLE\s+SOURCES\b", re.IGNORECASE)  # derivative, under the other label
_REASON_LINE = re.compile(r"\s*REASONS?\b", re.IGNORECASE)
_PAGE_HEADER = re.compile(r"\s*PAGE \d+ ")
_LETTER = re.compile(r"\s*\(\s*([A-Za-z])\s*\.?\s*\)|\s*([A-Ha-h])(?![A-Za-z0-9])(?!\.\w)")
# `(S) Ambassador ...`: a portion mark opening the next paragraph, not a reason letter.
_MARK_NOT_LETTER = re.compile(r"\s*\((?:S|C|U|TS|SBU)(?:/[A-Z]+)?\)\s+(?!AND\b|OR\b)[A-Z](?:[a-z]|[A-Z]{2})")
_BEFORE_LETTERS = re.compile(r"\s*[.:,]?")
_BARE_SECTION = re.compile(r"\s*1\b\.?")
# `(b) a nd (d)`: a word broken by the press version is still the separator
_LETTER_SEPARATOR = re.compile(r"(?:\s*(?:,|/|&|\+|\ba\s{0,3}nd\b|\bor\b|\s)\s*)+", re.IGNORECASE)
# `(b, d)`, `(b. and d.)`, and `(b, d, X6)` with an exemption code strayed in (03ANKARA2521)
_GROUPED = re.compile(
    r"\s*\(\s*((?:X\d|[A-Za-z]\.?)(?:(?:\s*(?:,|/|&|\+|\band\b|\s)\s*)+(?:X\d|[A-Za-z]\.?))+)\s*\)", re.IGNORECASE
)
_GROUP_NOISE = re.compile(r"\band\b|\bX\d\b", re.IGNORECASE)
# `1.4 b.d.`: two letters joined by a point
_DOTTED_PAIR = re.compile(r"\s*([A-Ha-h])\.([A-Ha-h])\.?(?![A-Za-z0-9])")
_TITLES = (
    "Ambassador", "Charge d'Affaires", "Charge d' Affaires", "Charge de Affaires", "Charge",
    "CDA", "DCM", "A/DCM", "Deputy Chief of Mission", "Acting DCM", "PolOff", "Poloff",
    "Political Counselor", "Political Officer", "Economic Counselor", "Consul General",
    "Principal Officer", "Acting Assistant Secretary", "Assistant Secretary", "Secretary",
    "Deputy Secretary", "Under Secretary", "Pol/Econ Counselor", "Pol/Econ Chief",
    "Political Minister Counselor", "Minister Counselor", "Counselor", "Consul",
    "Management Officer", "Regional Security Officer", "RSO", "Defense Attache", "DATT",
)
_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t in _TITLES) + r")\b", re.IGNORECASE)


def read_reasons(text: str) -> tuple[Optional[str], Optional[str], tuple[str, ...], Optional[tuple[int, int]]]:
    """(section, section as written, letters, (start, end) of the reason) in `text`."""
    section_match = _SECTION.search(text)
    return _reasons(text, section_match, None if section_match else _REASON_WORD.search(text))


def _reasons(text: str, section_match: Optional[re.Match], word: Optional[re.Match],
             ) -> tuple[Optional[str], Optional[str], tuple[str, ...], Optional[tuple[int, int]]]:
    """`read_reasons` given the first `_SECTION` match in `text` and, when there is none,
    the first `_REASON_WORD` match."""
    if section_match:
        if section_match.group(1):
            section = f"{section_match.group(1)}.{section_match.group(2)}"
        else:
            section = f"{section_match.group(3)}.{section_match.group(4)}"
        letters, end = _read_letters(text, section_match.end())
        return section, section_match.group(0), letters, (section_match.start(), max(end, section_match.end()))
    if word:
        start = _BARE_SECTION.match(text, word.end())  # `FOR REASONS 1 (B) AND (D)`
        letters, end = _read_letters(text, start.end() if start else word.end())
        if letters:
            return None, None, letters, (word.start(), end)
    return None, None, (), None


def _read_letters(text: str, position: int) -> tuple[tuple[str, ...], int]:
    letters: list[str] = []
    position = _BEFORE_LETTERS.match(text, position).end()  # `1.4. (b) & (d)`
    end = position
    while position < len(text):
        if letters and _MARK_NOT_LETTER.match(text, position):
            break
        grouped = _GROUPED.match(text, position)
        if grouped:
            letters += [c.lower() for c in re.findall(r"[A-Za-z]", _GROUP_NOISE.sub(" ", grouped.group(1)))]
            position = end = grouped.end()
        elif _DOTTED_PAIR.match(text, position):
            pair = _DOTTED_PAIR.match(text, position)
            letters += [pair.group(1).lower(), pair.group(2).lower()]
            position = end = pair.end()
        else:
            match = _LETTER.match(text, position)
            if not match:
                break
            letters.append((match.group(1) or match.group(2)).lower())
            position = end = match.end()
        separator = _LETTER_SEPARATOR.match(text, position)
        if separator and separator.end() > position:
            position = separator.end()
        elif not text.startswith("(", position):  # `(b)(d)` needs no separator
            break
    return tuple(dict.fromkeys(letters)), end


_TRAILING_PREPOSITION = re.compile(r"\s+(?:for|under|per|due to)$", re.IGNORECASE)


def _authority(text: str, section_match: Optional[re.Match], word: Optional[re.Match]) -> tuple[Optional[str], Optional[str]]:
    """The authority before the reason: the text up to the first `_REASON_WORD` match
    (`word`) or `_SECTION` match, whichever comes first."""
    cut = len(text)
    for match in (word, section_match):
        if match:
            cut = min(cut, match.start())
    authority = text[:cut].strip(" ,.;:-")
    if authority.endswith(("r", "R", "o", "O")):  # the ends of the prepositions: the pattern tries every position
        authority = _TRAILING_PREPOSITION.sub("", authority)
    authority = authority.strip(" ,.;:")
    if not authority:
        return None, None
    title = _TITLE_RE.search(authority)
    return authority, title.group(1) if title else None


def parse_classified_by(
    lines: list[str], index: int, label: re.Match, stop: int, notes: list[ParseNote]
) -> ClassifiedBy:
    """Read the line at `index` (0-based) whose label matched, plus wrapped lines up to `stop`."""
    text = lines[index]
    position = label.end()
    again = LABEL_RE.match(text, position)
    if again:  # `Classified By: Classified by Ambassador ...`
        position = again.end()
    pieces = [(index, position, text)]
    joined = text[position:]
    for follow in range(index + 1, min(stop, index + 7)):
        nxt = lines[follow]
        if not nxt.strip() and (_awaits_reason(joined) or _reason_line_follows(lines, follow, stop)):
            continue  # `... for Reasons` / blank line / `1.4 (b) and (d).`; `... Naples.` / blank / `REASON: ...`
        if _PAGE_HEADER.match(nxt) and _awaits_reason(joined):
            continue  # `REASONS` / `PAGE 02 RUEHFRA0170 S E C R E T` / `1.4 (B) AND (D).`
        if not nxt.strip() or _ends_reason(joined) or joined.rstrip().endswith(("...", "\u2026")):
            break
        if _starts_new_element(nxt) and not (_WRAPPED_LETTERS.match(nxt) and _awaits_letters(joined)):
            break
        pieces.append((follow, 0, nxt))
        joined += " " + nxt.strip()
    section_match, word = _SECTION.search(joined), _REASON_WORD.search(joined)  # each searched once for both readings
    section, section_raw, letters, reason_at = _reasons(joined, section_match, word)
    authority, title = _authority(joined, section_match, word)
    last_index, _, last_text = pieces[-1]
    span = Span(index + 1, label.start() + 1, last_index + 1, len(last_text.rstrip()) + 1)
    reason_span = _locate(pieces, reason_at) if reason_at else None
    if section is None and not letters:
        notes.append(ParseNote("classified-by-no-reason", "no reason found on the Classified By line", span))
    return ClassifiedBy(  # by position: keywords cost more to match
        " ".join(p[2][p[1]:].strip() if i == 0 else p[2].strip() for i, p in enumerate(pieces)),  # raw
        text[label.start():label.end()].strip(" :"),  # label
        bool(label.group(2) or (again and again.group(2)) or _MULTIPLE_SOURCES.match(text, position)),  # derived
        authority,
        title,
        section,  # reason_section
        section_raw,  # reason_section_raw
        letters,  # reasons
        span,
        reason_span,
    )


def _awaits_reason(text: str) -> bool:
    """`_AWAITS_REASON.search(text)`, searched only when the text ends as a match must
    (`... REASON`, `... for:`): the search tries every position."""
    tail = text.rstrip()
    if tail.endswith(":"):
        tail = tail[:-1].rstrip()
    return tail[-1:] in "sSnNrR\u017f" and _AWAITS_REASON.search(text) is not None  # U+017F: a long s, an `s` to IGNORECASE


def _ends_reason(text: str) -> bool:
    if not (_SECTION.search(text) or _REASON_WORD.search(text)):
        return False  # `... Coordinator Scott F.`: an initial, the reason is still to come
    return bool(_LETTER_AT_END.search(text))


def _awaits_letters(text: str) -> bool:
    """`... Reasons 1.4` / `(B) and (D).`: the section is read, its letters are not."""
    section, _, letters, _ = read_reasons(text)
    return section is not None and not letters


def _reason_line_follows(lines: list[str], blank: int, stop: int) -> bool:
    """`Classified By: ... Naples.` / blank / `REASON: 1.4 (b), (d)`."""
    for follow in range(blank + 1, min(stop, blank + 3)):
        if lines[follow].strip():
            return bool(_REASON_LINE.match(lines[follow]))
    return False


_NEW_ELEMENT = re.compile(r"(\d{1,3}\s?\.(?!\d)|\([A-Z/ ]{1,10}\)|SUMMARY|E\.?O\.?\s|TAGS|SUBJECT|REF)")


def _starts_new_element(text: str) -> bool:
    stripped = text.lstrip(" ¶")
    if _ORDER_IN_REASON.match(stripped):  # `REASON:` / `E.O. 12958, 1.4(D)`: the reason goes on
        return False
    return bool(_NEW_ELEMENT.match(stripped))


def _locate(pieces: list[tuple[int, int, str]], at: tuple[int, int]) -> Span:
    """Span of joined-text offsets `at` back on the lines they came from."""
    start, end = at
    offset = 0
    positions = []
    for number, (index, column, text) in enumerate(pieces):
        segment = text[column:] if number == 0 else text.strip()
        lead = column if number == 0 else len(text) - len(text.lstrip())
        positions.append((offset, index, lead, len(segment)))
        offset += len(segment) + 1

    def where(target: int) -> tuple[int, int]:
        for base, index, lead, length in reversed(positions):
            if target >= base:
                return index + 1, lead + min(target - base, length) + 1
        return positions[0][1] + 1, positions[0][2] + 1

    line, column = where(start)
    end_line, end_column = where(end)
    return Span(line, column, end_line, end_column)
