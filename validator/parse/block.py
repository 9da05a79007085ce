"""The caption block between the banner and the first paragraph: captions, the E.O.
line, TAGS, SUBJECT, REF and Classified By.

Press versions glue several elements onto one line (`SUBJECT: ... REF: ... Classified
By: ...`), so each line is searched for every label, and an element's value ends where
the next label on the same line starts.
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import Caption, Cable, Field, ParseNote, Reference, Span, Subject
from validator.parse import classified_by as cby
from validator.parse import eo, tags
from validator.parse.portion import MARK_RE, read_mark
from validator.parse.text import is_blank, line_span

_SUBJECT_LABEL = re.compile(r"(?<![A-Za-z])(SUBJECT|Subject|SUBJ|UBJECT)\b\s*[:.]?\s*")
_REF_LABEL = re.compile(
    r"(?<![A-Za-z])(PROGRAM REF|REFTELS|REFTEL|Reftel|REFS|Refs|REF|Ref\(s\)|Ref)(?![A-Za-z])\s*[:.]?\s*"
)
_REF_ITEM = re.compile(r"\s*(?:¶\s*)?(?:\(([A-Z])\)|([A-Z])[.)])\s+(?:[A-Z]\)\s+)?")
# (the look-ahead on what either alternative may open with turns most lines away at once)
PARAGRAPH_START = re.compile(
    r"(?=\s*[¶\uFFFD\[\d(])(?:\s*(?:¶|\uFFFD|\[1\]\(#\))?\s*\d{1,2}\s?\.(?!\d)|\s*\((?:[CSU]|SBU|TS)(?:[/ ][A-Z/ ]*)?\)\s)"
)

_CAPTION_WORDS = {
    "SIPDIS": "SIPDIS",
    "NOFORN": "NOFORN",
    "EXDIS": "EXDIS",
    "NODIS": "NODIS",
    "LIMDIS": "LIMDIS",
    "STADIS": "STADIS",
    "SENSITIVE": "SENSITIVE",
    "NOTAL": "NOTAL",
    "ROGER": "ROGER",
    "TERREP": "TERREP",
    "CHEROKEE": "CHEROKEE",
    "ELITE": "ELITE",
    "AGREMENT": "AGREMENT",
}
_CAPTION_LINE = re.compile(
    r"\s*(?P<phrase>SENSITIVE BUT UNCLASSIFIED|DEA SENSITIVE|FOR OFFICIAL USE ONLY|LIMITED OFFICIAL USE"
    r"|C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y.*|WEBGRAM.*|(?:REL(?:EASABLE)?\s+TO\b.*))\s*$"
    r"|\s*(?P<words>(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|STADIS|SENSITIVE|NOTAL|ROGER|TERREP|CHEROKEE|ELITE|AGREMENT)[\s,/]*)+)\s*$",
    re.IGNORECASE,  # lower-cased press versions: `Noforn`, `sipdis`
)
_CAPTION_WORD = re.compile("|".join(_CAPTION_WORDS), re.IGNORECASE)
# The letters `_CAPTION_LINE`, `_CAPTION_PREFIX` and `_LEVEL_NOFORN` can open with (after
# blanks), U+017F being an `s` to IGNORECASE: lines opening otherwise skip those patterns.
_CAPTION_INITIALS = "SDFLCWRNETA" + "sdflcwrneta" + "\u017f"


def _is_caption_line(text: str) -> bool:
    return text.lstrip()[:1] in _CAPTION_INITIALS and _CAPTION_LINE.match(text) is not None


_CAPTION_PREFIX = re.compile(
    r"\s*(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|STADIS|SENSITIVE|NOTAL)(?:[\s,/]+|$))+(?=\S|$)"
)
_LEVEL_NOFORN = re.compile(r"\s*(?:TOP SECRET|SECRET|CONFIDENTIAL)\s*/{0,2}\s*(?P<noforn>NOFORN)\s*$")
# The three in one match, tried in that order (a line that is none of them costs one call):
# the alternative that matched is `lastgroup`.
_CAPTION_FORMS = re.compile(
    f"(?P<line>(?i:{_CAPTION_LINE.pattern}))|(?P<prefix>{_CAPTION_PREFIX.pattern})|(?P<level>{_LEVEL_NOFORN.pattern})"
)
_PHRASES = {
    "SENSITIVE BUT UNCLASSIFIED": "SENSITIVE",
    "DEA SENSITIVE": "SENSITIVE",  # DEA's SBU caption (10MOSCOW293)
    "FOR OFFICIAL USE ONLY": "FOUO",
    "LIMITED OFFICIAL USE": "LOU",
}
# Two or more caption words closing an attention line: `... SOUTHCOM ALSO FOR POLAD SENSITIVE SIPDIS`.
_CAPTION_SUFFIX = re.compile(r"(?<=\s)(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|SENSITIVE)\s+)+(?:SIPDIS|NOFORN|EXDIS|NODIS|SENSITIVE)\s*$")
_SUFFIX_WORDS = ("SIPDIS", "NOFORN", "EXDIS", "NODIS", "SENSITIVE")
# (only whether it matches is read: the lazy repeats find the first FOR or PASS without backtracking)
_ATTENTION = re.compile(
    r"\s*(?:(?:DEPT|DEPARTMENT|STATE|NSC|USDOC|TREASURY|PASS|PLEASE PASS|[A-Z/]{2,12})\b.{0,60}?\bFOR\b|.*?\bPASS\b)",
)
# (alternatives sharing a first letter grouped: the search then tries fewer of them at each letter;
# each alternative opening with one letter lets the search skip the other positions at once)
_ANY_LABEL = re.compile(
    r"O\.?:?\s*\d|o\.?:?\s*\d|0\.?:?\s*\d|T(?:AG|ag|[AG]S|ABS)|tag|AGS|UBJ|ubj|R(?:EF|ef)|l(?:ass[ij]|asfi|assfi)|LASSI|erived|ERIVED"
)


def _is_eo_label(text: str, match: re.Match) -> bool:
    return not eo.cites_reason_at(text, match.end())  # `Reason: E.O. 12958 1.4 (d)`: the reason cites the order


def _is_subject_label(text: str, match: re.Match) -> bool:
    return match.start() == 0 or _label_context(text, match.start()) or _after_tags(text, match)


def _is_tags_label(text: str, match: re.Match) -> bool:
    if match.start() > 0 and not _label_context(text, match.start()):
        return False
    # `C O R R E C T E D COPY -- ADDED E.O., TAGS, AND CLASS BY` (08TBILISI1349)
    return ":" in match.group(0) or not _CORRECTION_NOTE.search(text, 0, match.start())


def _label_context(text: str, start: int) -> bool:
    """A label in the middle of a line counts after another element's value."""
    before = text[:start].rstrip()
    # a one-line header: only the value just before the label need be upper case
    return not before or before[-1] in ".:;)" or before[-1].isdigit() or before[-40:].isupper()


