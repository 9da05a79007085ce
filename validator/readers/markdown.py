"""Pages converted to Markdown (the seed `07MUSCAT193.md`).

The converter turned the page's links into Markdown links: tag links become
`[PHUM](#)` and the pilcrow anchors before paragraph and reference numbers become
`[1](#)` (the anchor's text lost, its number kept): `[1](#)1. (C)`, `[1](#)B. 06
MUSCAT 1575`. The reader keeps the text of a link and turns a numeric link at the
start of a line, right before `N.` or `X.`, into the pilcrow it was, so the parser
sees `¶1. (C)`. A link lost entirely (`14.` for paragraph 4) is left to the parser.
Backslash escapes a converter adds to keep text from reading as Markdown (`1\\. (C)`,
`\\-\\-\\-`) are undone.
"""

from __future__ import annotations

import re
from typing import Optional

from validator.model import Document
from validator.readers.rewrite import emit
from validator.readers.sourcemap import LineBuilder, Locator

_LINK = re.compile(
    r"\[([^\[\]\n]*)\]\((?:#[^()\s]*|(?:https?:)?/[^()\s]*|[\w./-]+\.html?(?:#[^()\s]*)?)\)"
    r"|\\([\\`*_{}\[\]()#+\-.!|<>~])"  # a converter's escape: `1\.`, `\-`, `\*`
    r"|\x00"
)
_PILCROW_BEFORE = re.compile(r"[ \t]*(?:\d{1,3}|[A-Z])\\?\.")
_NUMERIC = re.compile(r"\d{1,3}")
_MARKDOWN_LINK_HINT = re.compile(r"\]\(#[^()\s]*\)")


def looks_like_markdown(text: str) -> bool:
    # Substring tests first, the rarest character alone first: a one-character find is
    # a memchr, several times faster than the two-character scan or the pattern.
    return (
        text.find("]", 0, 20000) >= 0
        and text.find("](#", 0, 20000) >= 0
        and _MARKDOWN_LINK_HINT.search(text, 0, 20000) is not None
    )


def _decode(source: str):
    def decode(match: re.Match, line_start: int):
        if match.group() == "\x00":
            return None
        if match.group(2) is not None:
            return match.group(2)
        label = match.group(1)
        if (
            not source[line_start : match.start()].strip()
            and _NUMERIC.fullmatch(label)
            and _PILCROW_BEFORE.match(source, match.end())
        ):
            return "¶"
        return match.span(1)

    return decode


def read_markdown(text: str, name: str, file_cable_id: Optional[str]) -> Document:
    builder = LineBuilder()
    emit(builder, text, 0, len(text), line_break="\n", special=_LINK, decode=_decode(text),
         triggers="[\\\x00")
    return Document(
        path=name,
        text=builder.text(),
        form="markdown",
        source_map=builder.source_map(Locator(text)),
        file_cable_id=file_cable_id,
    )
