"""The parser never raises, on random text and on mutated real cables, and every span
it reports lies inside the text."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.model import Span
from validator.parse import parse

from parse_support import CABLES

REAL = sorted(p.read_bytes().decode("utf-8", "replace") for p in CABLES.iterdir() if p.suffix in (".txt", ".md"))
CABLE_ALPHABET = st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefgh0123456789.:/()-,¶\n\t#"))


def spans_of(value, seen=None):
    """Every Span reachable from a parsed value."""
    if isinstance(value, Span):
        yield value
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from spans_of(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_of(item)


def assert_parses_cleanly(text: str) -> None:
    cable = parse(text)
    assert "parser-error" not in {note.code for note in cable.notes}
    lines = text.split("\n")
    for span in spans_of(cable):
        assert 1 <= span.line <= span.end_line <= len(lines), span
        assert span.column >= 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text(text):
    assert_parses_cleanly(text)


@settings(max_examples=300)
@given(st.text(alphabet=CABLE_ALPHABET, max_size=600))
def test_cable_like_text(text):
    assert_parses_cleanly(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(REAL), st.data())
def test_mutated_real_cables(text, data):
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, max(0, len(lines) - 1)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "truncate", "glue", "insert"]))
        if not lines:
            break
        if action == "delete":
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
        elif action == "truncate":
            lines[position] = lines[position][: data.draw(st.integers(0, 40))]
        elif action == "glue" and position + 1 < len(lines):
            lines[position] += lines.pop(position + 1)
        elif action == "insert":
            lines.insert(position, data.draw(st.text(alphabet=CABLE_ALPHABET, max_size=80)))
    assert_parses_cleanly("\n".join(lines))