_CORRECTION_NOTE = re.compile(r"C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y")


def _after_tags(text: str, match: re.Match) -> bool:
    """`Tags: prel, pgov, pins, tu Subject: turkish p.m. ...` (04ANKARA348): a lower-cased
    press version with the SUBJECT label, colon and all, run onto the TAGS line."""
    return ":" in match.group(0) and tags.LABEL_RE.search(text, 0, match.start()) is not None


def _is_ref_label(text: str, match: re.Match) -> bool:
    word = match.group(1)
    if match.start() == 0 or text[: match.start()].strip() == "":
        return True
    # mid-line only in the glued press form `... PRIMEREF: A. LONDON 1939` or `SUBJECT ... REF:`
    return word.isupper() and ":" in match.group(0)


def _is_cby_label(text: str, match: re.Match) -> bool:
    return True  # the pattern itself rules out the correction caption `(ADD "CLASSIFIED BY" LINE`


# Each label kind with its pattern, the test of a match being a label, and a quick
# pattern that finds what every label of the kind holds, at most `lead` characters into
# it. A line that passes `_ANY_LABEL` mostly holds one label: the quick patterns rule out
# the other kinds, and the label patterns, slow to search as they open with look-behinds,
# start near the label (look-behinds still see what is before).
_LABELS = (
    ("eo", eo.LABEL_RE, _is_eo_label, re.compile(r"[Oo0]\s?\.?\s*:?\s*\d\d\d"), 4),  # from the O of `E. O. 12958`
    ("tags", tags.LABEL_RE, _is_tags_label, re.compile("TA[GSB]|TGS|ags|AGS:"), 1),  # not `COSTA RICA`, `STATE`
    ("subject", _SUBJECT_LABEL, _is_subject_label, re.compile("UBJ|ubject"), 1),
    ("ref", _REF_LABEL, _is_ref_label, re.compile("REF|Ref"), len("PROGRAM ")),
    ("cby", cby.LABEL_RE, _is_cby_label, re.compile("Cl|CL(?<!DECL)|erived|ERIVED"), 1),  # not the E.O. line's `DECL:`
)


def _labels_on(text: str, first_line: bool) -> list[tuple[int, str, re.Match]]:
    if not _ANY_LABEL.search(text):
        return []
    found = []
    for kind, pattern, is_label, quick, lead in _LABELS:
        hint = quick.search(text)
        if hint is None:
            continue
        match = pattern.search(text, max(0, hint.start() - lead))
        while match is not None and not is_label(text, match):
            match = pattern.search(text, match.end())
        if match is not None:  # the first of each kind
            found.append((match.start(), kind, match))
    if first_line and "AGS" in text and not any(kind == "tags" for _, kind, _ in found):
        match = tags.LEADING_AGS_RE.match(text)
        if match:
            found.append((match.start(1), "tags", match))
    if len(found) > 1:
        found.sort(key=_column)
    return found


