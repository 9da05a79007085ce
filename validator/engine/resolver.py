"""Every path a rule set reads, resolved for a cable by one generated function.

Resolving paths one by one through `Context.items` cost a cache look-up, a recursion into
the parent path and a compiled step call per path; a check asks for ~80 paths a cable.
The rule set instead compiles, at load time, one Python function that resolves all of
them in order, parents first, and returns their items and present items by path text:
a `Context` starts with them. Steps on model types are written out inline (the one-field
paths below a one-item path as one group); other steps call the path's own `extend`.

The generated code gives exactly the items `Context.items` would: it makes the same
decisions as `paths._compile_step`, `_extend_one_field` and `_extend_by`, and a value whose
type is not the annotated one takes the generic step. If it raises, the context resolves
lazily as before, so a failing path still fails only the rules that read it.

`print(load_ruleset().resolver_source)` shows the code.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Callable, Iterable, Optional

from validator import model
from validator.engine import paths as _paths
from validator.engine.codegen import Names, define
from validator.engine.paths import DERIVED, SPAN_HINTS, Path
from validator.model import Cable, Span

Resolver = Callable[[Cable, Optional[model.Document]], tuple[dict, dict]]


def _with_prefixes(paths: Iterable[Path]) -> list[Path]:
    """The paths with every parent and `whole` they are built from, each text once,
    parents (and wholes) first."""
    ordered: dict[str, Path] = {}

    def add(path: Path) -> None:
        if path.text in ordered:
            return
        if path.parent is not None:
            add(path.parent)
        if path.whole is not None:
            add(path.whole)
        ordered[path.text] = path

    for path in paths:
        if path.root in ("cable", "document"):
            add(path)
    return list(ordered.values())


class _Writer(Names):
    """Generated source, line by line, and the values it names."""

    def __init__(self, **helpers) -> None:
        super().__init__(**helpers)
        self.lines: list[str] = []

    def line(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + text)


def _read_field(w: _Writer, path: Path, depth: int) -> None:
    """`paths._compile_step` for the path's owner type, written out: `v, s, f` (value,
    span, in file) from the item `o, s, f` whose `o` is not None."""
    owner, name, index, _, _ = path.last_step
    field_names = {f.name for f in dataclasses.fields(owner)}
    hint = SPAN_HINTS.get((owner, name))
    w.line(f"if type(o) is not {w.constant(owner, 'T')}:", depth)
    w.line(f"v, s, f = generic_step(o, {name!r}, {index}, s, f, document)", depth + 1)
    w.line("else:", depth)
    depth += 1
    if index == 0 and owner is Cable and name in DERIVED:
        w.line(f"v = {_derived_call(w, name)}", depth)
    elif owner is model.ExternalMetadata and name != "spans":
        w.line(f"v = o.{name}", depth)
        w.line(f"if {name!r} in o.spans:", depth)
        w.line(f"s, f = o.spans[{name!r}], True", depth + 1)
    else:
        w.line(f"v = o.{name}", depth)  # a missing attribute raises: then Context resolves lazily
    own_span = None
    if _paths._dataclass_has_span(owner):
        own_span = "o.span" if "span" in field_names else 'getattr(o, "span", None)'
    if hint is not None:
        w.line(f"h = o.{hint}", depth)
        w.line("if h is not None and not isinstance(h, Span):", depth)
        w.line("h = span_of(h)", depth + 1)
        w.line("if h:", depth)
        w.line("s = h", depth + 1)
        if own_span is not None:
            w.line(f"elif isinstance({own_span}, Span):", depth)
            w.line(f"s = {own_span}", depth + 1)
    elif own_span is not None:
        w.line(f"if isinstance({own_span}, Span):", depth)
        w.line(f"s = {own_span}", depth + 1)


def _derived_call(w: _Writer, name: str) -> str:
    """`paths._derived(name, o, document)` as a call of the derived fact's own function."""
    derived = DERIVED[name]
    arguments = "o, document" if derived.reads_document else "o"
    return f"{w.constant(derived.compute, 'derived_')}({arguments})"


def _value_span(w: _Writer, depth: int) -> None:
    """`_span_of(v) or s`, the usual case inlined (as `paths._extend_by` does)."""
    w.line("if type(v) not in SPANLESS:", depth)
    w.line('own = getattr(v, "span", None)', depth + 1)
    w.line("s = own if isinstance(own, Span) else span_of(v) or s", depth + 1)


def _one_field_step(w: _Writer, path: Path, var: str, parent: str) -> None:
    """`_extend_one_field` written out: the item tuple `var` from the item tuple `parent`."""
    w.line(f"o, s, f = {parent}")
    w.line("if o is None:")
    w.line(f"{var} = (None, s, f)", 2)
    w.line("else:")
    _read_field(w, path, 2)
    _value_span(w, 2)
    w.line(f"{var} = (v, s, f)", 2)


