"""TAGS lines: label typos (TAG, TAS, TGS, AGS ...), commas or spaces, continuation
lines, person tags with parentheses, merged tokens. Each tag gets a structural kind;
vocabulary membership (is PGOF a real tag?) is the rule set's business.
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import ParseNote, Span, Tag, TagsLine
from validator.parse.tag_kinds import tag_kind
from validator.parse.text import line_span

LABEL_RE = re.compile(r"(?<![A-Za-z])(TAGS|TAGES|TAGSS|TAG|TAS|TABS|TGS|Tags|tags|AGS(?=:))(?=[\s:;,])\s*[:;,]?")
LEADING_AGS_RE = re.compile(r"\s*(AGS)(?=[\s:;,])\s*[:;,]?")
_TOKEN = re.compile(r"\([^)]*\)?|[^\s,;]+")
_STOP_WORDS = re.compile(r"(?:SUBJECT|SUBJ|UBJECT|REF|REFS|E\.O\.|EO|CLASSIFIED)\b", re.IGNORECASE)


def _tokens(text: str, line: int, start: int, tags: list[Tag]) -> None:
    for match in _TOKEN.finditer(text, start):
        raw = match.group()
        span = line_span(line, match.start(), match.end())
        if raw[0] == "(" and tags:  # person tag: OVIP (STEINBERG, JAMES B.)
            previous = tags[-1]
            merged = f"{previous.raw} {raw}"
            tags[-1] = Tag(merged.upper(), merged, "person", previous.span.to(span))
            continue
        cleaned = raw.strip(".:;")
        if not cleaned:
            continue
        text_upper = cleaned.upper()
        tags.append(Tag(text_upper, raw, tag_kind(text_upper), span))


_NAME = re.compile(r"[A-Z][A-Z'-]+")


def _unbracketed_people(tags: list[Tag]) -> list[Tag]:
    """`OVIP RICE CONDOLEEZZA`: a person tag written without its parentheses and comma
    becomes `OVIP (RICE, CONDOLEEZZA)`, like the bracketed form."""
    merged: list[Tag] = []
    index = 0
    while index < len(tags):
        tag = tags[index]
        names: list[Tag] = []
        if tag.text == "OVIP":
            for follower in tags[index + 1 : index + 4]:
                if follower.kind != "unknown" or not _NAME.fullmatch(follower.text):
                    break
                names.append(follower)
        if len(names) >= 2:
            text = f"OVIP ({names[0].text}, {' '.join(name.text for name in names[1:])})"
            raw = " ".join([tag.raw] + [name.raw for name in names])
            merged.append(Tag(text=text, raw=raw, kind="person", span=tag.span.to(names[-1].span)))
            index += 1 + len(names)
            continue
        merged.append(tag)
        index += 1
    return merged


_TAG_SHAPE = re.compile(r"[A-Z]{2,6}|\([^)]*\)?")


def _looks_like_tags(text: str) -> bool:
    tokens = text.replace(",", " ").split()
    if not tokens or _STOP_WORDS.match(text.strip()):
        return False
    return all(_TAG_SHAPE.fullmatch(token) for token in tokens)


def parse_tags(lines: list[str], index: int, label: re.Match, end: int, stop: int,
               notes: list[ParseNote]) -> TagsLine:
    """TAGS whose label matched on line `index` (0-based); the value ends at column `end`."""
    text = lines[index][:end]
    tags: list[Tag] = []
    _tokens(text, index + 1, label.end(), tags)
    last_line, last_end = index + 1, len(text.rstrip())
    follow = index + 1
    while follow < min(stop, index + 3) and end == len(lines[index]):
        nxt = lines[follow]
        if not nxt.strip() or not (text.rstrip().endswith(",") or _looks_like_tags(nxt)):
            break
        _tokens(nxt, follow + 1, 0, tags)
        last_line, last_end = follow + 1, len(nxt.rstrip())
        text = nxt
        follow += 1
    value = " ".join(lines[index:last_line])
    separator = "comma" if "," in value[label.end():] else "space"
    label_text = lines[index][label.start():label.end()].strip(" :;,")
    return TagsLine(  # by position: keywords cost more to match
        label_text,  # label
        _unbracketed_people(tags) if "OVIP" in value.upper() else tags,  # tags
        Span(index + 1, label.start() + 1, last_line, last_end + 1),  # span
        separator,
    )