def _column(label: tuple[int, str, re.Match]) -> int:
    return label[0]


class BlockReader:
    """Reads the caption block of lines [start, stop) into the cable."""

    def __init__(self, lines: list[str], cable: Cable, notes: list[ParseNote]) -> None:
        self.lines = lines
        self.cable = cable
        self.notes = notes

    def read(self, start: int, stop: int) -> None:
        index = start
        while index < stop:
            text = self.lines[index]
            stripped = text.strip()
            if not stripped:  # blank
                index += 1
                continue
            # a lone caption word (`SIPDIS`) holds no label: no search
            labels = [] if stripped in _CAPTION_WORDS else _labels_on(text, True)
            if not labels:
                self._caption(index, text)
                index += 1
                continue
            consumed = index + 1
            if labels[0][0] > 0:
                self._caption(index, text[: labels[0][0]])
            for position, (column, kind, match) in enumerate(labels):
                end = labels[position + 1][0] if position + 1 < len(labels) else len(text)
                is_last = position + 1 == len(labels)
                consumed = max(consumed, self._element(kind, index, match, end, stop, is_last))
            index = consumed

    def _element(self, kind: str, index: int, match: re.Match, end: int, stop: int, last: bool) -> int:
        cable = self.cable
        if kind == "eo":
            line = eo.parse_eo_line(self.lines[index], index + 1, match, end, self.notes)
            cable.eo_lines.append(line)
            if line.value_kind == "stamp":
                cable.release_stamps.append(Field(line.raw, line.span))
            if cable.eo is None or (_is_preview(cable.eo.raw) and not _is_preview(line.raw)):
                cable.eo = line  # a publisher's cut preview (`E.O. 12958: DE...`) yields to the full line
            return index + 1
        if kind == "tags":
            if cable.tags is not None:
                return index + 1
            cable.tags = tags.parse_tags(self.lines, index, match, end, stop, self.notes)
            return cable.tags.span.end_line
        if kind == "subject":
            if cable.subject is not None:
                return index + 1
            return self._subject(index, match, end, stop, last)
        if kind == "ref":
            if cable.references:
                return index + 1
            return self._references(index, match, end, stop, last)
        if kind == "cby":
            if cable.classified_by is not None and not _is_preview(cable.classified_by.raw):
                return index + 1
            cable.classified_by = cby.parse_classified_by(self.lines, index, match, stop if last else index + 1, self.notes)
            return cable.classified_by.span.end_line
        return index + 1

    def _subject(self, index: int, match: re.Match, end: int, stop: int, last: bool) -> int:
        text = self.lines[index]
        position = match.end()
        marking = None
        mark = MARK_RE.match(text, position)
        if mark:
            marking = read_mark(mark.group(1), line_span(index + 1, mark.start(), mark.end()))
            position = mark.end()
        parts = [text[position:end].strip()]
        last_line, last_end = index + 1, len(text[:end].rstrip())
        follow = index + 1
        while last and follow < stop:
            nxt = self.lines[follow]
            if is_blank(nxt) or _labels_on(nxt, False) or PARAGRAPH_START.match(nxt) or _is_caption_line(nxt):
                break
            parts.append(nxt.strip())
            last_line, last_end = follow + 1, len(nxt.rstrip())
            follow += 1
        self.cable.subject = Subject(  # by position: keywords cost more to match
            match.group(1),  # label
            " ".join([part for part in parts if part]),  # text
            marking,
            Span(index + 1, match.start() + 1, last_line, last_end + 1),  # span
        )
        return last_line

    def _references(self, index: int, match: re.Match, end: int, stop: int, last: bool) -> int:
        references: list[Reference] = []
        self._reference_items(self.lines[index][:end], index, match.end(), references)
        follow = index + 1
        last_line = index + 1
        while last and follow < stop:
            nxt = self.lines[follow]
            if is_blank(nxt):
                lookahead = follow + 1
                if lookahead < stop and _REF_ITEM.match(self.lines[lookahead]):
                    follow += 1
                    continue
                break
            if PARAGRAPH_START.match(nxt) or _is_caption_line(nxt):
                break
            other_labels = [label for label in _labels_on(nxt, False) if label[1] != "ref"]
            if other_labels and not _REF_ITEM.match(nxt):
                break
            if other_labels:  # `D. 05 BRASILIA 2683 Classified By: ...`: the label's line is read again
                self._reference_items(nxt[: other_labels[0][0]], follow, 0, references)
                last_line = follow
                break
            self._reference_items(nxt, follow, 0, references)
            last_line = follow + 1
            follow += 1
        self.cable.references = references
        return last_line

    @staticmethod
    def _reference_items(text: str, index: int, start: int, references: list[Reference]) -> None:
        item = _REF_ITEM.match(text, start)
        body = text[start:].strip()
        if item:
            letter = item.group(1) or item.group(2)
            body = text[item.end():].strip()
            references.append(Reference(letter, body, line_span(index + 1, item.start(), len(text.rstrip()))))
        elif references:
            previous = references[-1]
            references[-1] = Reference(previous.letter, f"{previous.text} {body}".strip(),
                                       previous.span.to(line_span(index + 1, 0, len(text.rstrip()))))
        elif body:
            column = len(text) - len(text[start:].lstrip())
            references.append(Reference(None, body, line_span(index + 1, column, len(text.rstrip()))))

    def _caption(self, index: int, text: str) -> bool:
        text = text[:400]  # no caption line is longer; a flattened one-line body may be
        stripped = text.strip()
        if stripped in _CAPTION_WORDS:  # one caption word in capitals (`SIPDIS`): what `_CAPTION_LINE` reads
            start = len(text) - len(text.lstrip())
            self._add_caption(_CAPTION_WORDS[stripped], stripped, index, start, start + len(stripped))
            return True
        match = _CAPTION_FORMS.match(text) if stripped[:1] in _CAPTION_INITIALS else None
        form = match.lastgroup if match else None
        if form == "line":
            if match.group("phrase"):
                phrase = " ".join(match.group("phrase").upper().split())
                name = _PHRASES.get(phrase)
                value = None
                if name is None:
                    if phrase.startswith("REL"):
                        name, value = "REL", re.sub(r"^REL(?:EASABLE)?\s+TO\s*", "", phrase)
                    elif phrase.startswith("WEBGRAM"):
                        name = "WEBGRAM"
                    else:
                        name = "CORRECTED-COPY"
                self._add_caption(name, phrase, index, match.start("phrase"), match.end("phrase"), value)
            else:
                for word in _CAPTION_WORD.finditer(match.group("words")):
                    start = match.start("words") + word.start()
                    self._add_caption(_CAPTION_WORDS[word.group(0).upper()], word.group(0), index, start,
                                      start + len(word.group(0)))
            return True
        if form == "prefix":  # `NOFORN SIPDIS DEPT FOR NEA/MAG ...`
            for word in _CAPTION_WORD.finditer(text, 0, match.end()):
                self._add_caption(_CAPTION_WORDS[word.group(0).upper()], word.group(0), index, word.start(), word.end())
            rest = text[match.end():]
            if rest.strip():
                self._caption(index, " " * match.end() + rest)
            return True
        # `_CAPTION_SUFFIX` opens with a look-behind, slow to search: first the cheap test of its end
        suffix = _CAPTION_SUFFIX.search(text) if text.rstrip().endswith(_SUFFIX_WORDS) else None
        if suffix:
            for word in _CAPTION_WORD.finditer(text, suffix.start(), suffix.end()):
                self._add_caption(_CAPTION_WORDS[word.group(0).upper()], word.group(0), index, word.start(), word.end())
            if text[: suffix.start()].strip():
                self._caption(index, text[: suffix.start()])
            return True
        if form == "level":  # `SECRET//NOFORN` as a caption line
            self._add_caption("NOFORN", match.group("noforn"), index, match.start("noforn"), match.end("noforn"))
            return True
        if self.cable.eo is None and self.cable.subject is None and len(text) < 120 \
                and ("FOR" in text or "PASS" in text) and _ATTENTION.match(text):
            stripped = text.strip()
            column = text.index(stripped[0])
            self._add_caption("ATTENTION", stripped, index, column, column + len(stripped), stripped)
            return True
        return False

    def _add_caption(self, name: str, raw: str, index: int, start: int, end: int,
                     value: Optional[str] = None) -> None:
        self.cable.captions.append(Caption(name, raw, line_span(index + 1, start, end), value))


def _is_preview(raw: str) -> bool:
    """`Classified By: CDA Chat Blakeman, reasons 1...`: a cut preview of the line."""
    return raw.rstrip().endswith(("...", "\u2026"))


def is_paragraph_start(text: str) -> bool:
    return bool(PARAGRAPH_START.match(text))


_NUMBER_AND_MARK = re.compile(r"\s*(?:¶|\uFFFD|\[1\]\(#\))?\s*\d{1,2}\s?\.\s*\((?:[CSU]|SBU|TS)[/ A-Z]*\)")


def starts_with_mark(text: str) -> bool:
    """`1.(C) ...`: a numbered and marked paragraph, even with no blank line before it."""
    return bool(_NUMBER_AND_MARK.match(text))
