"""Dotted paths into a Cable (`eo.decl_date`, `paragraphs[].marking.level`).

A path is checked against the model's type annotations when a rule is loaded, so a
misspelt field is a RuleError, never a rule that silently finds nothing. `[]` after a
list field visits each item. The root is the `Cable`; `document.` starts at the
`Document` (publisher metadata, reader notes); a few derived facts computed by the
engine (`portions`, `controls`, ...) are addressed like fields of the cable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import re
import enum
import functools
import operator
import types
import typing
from dataclasses import dataclass
from typing import NamedTuple, Any, Callable, Iterator, Optional

from validator import model
from validator.model import Cable, Document, Field, Level, PortionMark, Span


# ------------------------------------------------------------ derived facts


def _portions(cable: Cable) -> list[PortionMark]:
    marks = [p.marking for p in cable.paragraphs if p.marking is not None]
    if cable.subject is not None and cable.subject.marking is not None:
        marks.insert(0, cable.subject.marking)
    return marks


def _all_portions(cable: Cable) -> list[PortionMark]:
    """The subject's mark, then every mark in the body: bullets and sub-paragraphs too."""
    marks = list(cable.portions)
    if cable.subject is not None and cable.subject.marking is not None:
        marks.insert(0, cable.subject.marking)
    return marks


def _portion_level(cable: Cable) -> Optional[Level]:
    levels = [m.level for m in _portions(cable) if m.level is not None]
    return max(levels) if levels else None


def _controls(cable: Cable) -> list[model.Caption]:
    """Cable-level controls: captions, plus the controls written on the banner line."""
    controls = list(cable.captions)
    names = {caption.name for caption in controls}
    banner = cable.banner
    if banner is not None:
        for control in sorted(banner.controls):
            if control not in names:
                controls.append(model.Caption(name=control, raw=control, span=banner.span))
    return controls


def _numbered(cable: Cable) -> list[model.Paragraph]:
    return [p for p in cable.paragraphs if p.number is not None]


# Not text to mark: a paragraph redacted by the publisher, or one that repeats the
# Classified By line (`1. Classified by U/S Maria Otero (G). Reason: 1.4 (b)`, 09STATE100988).
_REDACTED = re.compile(
    r"^\W*\d+\s*\.?\s*(((\(?X{4,}\)?|\[DETAILS REMOVED\])\W*)+((TOP\s+)?SECRET|CONFIDENTIAL)?[A-Z/]*$|CLASSIFIED\s+BY\b)",
    re.IGNORECASE,
)


def _unmarked(cable: Cable, document: Optional[Document] = None) -> list[model.Paragraph]:
    """Numbered paragraphs with no portion mark, leaving out an ENTIRE TEXT statement, the
    paragraph that holds the Classified By line (`1. CLASSIFIED BY ...`), a paragraph whose
    marks stand on the items inside it (`1. Key Points: -- (C) ...`), a paragraph whose
    mark cannot be read (`(SE)`: a parse note, CL9xx), one that repeats the Classified By
    line, and paragraphs redacted by the publisher (`7. XXXXXXXXXXXX`, `7. [DETAILS REMOVED]`)."""
    holder = cable.classified_by.in_paragraph if cable.classified_by is not None else None
    unreadable = {note.span.line for note in cable.notes if note.code == "portion-mark-unknown"}
    found = [p for p in cable.paragraphs
             if p.number is not None and p.marking is None and p.entire_text is None and p.number != holder
             and p.inner_marks == 0 and p.span.line not in unreadable]
    if found and document is not None:
        lines = document.text.split("\n")
        found = [p for p in found
                 if not (0 < p.span.line <= len(lines) and _REDACTED.match(lines[p.span.line - 1].strip()))]
    return found


def _entire_text(cable: Cable) -> list[model.Paragraph]:
    return [p for p in cable.paragraphs if p.entire_text is not None]


@dataclass(frozen=True)
class Derived:
    compute: Callable[..., Any]  # (cable), or (cable, document) when `reads_document`
    type: Any
    doc: str
    reads_document: bool = False


DERIVED: dict[str, Derived] = {
    "portions": Derived(_portions, list[PortionMark], "every portion mark: the subject's, then each paragraph's"),
    "all_portions": Derived(_all_portions, list[PortionMark], "every portion mark: the subject's, then every mark in the body (bullets included)"),
    "portion_level": Derived(_portion_level, Optional[Level], "the highest level among the portion marks"),
    "controls": Derived(_controls, list[model.Caption], "captions plus the controls on the banner line"),
    "numbered_paragraphs": Derived(_numbered, list[model.Paragraph], "paragraphs with a number"),
    "unmarked_paragraphs": Derived(_unmarked, list[model.Paragraph], "numbered paragraphs without a portion mark",
                                   reads_document=True),
    "entire_text_paragraphs": Derived(_entire_text, list[model.Paragraph], "paragraphs with an ENTIRE TEXT statement"),
}