def _each_item_step(w: _Writer, path: Path, var: str, parent_list: str, present: str) -> None:
    """`_extend_by` written out: the item list `var` from the item list `parent_list`, and
    `present` its present items (`present_items`, in the same pass)."""
    each = path.last_step[3]
    w.line(f"{var} = []")
    w.line(f"{present} = []")
    w.line(f"for o, s, f in {parent_list}:")
    w.line("if o is None:", 2)
    w.line(f"{var}.append((None, s, f))", 3)
    w.line("continue", 3)
    _read_field(w, path, 2)
    if not each:
        _value_span(w, 2)
        w.line("t = (v, s, f)", 2)
        w.line(f"{var}.append(t)", 2)
        w.line(f"if {_present_test('v')}:", 2)
        w.line(f"{present}.append(t)", 3)
    else:
        _add_each(w, var, present, 2)
    w.line(f"if len({present}) == len({var}):  # all present: the same list, as `present_items` gives", 1)
    w.line(f"{present} = {var}", 2)


def _add_each(w: _Writer, var: str, present: str, depth: int) -> None:
    """`paths._add_each` for the list `v` of an item `(v, s, f)`, and `present_items` in
    the same pass: its items added to the list `var`, the present ones to `present`."""
    w.line("if v:", depth)
    w.line("for item in v:", depth + 1)
    w.line("if type(item) in SPANLESS:", depth + 2)
    w.line("t = (item, s, f)", depth + 3)
    w.line("else:", depth + 2)
    w.line('own = getattr(item, "span", None)', depth + 3)
    w.line("t = (item, own if isinstance(own, Span) else span_of(item) or s, f)", depth + 3)
    w.line(f"{var}.append(t)", depth + 2)
    w.line(f"if {_present_test('item')}:", depth + 2)
    w.line(f"{present}.append(t)", depth + 3)


def _each_of_whole(w: _Writer, var: str, present: str, whole_list: str) -> None:
    """`each_item` of the items `whole_list` of a derived list, then `present_items`."""
    w.line(f"{var} = []")
    w.line(f"{present} = []")
    w.line(f"for v, s, f in {whole_list}:")
    _add_each(w, var, present, 2)
    w.line(f"if len({present}) == len({var}):  # all present: the same list, as `present_items` gives")
    w.line(f"{present} = {var}", 2)


def _compiled_for_dataclass(path: Path) -> bool:
    owner = path.last_step[0]
    return path.whole is None and isinstance(owner, type) and dataclasses.is_dataclass(owner)


def _present_test(value: str) -> str:
    """`is_present(value)` as an expression, inlined for text and sized collections."""
    return (f"({value} and not {value}.isspace() if type({value}) is str else {value} is not None "
            f"and (type({value}) in ALWAYS_PRESENT or (bool({value}) if type({value}) in SIZED "
            f"else is_present({value}))))")


def _field_group(w: _Writer, parent: str, children: list[Path], number_of: dict) -> None:
    """The one-field children of the one-item path `parent` (a tuple variable), read
    together: the type test and the parent's own span are read once for all of them
    (what `_one_field_step` would do for each)."""
    owner = children[0].last_step[0]
    field_names = {f.name for f in dataclasses.fields(owner)}
    w.line(f"o, s0, f = {parent}")
    w.line(f"if type(o) is {w.constant(owner, 'T')}:")
    if _paths._dataclass_has_span(owner):
        own_span = "o.span" if "span" in field_names else 'getattr(o, "span", None)'
        w.line(f"base = {own_span}", 2)
        w.line("if not isinstance(base, Span):", 2)
        w.line("base = s0", 3)
    else:
        w.line("base = s0", 2)
    for path in children:
        n = number_of[path.text]
        _, name, index, _, _ = path.last_step
        w.line(f"# {path.text}", 2)
        if index == 0 and owner is Cable and name in DERIVED:
            w.line(f"v = {_derived_call(w, name)}", 2)
        else:
            w.line(f"v = o.{name}", 2)  # a missing attribute raises: then Context resolves lazily
        hint = SPAN_HINTS.get((owner, name))
        span = "base"
        if hint is not None:
            w.line(f"h = o.{hint}", 2)
            w.line("if h is not None and not isinstance(h, Span):", 2)
            w.line("h = span_of(h)", 3)
            w.line("s = h if h else base", 2)
            span = "s"
        w.line("if type(v) in SPANLESS:", 2)
        w.line(f"t{n} = (v, {span}, f)", 3)
        w.line("else:", 2)
        w.line('own = getattr(v, "span", None)', 3)
        w.line(f"t{n} = (v, own if isinstance(own, Span) else span_of(v) or {span}, f)", 3)
        _one_item_lists(w, n, f"p{n} if {_present_test('v')} else []")
    w.line("elif o is None:")
    for path in children:
        n = number_of[path.text]
        w.line(f"t{n} = (None, s0, f)", 2)
        _one_item_lists(w, n, "[]")
    w.line("else:  # not the annotated type: each path's own step")
    for path in children:
        n = number_of[path.text]
        w.line(f"(t{n},) = {w.constant(path.extend, 'extend')}([{parent}], document)", 2)
        w.line(f"v = t{n}[0]", 2)
        _one_item_lists(w, n, f"p{n} if {_present_test('v')} else []")


