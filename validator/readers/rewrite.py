"""Turning a stretch of the file into text lines, token by token, keeping the map.

`emit` splits a stretch of the file text at its line breaks (a newline, or the
`&#x000A;` entity of the published pages) and appends each line to a
`LineBuilder`. Lines without any special token are copied as they are (the common,
fast case); the others are rewritten token by token by a `decode` callback that says
what each token becomes:

* `None`: dropped (an HTML tag, a NUL byte);
* `NEWLINE`: a line break (`\\n` escape in a CSV field);
* a string: the token's replacement (`&amp;` -> `&`, `[1](#)` -> `¶`);
* a `(start, end)` pair: a part of the token kept verbatim (the text of a link).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import Callable, Optional, Union

from validator.readers.sourcemap import LineBuilder

NEWLINE = object()
Decoded = Union[None, object, str, tuple[int, int]]
Decoder = Callable[[re.Match, int], Decoded]


@lru_cache(maxsize=None)
def _trigger_pattern(triggers: str, line_break: str) -> re.Pattern:
    """Any trigger character, except where it starts the line break itself (`&#x000A;`)."""
    first = line_break[:1]
    if len(line_break) <= 1 or first not in triggers:
        return re.compile("[" + re.escape(triggers) + "]")
    others = "".join(char for char in triggers if char != first)
    lone_first = re.escape(first) + "(?!" + re.escape(line_break[1:]) + ")"
    return re.compile(("[" + re.escape(others) + "]|" if others else "") + lone_first)


def _odd_trailing_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def emit(
    builder: LineBuilder,
    source: str,
    start: int,
    end: int,
    *,
    line_break: str,
    special: re.Pattern,
    decode: Decoder,
    triggers: str,
    strip_continuation: bool = False,
    fast_line: Optional[Callable[[LineBuilder, str, int], bool]] = None,
) -> None:
    """Append the lines of `source[start:end]` to `builder`.

    `triggers` are the characters every `special` token starts with: a line holding
    none of them is copied without running the regex. `fast_line(builder, raw,
    offset)` may take a line with triggers in a cheaper way and return True.
    """
    step = len(line_break)
    raws = source[start:end].split(line_break)
    offsets = list(accumulate(map(add, map(len, raws), repeat(step)), initial=start))
    # with a one-character line break, jumping from trigger to trigger is faster; with
    # `&#x000A;` (whose `&` is a trigger) testing line by line is
    walk = _jump_to_triggers if step == 1 else _line_by_line
    walk(
        builder, source, end, raws, offsets, special, decode, triggers, strip_continuation,
        fast_line,
    )


def _line_by_line(builder, source, end, raws, offsets, special, decode, triggers,
                  strip_continuation, fast_line) -> None:
    lines, line_offsets = builder.lines, builder.offsets
    has_trigger = _trigger_pattern(triggers, "").search
    done = 0  # raws[:done] are in the builder
    for index, raw in enumerate(raws):
        continued = strip_continuation and raw.endswith("\\")
        if not continued and has_trigger(raw) is None:
            continue
        lines.extend(raws[done:index])
        line_offsets.extend(offsets[done:index])
        done = index + 1
        _special_line(builder, source, raw, offsets[index], special, decode, continued, fast_line)
    lines.extend(raws[done:])
    line_offsets.extend(offsets[done : len(raws)])


def _jump_to_triggers(builder, source, end, raws, offsets, special, decode, triggers,
                      strip_continuation, fast_line) -> None:
    lines, line_offsets = builder.lines, builder.offsets
    find_trigger = _trigger_pattern(triggers + ("\\" if strip_continuation else ""), "\n").search
    done = 0  # raws[:done] are in the builder
    while done < len(raws):
        found = find_trigger(source, offsets[done], end)
        if found is None:
            break
        index = bisect_right(offsets, found.start(), done) - 1
        lines.extend(raws[done:index])
        line_offsets.extend(offsets[done:index])
        done = index + 1
        raw = raws[index]
        continued = strip_continuation and raw.endswith("\\")
        _special_line(builder, source, raw, offsets[index], special, decode, continued, fast_line)
    lines.extend(raws[done:])
    line_offsets.extend(offsets[done : len(raws)])


def _special_line(builder, source, raw, line_start, special, decode, continued, fast_line) -> None:
    if continued and _odd_trailing_backslashes(raw):
        raw = raw[:-1]
    if fast_line is not None and fast_line(builder, raw, line_start):
        return
    if special.search(raw) is None:
        builder.plain(raw, line_start)
    else:
        _emit_tokens(builder, source, line_start, line_start + len(raw), special, decode)


def _emit_tokens(
    builder: LineBuilder,
    source: str,
    start: int,
    end: int,
    special: re.Pattern,
    decode: Decoder,
) -> None:
    pieces: list[tuple[str, int, int]] = []
    line_start = pos = start
    for match in special.finditer(source, start, end):
        if match.start() > pos:
            pieces.append((source[pos : match.start()], pos, 0))
        out = decode(match, line_start)
        if out is NEWLINE:
            _finish(builder, pieces, line_start)
            pieces = []
            line_start = match.end()
        elif isinstance(out, tuple):
            keep_start, keep_end = out
            if keep_end > keep_start:
                pieces.append((source[keep_start:keep_end], keep_start, 0))
        elif out:
            token = match.group()
            width = 0 if out == token else match.end() - match.start()
            pieces.append((out, match.start(), width))
        pos = match.end()
    if end > pos:
        pieces.append((source[pos:end], pos, 0))
    _finish(builder, pieces, line_start)


def _finish(builder: LineBuilder, pieces: list[tuple[str, int, int]], line_start: int) -> None:
    if not pieces:
        builder.plain("", line_start)
    elif len(pieces) == 1 and pieces[0][2] == 0:
        builder.plain(pieces[0][0], pieces[0][1])
    else:
        builder.pieces(pieces, line_start)