# Where to point when reporting a leaf: (class, attribute) -> the span attribute.
SPAN_HINTS: dict[tuple[type, str], str] = {
    (model.EoLine, "order"): "order_span",
    (model.EoLine, "order_text"): "order_span",
    (model.EoLine, "value"): "value_span",
    (model.EoLine, "value_kind"): "value_span",
    (model.EoLine, "decl_date"): "value_span",
    (model.EoLine, "date_format"): "value_span",
    (model.EoLine, "exemptions"): "value_span",
    (model.EoLine, "downgrade_to"): "value_span",
    (model.EoLine, "extra_values"): "value_span",
    (model.Banner, "level"): "level_span",
    (model.Banner, "section"): "section_span",
    (model.Banner, "sections"): "section_span",
    (model.SecurityLine, "letters"): "letters_span",
    (model.SecurityLine, "level"): "letters_span",
    (model.Dtg, "precedences"): "precedence_span",
    (model.DeLine, "julian_day"): "filing",
    (model.Paragraph, "number"): "number_span",
    (model.DeLine, "time"): "filing",
    (model.ClassifiedBy, "reasons"): "reason_span",
    (model.ClassifiedBy, "reason_section"): "reason_span",
    (model.ClassifiedBy, "reason_section_raw"): "reason_span",
}


# ---------------------------------------------------------------- compiling


class PathError(ValueError):
    """A path that names no attribute of the model."""


@dataclass(frozen=True)
class Step:
    name: str
    each: bool  # `name[]`: visit every item


@dataclass(frozen=True)
class Path:
    text: str
    root: str  # "cable", "document" or "item" (relative to an item type)
    steps: tuple[Step, ...]
    leaf_type: Any  # the annotation of the last step (after [] unwrapping)
    # Compiled: the path without its last step (None for one step), and the last step
    # specialised for the type it reads from. A path resolves by extending its parent's
    # items, so a check context resolves a shared prefix (`header`, `portions[]`) once.
    parent: Optional["Path"] = dataclasses.field(default=None, compare=False, repr=False)
    # (parent_items, document) -> the items of this path; see `_compile_extend`.
    extend: Optional[Callable] = dataclasses.field(default=None, compare=False, repr=False)
    # For `portions[]` and the like (a derived list visited item by item): the path of the
    # whole list, `portions`, whose items a context expands so it computes the list once.
    whole: Optional["Path"] = dataclasses.field(default=None, compare=False, repr=False)
    # The last step as `_compile_extend` took it: (type read from, field name, step
    # position, `[]`, parent has one item); the resolver module generates code from it.
    last_step: Optional[tuple] = dataclasses.field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.text