def _one_item_lists(w: _Writer, n: int, present: str) -> None:
    """The items `p<n>` of a one-item path (its item `t<n>`) and its present items `q<n>`."""
    w.line(f"p{n} = [t{n}]", 2)
    w.line(f"q{n} = {present}", 2)


def _groupable(path: Path) -> bool:
    owner = path.last_step[0]
    return (_compiled_for_dataclass(path) and not path.last_step[3]
            and owner is not model.ExternalMetadata)  # its spans come from a table: one by one


def generate(paths: Iterable[Path]) -> tuple[str, Names]:
    """The source of `resolve_paths(cable, document) -> ({path text: items}, {path text:
    present items})` and its globals (present items of every path written out here).

    The paths are written out parent first: the one-field paths below a one-item path
    as one group (`_field_group`), then the paths that visit lists."""
    w = _Writer(Span=Span, SPANLESS=_paths._SPANLESS, span_of=_paths._span_of, generic_step=_paths._step,
                ALWAYS_PRESENT=_paths._ALWAYS_PRESENT, SIZED=_paths._SIZED, is_present=_paths.is_present)
    w.lines.append("def resolve_paths(cable, document):")
    w.line("root_cable = (cable, None, False)")
    w.line("root_document = (document, None, False)")
    ordered = _with_prefixes(paths)
    number_of = {path.text: number for number, path in enumerate(ordered)}
    children: dict[str, list[Path]] = {}  # parent text ("" for a root) -> its paths
    for path in ordered:
        key = path.parent.text if path.parent is not None else ":" + path.root
        children.setdefault(key, []).append(path)
    tuple_of = {":cable": "root_cable", ":document": "root_document"}  # text -> its one item
    present_of: list[str] = []

    def write_below(key: str) -> None:
        below = children.get(key, [])
        parent_tuple = tuple_of.get(key)
        grouped = [path for path in below if parent_tuple is not None and _groupable(path)]
        if grouped:
            _field_group(w, parent_tuple, grouped, number_of)
            for path in grouped:
                tuple_of[path.text] = f"t{number_of[path.text]}"
                present_of.append(path.text)
        for path in below:
            if path in grouped:
                continue
            var = f"p{number_of[path.text]}"
            parent_list = f"[{parent_tuple}]" if path.parent is None else f"p{number_of[path.parent.text]}"
            w.line(f"# {path.text}")
            if path.whole is not None:
                _each_of_whole(w, var, f"q{number_of[path.text]}", f"p{number_of[path.whole.text]}")
                present_of.append(path.text)
            elif _compiled_for_dataclass(path) and parent_tuple is not None and not path.last_step[3]:
                n = number_of[path.text]
                _one_field_step(w, path, f"t{n}", parent_tuple)
                w.line(f"{var} = [t{n}]")
                w.line(f"v = t{n}[0]")
                w.line(f"q{n} = {var} if {_present_test('v')} else []")
                tuple_of[path.text] = f"t{n}"
                present_of.append(path.text)
            elif _compiled_for_dataclass(path):
                _each_item_step(w, path, var, parent_list, f"q{number_of[path.text]}")
                present_of.append(path.text)
            else:
                w.line(f"{var} = {w.constant(path.extend, 'extend')}({parent_list}, document)")
        for path in below:
            write_below(path.text)

    write_below(":cable")
    write_below(":document")
    # A copy of a dict holding the keys, then filled: cheaper than a dict display of ~80
    # entries (which inserts each key into a growing table).
    w.line(f"items = {w.constant(dict.fromkeys(path.text for path in ordered), 'keys')}.copy()")
    for path in ordered:
        w.line(f"items[{path.text!r}] = p{number_of[path.text]}")
    w.line(f"present = {w.constant(dict.fromkeys(present_of), 'keys')}.copy()")
    for text in present_of:
        w.line(f"present[{text!r}] = q{number_of[text]}")
    w.line("return items, present")
    return "\n".join(w.lines) + "\n", w


def compile_resolver(paths: Iterable[Path]) -> tuple[Resolver, str]:
    """The generated function for `paths`, and its source (for reading and debugging).

    Compiled at every load (~6 ms), never kept on disk: loading code from a cache
    folder (one a CI job may restore from another branch's run) would run whatever was
    put there. The cache folder holds data only (vocabularies, results as JSON)."""
    source, names = generate(paths)
    resolve = define(source, names, "resolve_paths", "path resolver")
    _return_freed_memory()
    return resolve, source


def _return_freed_memory() -> None:
    """Compiling the generated source takes about 9 MB of C heap for its syntax tree,
    freed but kept by the C allocator for the life of the process (and of every worker
    forked from it); glibc's `malloc_trim` hands it back. Nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # another C library
        pass