def _unwrap_optional(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return _unwrap_optional(args[0])
    return annotation


def _item_type(annotation):
    """The item type of list[X], tuple[X, ...], set[X], frozenset[X]; None if not a collection."""
    annotation = _unwrap_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(annotation)
        return args[0] if args else Any
    return None


@functools.lru_cache(maxsize=None)
def _hints(cls) -> dict[str, Any]:
    namespace = vars(model)
    hints = dict(typing.get_type_hints(cls, globalns=namespace))
    for name in dir(cls):
        attribute = getattr(cls, name, None)
        if isinstance(attribute, property) and not name.startswith("_"):
            try:
                hints[name] = typing.get_type_hints(attribute.fget, globalns=namespace).get("return", Any)
            except Exception:  # an unannotated property: still addressable
                hints[name] = Any
    return hints


def _attribute_type(owner, name: str):
    owner = _unwrap_optional(owner)
    if owner is Any:
        return Any
    if not isinstance(owner, type) or name.startswith("_"):
        raise PathError(f"'{name}' is not an attribute of {getattr(owner, '__name__', owner)}")
    if dataclasses.is_dataclass(owner) or owner.__module__ == model.__name__:
        hints = _hints(owner)
        if name in hints:
            return hints[name]
        if not hasattr(owner, name) or (dataclasses.is_dataclass(owner) and hints):
            raise PathError(f"{owner.__name__} has no field '{name}' (fields: {', '.join(sorted(hints))})")
        return Any
    attribute = getattr(owner, name, None)
    if attribute is not None and not callable(attribute):
        return Any  # a plain attribute of a value type: date.year, Level.label
    raise PathError(f"'{name}' is not an attribute of {owner.__name__}")


def compile_path(text: str, owner: Any = None) -> Path:
    """Check `text` against the model; raise PathError saying what is wrong.

    `owner` compiles a path relative to an item type (e.g. `Banner` for `section`)."""
    if not isinstance(text, str) or not text.strip():
        raise PathError("a field path must be a non-empty string")
    raw_steps = text.strip().split(".")
    root = "cable" if owner is None else "item"
    owner = owner or Cable
    if owner is Cable and raw_steps[0] == "document":
        root, owner = "document", Document
        raw_steps = raw_steps[1:]
        if not raw_steps:
            raise PathError("'document' needs a field after it (document.external.classification)")
    prefix = "document." if root == "document" else ""
    path: Optional[Path] = None
    steps: list[Step] = []
    annotation: Any = owner
    for position, raw in enumerate(raw_steps):
        step_owner = _unwrap_optional(annotation)
        each = raw.endswith("[]")
        name = raw[:-2] if each else raw
        if not name.isidentifier():
            raise PathError(f"'{raw}' in '{text}' is not a field name")
        if position == 0 and root == "cable" and name in DERIVED:
            annotation = DERIVED[name].type
        else:
            try:
                annotation = _attribute_type(annotation, name)
            except PathError as error:
                raise PathError(f"in '{text}': {error}") from None
        if each:
            item = _item_type(annotation)
            if item is None:
                raise PathError(f"in '{text}': '{name}' is not a list, so '{name}[]' cannot visit items")
            annotation = item
        steps.append(Step(name, each))
        one_parent = not any(step.each for step in steps[:-1])  # every step so far maps 1 item to 1
        whole = None
        if position == 0 and root == "cable" and name in DERIVED and each:
            whole = compile_path(name)
        path = Path(prefix + ".".join(raw_steps[:position + 1]), root, tuple(steps), annotation,
                    parent=path, extend=_compile_extend(step_owner, name, position, each, one_parent),
                    whole=whole, last_step=(step_owner, name, position, each, one_parent))
        if root != "item":
            _BY_TEXT.setdefault(path.text, path)
    if _collected is not None:
        _collected.append(path)
    return path


# Cable and document paths by text: a text names one such path (the model is fixed), so a
# context keys what it resolved by text and finds the path again here when it must resolve.
_BY_TEXT: dict[str, Path] = {}


def path_named(text: str) -> Path:
    """The compiled cable or document path `text` (compiled before)."""
    return _BY_TEXT[text]


# The paths compiled while `collect_paths` runs (None: not collecting).
_collected: Optional[list] = None


@contextlib.contextmanager
def collect_paths() -> Iterator[list]:
    """Gather every path compiled inside the `with` block (a rule's, for the resolver)."""
    global _collected
    outer, _collected = _collected, []
    try:
        yield _collected
    finally:
        gathered, _collected = _collected, outer
        if outer is not None:
            outer.extend(gathered)


def note_path(path: Path) -> None:
    """Count a path compiled earlier (a shared one) as used by the rule being compiled."""
    if _collected is not None:
        _collected.append(path)


def is_collection(path: Path) -> bool:
    return _item_type(path.leaf_type) is not None


# ---------------------------------------------------------------- resolving


class Item(NamedTuple):
    """One value found along a path, with the best span to report it at.

    The layout of an item. Inside a check, items are plain tuples `(value, span,
    in_file)`, unpacked where they are read: a check resolves ~140 of them per cable, and
    a plain tuple costs a fifth of a named one to build. `resolve` returns `Item`s.
    """

    value: Any
    span: Optional[Span]
    in_file: bool = False  # span already in file coordinates (publisher metadata)


# Types whose values never carry a span (most leaves): no need to look for one. Grows
# as `_span_of` meets other such types (Level, date), once per type.
_SPANLESS: set[type] = {str, int, bool, float, type(None)}

SpanReader = Callable[[Any], Optional[Span]]


def _no_span(obj) -> None:
    return None


def _same_span(obj) -> Span:
    return obj


def _span_attribute(obj) -> Optional[Span]:
    span = getattr(obj, "span", None)
    return span if isinstance(span, Span) else None


_SPAN_READERS: dict[type, SpanReader] = {}


def _span_of(obj) -> Optional[Span]:
    """The span of a value: itself if a Span, its `span` attribute, or None."""
    reader = _SPAN_READERS.get(type(obj))
    if reader is None:  # decided once per type, from the first value seen
        if isinstance(obj, Span):
            reader = _same_span
        else:
            reader = _span_attribute if hasattr(obj, "span") else _no_span
        if reader is _no_span:
            _SPANLESS.add(type(obj))
        _SPAN_READERS[type(obj)] = reader
    return reader(obj)


def _dataclass_has_span(owner: type) -> bool:
    """Whether values of the dataclass `owner` have a `span` attribute (`_span_of`'s test)."""
    return "span" in {f.name for f in dataclasses.fields(owner)} or hasattr(owner, "span")


def root_item_of(root: Any) -> tuple:
    """Where a path starts: the cable or the document (None if there is no document)."""
    return (root, None, False)


def _resolve_below(path: Path, root: tuple, document: Optional[Document]) -> list[tuple]:
    parent_items = [root] if path.parent is None else _resolve_below(path.parent, root, document)
    return path.extend(parent_items, document)


def resolve_from(path: Path, obj: Any, span: Optional[Span] = None) -> list[tuple]:
    """Leaves of a relative path (compiled with an `owner`) below one item, as plain
    (value, span, in_file) tuples."""
    return _resolve_below(path, (obj, _span_of(obj) or span, False), None)


def resolve(path: Path, cable: Cable, document: Optional[Document]) -> list[Item]:
    """Every leaf value (None for a missing one), each with the nearest span."""
    root = root_item_of(document if path.root == "document" else cable)
    return [Item._make(item) for item in _resolve_below(path, root, document)]


def _derived(name: str, cable: Cable, document: Optional[Document]):
    derived = DERIVED[name]
    if derived.reads_document:
        return derived.compute(cable, document)
    return derived.compute(cable)


def _step(obj, name: str, index: int, span, in_file: bool, document):
    """One step for a value of any type (the compiled steps fall back to this one)."""
    if index == 0 and isinstance(obj, Cable) and name in DERIVED:
        value = _derived(name, obj, document)
    elif isinstance(obj, model.ExternalMetadata) and name != "spans":
        value = getattr(obj, name)
        if name in obj.spans:
            span, in_file = obj.spans[name], True
    else:
        value = getattr(obj, name, None)
    hint = SPAN_HINTS.get((type(obj), name))
    hinted = _span_of(getattr(obj, hint, None)) if hint is not None else None
    return value, hinted or _span_of(obj) or span, in_file


# A compiled step: (obj, span, in_file, document) -> (value, span, in_file).
StepFunction = Callable[[Any, Optional[Span], bool, Optional[Document]], tuple]
# A compiled path step: (parent_items, document) -> the items one step further.
ExtendFunction = Callable[[list, Optional[Document]], list]


def _compile_extend(owner: Any, name: str, index: int, each: bool, one_parent: bool = False) -> ExtendFunction:
    """The last step of a path, specialised for the annotated type `owner` it reads from
    (`one_parent`: the parent path always has exactly one item).

    A missing value (None) is carried to the end with the last span seen."""
    if not (isinstance(owner, type) and dataclasses.is_dataclass(owner)):
        return _extend_by(lambda obj, span, in_file, document: _step(obj, name, index, span, in_file, document),
                          each)
    if one_parent and not each:
        return _extend_one_field(owner, name, index)
    return _extend_by(_compile_step(owner, name, index), each)


def _extend_by(step: StepFunction, each: bool) -> ExtendFunction:
    def extend(parent_items: list, document: Optional[Document]) -> list:
        found = []
        add = found.append
        for obj, span, in_file in parent_items:
            if obj is None:
                add((None, span, in_file))
                continue
            value, span, in_file = step(obj, span, in_file, document)
            if not each:
                if type(value) not in _SPANLESS:  # `_span_of(value) or span`, the usual case inlined
                    own = getattr(value, "span", None)
                    span = own if isinstance(own, Span) else _span_of(value) or span
                add((value, span, in_file))
            elif value:
                _add_each(add, value, span, in_file)
        return found
    return extend


def _extend_one_field(owner: type, name: str, index: int) -> ExtendFunction:
    """The last step of a path whose every step reads one value (`eo.value_kind`, most
    paths): one item in, one out, without a loop."""
    read = _compile_step(owner, name, index)

    def extend(parent_items: list, document: Optional[Document]) -> list:
        ((obj, span, in_file),) = parent_items
        if obj is None:
            return [(None, span, in_file)]
        value, span, in_file = read(obj, span, in_file, document)
        if type(value) not in _SPANLESS:
            own = getattr(value, "span", None)
            span = own if isinstance(own, Span) else _span_of(value) or span
        return [(value, span, in_file)]
    return extend


def each_item(whole_items: list) -> list:
    """The items of `list[]` from those of `list`: what `_extend_by` gives for `each`."""
    found = []
    add = found.append
    for value, span, in_file in whole_items:
        if value:
            _add_each(add, value, span, in_file)
    return found


def _add_each(add, values, span: Optional[Span], in_file: bool) -> None:
    """Add an item for each of `values`, at its own span or else the list's."""
    for item in values:
        if type(item) in _SPANLESS:
            add((item, span, in_file))
        else:  # `_span_of(item) or span`, the usual case inlined
            own = getattr(item, "span", None)
            add((item, own if isinstance(own, Span) else _span_of(item) or span, in_file))


def _compile_step(owner: Any, name: str, index: int) -> StepFunction:
    """`_step` specialised for values of the dataclass `owner`: whether the field is
    derived, comes from publisher metadata, or has a span hint is decided here, once.
    A value of another type takes the generic `_step`."""
    has_span = _dataclass_has_span(owner)
    span_field = "span" in {f.name for f in dataclasses.fields(owner)}  # always set: read directly
    hint = SPAN_HINTS.get((owner, name))
    derived = index == 0 and owner is Cable and name in DERIVED
    external = owner is model.ExternalMetadata and name != "spans"

    def step(obj, span, in_file, document):
        if type(obj) is not owner:
            return _step(obj, name, index, span, in_file, document)
        if derived:
            value = _derived(name, obj, document)
        elif external:
            value = getattr(obj, name)
            if name in obj.spans:
                span, in_file = obj.spans[name], True
        else:
            value = getattr(obj, name, None)
        hinted = getattr(obj, hint, None) if hint is not None else None
        if hinted is not None and not isinstance(hinted, Span):
            hinted = _span_of(hinted)
        if hinted:
            return value, hinted, in_file
        if has_span:
            own = obj.span if span_field else getattr(obj, "span", None)
            if isinstance(own, Span):
                return value, own, in_file
        return value, span, in_file
    return step


def is_present(value: Any) -> bool:
    """Present: not None, not an empty string or collection."""
    if type(value) is str:
        return value != "" and not value.isspace()  # value.strip() without copying the text
    if value is None:
        return False
    if isinstance(value, (str, list, tuple, set, frozenset, dict)):
        return bool(value.strip() if isinstance(value, str) else value)
    _ALWAYS_PRESENT.add(type(value))
    return True


# Types none of whose values can be empty (dates, levels, model objects): found by
# `is_present`, once per type.
_ALWAYS_PRESENT: set[type] = {int, bool, float}


def present_items(items: list) -> list:
    """The items whose value `is_present` (`items` itself when all are)."""
    found = []
    add = found.append
    for item in items:  # `is_present` inlined for the usual types
        value = item[0]
        kind = type(value)
        if kind is str:
            if value and not value.isspace():
                add(item)
        elif kind in _ALWAYS_PRESENT or (kind in _SIZED and value):
            add(item)
        elif kind not in _SIZED and is_present(value):
            add(item)
    return items if len(found) == len(items) else found


# The collections `is_present` tests by their size (exactly these types).
_SIZED: frozenset[type] = frozenset({list, tuple, set, frozenset, dict})


def text_of(value: Any) -> str:
    """The value as a rule compares and prints it: enum names, Field text, labels."""
    kind = type(value)
    if kind is str:
        return value
    if kind is Field:  # the most common other value (one look-up and call less)
        return value.text
    convert = _TEXT_CONVERTERS.get(kind)
    if convert is None:  # decided once per type
        convert = _TEXT_CONVERTERS[kind] = _text_converter(kind)
    return convert(value)


def _text_converter(kind: type) -> Callable[[Any], str]:
    if issubclass(kind, Level):
        return operator.attrgetter("label")
    if issubclass(kind, enum.Enum):
        return lambda value: str(value.value)
    if issubclass(kind, Field):
        return operator.attrgetter("text")
    if issubclass(kind, PortionMark):
        return lambda value: f"({value.raw})"
    if issubclass(kind, model.Caption):
        return operator.attrgetter("name")
    if issubclass(kind, _dt.date):
        return operator.methodcaller("isoformat")
    if issubclass(kind, (set, frozenset)):
        return lambda value: _joined(sorted(value)) if value else ""
    if issubclass(kind, (list, tuple)):
        return lambda value: _joined(value) if value else ""
    return str


def _joined(values) -> str:
    """The items' texts joined with commas (a list, not a generator: `join` is faster so)."""
    return ", ".join([item if type(item) is str else text_of(item) for item in values])


_TEXT_CONVERTERS: dict[type, Callable[[Any], str]] = {int: str, type(None): lambda value: ""}
